import { formatBytes } from '../../../platform/files/file-names.ts';
import { Button, CheckboxesField, FileField, PostForm, RadiosField, SelectField, TextArea, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { RoundQuestion } from '../../rounds/round-questions.repo.ts';
import { countWords, MOTIVATION_WORD_LIMIT } from '../applications.input.ts';
import type { ApplicationView } from '../applications.service.ts';
import { FUNDING_PURPOSE, fundingField, fundingQuestions } from '../funding-questions.ts';
import { AGREED, answerField, LONG_ANSWER_MAX, SHORT_ANSWER_MAX } from '../round-answers.ts';

const yesNo = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

function Question(props: { question: RoundQuestion; values: FieldValues; errors: FieldErrors }) {
  const { question, values, errors } = props;
  const name = answerField(question);
  const label = question.required ? question.prompt : `${question.prompt} (optional)`;
  const hint = question.hint || undefined;
  switch (question.kind) {
    case 'short_text':
      return <TextField name={name} label={label} hint={hint} value={values[name]} error={errors[name]} maxLength={SHORT_ANSWER_MAX} />;
    case 'long_text':
      return <TextArea name={name} label={label} hint={hint} value={values[name]} error={errors[name]} rows={5} maxLength={LONG_ANSWER_MAX} />;
    case 'single_choice':
      return <RadiosField name={name} label={label} hint={hint} value={values[name]} error={errors[name]} options={question.options.map((o) => ({ value: o, label: o }))} />;
    case 'yes_no':
      return <RadiosField name={name} label={label} hint={hint} value={values[name]} error={errors[name]} options={yesNo} inline />;
    case 'declaration':
      return <CheckboxesField name={name} label="Declaration" hint={hint} values={values[name] === AGREED ? [AGREED] : []} error={errors[name]} options={[{ value: AGREED, label: question.prompt }]} />;
  }
}

// The whole application as one form, so that nothing typed is lost between parts: a browser cannot
// keep a chosen file, so the CV is its own field with the current one named beside it.
export function ApplicationForm(props: { ctx: PageContext; view: ApplicationView; values: FieldValues; errors: FieldErrors }) {
  const { ctx, view, values, errors } = props;
  const { round } = view;
  const options = [{ value: '', label: 'No post' }, ...view.posts.map((p) => ({ value: p.id, label: p.title }))];
  const words = values.statement === undefined ? view.statementWords : countWords(values.statement);
  const questions = view.questions.filter((q) => q.kind !== 'declaration');
  const declarations = view.questions.filter((q) => q.kind === 'declaration');
  return (
    <PostForm action={`/applications/${view.application.id}`} csrfToken={ctx.csrfToken} multipart>
      <fieldset class="fieldset field" id="choices" data-ranking>
        <legend class="field__label">
          <h2 class="fieldset__heading">Your choices, in order of preference</h2>
        </legend>
        <p class="field__hint">
          Up to {round.maxChoices} posts; choice 1 is the one you want most. Choose each post once. A short motivation for each is optional (up to {MOTIVATION_WORD_LIMIT} words).
        </p>
        <p class="visually-hidden" aria-live="polite" data-ranking-status></p>
        {Array.from({ length: round.maxChoices }, (_, i) => i + 1).map((n) => (
          <div class="choice-row" data-choice-row={String(n)}>
            <SelectField name={`choice${n}`} label={`Choice ${n}`} value={values[`choice${n}`] ?? ''} error={errors[`choice${n}`]} options={options} />
            <TextArea name={`motivation${n}`} label={`Why choice ${n}? (optional)`} value={values[`motivation${n}`]} error={errors[`motivation${n}`]} rows={3} />
          </div>
        ))}
      </fieldset>

      <h2>Personal statement</h2>
      <TextArea name="statement" label="Personal statement" hint={`Up to ${round.statementWordLimit} words. Currently ${words} words.`} value={values.statement} error={errors.statement} rows={12} />
      <p class="hint" id="statement-count" data-word-limit={String(round.statementWordLimit)} aria-live="polite"></p>

      <h2>Your CV</h2>
      {view.cv ? (
        <p>
          Your CV: <a href={`/applications/${view.application.id}/cv`}>{view.cv.originalName}</a> ({formatBytes(view.cv.sizeBytes)}). Choose a new file only to replace it.
        </p>
      ) : (
        <p>You have not uploaded a CV yet.</p>
      )}
      <FileField name="cv" label={view.cv ? 'Replace your CV (optional)' : 'Your CV'} hint="A PDF of up to 5 MB." error={errors.cv} accept="application/pdf,.pdf" />

      {questions.length > 0 && (
        <>
          <h2>Questions for this round</h2>
          {questions.map((q) => (
            <Question question={q} values={values} errors={errors} />
          ))}
        </>
      )}

      <h2>Funding</h2>
      <p>{FUNDING_PURPOSE}</p>
      {fundingQuestions.map((q) => (
        <RadiosField name={fundingField(q.key)} label={q.label} hint={q.hint} value={values[fundingField(q.key)]} error={errors[fundingField(q.key)]} options={q.options} />
      ))}

      {declarations.length > 0 && (
        <>
          <h2>Declarations</h2>
          {declarations.map((q) => (
            <Question question={q} values={values} errors={errors} />
          ))}
        </>
      )}

      <div class="button-group">
        <Button kind="secondary" name="intent" value="save">
          Save and come back later
        </Button>
        <Button name="intent" value="submit">
          Submit
        </Button>
      </div>
    </PostForm>
  );
}
