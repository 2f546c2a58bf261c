// A mean or a spread of rubric scores as the selection pages show it: one decimal, a dash for none.
export const oneDecimal = (n: number | null) => (n === null ? '–' : n.toFixed(1));
