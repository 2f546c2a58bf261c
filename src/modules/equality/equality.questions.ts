import type { EqualityAnswers, EqualityQuestionKey } from './equality.tables.ts';

// The equality-monitoring questions (PRODUCT.md, data protection): optional, each with "Prefer
// not to say", asked after submission and stored apart from the application.

export const PREFER_NOT = 'prefer_not';

export const EQUALITY_PURPOSE =
  'We ask these questions to see whether the programme reaches students from every background, and to report on equality, diversity and inclusion. Every question is optional, and each has “Prefer not to say”.';

export interface EqualityOption {
  value: string;
  label: string;
}

export interface EqualityOptionGroup {
  label: string;
  options: readonly EqualityOption[];
}

export interface EqualityQuestion {
  key: EqualityQuestionKey;
  label: string;
  // a short name for the aggregate table
  shortLabel: string;
  hint?: string;
  // the options, in groups (ethnicity) or one unnamed group
  groups: readonly EqualityOptionGroup[];
}

const preferNot: EqualityOption = { value: PREFER_NOT, label: 'Prefer not to say' };

function plain(...options: EqualityOption[]): EqualityOptionGroup[] {
  return [{ label: '', options: [...options, preferNot] }];
}

const yes = { value: 'yes', label: 'Yes' };
const no = { value: 'no', label: 'No' };
const dontKnow = { value: 'dont_know', label: 'I don’t know' };

// Census 2021, England and Wales: the 19 ethnic groups under the 5 high-level groups (ONS).
const ethnicityGroups: EqualityOptionGroup[] = [
  {
    label: 'Asian, Asian British or Asian Welsh',
    options: [
      { value: 'asian_bangladeshi', label: 'Bangladeshi' },
      { value: 'asian_chinese', label: 'Chinese' },
      { value: 'asian_indian', label: 'Indian' },
      { value: 'asian_pakistani', label: 'Pakistani' },
      { value: 'asian_other', label: 'Any other Asian background' },
    ],
  },
  {
    label: 'Black, Black British, Black Welsh, Caribbean or African',
    options: [
      { value: 'black_african', label: 'African' },
      { value: 'black_caribbean', label: 'Caribbean' },
      { value: 'black_other', label: 'Any other Black, Black British or Caribbean background' },
    ],
  },
  {
    label: 'Mixed or Multiple ethnic groups',
    options: [
      { value: 'mixed_white_asian', label: 'White and Asian' },
      { value: 'mixed_white_black_african', label: 'White and Black African' },
      { value: 'mixed_white_black_caribbean', label: 'White and Black Caribbean' },
      { value: 'mixed_other', label: 'Any other Mixed or Multiple ethnic background' },
    ],
  },
  {
    label: 'White',
    options: [
      { value: 'white_british', label: 'English, Welsh, Scottish, Northern Irish or British' },
      { value: 'white_irish', label: 'Irish' },
      { value: 'white_gypsy_traveller', label: 'Gypsy or Irish Traveller' },
      { value: 'white_roma', label: 'Roma' },
      { value: 'white_other', label: 'Any other White background' },
    ],
  },
  {
    label: 'Other ethnic group',
    options: [
      { value: 'other_arab', label: 'Arab' },
      { value: 'other_any', label: 'Any other ethnic group' },
    ],
  },
  { label: '', options: [preferNot] },
];

export const equalityQuestions: readonly EqualityQuestion[] = [
  { key: 'ethnicity', label: 'What is your ethnic group?', shortLabel: 'Ethnic group', hint: 'The categories of the 2021 census for England and Wales.', groups: ethnicityGroups },
  {
    key: 'disability',
    label: 'Do you consider yourself to have a disability or a long-term health condition?',
    shortLabel: 'Disability',
    hint: 'A physical or mental condition or illness that has lasted, or is expected to last, 12 months or more.',
    groups: plain(yes, no),
  },
  { key: 'sex', label: 'What is your sex?', shortLabel: 'Sex', groups: plain({ value: 'female', label: 'Female' }, { value: 'male', label: 'Male' }) },
  { key: 'genderIdentity', label: 'Is the gender you identify with the same as your sex registered at birth?', shortLabel: 'Gender identity same as sex registered at birth', groups: plain(yes, no) },
  {
    key: 'ageBand',
    label: 'How old are you?',
    shortLabel: 'Age',
    groups: plain({ value: 'under_21', label: 'Under 21' }, { value: '21_24', label: '21 to 24' }, { value: '25_29', label: '25 to 29' }, { value: '30_over', label: '30 or over' }),
  },
  {
    key: 'firstInFamily',
    label: 'Are you the first in your family to go to university?',
    shortLabel: 'First in family at university',
    hint: 'Neither of your parents or carers has a university degree.',
    groups: plain(yes, no, dontKnow),
  },
  {
    key: 'polarQuintile',
    label: 'Which POLAR4 or TUNDRA quintile is your home postcode in?',
    shortLabel: 'POLAR4 or TUNDRA quintile',
    hint: 'From the Office for Students’ postcode checker. Quintile 1 has the lowest share of young people going to university.',
    groups: plain(
      { value: 'q1', label: 'Quintile 1' },
      { value: 'q2', label: 'Quintile 2' },
      { value: 'q3', label: 'Quintile 3' },
      { value: 'q4', label: 'Quintile 4' },
      { value: 'q5', label: 'Quintile 5' },
      dontKnow,
    ),
  },
  { key: 'freeSchoolMeals', label: 'Did you receive free school meals at any time at secondary school?', shortLabel: 'Free school meals', groups: plain(yes, no, dontKnow) },
];

export function optionsOf(question: EqualityQuestion): EqualityOption[] {
  return question.groups.flatMap((g) => g.options);
}

export const equalityField = (key: EqualityQuestionKey): string => `eq_${key}`;

export type EqualityParse = { ok: true; answers: EqualityAnswers } | { ok: false; answers: EqualityAnswers; errors: Record<string, string> };

// What the form sent: known answers kept, anything else refused with a field error (the value is not
// echoed); an unanswered question is absent, since every question is optional.
export function parseEqualityForm(body: unknown): EqualityParse {
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const answers: EqualityAnswers = {};
  const errors: Record<string, string> = {};
  for (const question of equalityQuestions) {
    const raw = fields[equalityField(question.key)];
    if (raw === undefined || raw === '') continue;
    if (typeof raw === 'string' && optionsOf(question).some((o) => o.value === raw)) answers[question.key] = raw;
    else errors[equalityField(question.key)] = `Choose one of the answers to “${question.label}”, or “Prefer not to say”`;
  }
  return Object.keys(errors).length > 0 ? { ok: false, answers, errors } : { ok: true, answers };
}
