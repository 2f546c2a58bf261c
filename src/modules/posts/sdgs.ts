// The 17 UN Sustainable Development Goals with their official short names (https://sdgs.un.org/goals).
export const sdgs: readonly { number: number; name: string }[] = [
  { number: 1, name: 'No poverty' },
  { number: 2, name: 'Zero hunger' },
  { number: 3, name: 'Good health and well-being' },
  { number: 4, name: 'Quality education' },
  { number: 5, name: 'Gender equality' },
  { number: 6, name: 'Clean water and sanitation' },
  { number: 7, name: 'Affordable and clean energy' },
  { number: 8, name: 'Decent work and economic growth' },
  { number: 9, name: 'Industry, innovation and infrastructure' },
  { number: 10, name: 'Reduced inequalities' },
  { number: 11, name: 'Sustainable cities and communities' },
  { number: 12, name: 'Responsible consumption and production' },
  { number: 13, name: 'Climate action' },
  { number: 14, name: 'Life below water' },
  { number: 15, name: 'Life on land' },
  { number: 16, name: 'Peace, justice and strong institutions' },
  { number: 17, name: 'Partnerships for the goals' },
];

export function isSdg(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= sdgs.length;
}

// "Goal 5: Gender equality"; an unknown number says so rather than inventing a name.
export function sdgLabel(value: number): string {
  const goal = sdgs[value - 1];
  return goal && isSdg(value) ? `Goal ${goal.number}: ${goal.name}` : `Goal ${value} (unknown)`;
}
