import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag } from '../../../platform/views/Tag.tsx';
import { Button, ErrorSummary, PostForm, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { plural } from '../../../platform/views/plural.ts';
import type { ShortlistQuery } from '../shortlist.input.ts';
import type { ShortlistCandidate, ShortlistView } from '../shortlist.service.ts';
import { oneDecimal } from './score-format.ts';

function Who(props: { candidate: ShortlistCandidate }) {
  const { candidate } = props;
  return (
    <>
      <strong>{candidate.ref}</strong>
      {candidate.name !== null && <span class="field__hint">{candidate.name}</span>}
      {candidate.email !== null && (
        <span class="field__hint">
          <a href={`mailto:${candidate.email}`}>{candidate.email}</a>
        </span>
      )}
    </>
  );
}

function Study(props: { candidate: ShortlistCandidate }) {
  const { candidate } = props;
  if (candidate.course === null) return <>No study details</>;
  return (
    <>
      {candidate.course}
      <span class="field__hint">
        {candidate.studyLevel === 'PG' ? 'Postgraduate' : 'Undergraduate'}, year {candidate.yearOfStudy}
      </span>
    </>
  );
}

function Reviews(props: { candidate: ShortlistCandidate; needed: number }) {
  const { candidate, needed } = props;
  return (
    <>
      {candidate.reviews} of {needed}
      {candidate.reviews < needed && <span class="field__hint">still to come: {needed - candidate.reviews}</span>}
    </>
  );
}

function Choice(props: { ctx: PageContext; view: ShortlistView; candidate: ShortlistCandidate; selected: readonly string[] | undefined }) {
  const { view, candidate } = props;
  if (!view.canEdit) return candidate.shortlisted ? <Tag tone="green">Shortlisted</Tag> : <Tag>Not shortlisted</Tag>;
  const checked = props.selected ? props.selected.includes(candidate.applicationId) : candidate.shortlisted;
  const id = `shortlist-${candidate.applicationId}`;
  return (
    <div class="checkbox">
      <input type="checkbox" id={id} name="shortlisted" value={candidate.applicationId} checked={checked} />
      <label for={id}>
        <span class="visually-hidden">Shortlist {candidate.ref}</span>
      </label>
    </div>
  );
}

export function ShortlistPage(props: { ctx: PageContext; view: ShortlistView; sort: ShortlistQuery; selected?: string[] | undefined; errors: FieldErrors; problem?: string | undefined }) {
  const { ctx, view, errors } = props;
  const { post, round, settings } = view;
  const title = `Shortlist: ${post.title}`;
  const shortlisted = view.candidates.filter((c) => c.shortlisted).length;
  const table = (
    <Table
      caption={`${plural(view.candidates.length, 'candidate')}, ${shortlisted} on the shortlist`}
      columns={[
        { key: 'shortlist', label: 'Shortlist' },
        { key: 'candidate', label: 'Candidate', sortable: true },
        { key: 'study', label: 'Course, level and year' },
        { key: 'rank', label: 'Ranked this post', numeric: true },
        { key: 'reviews', label: 'Reviews', sortable: true },
        { key: 'mean', label: 'Weighted mean (1–5)', sortable: true, numeric: true },
        { key: 'spread', label: 'Spread', numeric: true },
        { key: 'flag', label: 'Agreement' },
      ]}
      sort={{ key: props.sort.sort, direction: props.sort.dir }}
      sortHref={(key, direction) => `/posts/${post.id}/shortlist?sort=${key}&dir=${direction}`}
      rows={view.candidates.map((c) => [
        <Choice ctx={ctx} view={view} candidate={c} selected={props.selected} />,
        <Who candidate={c} />,
        <Study candidate={c} />,
        `Choice ${c.rank}`,
        <Reviews candidate={c} needed={settings.reviewsPerApplication} />,
        oneDecimal(c.weightedMean),
        oneDecimal(c.spread),
        c.disagree ? <Tag tone="amber">Reviewers disagree</Tag> : c.reviews > 1 ? 'Reviewers agree' : '–',
      ])}
      empty="No submitted application ranks this post."
    />
  );
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Error: ' : ''}${title}`}>
      <p>
        <a href={`/manage/posts/${post.id}`}>Back to the post</a>
      </p>
      <h1>{title}</h1>
      <p>
        The submitted applications of {round.name} that rank this post, with their reviews. A weighted mean counts each of the rubric’s {plural(view.criteriaCount, 'criterion', 'criteria')} by its weight;
        the spread is the gap between the highest and lowest reviewer; reviewers disagree when two scores of one criterion are 2 or more apart.
      </p>
      <ErrorSummary errors={errors} fieldIds={{ shortlisted: 'shortlist-table' }} />
      {props.problem && (
        <NotificationBanner kind="warning" title="Not changed" focus>
          <p>{props.problem}</p>
        </NotificationBanner>
      )}
      {view.fixed ? (
        <NotificationBanner kind="info" title="The shortlist is fixed">
          <p>
            {view.fixed.byName} fixed it on <DateTime at={view.fixed.at} timeZone={round.timeZone} alsoIn={ctx.timeZone} />. It can no longer change.{' '}
            {view.isStaff ? '' : 'You now see the name and e-mail address of each shortlisted candidate; the others stay anonymous.'}
          </p>
        </NotificationBanner>
      ) : settings.anonymised ? (
        <p>
          {view.isStaff
            ? 'Review is anonymised: the partner sees candidates by reference (you, as staff, also see their names). When the shortlist is fixed, the partner sees the name and e-mail address of the shortlisted candidates only.'
            : 'Review is anonymised: candidates are shown by reference. When the shortlist is fixed, you will see the name and e-mail address of the shortlisted candidates only.'}
        </p>
      ) : (
        <p>Review in this round is named. When the shortlist is fixed, you will also see the e-mail address of the shortlisted candidates.</p>
      )}
      {view.isStaff && !view.fixed && <p>Only the partner’s coordinators choose and fix the shortlist; you can read it.</p>}
      <div id="shortlist-table">
        {view.canEdit ? (
          <PostForm action={`/posts/${post.id}/shortlist`} csrfToken={ctx.csrfToken}>
            {table}
            <p class="field__hint">
              Saving keeps your selection without fixing it. Fixing is final{view.applicationsClosed ? '' : ', and possible once applications close'}.
            </p>
            <div class="button-row">
              <Button>Save selection</Button>
              <Button kind="secondary" name="then" value="fix">
                Save and fix the shortlist
              </Button>
            </div>
          </PostForm>
        ) : (
          table
        )}
      </div>
    </Layout>
  );
}

export function ShortlistFixPage(props: { ctx: PageContext; view: ShortlistView }) {
  const { ctx, view } = props;
  const { post } = view;
  const listed = view.candidates.filter((c) => c.shortlisted);
  const back = `/posts/${post.id}/shortlist`;
  return (
    <Layout ctx={ctx} title={`Fix the shortlist? – ${post.title}`}>
      <p>
        <a href={back}>Back to the shortlist</a>
      </p>
      <h1>Fix the shortlist of {post.title}?</h1>
      <p class="lead">{plural(listed.length, 'candidate')} will be on the shortlist:</p>
      <ul>
        {listed.map((c) => (
          <li>{c.name ?? c.ref}</li>
        ))}
      </ul>
      <p>
        Once fixed, the shortlist cannot change. You will then see the name and e-mail address of these candidates, to invite them to interview; the other{' '}
        {plural(view.candidates.length - listed.length, 'candidate')} stay anonymous and hear the outcome when offers go out.
      </p>
      <PostForm action={`${back}/fix`} csrfToken={ctx.csrfToken}>
        <div class="button-row">
          <Button kind="warning">Fix the shortlist</Button>
          <a class="button button--secondary" href={back}>
            Not yet
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}
