import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import { Button, ErrorSummary, PostForm, SelectField, TextArea, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { RoundView } from '../../rounds/rounds.service.ts';
import { MOTIVATION_WORD_LIMIT } from '../applications.input.ts';
import type { Application } from '../applications.repo.ts';
import type { ApplicationView } from '../applications.service.ts';
import type { ApplicationEventKind, ApplicationStatus } from '../applications.tables.ts';

export const statusNames: Record<ApplicationStatus, string> = { draft: 'Draft, not submitted', submitted: 'Submitted', withdrawn: 'Withdrawn' };
const eventNames: Record<ApplicationEventKind, string> = { started: 'Started', saved: 'Saved', submitted: 'Submitted', reopened: 'Reopened for changes', withdrawn: 'Withdrawn' };

function Deadline(props: { ctx: PageContext; round: RoundView }) {
  return <DateTime at={props.round.applicationsCloseAt} timeZone={props.round.timeZone} alsoIn={props.ctx.timeZone} />;
}

export function ApplicationsListPage(props: { ctx: PageContext; rows: { application: Application; round: RoundView }[] }) {
  const { ctx, rows } = props;
  return (
    <Layout ctx={ctx} title="Your applications">
      <h1>Your applications</h1>
      {rows.length === 0 ? (
        <p>
          You have not started an application yet. <a href="/posts">Browse the internships</a> and choose “Apply” on a post.
        </p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Round</th>
              <th scope="col">Status</th>
              <th scope="col">Deadline</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <td>
                  <a href={`/applications/${row.application.id}`}>{row.round.name}</a>
                </td>
                <td>{statusNames[row.application.status]}</td>
                <td>
                  <DateTime at={row.round.applicationsCloseAt} timeZone={row.round.timeZone} alsoIn={ctx.timeZone} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function StartPage(props: { ctx: PageContext; round: RoundView; open: boolean; withdrawn: Application | undefined; problem?: string | undefined }) {
  const { ctx, round } = props;
  return (
    <Layout ctx={ctx} title={`Apply to ${round.name}`}>
      <h1>Apply to {round.name}</h1>
      {props.problem && (
        <NotificationBanner kind="warning" title="You cannot start an application">
          <p>{props.problem}</p>
        </NotificationBanner>
      )}
      {props.withdrawn && (
        <p>
          You withdrew your application to this round. <a href={`/applications/${props.withdrawn.id}`}>See your withdrawn application</a>.
        </p>
      )}
      <p>
        You can rank up to {round.maxChoices} posts of this round and write a personal statement of up to {round.statementWordLimit} words. The deadline is{' '}
        <Deadline ctx={ctx} round={round} />.
      </p>
      {props.open ? (
        <PostForm action={`/rounds/${round.id}/apply`} csrfToken={ctx.csrfToken}>
          <Button>{props.withdrawn ? 'Start your application again' : 'Start your application'}</Button>
        </PostForm>
      ) : (
        <p>Applications to this round are not open now.</p>
      )}
    </Layout>
  );
}

function Timeline(props: { ctx: PageContext; view: ApplicationView }) {
  const { view, ctx } = props;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ol class="timeline">
        {view.events.map((event) => (
          <li>
            {eventNames[event.kind]} on <DateTime at={event.at} timeZone={view.round.timeZone} alsoIn={ctx.timeZone} />
          </li>
        ))}
      </ol>
      {view.beforeDeadline && (
        <p>
          Next date that matters: the deadline, <Deadline ctx={ctx} round={view.round} />.
        </p>
      )}
    </section>
  );
}

export interface FormState {
  values: FieldValues;
  errors: FieldErrors;
  problems: string[];
  needsProfile: boolean;
  deadlinePassed: boolean;
}

function ApplicationForm(props: { ctx: PageContext; view: ApplicationView; form: FormState }) {
  const { ctx, view, form } = props;
  const { round } = view;
  const options = [{ value: '', label: 'No post' }, ...view.posts.map((p) => ({ value: p.id, label: p.title }))];
  const words = form.values.statement === undefined ? view.statementWords : form.values.statement.trim() === '' ? 0 : form.values.statement.trim().split(/\s+/).length;
  return (
    <PostForm action={`/applications/${view.application.id}`} csrfToken={ctx.csrfToken}>
      <fieldset class="fieldset field">
        <legend class="field__label">Your choices, in order of preference</legend>
        <p class="field__hint">Up to {round.maxChoices} posts; choice 1 is the one you want most. Choose each post once. A short motivation for each is optional (up to {MOTIVATION_WORD_LIMIT} words).</p>
        {Array.from({ length: round.maxChoices }, (_, i) => i + 1).map((n) => (
          <div class="choice-row">
            <SelectField name={`choice${n}`} label={`Choice ${n}`} value={form.values[`choice${n}`] ?? ''} error={form.errors[`choice${n}`]} options={options} />
            <TextArea name={`motivation${n}`} label={`Why choice ${n}? (optional)`} value={form.values[`motivation${n}`]} error={form.errors[`motivation${n}`]} rows={3} />
          </div>
        ))}
      </fieldset>
      <TextArea
        name="statement"
        label="Personal statement"
        hint={`Up to ${round.statementWordLimit} words. Currently ${words} words.`}
        value={form.values.statement}
        error={form.errors.statement}
        rows={12}
      />
      <p class="hint" id="statement-count" data-word-limit={String(round.statementWordLimit)} aria-live="polite"></p>
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

export function ApplicationPage(props: { ctx: PageContext; view: ApplicationView; form: FormState }) {
  const { ctx, view, form } = props;
  const { application, round } = view;
  const hasErrors = Object.keys(form.errors).length > 0;
  return (
    <Layout ctx={ctx} title={`${hasErrors ? 'Error: ' : ''}Your application to ${round.name}`} scripts={application.status === 'draft' ? ['/assets/word-count.js'] : []}>
      <p>
        <a href="/applications">Your applications</a>
      </p>
      <h1>Your application to {round.name}</h1>
      <p>
        Status: <strong>{statusNames[application.status]}</strong>
        {application.status === 'submitted' && application.submittedAt && (
          <>
            {' '}
            on <DateTime at={application.submittedAt} timeZone={round.timeZone} alsoIn={ctx.timeZone} />
          </>
        )}
      </p>
      <ErrorSummary errors={form.errors} fieldIds={{ form: 'choices' }} />
      {form.deadlinePassed && (
        <NotificationBanner kind="warning" title="The deadline has passed">
          <p>
            Applications to this round closed on <Deadline ctx={ctx} round={round} />. Your application was not submitted; your draft is saved.
          </p>
        </NotificationBanner>
      )}
      {form.problems.length > 0 && (
        <NotificationBanner kind="warning" title="Your application cannot be submitted yet" focus>
          <ul>
            {form.problems.map((problem) => (
              <li>{problem}</li>
            ))}
          </ul>
          {form.needsProfile && (
            <p>
              <a href="/profile">Add your study details</a>.
            </p>
          )}
          <p>Your draft is saved.</p>
        </NotificationBanner>
      )}
      {application.status === 'draft' && view.missing.length > 0 && form.problems.length === 0 && (
        <section aria-labelledby="missing-title" class="callout">
          <h2 id="missing-title">Still to do before you submit</h2>
          <ul>
            {view.missing.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
          {!view.hasProfile && (
            <p>
              <a href="/profile">Add your study details</a>.
            </p>
          )}
        </section>
      )}
      {application.status === 'draft' && view.missing.length === 0 && form.problems.length === 0 && <p class="callout">Your application is complete. Submit it before the deadline.</p>}

      {application.status === 'draft' && <div id="choices"><ApplicationForm ctx={ctx} view={view} form={form} /></div>}

      {application.status === 'submitted' && (
        <>
          <h2>Your choices</h2>
          <ol>
            {view.choices.map((c) => (
              <li>{c.title}</li>
            ))}
          </ol>
          <p>Personal statement: {view.statementWords} words.</p>
          {view.beforeDeadline && (
            <PostForm action={`/applications/${application.id}/reopen`} csrfToken={ctx.csrfToken}>
              <p>You can reopen your application to change it until the deadline; submit it again afterwards.</p>
              <Button kind="secondary">Reopen to make changes</Button>
            </PostForm>
          )}
        </>
      )}

      {application.status === 'withdrawn' && (
        <>
          <p>You withdrew this application{application.withdrawReason ? `: “${application.withdrawReason}”` : ''}.</p>
          {view.beforeDeadline && (
            <PostForm action={`/rounds/${round.id}/apply`} csrfToken={ctx.csrfToken}>
              <Button>Start your application again</Button>
            </PostForm>
          )}
        </>
      )}

      <Timeline ctx={ctx} view={view} />
      {view.submissions.length > 0 && <p>You have submitted this application {view.submissions.length === 1 ? 'once' : `${view.submissions.length} times`}; each submission is kept.</p>}

      {application.status !== 'withdrawn' && (
        <p>
          <a href={`/applications/${application.id}/withdraw`}>Withdraw your application</a>
        </p>
      )}
    </Layout>
  );
}

export function WithdrawPage(props: { ctx: PageContext; application: Application; round: RoundView }) {
  const { ctx, application, round } = props;
  return (
    <Layout ctx={ctx} title={`Withdraw your application to ${round.name}`}>
      <h1>Withdraw your application to {round.name}?</h1>
      <p>
        Withdrawing takes your application out of the selection. You can start it again only before the deadline, <Deadline ctx={ctx} round={round} />.
      </p>
      <PostForm action={`/applications/${application.id}/withdraw`} csrfToken={ctx.csrfToken}>
        <TextArea name="reason" label="Why are you withdrawing? (optional)" hint="Up to 1,000 characters. It helps us improve the programme" rows={4} maxLength={1000} />
        <Button kind="warning">Withdraw application</Button>
      </PostForm>
      <p>
        <a href={`/applications/${application.id}`}>Keep my application</a>
      </p>
    </Layout>
  );
}
