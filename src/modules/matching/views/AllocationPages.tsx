import type { ComponentChildren } from 'preact';
import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import { Pagination } from '../../../platform/views/Pagination.tsx';
import { SummaryRow } from '../../../platform/views/SummaryRow.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag } from '../../../platform/views/Tag.tsx';
import { Button, ErrorSummary, PostForm, RadiosField, SelectField, TextArea, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { plural } from '../../../platform/views/plural.ts';
import { runShows, type RunShow } from '../allocation.input.ts';
import type { AllocationOverview, CompareView, RecomputeView, RunView, StudentDifference } from '../allocation.service.ts';
import type { AllocationStatistics } from '../deferred-acceptance.ts';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const kindNames = { forced: 'Forced placement', excluded: 'Excluded pair' } as const;
const showNames: Record<RunShow, string> = { all: 'Everyone', placed: 'Placed', unplaced: 'Unplaced', withdrawn: 'Withdrawn', forced: 'Placed by force' };

function choiceText(choice: number | null, postId: string | null): string {
  if (postId === null) return '–';
  return choice === null ? 'Not in their list' : `Choice ${choice}`;
}

export function AllocationPage(props: { ctx: PageContext; view: AllocationOverview; values: FieldValues; errors: FieldErrors }) {
  const { ctx, view, values, errors } = props;
  const { round } = view;
  const title = `Allocation: ${round.name}`;
  const unranked = view.posts.filter((p) => p.ranked === 0);
  const places = view.posts.reduce((n, p) => n + p.places, 0);
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Error: ' : ''}${title}`}>
      <p>
        <a href={`/rounds/${round.id}`}>Back to the round</a>
      </p>
      <h1>{title}</h1>
      <p>
        Student-proposing deferred acceptance: each student gets the best post on their list whose partner would take them over the others who want it. A dry run computes and
        stores the result without publishing anything.
      </p>
      <ErrorSummary errors={errors} fieldIds={{ kind: 'field-kind', applicationId: 'field-applicationId', postId: 'field-postId', reason: 'field-reason' }} />

      <h2>Posts and rankings</h2>
      {unranked.length > 0 && (
        <NotificationBanner kind="warning" title="Rankings missing">
          <p>
            {plural(unranked.length, 'post has', 'posts have')} no ranking yet: {unranked.map((p) => p.title).join(', ')}. A post without a ranking takes nobody (except
            forced placements).
          </p>
        </NotificationBanner>
      )}
      <Table
        caption={`${plural(view.posts.length, 'published post')} with ${plural(places, 'place')}`}
        columns={[
          { key: 'post', label: 'Post' },
          { key: 'places', label: 'Places', numeric: true },
          { key: 'ranked', label: 'Ranked', numeric: true },
          { key: 'na', label: 'Not appointable', numeric: true },
          { key: 'when', label: 'Ranking saved' },
        ]}
        rows={view.posts.map((p) => [
          <a href={`/posts/${p.id}/ranking`}>{p.title}</a>,
          String(p.places),
          String(p.ranked),
          String(p.notAppointable),
          p.rankedAt ? <DateTime at={p.rankedAt} timeZone={round.timeZone} /> : <Tag tone="amber">No ranking</Tag>,
        ])}
        empty="The round has no published posts."
      />

      <h2>Staff constraints</h2>
      <p>Every run applies the constraints in force and reports, for each, whether it was applied.</p>
      <Table
        caption={plural(view.constraints.length, 'constraint')}
        columns={[
          { key: 'kind', label: 'Kind' },
          { key: 'student', label: 'Student' },
          { key: 'post', label: 'Post' },
          { key: 'reason', label: 'Reason' },
          { key: 'by', label: 'Added by' },
          { key: 'remove', label: 'Remove' },
        ]}
        rows={view.constraints.map((c) => [
          kindNames[c.kind],
          c.studentName,
          c.postTitle,
          c.reason,
          <>
            {c.createdByName}
            <span class="field__hint">
              <DateTime at={c.createdAt} timeZone={round.timeZone} />
            </span>
          </>,
          <PostForm action={`/rounds/${round.id}/allocation/constraints/${c.id}/remove`} csrfToken={ctx.csrfToken}>
            <Button kind="secondary">
              Remove<span class="visually-hidden"> the constraint on {c.studentName}</span>
            </Button>
          </PostForm>,
        ])}
        empty="No constraints."
      />
      <h3>Add a constraint</h3>
      <PostForm action={`/rounds/${round.id}/allocation/constraints`} csrfToken={ctx.csrfToken}>
        <RadiosField
          name="kind"
          label="Kind"
          value={values.kind}
          error={errors.kind}
          options={[
            { value: 'forced', label: 'Forced placement: place the student in the post' },
            { value: 'excluded', label: 'Excluded pair: never place the student in the post' },
          ]}
        />
        <SelectField
          name="applicationId"
          label="Student"
          hint="Students with a submitted application in this round"
          value={values.applicationId}
          error={errors.applicationId}
          options={[{ value: '', label: 'Choose a student' }, ...view.applicants.map((a) => ({ value: a.id, label: a.label }))]}
        />
        <SelectField
          name="postId"
          label="Post"
          value={values.postId}
          error={errors.postId}
          options={[{ value: '', label: 'Choose a post' }, ...view.posts.map((p) => ({ value: p.id, label: p.title }))]}
        />
        <TextArea name="reason" label="Reason" hint="Recorded with the constraint and shown with every run" value={values.reason} error={errors.reason} rows={3} maxLength={1000} />
        <Button kind="secondary">Add constraint</Button>
      </PostForm>

      <h2>Runs</h2>
      <PostForm action={`/rounds/${round.id}/allocation/runs`} csrfToken={ctx.csrfToken}>
        <p>A dry run reads the rankings, choices, eligibility and constraints as they are now, computes the allocation and stores it. Nothing is sent to anyone.</p>
        <Button>Dry run</Button>
      </PostForm>
      <Table
        caption={plural(view.runs.length, 'run')}
        columns={[
          { key: 'number', label: 'Run', numeric: true },
          { key: 'when', label: 'When' },
          { key: 'who', label: 'Run by' },
          { key: 'published', label: 'Published' },
          { key: 'matched', label: 'Matched', numeric: true },
        ]}
        rows={view.runs.map((r) => [
          <a href={`/allocation-runs/${r.id}`}>Run {r.number}</a>,
          <DateTime at={r.runAt} timeZone={round.timeZone} />,
          r.runByName,
          r.publishedAt ? (
            <>
              <Tag tone="green">Published</Tag> <DateTime at={r.publishedAt} timeZone={round.timeZone} />
            </>
          ) : (
            'Dry run'
          ),
          `${r.statistics.matched} of ${r.statistics.students}`,
        ])}
        empty="No runs yet."
      />
    </Layout>
  );
}

function Statistics(props: { statistics: AllocationStatistics }) {
  const s = props.statistics;
  const nth = (n: number) => s.byChoice.find((c) => c.choice === n) ?? { count: 0, share: 0 };
  return (
    <dl class="summary-list">
      <SummaryRow label="Students taking part">{String(s.students)}</SummaryRow>
      <SummaryRow label="Matched">
        {s.matched} ({percent(s.matchedShare)})
      </SummaryRow>
      {[1, 2, 3].map((n) => (
        <SummaryRow label={`In their ${['first', 'second', 'third'][n - 1]} choice`}>
          {nth(n).count} ({percent(nth(n).share)})
        </SummaryRow>
      ))}
      {s.placedOutsideChoices > 0 && <SummaryRow label="Placed by force in a post they did not rank">{String(s.placedOutsideChoices)}</SummaryRow>}
      <SummaryRow label="Unplaced">{String(s.unplaced)}</SummaryRow>
      <SummaryRow label="Withdrawn (took no part)">{String(s.withdrawn)}</SummaryRow>
      <SummaryRow label="Places">{String(s.places)}</SummaryRow>
      <SummaryRow label="Places left empty">{String(s.emptyPlaces)}</SummaryRow>
      <SummaryRow label="Posts with empty places">{String(s.postsWithEmptyPlaces)}</SummaryRow>
    </dl>
  );
}

// publish: the form that publishes this run (offers), placed by the page that builds it
export function RunPage(props: { ctx: PageContext; view: RunView; publish?: ComponentChildren }) {
  const { ctx, view } = props;
  const { run, round, query } = view;
  const title = `Allocation run ${run.number}: ${round.name}`;
  const base = `/allocation-runs/${run.id}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/rounds/${round.id}/allocation`}>Back to the allocation</a>
      </p>
      <h1>{title}</h1>
      <dl class="summary-list">
        <SummaryRow label="Run by">
          {run.runByName} on <DateTime at={run.runAt} timeZone={round.timeZone} alsoIn={ctx.timeZone} />
        </SummaryRow>
        <SummaryRow label="Status">{run.publishedAt ? <>Published on <DateTime at={run.publishedAt} timeZone={round.timeZone} /></> : 'Dry run: not published'}</SummaryRow>
        {run.rerunOf && <SummaryRow label="Re-run of">{view.rerunOfNumber === null ? 'a published run' : `run ${view.rerunOfNumber}`}, after declined and expired offers</SummaryRow>}
        <SummaryRow label="Algorithm">{run.algorithmVersion}</SummaryRow>
        <SummaryRow label="Computed in">{run.computeMs} ms</SummaryRow>
      </dl>

      <h2>Statistics</h2>
      <Statistics statistics={view.statistics} />

      <h2>Staff constraints</h2>
      <Table
        caption={`${plural(view.constraints.length, 'constraint')} in this run`}
        columns={[
          { key: 'kind', label: 'Kind' },
          { key: 'student', label: 'Student' },
          { key: 'post', label: 'Post' },
          { key: 'reason', label: 'Reason' },
          { key: 'applied', label: 'Applied' },
          { key: 'notes', label: 'Notes' },
        ]}
        rows={view.constraints.map((c) => [
          kindNames[c.kind],
          c.studentName,
          c.postTitle,
          c.reason,
          c.applied ? <Tag tone="green">Applied</Tag> : <Tag tone="red">Not applied</Tag>,
          c.notes.length === 0 ? '–' : (
            <ul>
              {c.notes.map((n) => (
                <li>{n}</li>
              ))}
            </ul>
          ),
        ])}
        empty="No constraints in this run."
      />

      <h2>Check this run</h2>
      <p>
        <a href={`${base}/recompute`}>Recompute from the stored input</a> and see whether the result is identical.
      </p>
      {view.otherRuns.length > 0 && (
        <form method="get" action={`${base}/compare`}>
          <SelectField name="with" label="Compare with run" options={view.otherRuns.map((n) => ({ value: String(n), label: `Run ${n}` }))} />
          <button type="submit" class="button button--secondary">
            Compare
          </button>
        </form>
      )}

      <section id="publish" aria-labelledby="publish-title">
        <h2 id="publish-title">Publish</h2>
        {props.publish ? (
          <>
            <p>Publishing sends every placed student an offer and tells every other applicant their outcome, with the reasons. It cannot be undone.</p>
            {props.publish}
          </>
        ) : run.publishedAt ? (
          <p>
            This run is published. <a href={`/rounds/${round.id}/offers`}>See the offers and their answers</a>.
          </p>
        ) : (
          <p>Only the newest run of a round can be published. Start a new dry run to publish.</p>
        )}
      </section>

      <h2 id="assignments">Assignments</h2>
      <nav aria-label="Which students">
        <ul class="button-row">
          {runShows.map((show) => (
            <li>
              {show === query.show ? (
                <strong aria-current="page">{showNames[show]}</strong>
              ) : (
                <a href={`${base}?show=${show}#assignments`}>{showNames[show]}</a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <Table
        caption={`${showNames[query.show]}: ${plural(view.assignmentTotal, 'student')}`}
        columns={[
          { key: 'student', label: 'Student' },
          { key: 'post', label: 'Post' },
          { key: 'choice', label: 'Choice' },
        ]}
        rows={view.assignments.map((a) => [
          a.name,
          a.withdrawn ? 'Withdrawn' : a.postTitle === null ? 'Unplaced' : <>{a.postTitle}{a.forced && <> <Tag tone="blue">Forced</Tag></>}</>,
          choiceText(a.choice, a.postId),
        ])}
        empty="No students."
      />
      <Pagination page={query.page} total={view.assignmentTotal} pageSize={view.pageSize} href={(page) => `${base}?show=${query.show}&page=${page}#assignments`} />

      <h2>Posts</h2>
      <Table
        caption={`${plural(view.posts.length, 'post')}: places filled`}
        columns={[
          { key: 'post', label: 'Post' },
          { key: 'places', label: 'Places', numeric: true },
          { key: 'placed', label: 'Placed', numeric: true },
          { key: 'empty', label: 'Empty', numeric: true },
        ]}
        rows={view.posts.map((p) => [p.title, String(p.capacity), String(p.placed), p.empty > 0 ? <Tag tone="amber">{String(p.empty)}</Tag> : '0'])}
        empty="No posts in this run."
      />
    </Layout>
  );
}

function Differences(props: { caption: string; rows: StudentDifference[]; before: string; after: string }) {
  return (
    <Table
      caption={props.caption}
      columns={[
        { key: 'student', label: 'Student' },
        { key: 'before', label: props.before },
        { key: 'after', label: props.after },
      ]}
      rows={props.rows.map((d) => [
        d.name,
        d.before.postTitle === null ? 'Unplaced' : `${d.before.postTitle} (${choiceText(d.before.choice, d.before.postId)})`,
        d.after.postTitle === null ? 'Unplaced' : `${d.after.postTitle} (${choiceText(d.after.choice, d.after.postId)})`,
      ])}
      empty="No student's post differs."
    />
  );
}

export function RecomputePage(props: { ctx: PageContext; view: RecomputeView }) {
  const { ctx, view } = props;
  const title = `Recompute run ${view.run.number}: ${view.round.name}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/allocation-runs/${view.run.id}`}>Back to run {view.run.number}</a>
      </p>
      <h1>{title}</h1>
      {view.identical ? (
        <NotificationBanner kind="success" title="Identical">
          <p>Run again from its stored input, the allocation gives exactly the stored result.</p>
        </NotificationBanner>
      ) : (
        <NotificationBanner kind="warning" title="Different">
          <p>Run again from its stored input, the allocation gives a different result.</p>
        </NotificationBanner>
      )}
      <dl class="summary-list">
        <SummaryRow label="Algorithm of the stored run">{view.storedVersion}</SummaryRow>
        <SummaryRow label="Algorithm now">{view.currentVersion}</SummaryRow>
      </dl>
      {view.other.length > 0 && (
        <ul>
          {view.other.map((o) => (
            <li>{o}</li>
          ))}
        </ul>
      )}
      <Differences caption={`Students whose post differs: ${view.students.length}`} rows={view.students} before="Stored" after="Recomputed" />
    </Layout>
  );
}

export function CompareRunsPage(props: { ctx: PageContext; view: CompareView }) {
  const { ctx, view } = props;
  const title = `Run ${view.run.number} compared with run ${view.other.number}: ${view.round.name}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/allocation-runs/${view.run.id}`}>Back to run {view.run.number}</a>
      </p>
      <h1>{title}</h1>
      <Differences caption={`Students whose post differs: ${view.students.length}`} rows={view.students} before={`Run ${view.other.number}`} after={`Run ${view.run.number}`} />
    </Layout>
  );
}
