import { z } from 'zod';
import { isoDay, manyOf, optionalText, requiredText, wholeNumber } from '../../platform/http/form-fields.ts';
import { cefrLevels, levels } from './eligibility.ts';
import { stipendPeriods, workingPatterns } from './posts.tables.ts';

export const LANGUAGE_ROWS = 3;
const LONG_TEXT = 5000;

// Plain text: whatever is typed is kept and always shown as text (HTML is never interpreted).
const plainText = (label: string, max: number, required: boolean) => (required ? requiredText(label, max) : optionalText(label, max));

const languageShape: Record<string, z.ZodType> = {};
for (let i = 0; i < LANGUAGE_ROWS; i++) {
  languageShape[`language${i}`] = z
    .string()
    .trim()
    .regex(/^([a-z]{2})?$/, 'Choose a language from the list')
    .optional()
    .transform((v) => v ?? '');
  languageShape[`languageLevel${i}`] = z.enum(cefrLevels).optional().or(z.literal('')).transform((v) => v || undefined);
}

export const postForm = z
  .object({
    title: plainText('the title', 150, true),
    officeId: z.string({ error: 'Choose the office' }).uuid('Choose the office'),
    unitId: z.string().uuid().optional().or(z.literal('')).transform((v) => v || null),
    description: plainText('the description', LONG_TEXT, true),
    duties: plainText('the duties', LONG_TEXT, false),
    requiredQualifications: plainText('the required qualifications', LONG_TEXT, false),
    desirableQualifications: plainText('the desirable qualifications', LONG_TEXT, false),
    durationMonths: wholeNumber('the duration in months', 1, 24),
    earliestStart: isoDay('the earliest start'),
    latestStart: isoDay('the latest start'),
    places: wholeNumber('the number of places', 1, 50),
    levels: manyOf(z.enum(levels, { error: 'Choose a level from the list' })).refine((v) => v.length > 0, 'Choose at least one level of study'),
    courses: optionalText('the courses', 1000).transform((v) =>
      v
        .split(/[\n,;]+/)
        .map((c) => c.trim())
        .filter((c) => c !== '' && c.toLowerCase() !== 'any'),
    ),
    minYear: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^[1-7]$/.test(v), 'The minimum year of study must be a number from 1 to 7')
      .transform((v) => (v === null ? null : Number(v))),
    sdgs: manyOf(z.string().regex(/^\d{1,2}$/, 'Choose goals from the list').transform(Number).pipe(z.number().min(1, 'There are 17 goals: choose from the list').max(17, 'There are 17 goals: choose from the list'))),
    hasStipend: z.enum(['yes', 'no'], { error: 'Say whether the partner pays a stipend' }),
    stipendAmount: z.string().trim().optional().transform((v) => v ?? ''),
    stipendCurrency: z.string().trim().toUpperCase().optional().transform((v) => v ?? ''),
    stipendPeriod: z.enum(stipendPeriods).optional().or(z.literal('')).transform((v) => v || undefined),
    workingPattern: z.enum(workingPatterns, { error: 'Choose on site or hybrid' }),
    partnerReference: optionalText('the partner reference', 60),
    ...languageShape,
  })
  // Also when a field failed (a radio left unchosen, a missing office): every problem of the form
  // shows at once, not some only after the others are put right. So a value here may be as sent.
  .superRefine(
    (d, ctx) => {
      const day = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
      const earliest = day(d.earliestStart);
      const latest = day(d.latestStart);
      if (earliest && latest && latest < earliest) ctx.addIssue({ code: 'custom', path: ['latestStart'], message: 'The latest start must be on or after the earliest start' });
      if (d.hasStipend === 'yes') {
        if (!/^\d{1,7}(\.\d{1,2})?$/.test(String(d.stipendAmount ?? ''))) ctx.addIssue({ code: 'custom', path: ['stipendAmount'], message: 'Enter the stipend as an amount, like 1200 or 1200.50' });
        if (!/^[A-Z]{3}$/.test(String(d.stipendCurrency ?? ''))) ctx.addIssue({ code: 'custom', path: ['stipendCurrency'], message: 'Enter the currency as a three-letter code, like USD' });
        if (!d.stipendPeriod) ctx.addIssue({ code: 'custom', path: ['stipendPeriod'], message: 'Choose how often the stipend is paid' });
      }
      const seen = new Set<string>();
      for (let i = 0; i < LANGUAGE_ROWS; i++) {
        const language = String(d[`language${i}` as keyof typeof d] ?? '');
        const level = d[`languageLevel${i}` as keyof typeof d];
        if (language && !level) ctx.addIssue({ code: 'custom', path: [`languageLevel${i}`], message: 'Choose the level needed for this language' });
        if (language && seen.has(language)) ctx.addIssue({ code: 'custom', path: [`language${i}`], message: 'Each language once' });
        seen.add(language);
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
  .transform((d) => {
    const languages = [];
    for (let i = 0; i < LANGUAGE_ROWS; i++) {
      const language = String(d[`language${i}` as keyof typeof d] ?? '');
      const level = d[`languageLevel${i}` as keyof typeof d] as (typeof cefrLevels)[number] | undefined;
      if (language && level) languages.push({ language, level });
    }
    const stipend = d.hasStipend === 'yes' && d.stipendPeriod;
    return {
      title: d.title,
      officeId: d.officeId,
      unitId: d.unitId,
      description: d.description,
      duties: d.duties,
      requiredQualifications: d.requiredQualifications,
      desirableQualifications: d.desirableQualifications,
      durationMonths: d.durationMonths,
      earliestStart: d.earliestStart,
      latestStart: d.latestStart,
      places: d.places,
      levels: [...new Set(d.levels)],
      courses: d.courses,
      minYear: d.minYear,
      languages,
      sdgs: [...new Set(d.sdgs)].sort((a, b) => a - b),
      stipendMinor: stipend ? Math.round(Number(d.stipendAmount) * 100) : null,
      stipendCurrency: stipend ? d.stipendCurrency : null,
      stipendPeriod: stipend ? (d.stipendPeriod ?? null) : null,
      workingPattern: d.workingPattern,
      partnerReference: d.partnerReference,
    };
  });
export type PostForm = z.infer<typeof postForm>;

export const returnForm = z.object({ comment: requiredText('a comment saying what to change', 2000) });
