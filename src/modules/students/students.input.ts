import { z } from 'zod';
import { isIsoDay } from '../../platform/time/zoned.ts';
import { cefrLevels, type Cefr, type LanguageRequirement } from '../posts/eligibility.ts';
import { isLanguageCode } from './languages.ts';
import { MAX_YEAR_OF_STUDY, studyLevels } from './study.ts';

export const MAX_LANGUAGES = 6;

// Field names of the language rows: language1/level1 … language6/level6.
export const languageRows = Array.from({ length: MAX_LANGUAGES }, (_, i) => ({ language: `language${i + 1}`, level: `level${i + 1}`, number: i + 1 }));

const optionalChoice = z
  .string()
  .trim()
  .max(10)
  .optional()
  .transform((v) => v ?? '');

const rowFields = Object.fromEntries(languageRows.flatMap((row) => [[row.language, optionalChoice], [row.level, optionalChoice]])) as Record<string, typeof optionalChoice>;

const isCefr = (value: string): value is Cefr => (cefrLevels as readonly string[]).includes(value);

export const profileForm = z
  .object({
    studyLevel: z.enum(studyLevels, { error: 'Choose your level of study' }),
    course: z
      .string({ error: 'Enter your course' })
      .trim()
      .min(1, 'Enter your course')
      .max(120, 'Course must be 120 characters or fewer')
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'Course must not contain control characters'),
    yearOfStudy: z
      .string({ error: 'Choose your year of study' })
      .trim()
      .regex(/^\d+$/, 'Choose your year of study')
      .transform(Number)
      .pipe(z.number().min(1, 'Choose your year of study').max(MAX_YEAR_OF_STUDY, `Year of study must be between 1 and ${MAX_YEAR_OF_STUDY}`)),
    expectedGraduation: z
      .string({ error: 'Enter your expected graduation date' })
      .trim()
      .min(1, 'Enter your expected graduation date')
      .refine(isIsoDay, 'Expected graduation must be a real date')
      .refine((v) => v >= '1950-01-01' && v <= '2100-12-31', 'Expected graduation must be a real date'),
    ...rowFields,
  })
  .superRefine((form, ctx) => {
    const record = form as Record<string, unknown>;
    const seen = new Set<string>();
    for (const row of languageRows) {
      const language = String(record[row.language] ?? '');
      const level = String(record[row.level] ?? '');
      if (language === '' && level === '') continue;
      if (language === '') {
        ctx.addIssue({ code: 'custom', path: [row.language], message: `Choose language ${row.number}, or clear its level` });
      } else if (!isLanguageCode(language)) {
        ctx.addIssue({ code: 'custom', path: [row.language], message: `Choose language ${row.number} from the list` });
      } else if (seen.has(language)) {
        ctx.addIssue({ code: 'custom', path: [row.language], message: `Language ${row.number} is already listed above; give each language once` });
      }
      if (language !== '' && level === '') ctx.addIssue({ code: 'custom', path: [row.level], message: `Choose your level in language ${row.number}` });
      else if (level !== '' && !isCefr(level)) ctx.addIssue({ code: 'custom', path: [row.level], message: `Choose a level from A1 to C2 for language ${row.number}` });
      seen.add(language);
    }
    // every problem at once: the rows are checked even when another field is wrong
  }, { when: () => true })
  .transform((form) => {
    const record = form as Record<string, unknown>;
    const languages: LanguageRequirement[] = [];
    for (const row of languageRows) {
      const language = String(record[row.language] ?? '');
      const level = String(record[row.level] ?? '');
      if (language !== '' && isCefr(level)) languages.push({ language, level });
    }
    return { studyLevel: form.studyLevel, course: form.course, yearOfStudy: form.yearOfStudy, expectedGraduation: form.expectedGraduation, languages };
  });

export type ProfileForm = z.infer<typeof profileForm>;
