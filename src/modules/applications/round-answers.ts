import type { RoundQuestion } from '../rounds/round-questions.service.ts';

export const SHORT_ANSWER_MAX = 300;
export const LONG_ANSWER_MAX = 5_000;
export const AGREED = 'agreed';

export const answerField = (question: { id: string }): string => `answer_${question.id}`;

export type Answers = Map<string, string>;

// The answers the form sent to the round's questions: what is valid is kept, the rest are field
// errors. An empty answer is no answer (required ones are a completeness problem, at submission).
export function parseAnswers(questions: readonly RoundQuestion[], body: Record<string, unknown>): { answers: Answers; errors: Record<string, string> } {
  const answers: Answers = new Map();
  const errors: Record<string, string> = {};
  for (const question of questions) {
    const field = answerField(question);
    const raw = body[field];
    const value = typeof raw === 'string' ? raw.replace(/\r\n/g, '\n').trim() : '';
    if (raw !== undefined && typeof raw !== 'string') {
      errors[field] = `Give one answer to “${question.prompt}”`;
      continue;
    }
    if (value === '') continue;
    switch (question.kind) {
      case 'short_text':
        if (value.length > SHORT_ANSWER_MAX) errors[field] = `Your answer to “${question.prompt}” has ${value.length} characters; the limit is ${SHORT_ANSWER_MAX}`;
        else answers.set(question.id, value);
        break;
      case 'long_text':
        if (value.length > LONG_ANSWER_MAX) errors[field] = `Your answer to “${question.prompt}” has ${value.length} characters; the limit is ${LONG_ANSWER_MAX}`;
        else answers.set(question.id, value);
        break;
      case 'single_choice':
        if (question.options.includes(value)) answers.set(question.id, value);
        else errors[field] = `Choose one of the answers to “${question.prompt}”`;
        break;
      case 'yes_no':
        if (value === 'yes' || value === 'no') answers.set(question.id, value);
        else errors[field] = `Answer yes or no to “${question.prompt}”`;
        break;
      case 'declaration':
        if (value === AGREED) answers.set(question.id, AGREED);
        else errors[field] = `Tick the box to confirm “${question.prompt}”`;
        break;
    }
  }
  return { answers, errors };
}

// What must still be answered or confirmed before the application can be submitted, in plain words.
export function missingAnswers(questions: readonly RoundQuestion[], answers: Answers): string[] {
  return questions
    .filter((q) => (q.kind === 'declaration' || q.required) && !answers.has(q.id))
    .map((q) => (q.kind === 'declaration' ? `Confirm the declaration: “${q.prompt}”` : `Answer the question: “${q.prompt}”`));
}

export function answerLabel(question: RoundQuestion, value: string | undefined): string {
  if (value === undefined) return 'Not answered';
  if (question.kind === 'yes_no') return value === 'yes' ? 'Yes' : 'No';
  if (question.kind === 'declaration') return 'Confirmed';
  return value;
}
