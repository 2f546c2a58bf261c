import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resultsFile } from './paths.ts';

export type Comparison = '>=' | '<' | '=';

export interface Target {
  op: Comparison;
  bound: number;
}

export interface Figure {
  value: number;
  unit: string;
  target?: Target | undefined;
}

export type Figures = Record<string, Figure>;

// A part that failed after measuring something: the figures are still written (their targets show what failed).
export class PartFailure extends Error {
  constructor(
    message: string,
    readonly figures: Figures,
  ) {
    super(message);
  }
}

// the shape of bench/results.json
export interface StoredFigure {
  value: number;
  unit: string;
  target: string;
}

export const REPORT_ONLY = 'report only';

const opSymbol: Record<Comparison, string> = { '>=': '≥', '<': '<', '=': '=' };

export function describeTarget(figure: Figure): string {
  if (!figure.target) return REPORT_ONLY;
  return `${opSymbol[figure.target.op]} ${figure.target.bound} ${figure.unit}`;
}

export function meetsTarget(figure: Figure): boolean | undefined {
  const { target } = figure;
  if (!target) return undefined;
  if (target.op === '>=') return figure.value >= target.bound;
  if (target.op === '<') return figure.value < target.bound;
  return figure.value === target.bound;
}

function isStoredFigure(value: unknown): value is StoredFigure {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.value === 'number' && typeof record.unit === 'string' && typeof record.target === 'string';
}

function readStored(): Record<string, StoredFigure> {
  if (!existsSync(resultsFile)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch (error) {
    throw new Error(`${resultsFile} is not valid JSON; fix or delete it (${String(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${resultsFile} does not hold an object`);
  const stored: Record<string, StoredFigure> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (isStoredFigure(value)) stored[name] = { value: value.value, unit: value.unit, target: value.target };
  }
  return stored;
}

// merged into what is there, so running one part keeps the others' figures
export function saveFigures(figures: Figures): void {
  const merged = readStored();
  for (const [name, figure] of Object.entries(figures)) {
    merged[name] = { value: figure.value, unit: figure.unit, target: describeTarget(figure) };
  }
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  const temporary = `${resultsFile}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(sorted, null, 2)}\n`);
  renameSync(temporary, resultsFile);
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function formatTable(figures: Figures): string {
  const header = ['figure', 'value', 'unit', 'target', 'met'];
  const rows = Object.entries(figures).map(([name, figure]) => {
    const met = meetsTarget(figure);
    return [name, String(figure.value), figure.unit, describeTarget(figure), met === undefined ? '' : met ? 'yes' : 'NO'];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? cell.length;
        // numbers right-aligned
        return column === 1 ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
