import type { FundingAnswerKey, FundingAnswers } from './applications.tables.ts';

// The questions that decide the disadvantaged top-up of the funding (Turing Scheme and Erasmus+).
// Criteria from the Turing Scheme's "disadvantaged" definition as universities publish it
// (../shared/data/funding/turing-scheme.json, disadvantaged_definition, with its sources: sgul.ac.uk,
// gold.ac.uk, turing-scheme.org.uk/about/widening-access). The £25,000 income threshold is the
// scheme's; £42,875 is the household income above which no maintenance-loan top-up applies in England.
export const FUNDING_PURPOSE =
  'These answers decide whether you qualify for extra funding for students from disadvantaged backgrounds (for example the Turing Scheme’s higher grant and travel costs). Only the programme team sees them; the partner and the selectors never do, and they play no part in selection.';

const yesNo = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'prefer_not', label: 'Prefer not to say' },
] as const;

export interface FundingQuestion {
  key: FundingAnswerKey;
  label: string;
  hint?: string;
  options: readonly { value: string; label: string }[];
}

export const fundingQuestions: readonly FundingQuestion[] = [
  {
    key: 'incomeBand',
    label: 'What is your household’s income before tax, a year?',
    hint: 'The figure Student Finance assessed, if you have one.',
    options: [
      { value: 'up_to_25000', label: '£25,000 or less' },
      { value: '25001_to_42875', label: '£25,001 to £42,875' },
      { value: 'over_42875', label: 'More than £42,875' },
      { value: 'unknown', label: 'I don’t know' },
      { value: 'prefer_not', label: 'Prefer not to say' },
    ],
  },
  { key: 'incomeBenefits', label: 'Do you, or does your household, receive Universal Credit or another income-related benefit?', options: yesNo },
  { key: 'careExperience', label: 'Are you care experienced, or a care leaver?', options: yesNo },
  { key: 'caringResponsibilities', label: 'Do you have unpaid caring responsibilities?', hint: 'For example, looking after a relative who is ill or disabled.', options: yesNo },
  { key: 'estranged', label: 'Are you estranged from your family?', hint: 'You have no contact with, or support from, your parents.', options: yesNo },
  { key: 'refugee', label: 'Do you have refugee status, or are you seeking asylum?', options: yesNo },
  { key: 'disabilityCosts', label: 'Would you have disability-related costs while abroad?', hint: 'For example support workers, equipment or accessible travel.', options: yesNo },
];

export const fundingField = (key: FundingAnswerKey): string => `funding_${key}`;

export interface FundingParse {
  answers: FundingAnswers;
  errors: Record<string, string>;
}

// What the form sent: known answers kept, anything else a field error; an unanswered question is absent.
export function parseFunding(body: Record<string, unknown>): FundingParse {
  const answers: FundingAnswers = {};
  const errors: Record<string, string> = {};
  for (const question of fundingQuestions) {
    const raw = body[fundingField(question.key)];
    if (raw === undefined || raw === '') continue;
    if (typeof raw === 'string' && question.options.some((o) => o.value === raw)) answers[question.key] = raw;
    else errors[fundingField(question.key)] = `Choose one of the answers to “${question.label}”`;
  }
  return { answers, errors };
}

export function missingFunding(answers: FundingAnswers): FundingQuestion[] {
  return fundingQuestions.filter((q) => answers[q.key] === undefined);
}

export function fundingAnswerLabel(question: FundingQuestion, value: string | undefined): string {
  return question.options.find((o) => o.value === value)?.label ?? 'Not answered';
}
