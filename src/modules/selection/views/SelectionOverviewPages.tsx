import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { PlainText } from '../../../platform/views/PlainText.tsx';
import { SummaryRow } from '../../../platform/views/SummaryRow.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag } from '../../../platform/views/Tag.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { plural } from '../../../platform/views/plural.ts';
import type { PostSelectionView, SelectionOverview, ShortlistState, StaffApplication } from '../selection-overview.service.ts';
import type { Recommendation } from '../selection.tables.ts';
import { oneDecimal } from './score-format.ts';

const recommendationNames: Record<Recommendation, string> = { yes: 'Yes', maybe: 'Maybe', no: 'No' };
const levelNames: Record<string, string> = { UG: 'Undergraduate', PG: 'Postgraduate', recent_graduate: 'Recent graduate' };

export const overviewHref = (roundId: string) => `/rounds/${roundId}/selection/overview`;
export const postSelectionHref = (roundId: string, postId: string) => `/rounds/${roundId}/selection/posts/${postId}`;

function Shortlist(props: { state: ShortlistState; timeZone: string }) {
  const { state, timeZone } = props;
  if (state.fixed)
    return (
      <>
        <Tag tone="green">Fixed</Tag> {plural(state.count, 'candidate')}
        <span class="field__hint">
          by {state.fixed.byName}, <DateTime at={state.fixed.at} timeZone={timeZone} />
        </span>
      </>
    );
  if (state.count > 0 && state.savedAt)
    return (
      <>
        <Tag tone="amber">Saved, not fixed</Tag> {plural(state.count, 'candidate')}
        <span class="field__hint">
          last by {state.savedByName}, <DateTime at={state.savedAt} timeZone={timeZone} />
        </span>
      </>
    );
  return <>Not started</>;
}

// GET /rounds/:id/selection/overview: every post's review progress, conflicts and shortlist
export function SelectionOverviewPage(props: { ctx: PageContext; view: SelectionOverview }) {
  const { ctx, view } = props;
  const { round, settings, totals } = view;
  const k = settings.reviewsPerApplication;
  return (
    <Layout ctx={ctx} title={`Selection: ${round.name}`}>
      <p>
        <a href={`/rounds/${round.id}`}>Back to {round.name}</a>
      </p>
      <h1>
        Selection <span class="caption">{round.name}</span>
      </h1>
      <p>
        Each application to a post needs at least {plural(k, 'submitted review')}. Review is {settings.anonymised ? 'anonymised until a post’s shortlist is fixed' : 'named'}. The rubric has{' '}
        {plural(view.criteriaCount, 'criterion', 'criteria')}. <a href={`/rounds/${round.id}/selection`}>Selection settings</a> · <a href={`/rounds/${round.id}/rubric`}>Rubric</a>
      </p>
      <h2>Progress</h2>
      <dl class="summary-list">
        <SummaryRow label="Applications to posts">{String(totals.applications)}</SummaryRow>
        <SummaryRow label="Reviews submitted">{`${totals.reviewsSubmitted} of ${totals.reviewsNeeded} needed`}</SummaryRow>
        <SummaryRow label={`Applications short of ${k} reviews`}>{String(totals.shortOfK)}</SummaryRow>
        <SummaryRow label="Conflicts of interest declared">{String(totals.conflicts)}</SummaryRow>
        <SummaryRow label="Shortlists fixed">{`${totals.fixed} of ${view.posts.length} posts`}</SummaryRow>
      </dl>
      <Table
        caption={`Selection by post (${plural(view.posts.length, 'post')})`}
        columns={[
          { key: 'post', label: 'Post' },
          { key: 'reviewers', label: 'Reviewers' },
          { key: 'applications', label: 'Applications', numeric: true },
          { key: 'reviews', label: 'Reviews submitted / needed', numeric: true },
          { key: 'short', label: `Short of ${k} reviews`, numeric: true },
          { key: 'conflicts', label: 'Conflicts', numeric: true },
          { key: 'shortlist', label: 'Shortlist' },
        ]}
        rows={view.posts.map((p) => [
          <>
            <a href={postSelectionHref(round.id, p.id)}>{p.title}</a>
            <span class="field__hint">{plural(p.places, 'place')}</span>
          </>,
          p.reviewers.length === 0 ? <Tag tone="red">None assigned</Tag> : p.reviewers.map((r) => r.name).join(', '),
          String(p.applications),
          `${p.reviewsSubmitted} / ${p.reviewsNeeded}`,
          p.shortOfK > 0 ? <Tag tone="amber">{String(p.shortOfK)}</Tag> : '0',
          String(p.conflicts),
          <Shortlist state={p.shortlist} timeZone={ctx.timeZone} />,
        ])}
        empty="This round has no published posts."
      />
    </Layout>
  );
}

function ApplicationReviews(props: { ctx: PageContext; view: PostSelectionView; application: StaffApplication }) {
  const { ctx, view, application: a } = props;
  const k = view.settings.reviewsPerApplication;
  return (
    <section aria-labelledby={`application-${a.applicationId}`}>
      <h3 id={`application-${a.applicationId}`}>
        {a.name} {a.shortlisted && <Tag tone="green">Shortlisted</Tag>} {a.summary.disagree && <Tag tone="amber">Reviewers disagree</Tag>}
      </h3>
      <dl class="summary-list">
        <SummaryRow label="Study">{a.course === null ? 'No study details' : `${a.course}, ${a.studyLevel ? (levelNames[a.studyLevel] ?? a.studyLevel) : 'level not given'}, year ${a.yearOfStudy ?? '–'}`}</SummaryRow>
        <SummaryRow label="Choice">{`This post is their choice ${a.rank}.`}</SummaryRow>
        {a.submittedAt && (
          <SummaryRow label="Application submitted">
            <DateTime at={a.submittedAt} timeZone={ctx.timeZone} />
          </SummaryRow>
        )}
        <SummaryRow label="Reviews">
          {`${a.summary.count} of ${k} needed`} {a.short && <Tag tone="amber">Short of {String(k)}</Tag>}
        </SummaryRow>
        <SummaryRow label="Weighted mean">{`${oneDecimal(a.summary.weightedMean)} (spread ${oneDecimal(a.summary.spread)})`}</SummaryRow>
      </dl>
      {a.reviews.length === 0 ? (
        <p>No review submitted yet.</p>
      ) : (
        <Table
          caption={`Reviews of ${a.name}`}
          columns={[
            { key: 'reviewer', label: 'Reviewer' },
            { key: 'submitted', label: 'Submitted' },
            ...view.criteria.map((c) => ({ key: c.id, label: c.weight === 1 ? c.name : `${c.name} (×${c.weight})`, numeric: true })),
            { key: 'mean', label: 'Weighted mean', numeric: true },
            { key: 'recommendation', label: 'Recommendation' },
            { key: 'comment', label: 'Comment' },
          ]}
          rows={a.reviews.map((r) => [
            <>
              {r.reviewerName}
              {!r.counted && <span class="field__hint">Not counted: the reviewer declared a conflict of interest afterwards.</span>}
            </>,
            r.submittedAt ? <DateTime at={r.submittedAt} timeZone={ctx.timeZone} /> : '–',
            ...view.criteria.map((c) => (r.scores[c.id] === undefined ? '–' : String(r.scores[c.id]))),
            oneDecimal(r.weightedMean),
            r.recommendation ? recommendationNames[r.recommendation] : 'None',
            <PlainText text={r.comment} empty="No comment." />,
          ])}
        />
      )}
      {a.conflicts.length > 0 && (
        <Table
          caption={`Conflicts of interest declared on ${a.name}`}
          columns={[
            { key: 'reviewer', label: 'Reviewer' },
            { key: 'reason', label: 'Reason' },
            { key: 'when', label: 'Declared' },
          ]}
          rows={a.conflicts.map((c) => [c.reviewerName, <PlainText text={c.reason} />, <DateTime at={c.declaredAt} timeZone={ctx.timeZone} />])}
        />
      )}
    </section>
  );
}

// GET /rounds/:id/selection/posts/:postId: every review and conflict of one post's applications
export function PostSelectionPage(props: { ctx: PageContext; view: PostSelectionView }) {
  const { ctx, view } = props;
  const conflicts = view.applications.reduce((n, a) => n + a.conflicts.length, 0);
  return (
    <Layout ctx={ctx} title={`Reviews: ${view.post.title}, ${view.round.name}`}>
      <p>
        <a href={overviewHref(view.round.id)}>Back to the selection of {view.round.name}</a>
      </p>
      <h1>
        {view.post.title} <span class="caption">Reviews and conflicts, {view.round.name}</span>
      </h1>
      <dl class="summary-list">
        <SummaryRow label="Places">{String(view.post.places)}</SummaryRow>
        <SummaryRow label="Reviewers">
          {view.reviewers.length === 0 ? 'None assigned' : view.reviewers.map((r) => r.name).join(', ')}
        </SummaryRow>
        <SummaryRow label="Applications">{String(view.applications.length)}</SummaryRow>
        <SummaryRow label={`Short of ${view.settings.reviewsPerApplication} reviews`}>{String(view.applications.filter((a) => a.short).length)}</SummaryRow>
        <SummaryRow label="Conflicts of interest">{String(conflicts)}</SummaryRow>
        <SummaryRow label="Shortlist">
          <Shortlist state={view.shortlist} timeZone={ctx.timeZone} />
        </SummaryRow>
      </dl>
      <p>
        <a href={`/posts/${view.post.id}/shortlist`}>See the shortlist of this post</a>
      </p>
      <h2>Applications</h2>
      {view.applications.length === 0 ? <p>No submitted application ranks this post.</p> : view.applications.map((a) => <ApplicationReviews ctx={ctx} view={view} application={a} />)}
    </Layout>
  );
}
