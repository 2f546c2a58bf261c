// "1 user", "2 users": counts in captions and messages read as plain English.
const numbers = new Intl.NumberFormat('en-GB');

export function plural(count: number, one: string, many = `${one}s`): string {
  // toLocaleString would build a formatter on every call
  return `${numbers.format(count)} ${count === 1 ? one : many}`;
}
