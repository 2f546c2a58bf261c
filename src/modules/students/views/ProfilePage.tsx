import { Layout } from '../../../platform/views/Layout.tsx';
import { Button, ErrorSummary, PostForm, SelectField, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { cefrLevels } from '../../posts/eligibility.ts';
import { languageOptions } from '../languages.ts';
import { languageRows } from '../students.input.ts';
import { MAX_YEAR_OF_STUDY } from '../study.ts';
import type { StudentProfile } from '../students.repo.ts';

// The form's values from a saved profile (the form itself keeps what was typed).
export function profileValues(profile: StudentProfile | undefined): FieldValues {
  if (!profile) return {};
  const values: FieldValues = {
    studyLevel: profile.studyLevel,
    course: profile.course,
    yearOfStudy: String(profile.yearOfStudy),
    expectedGraduation: profile.expectedGraduation,
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

export function ProfilePage(props: { ctx: PageContext; values: FieldValues; errors: FieldErrors; saved: boolean }) {
  const { ctx, values, errors } = props;
  const languages = [{ value: '', label: 'No language' }, ...languageOptions()];
  const levels = [{ value: '', label: 'Choose a level' }, ...cefrLevels.map((level) => ({ value: level, label: cefrNames[level] ?? level }))];
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 ? 'Error: Your profile' : 'Your profile'}>
      <h1>Your profile</h1>
      <ErrorSummary errors={errors} />
      <p>
        Partners set who each post is for: level of study, course, year and languages. With these details the catalogue tells you which posts you are
        eligible for, and why not.
      </p>
      {!props.saved && Object.keys(errors).length === 0 && <p class="hint">You have not saved your study details yet.</p>}
      <PostForm action="/profile" csrfToken={ctx.csrfToken}>
        <SelectField
          name="studyLevel"
          label="Level of study"
          value={values.studyLevel ?? ''}
          error={errors.studyLevel}
          options={[
            { value: '', label: 'Choose your level' },
            { value: 'UG', label: 'Undergraduate' },
            { value: 'PG', label: 'Postgraduate' },
          ]}
        />
        <TextField name="course" label="Course" hint="As it appears on your student record, for example BSc Geography" value={values.course} error={errors.course} maxLength={120} />
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
        <Button>Save study details</Button>
      </PostForm>
      <p>
        <a href="/posts">Browse posts</a>
      </p>
    </Layout>
  );
}
