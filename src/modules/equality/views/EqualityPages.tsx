import { Layout } from '../../../platform/views/Layout.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import { Button, ErrorSummary, PostForm, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { cellText } from '../equality.aggregate.ts';
import { EQUALITY_PURPOSE, equalityField, equalityQuestions, type EqualityOption, type EqualityQuestion } from '../equality.questions.ts';
import type { EqualityReport, RoundRef, StudentEqualityView } from '../equality.service.ts';
import type { EqualityAnswers } from '../equality.tables.ts';

function Radio(props: { name: string; option: EqualityOption; value: string | undefined }) {
  const id = `field-${props.name}-${props.option.value}`;
  return (
    <div class="radio">
      <input type="radio" id={id} name={props.name} value={props.option.value} checked={props.value === props.option.value} />
      <label for={id}>{props.option.label}</label>
    </div>
  );
}

// One question as a fieldset; ethnicity's census groups are fieldsets inside it, named by their legends.
function Question(props: { question: EqualityQuestion; value: string | undefined; error: string | undefined }) {
  const { question, error } = props;
  const name = equalityField(question.key);
  const described = [question.hint ? `field-${name}-hint` : '', error ? `field-${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <fieldset class="fieldset" id={`field-${name}`} aria-describedby={described}>
        <legend class="field__label">{question.label} (optional)</legend>
        {question.hint && (
          <p class="field__hint" id={`field-${name}-hint`}>
            {question.hint}
          </p>
        )}
        {error && (
          <p class="field__error" id={`field-${name}-error`}>
            <span class="visually-hidden">Error: </span>
            {error}
          </p>
        )}
        {question.groups.map((group) =>
          group.label === '' ? (
            group.options.map((option) => <Radio name={name} option={option} value={props.value} />)
          ) : (
            <fieldset class="fieldset">
              <legend>{group.label}</legend>
              {group.options.map((option) => (
                <Radio name={name} option={option} value={props.value} />
              ))}
            </fieldset>
          ),
        )}
      </fieldset>
    </div>
  );
}

export function EqualityFormPage(props: { ctx: PageContext; view: StudentEqualityView; answers: EqualityAnswers; errors: FieldErrors }) {
  const { ctx, view, answers, errors } = props;
  const hasErrors = Object.keys(errors).length > 0;
  const back = `/applications/${view.applicationId}`;
  return (
    <Layout ctx={ctx} title={`${hasErrors ? 'Error: ' : ''}Equality monitoring`}>
      <p>
        <a href={back}>Back to your application</a>
      </p>
      <h1>Tell us about yourself</h1>
      <p class="lead">Equality monitoring for {view.round.name}, optional</p>
      <ErrorSummary errors={errors} />
      {!view.submitted ? (
        <NotificationBanner kind="info" title="Submit your application first">
          <p>
            You can answer these questions once you have submitted your application. <a href={back}>Go to your application</a>.
          </p>
        </NotificationBanner>
      ) : (
        <>
          <p>{EQUALITY_PURPOSE}</p>
          <ul>
            <li>Your answers are stored apart from your application, under a code that does not name you.</li>
            <li>The selectors and the partner organisations never see them, and they play no part in any decision about you.</li>
            <li>Only the equality, diversity and inclusion officer sees them, and only as totals for the whole round, with small numbers hidden.</li>
            <li>You can change your answers, or withdraw them, at any time: withdrawing deletes them.</li>
          </ul>
          {view.response && (
            <NotificationBanner kind="info" title="You have answered these questions">
              <p>You have answered. You can change your answers below, or withdraw them.</p>
            </NotificationBanner>
          )}
          <PostForm action={`/applications/${view.applicationId}/equality`} csrfToken={ctx.csrfToken}>
            {equalityQuestions.map((question) => (
              <Question question={question} value={answers[question.key]} error={errors[equalityField(question.key)]} />
            ))}
            <Button>{view.response ? 'Save my changed answers' : 'Save my answers'}</Button>
          </PostForm>
          {view.response && (
            <section aria-labelledby="withdraw-title">
              <h2 id="withdraw-title">Withdraw your answers</h2>
              <p>Withdrawing deletes all your equality-monitoring answers for this round. It does not affect your application.</p>
              <PostForm action={`/applications/${view.applicationId}/equality/withdraw`} csrfToken={ctx.csrfToken}>
                <Button kind="warning">Withdraw and delete my answers</Button>
              </PostForm>
            </section>
          )}
        </>
      )}
    </Layout>
  );
}

export function EqualityReportPage(props: { ctx: PageContext; rounds: RoundRef[]; report: EqualityReport | null }) {
  const { ctx, rounds, report } = props;
  return (
    <Layout ctx={ctx} title={report ? `Equality monitoring: ${report.round.name}` : 'Equality monitoring'}>
      <h1>Equality monitoring</h1>
      <p>
        Totals of the answers students gave after submitting an application. Numbers under 5 are shown as “fewer than 5”, and where one small number could be worked out from the
        others, another number is hidden too. Use these figures for reporting on the programme only, never for a decision about one person.
      </p>
      <form method="get" action="/equality" class="filters">
        <div class="field">
          <label class="field__label" for="field-round">
            Round
          </label>
          <select class="select" id="field-round" name="round">
            {rounds.map((round) => (
              <option value={round.id} selected={round.id === report?.round.id}>
                {round.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button--secondary">
          Show
        </button>
      </form>
      {report && (
        <>
          <h2>{report.round.name}</h2>
          <p>
            Responses: <strong>{cellText(report.aggregate.total)}</strong>. <a href={`/equality.csv?round=${report.round.id}`}>Download these totals (CSV)</a>
          </p>
          {report.aggregate.questions.map((question) => (
            <div class="table-wrap" role="region" aria-label={question.label} tabIndex={0}>
              <table class="table">
                <caption class="table__caption">{question.label}</caption>
                <thead>
                  <tr>
                    <th scope="col">Answer</th>
                    <th scope="col" class="numeric">
                      Students
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {question.rows.map((row) => (
                    <tr>
                      <th scope="row">{row.label}</th>
                      <td class="numeric">{cellText(row.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </>
      )}
    </Layout>
  );
}
