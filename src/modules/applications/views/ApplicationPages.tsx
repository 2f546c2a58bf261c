import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import { Button, ErrorSummary, PostForm, TextArea, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { RoundView } from '../../rounds/rounds.service.ts';
import type { Application } from '../applications.repo.ts';
import type { ApplicationView } from '../applications.service.ts';
import type { ApplicationEventKind, ApplicationStatus } from '../applications.tables.ts';
import { ApplicationForm } from './ApplicationForm.tsx';
import { StageTimeline } from './StageTimeline.tsx';

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

export interface FormState {
  values: FieldValues;
  errors: FieldErrors;
  problems: string[];
  needsProfile: boolean;
  deadlinePassed: boolean;
}

export function ApplicationPage(props: { ctx: PageContext; view: ApplicationView; form: FormState; interviews?: boolean }) {
  const { ctx, view, form } = props;
  const { application, round } = view;
  const hasErrors = Object.keys(form.errors).length > 0;
  return (
    <Layout ctx={ctx} title={`${hasErrors ? 'Error: ' : ''}Your application to ${round.name}`} scripts={application.status === 'draft' ? ['/assets/word-count.js', '/assets/rank-choices.js'] : []}>
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

      {application.status === 'draft' && <ApplicationForm ctx={ctx} view={view} values={form.values} errors={form.errors} />}

      {application.status === 'submitted' && (
        <>
          <h2>Your choices</h2>
          <ol>
            {view.choices.map((c) => (
              <li>{c.title}</li>
            ))}
          </ol>
          <p>Personal statement: {view.statementWords} words.</p>
          {props.interviews && (
            <p class="callout">
              You are shortlisted for an interview. <a href={`/applications/${application.id}/interviews`}>Book or see your interviews</a>.
            </p>
          )}
          {view.cv && (
            <p>
              Your CV: <a href={`/applications/${application.id}/cv`}>{view.cv.originalName}</a>
            </p>
          )}
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

      {(application.status === 'submitted' || view.submissions.length > 0) && (
        <section aria-labelledby="equality-title">
          <h2 id="equality-title">Equality monitoring</h2>
          <p>
            <a href={`/applications/${application.id}/equality`}>Tell us about yourself (equality monitoring, optional)</a>. Your answers are kept apart from your application and the
            selectors never see them; if you have answered, you can change or withdraw your answers there.
          </p>
        </section>
      )}

      <StageTimeline ctx={ctx} view={view} eventNames={eventNames} />
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
