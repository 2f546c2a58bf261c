import { stringify } from 'csv-stringify/sync';

// A spreadsheet must not run a cell as a formula (CSV injection): a cell that starts with
// = + - @, a tab or a carriage return gets a leading single quote.
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

// A CSV document of a header and rows, every cell neutralised.
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return stringify([header, ...rows].map((row) => row.map(neutraliseCell)));
}
