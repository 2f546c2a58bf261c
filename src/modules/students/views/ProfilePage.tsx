import { Layout } from '../../../platform/views/Layout.tsx';
import { Button, ErrorSummary, PostForm, SelectField, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { cefrLevels } from '../../posts/eligibility.ts';
import { languageOptions } from '../languages.ts';
import { languageRows } from '../students.input.ts';
import { MAX_YEAR_OF_STUDY } from '../study.ts';
import type { StudentProfile } from '../students.repo.ts';

export interface ProfileChoices {
  courses: { id: string; name: string; level: 'UG' | 'PG'; faculty: string }[];
  countries: { code: string; name: string }[];
}

const levelNames = { UG: 'undergraduate', PG: 'postgraduate' } as const;

// The form's values from a saved profile (the form itself keeps what was typed).
export function profileValues(profile: StudentProfile | undefined): FieldValues {
  if (!profile) return {};
  const values: FieldValues = {
    studentNumber: profile.studentNumber ?? '',
    courseId: profile.courseId ?? '',
    yearOfStudy: String(profile.yearOfStudy),
    expectedGraduation: profile.expectedGraduation,
    nationality: profile.nationality ?? '',
    phone: profile.phone,
    pronouns: profile.pronouns,
  };
  profile.languages.forEach((skill, i) => {
    const row = languageRows[i];
    if (!row) return;
    values[row.language] = skill.language;
    values[row.level] = skill.level;
  });
  return values;
}

const cefrNames: Record<string, string> = {
  A1: 'A1 (beginner)',
  A2: 'A2 (elementary)',
  B1: 'B1 (intermediate)',
  B2: 'B2 (upper intermediate)',
  C1: 'C1 (advanced)',
  C2: 'C2 (proficient)',
};

export function ProfilePage(props: { ctx: PageContext; values: FieldValues; errors: FieldErrors; saved: boolean; choices: ProfileChoices }) {
  const { ctx, values, errors, choices } = props;
  const languages = [{ value: '', label: 'No language' }, ...languageOptions()];
  const levels = [{ value: '', label: 'Choose a level' }, ...cefrLevels.map((level) => ({ value: level, label: cefrNames[level] ?? level }))];
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 ? 'Error: Your profile' : 'Your profile'}>
      <h1>Your profile</h1>
      <ErrorSummary errors={errors} />
      <p>
        You give these details once; every application uses them. Partners set who each post is for: level of study, course, year and languages. With
        these details the catalogue tells you which posts you are eligible for, and why not.
      </p>
      {!props.saved && Object.keys(errors).length === 0 && <p class="hint">You have not saved your study details yet.</p>}
      <PostForm action="/profile" csrfToken={ctx.csrfToken}>
        <TextField
          name="studentNumber"
          label="Student number"
          hint="On your student card: 5 to 12 letters or digits"
          value={values.studentNumber}
          error={errors.studentNumber}
          maxLength={12}
          width="short"
          autocomplete="off"
        />
        <SelectField
          name="courseId"
          label="Course"
          hint="Your level of study (undergraduate or postgraduate) comes from your course. If your course is not listed, contact the programme team"
          value={values.courseId ?? ''}
          error={errors.courseId}
          options={[{ value: '', label: 'Choose your course' }, ...choices.courses.map((c) => ({ value: c.id, label: `${c.name} (${levelNames[c.level]}, ${c.faculty})` }))]}
        />
        <SelectField
          name="yearOfStudy"
          label="Year of study"
          hint="Your current year; a placement year counts"
          value={values.yearOfStudy ?? ''}
          error={errors.yearOfStudy}
          options={[{ value: '', label: 'Choose your year' }, ...Array.from({ length: MAX_YEAR_OF_STUDY }, (_, i) => ({ value: String(i + 1), label: `Year ${i + 1}` }))]}
        />
        <TextField
          name="expectedGraduation"
          label="Expected graduation date"
          hint="If you have already graduated, the day you graduated. For example 2027-06-30"
          type="date"
          width="short"
          value={values.expectedGraduation}
          error={errors.expectedGraduation}
        />
        <SelectField
          name="nationality"
          label="Nationality"
          hint="For visa needs. If you hold more than one, the passport you would travel on"
          value={values.nationality ?? ''}
          error={errors.nationality}
          options={[{ value: '', label: 'Choose your nationality' }, ...choices.countries.map((c) => ({ value: c.code, label: c.name }))]}
        />
        <TextField name="phone" label="Phone number (optional)" hint="For example +44 7700 900123" type="tel" width="short" value={values.phone} error={errors.phone} maxLength={20} autocomplete="tel" />
        <TextField name="pronouns" label="Pronouns (optional)" hint="For example she/her, he/him or they/them" width="short" value={values.pronouns} error={errors.pronouns} maxLength={30} />
        <fieldset class="fieldset field" aria-describedby="languages-hint">
          <legend class="field__label">Languages</legend>
          <p class="field__hint" id="languages-hint">
            Up to {languageRows.length} languages other than or including English, each with your level on the Common European Framework (A1 to C2). Leave
            rows you do not need as “No language”.
          </p>
          {languageRows.map((row) => (
            <div class="language-row">
              <SelectField name={row.language} label={`Language ${row.number}`} value={values[row.language] ?? ''} error={errors[row.language]} options={languages} />
              <SelectField name={row.level} label={`Level in language ${row.number}`} value={values[row.level] ?? ''} error={errors[row.level]} options={levels} />
            </div>
          ))}
        </fieldset>
        <Button>Save profile</Button>
      </PostForm>
      <p>
        <a href="/posts">Browse posts</a>
      </p>
    </Layout>
  );
}
