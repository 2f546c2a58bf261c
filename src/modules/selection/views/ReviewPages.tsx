import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import { SummaryRow as Row } from '../../../platform/views/SummaryRow.tsx';
import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Button, ErrorSummary, PostForm, RadiosField, SelectField, TextArea, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { RubricScoreFields, SubmittedScores } from './RubricScoreFields.tsx';
import { PlainText } from '../../../platform/views/PlainText.tsx';
import { plural } from '../../../platform/views/plural.ts';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag } from '../../../platform/views/Tag.tsx';
import { languageName } from '../../posts/eligibility.ts';
import { CONFLICT_REASON_MAX_CHARS } from '../reviews.input.ts';
import type { QueueData, QueueItem, ReviewersPageData, ReviewPageData } from '../reviews.service.ts';
import type { Recommendation } from '../selection.tables.ts';
import { oneDecimal } from './score-format.ts';

export interface FormState {
  values: FieldValues;
  errors: FieldErrors;
}

const noForm: FormState = { values: {}, errors: {} };
const recommendationNames: Record<Recommendation, string> = { yes: 'Yes', maybe: 'Maybe', no: 'No' };
const levelNames: Record<string, string> = { UG: 'Undergraduate', PG: 'Postgraduate' };
const roleNames: Record<string, string> = { partner_admin: 'Partner admin', partner_reviewer: 'Reviewer' };

export const reviewHref = (applicationId: string, postId: string) => `/reviews/${applicationId}/${postId}`;

// GET /posts/:id/reviewers: the partner admin chooses who reviews a post
export function ReviewersPage(props: { ctx: PageContext; data: ReviewersPageData; form?: FormState }) {
  const { ctx, data } = props;
  const form = props.form ?? noForm;
  const { post } = data;
  const hasErrors = Object.keys(form.errors).length > 0;
  const k = data.reviewsPerApplication;
  return (
    <Layout ctx={ctx} title={`${hasErrors ? 'Error: ' : ''}Reviewers: ${post.title}`}>
      <p>
        <a href={`/manage/posts/${post.id}`}>Back to the post</a>
      </p>
      <ErrorSummary errors={form.errors} />
      <h1>Reviewers of {post.title}</h1>
      <p>
        {post.roundName}. {plural(data.submittedApplications, 'submitted application')} to this post. Each application needs at least {plural(k, 'review')} (K = {k}).
      </p>
      {data.needAnotherReviewer > 0 && (
        <NotificationBanner kind="warning" title={`${plural(data.needAnotherReviewer, 'application needs', 'applications need')} another reviewer`}>
          <p>
            They have fewer than {k} assigned reviewers who have not declared a conflict of interest. Assign another reviewer from your organisation.
          </p>
        </NotificationBanner>
      )}
      <Table
        caption="Assigned reviewers"
        columns={[
          { key: 'name', label: 'Name' },
          { key: 'email', label: 'E-mail' },
          { key: 'role', label: 'Role' },
          { key: 'action', label: 'Action' },
        ]}
        empty="No reviewer is assigned yet."
        rows={data.assigned.map((a) => [
          <>
            {a.name}
            {!a.eligible && (
              <>
                {' '}
                <Tag tone="amber">No longer active</Tag>
              </>
            )}
          </>,
          a.email,
          a.roles.map((r) => roleNames[r]).filter(Boolean).join(', '),
          <PostForm action={`/posts/${post.id}/reviewers`} csrfToken={ctx.csrfToken} class="inline-form">
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="reviewerId" value={a.id} />
            <Button kind="secondary">
              Remove<span class="visually-hidden"> {a.name}</span>
            </Button>
          </PostForm>,
        ])}
      />
      <h2>Assign a reviewer</h2>
      {data.candidates.length === 0 ? (
        <p>Every active reviewer of your organisation is assigned. Invite another reviewer to add one.</p>
      ) : (
        <PostForm action={`/posts/${post.id}/reviewers`} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="intent" value="add" />
          <SelectField
            name="reviewerId"
            label="Reviewer"
            hint="Active reviewers and partner admins of your organisation."
            error={form.errors.reviewerId}
            value={form.values.reviewerId ?? ''}
            options={[{ value: '', label: 'Choose a reviewer' }, ...data.candidates.map((c) => ({ value: c.id, label: `${c.name} (${c.email})` }))]}
          />
          <Button>Assign reviewer</Button>
        </PostForm>
      )}
    </Layout>
  );
}

function QueueTable(props: { caption: string; items: QueueItem[]; ctx: PageContext; empty: string; done?: boolean }) {
  const stateTag = (i: QueueItem) => (i.state === 'draft' ? <Tag tone="amber">Draft saved</Tag> : i.state === 'submitted' ? <Tag tone="green">Submitted</Tag> : <Tag tone="blue">Not started</Tag>);
  return (
    <Table
      caption={props.caption}
      columns={[
        { key: 'candidate', label: 'Candidate' },
        { key: 'post', label: 'Post' },
        { key: 'submitted', label: props.done ? 'Your review submitted' : 'Application submitted' },
        { key: 'state', label: 'Your review' },
      ]}
      empty={props.empty}
      rows={props.items.map((i) => {
        const at = props.done ? i.reviewSubmittedAt : i.submittedAt;
        return [
          <a href={reviewHref(i.applicationId, i.postId)}>
            {i.ref}
            <span class="visually-hidden">, {i.postTitle}</span>
          </a>,
          i.postTitle,
          at ? <DateTime at={at} timeZone={props.ctx.timeZone} /> : '',
          stateTag(i),
        ];
      })}
    />
  );
}

// GET /reviews: what waits for this reviewer, oldest first, and what they have done
export function ReviewQueuePage(props: { ctx: PageContext; data: QueueData }) {
  const { ctx, data } = props;
  return (
    <Layout ctx={ctx} title="Reviews">
      <h1>Reviews</h1>
      <p>
        You have reviewed {data.reviewed} of {plural(data.total, 'application')} assigned to you.
      </p>
      {data.progress.length > 0 && (
        <Table
          caption="Progress per post"
          columns={[
            { key: 'post', label: 'Post' },
            { key: 'reviewed', label: 'Reviewed', numeric: true },
            { key: 'total', label: 'Assigned', numeric: true },
          ]}
          rows={data.progress.map((p) => [p.title, String(p.reviewed), String(p.total)])}
        />
      )}
      <QueueTable caption="Waiting for your review (oldest first)" items={data.waiting} ctx={ctx} empty={data.progress.length === 0 ? 'You are not assigned to review any post yet.' : 'Nothing waits for your review.'} />
      <QueueTable caption="Done" items={data.done} ctx={ctx} empty="You have not submitted a review yet." done />
      {data.ownPosts && (
        <>
          <h2>Reviewers of your posts</h2>
          <Table
            caption="Your organisation’s posts"
            columns={[
              { key: 'post', label: 'Post' },
              { key: 'round', label: 'Round' },
              { key: 'submitted', label: 'Submitted applications', numeric: true },
              { key: 'reviewers', label: 'Reviewers', numeric: true },
            ]}
            empty="Your organisation has no published post."
            rows={data.ownPosts.map((p) => [
              <a href={`/posts/${p.id}/reviewers`}>
                {p.title}
                <span class="visually-hidden">: choose reviewers</span>
              </a>,
              p.roundName,
              String(p.submitted),
              String(p.reviewers),
            ])}
          />
        </>
      )}
    </Layout>
  );
}

function SubmittedReview(props: { data: ReviewPageData; review: NonNullable<ReviewPageData['own']>; title: string }) {
  const { review } = props;
  return (
    <SubmittedScores criteria={props.data.criteria} sheet={review} title={props.title}>
      <Row label="Recommendation">{review.recommendation ? recommendationNames[review.recommendation] : 'None'}</Row>
    </SubmittedScores>
  );
}

// GET /reviews/:applicationId/:postId: the application as the round's anonymity allows, and the scoring form
export function ReviewPage(props: { ctx: PageContext; data: ReviewPageData; form?: FormState; conflictForm?: FormState }) {
  const { ctx, data } = props;
  const form = props.form ?? noForm;
  const conflict = props.conflictForm ?? noForm;
  const errors = { ...form.errors, ...conflict.errors };
  const hasErrors = Object.keys(errors).length > 0;
  const own = data.own;
  const submitted = own?.submittedAt != null;
  // a re-rendered form shows what was typed; otherwise the saved draft
  const typed = Object.keys(form.values).length > 0;
  const value = (field: string, saved: string | undefined) => (typed ? form.values[field] : saved);
  const title = data.candidate ? data.candidate.name : data.ref;
  return (
    <Layout ctx={ctx} title={`${hasErrors ? 'Error: ' : ''}Review: ${title}, ${data.post.title}`}>
      <p>
        <a href="/reviews">Back to your reviews</a>
      </p>
      <ErrorSummary errors={errors} fieldIds={{ form: 'review', recommendation: 'field-recommendation' }} />
      <h1>
        {title} <span class="caption">{data.post.title}</span>
      </h1>
      {data.named ? (
        <p>
          Named review:{' '}
          {data.roundAnonymised ? 'this candidate is on the fixed shortlist, so their name is shown.' : 'this round does not anonymise applications.'}
        </p>
      ) : (
        <p>
          Anonymised review: the candidate’s name, contact details, student number, nationality, pronouns and CV are hidden until the shortlist is fixed, and their name is replaced by “[name]” in their own
          text.
        </p>
      )}

      <h2>Candidate</h2>
      <dl class="summary-list">
        {data.candidate && (
          <>
            <Row label="Name">{data.candidate.name}</Row>
            <Row label="E-mail">{data.candidate.email}</Row>
            <Row label="CV">{data.candidate.hasCv ? <a href={`${reviewHref(data.applicationId, data.post.id)}/cv`}>Download the CV (PDF)</a> : 'No CV uploaded.'}</Row>
          </>
        )}
        <Row label="Course">{data.course ?? 'Not given'}</Row>
        <Row label="Level">{data.studyLevel ? (levelNames[data.studyLevel] ?? data.studyLevel) : 'Not given'}</Row>
        <Row label="Year of study">{data.yearOfStudy !== null ? String(data.yearOfStudy) : 'Not given'}</Row>
        <Row label="Languages">{data.languages.length > 0 ? data.languages.map((l) => `${languageName(l.language)} (${l.level})`).join(', ') : 'None listed'}</Row>
        <Row label="Choice">This post is their choice {data.rank}.</Row>
        {data.submittedAt && (
          <Row label="Submitted">
            <DateTime at={data.submittedAt} timeZone={ctx.timeZone} />
          </Row>
        )}
      </dl>

      <h2>Statement</h2>
      <PlainText text={data.statement} empty="No statement." />
      <h2>Motivation for this post</h2>
      <PlainText text={data.motivation} empty="No motivation given." />
      {data.answers.length > 0 && (
        <>
          <h2>Answers to the round’s questions</h2>
          <dl class="summary-list">
            {data.answers.map((a) => (
              <Row label={a.prompt}>
                <PlainText text={a.value} empty="Not answered." />
              </Row>
            ))}
          </dl>
        </>
      )}

      <h2 id="review">Your review</h2>
      {submitted && own ? (
        <>
          <p>You submitted your review. A submitted review cannot be changed.</p>
          <SubmittedReview data={data} review={own} title="Your scores" />
          <h2>All reviews</h2>
          {data.summary && (
            <dl class="summary-list">
              <Row label="Submitted reviews">{`${data.summary.count} (at least ${data.reviewsPerApplication} needed)`}</Row>
              <Row label="Weighted mean">{oneDecimal(data.summary.weightedMean)}</Row>
              <Row label="Spread">{oneDecimal(data.summary.spread)}</Row>
              <Row label="Agreement">{data.summary.disagree ? <Tag tone="amber">Reviewers disagree</Tag> : 'No two scores of a criterion are 2 or more apart.'}</Row>
              {data.summary.criteria.map((c) => (
                <Row label={data.criteria.find((k) => k.id === c.id)?.name ?? 'Criterion'}>{`Mean ${oneDecimal(c.mean)}, scores from ${c.min} to ${c.max}`}</Row>
              ))}
            </dl>
          )}
          {data.others.length === 0 ? <p>No other reviewer has submitted a review yet.</p> : data.others.map((r) => <SubmittedReview data={data} review={r} title={`Review by ${r.reviewerName}`} />)}
        </>
      ) : (
        <>
          <p>Other reviewers’ scores are shown once you submit your own review. A submitted review cannot be changed.</p>
          {data.criteria.length === 0 ? (
            <p>This round has no rubric yet: you can save a comment and a recommendation as a draft.</p>
          ) : null}
          <PostForm action={reviewHref(data.applicationId, data.post.id)} csrfToken={ctx.csrfToken}>
            <RubricScoreFields criteria={data.criteria} errors={form.errors} saved={own} value={value} />
            <RadiosField
              name="recommendation"
              label="Do you recommend this candidate for the shortlist?"
              error={form.errors.recommendation}
              value={value('recommendation', own?.recommendation ?? undefined)}
              options={(['yes', 'maybe', 'no'] as const).map((r) => ({ value: r, label: recommendationNames[r] }))}
              inline
            />
            <div class="button-group">
              <Button name="intent" value="submit">
                Submit review
              </Button>
              <Button name="intent" value="save" kind="secondary">
                Save draft
              </Button>
            </div>
          </PostForm>
        </>
      )}

      <h2>Declare a conflict of interest</h2>
      <p>If you know this candidate or cannot review them fairly, say so. The application leaves your queue, any draft review of it is deleted, and you can no longer open it.</p>
      <PostForm action={`${reviewHref(data.applicationId, data.post.id)}/conflict`} csrfToken={ctx.csrfToken}>
        <TextArea name="reason" label="Reason" hint={`Required, up to ${CONFLICT_REASON_MAX_CHARS} characters. It is recorded with your declaration.`} error={conflict.errors.reason} value={conflict.values.reason} maxLength={CONFLICT_REASON_MAX_CHARS} rows={3} />
        <Button kind="warning">Declare a conflict of interest</Button>
      </PostForm>
    </Layout>
  );
}
