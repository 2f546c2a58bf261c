import { equalityQuestions, optionsOf } from './equality.questions.ts';
import type { EqualityAnswers, EqualityQuestionKey } from './equality.tables.ts';

// Counts of equality answers with small numbers suppressed (PRODUCT.md: cells under 5). Pure: no
// database, no request. Nothing here keeps a single response.

export const MIN_CELL = 5;
export const NOT_ANSWERED = 'not_answered';

// null: suppressed ("fewer than 5", or hidden so that another suppressed cell cannot be derived)
export type Cell = number | null;

export interface AggregateRow {
  value: string;
  label: string;
  count: Cell;
}

export interface QuestionAggregate {
  key: EqualityQuestionKey;
  label: string;
  rows: AggregateRow[];
}

export interface EqualityAggregate {
  total: Cell;
  questions: QuestionAggregate[];
}

// Cells under MIN_CELL are suppressed. The cells of a question add up to the total shown, so a
// single suppressed cell could be worked out by subtraction: then the smallest other cell is
// suppressed too (complementary suppression).
export function suppress(counts: readonly number[]): Cell[] {
  const hidden = counts.map((n) => n < MIN_CELL);
  if (hidden.filter(Boolean).length === 1) {
    let next = -1;
    counts.forEach((n, i) => {
      if (!hidden[i] && (next === -1 || n < (counts[next] ?? Infinity))) next = i;
    });
    if (next !== -1) hidden[next] = true;
  }
  return counts.map((n, i) => (hidden[i] ? null : n));
}

export function aggregate(responses: readonly EqualityAnswers[]): EqualityAggregate {
  const total = responses.length;
  const questions = equalityQuestions.map((question) => {
    const options = [...optionsOf(question), { value: NOT_ANSWERED, label: 'Not answered' }];
    const counts = options.map((option) => responses.filter((r) => (r[question.key] ?? NOT_ANSWERED) === option.value).length);
    const cells = total < MIN_CELL ? counts.map(() => null) : suppress(counts);
    return { key: question.key, label: question.shortLabel, rows: options.map((option, i) => ({ value: option.value, label: option.label, count: cells[i] ?? null })) };
  });
  return { total: total < MIN_CELL ? null : total, questions };
}

export const cellText = (cell: Cell): string => (cell === null ? 'fewer than 5' : String(cell));
