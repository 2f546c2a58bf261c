import { z } from 'zod';
import { checkbox, optionalText, requiredText } from '../../platform/http/form-fields.ts';

// The kinds staff pick for a question; declarations have a form of their own.
export const askedKinds = ['short_text', 'long_text', 'single_choice', 'yes_no'] as const;
export type AskedKind = (typeof askedKinds)[number];

export const kindNames: Record<AskedKind | 'declaration', string> = {
  short_text: 'Short text',
  long_text: 'Long text',
  single_choice: 'Single choice',
  yes_no: 'Yes or no',
  declaration: 'Declaration',
};

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 20;
export const OPTION_MAX = 200;

// The options textarea: one choice a line; blank lines do not count.
export function optionLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function optionsProblem(options: string[]): string | undefined {
  if (options.length < MIN_OPTIONS) return `Enter at least ${MIN_OPTIONS} options, one on each line`;
  if (options.length > MAX_OPTIONS) return `Enter no more than ${MAX_OPTIONS} options`;
  const long = options.find((o) => o.length > OPTION_MAX);
  if (long) return `Each option must be ${OPTION_MAX} characters or fewer`;
  const seen = new Set<string>();
  for (const option of options) {
    const key = option.toLowerCase();
    if (seen.has(key)) return `“${option}” is there twice: each option must be different`;
    seen.add(key);
  }
  return undefined;
}

const structure = {
  kind: z.enum(askedKinds, { error: 'Choose the kind of answer' }),
  required: checkbox,
  options: z
    .string({ error: 'Enter the options as text' })
    .optional()
    .transform((v) => optionLines(v ?? '')),
};

const wording = {
  prompt: requiredText('the question', 500),
  hint: optionalText('the hint', 500),
};

// A whole question, while the round's applications are not open yet.
export const questionForm = z
  .object({ ...wording, ...structure })
  .superRefine((form, ctx) => {
    if (form.kind !== 'single_choice') return;
    const problem = optionsProblem(form.options);
    if (problem) ctx.addIssue({ code: 'custom', path: ['options'], message: problem });
  })
  .transform((form) => ({ ...form, options: form.kind === 'single_choice' ? form.options : [] }));
export type QuestionForm = z.infer<typeof questionForm>;

// Once applications are open, only the words can change.
export const wordingForm = z.object(wording);
export type WordingForm = z.infer<typeof wordingForm>;

export const declarationForm = z.object({ statement: requiredText('the declaration', 500) });
export type DeclarationForm = z.infer<typeof declarationForm>;

export const moveForm = z.object({ direction: z.enum(['up', 'down'], { error: 'Choose up or down' }) });
