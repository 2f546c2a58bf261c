import type { FieldValues } from '../../platform/views/forms.tsx';
import type { FundingAnswers } from './applications.tables.ts';
import { fundingField, fundingQuestions } from './funding-questions.ts';

export const MOTIVATION_WORD_LIMIT = 150;
// a hard cap on what is stored, whatever the round's word limit
export const STATEMENT_MAX_CHARS = 30_000;
const MOTIVATION_MAX_CHARS = 3_000;
// the rows a form may carry at most, whatever the round allows (more is refused, not read)
const MAX_ROWS = 20;

export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

export interface ChoiceRow {
  // 1-based row of the form
  row: number;
  postId: string;
  motivation: string;
}

export interface ApplicationForm {
  rows: ChoiceRow[];
  statement: string;
  // the highest row number the form sent with a post in it
  highestRow: number;
  intent: 'save' | 'submit';
  // the whole body, for the answers to the round's questions and the funding questions, which the
  // service reads against the round
  raw: Record<string, unknown>;
}

function text(body: Record<string, unknown>, key: string, max: number): string {
  const value = body[key];
  return typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim().slice(0, max) : '';
}

// The application form as sent: rows with a post chosen, in row order; checks against the round
// are the service's.
export function parseApplicationForm(raw: unknown): ApplicationForm {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rows: ChoiceRow[] = [];
  let highestRow = 0;
  for (const key of Object.keys(body)) {
    const match = /^choice(\d{1,3})$/.exec(key);
    if (!match) continue;
    const row = Number(match[1]);
    const postId = text(body, key, 100);
    if (postId === '' || row < 1) continue;
    highestRow = Math.max(highestRow, row);
    if (row <= MAX_ROWS) rows.push({ row, postId, motivation: text(body, `motivation${row}`, MOTIVATION_MAX_CHARS) });
  }
  rows.sort((a, b) => a.row - b.row);
  return { rows, statement: text(body, 'statement', STATEMENT_MAX_CHARS), highestRow, intent: body.intent === 'submit' ? 'submit' : 'save', raw: body };
}

export function withdrawReason(raw: unknown): string {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return text(body, 'reason', 1000);
}

// what the form shows: the typed values, or the stored application
export function formValues(statement: string, choices: { postId: string; motivation: string }[], answers: Map<string, string> = new Map(), funding: FundingAnswers = {}): FieldValues {
  const values: FieldValues = { statement };
  choices.forEach((c, i) => {
    values[`choice${i + 1}`] = c.postId;
    values[`motivation${i + 1}`] = c.motivation;
  });
  for (const [questionId, value] of answers) values[`answer_${questionId}`] = value;
  for (const question of fundingQuestions) {
    const value = funding[question.key];
    if (value !== undefined) values[fundingField(question.key)] = value;
  }
  return values;
}
