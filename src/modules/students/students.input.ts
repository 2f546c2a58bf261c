import { z } from 'zod';
import { countryName } from '../../platform/geo/countries.ts';
import { isUuid, optionalText } from '../../platform/http/form-fields.ts';
import { isIsoDay } from '../../platform/time/zoned.ts';
import { cefrLevels, type Cefr, type LanguageRequirement } from '../posts/eligibility.ts';
import { isLanguageCode } from './languages.ts';
import { MAX_YEAR_OF_STUDY } from './study.ts';

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
    studentNumber: z
      .string({ error: 'Enter your student number' })
      .trim()
      .min(1, 'Enter your student number')
      .regex(/^[A-Za-z0-9]{5,12}$/, 'Student number must be 5 to 12 letters or digits, like 20231234')
      .transform((v) => v.toUpperCase()),
    // the course is checked against the list by the service
    courseId: z.string({ error: 'Choose your course' }).trim().refine(isUuid, 'Choose your course'),
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
    nationality: z
      .string({ error: 'Choose your nationality' })
      .trim()
      .min(1, 'Choose your nationality')
      .refine((v) => countryName(v) !== undefined, 'Choose your nationality from the list')
      .transform((v) => v.toUpperCase()),
    phone: optionalText('phone number', 20).refine((v) => v === '' || /^\+?[0-9 ]{6,20}$/.test(v), 'Enter a phone number of 6 to 20 digits, spaces or a leading +, like +44 7700 900123'),
    pronouns: optionalText('pronouns', 30).refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'Pronouns must not contain control characters'),
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
    return {
      studentNumber: form.studentNumber,
      courseId: form.courseId,
      yearOfStudy: form.yearOfStudy,
      expectedGraduation: form.expectedGraduation,
      nationality: form.nationality,
      phone: form.phone,
      pronouns: form.pronouns,
      languages,
    };
  });

export type ProfileForm = z.infer<typeof profileForm>;
