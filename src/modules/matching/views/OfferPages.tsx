import { countryName } from '../../../platform/geo/countries.ts';
import { formatDay, localInputValue } from '../../../platform/time/zoned.ts';
import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import { SummaryRow } from '../../../platform/views/SummaryRow.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag, type TagTone } from '../../../platform/views/Tag.tsx';
import { Button, ErrorSummary, PostForm, TextArea, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { plural } from '../../../platform/views/plural.ts';
import { ordinal } from '../explanations.ts';
import type { OfferStatus } from '../matching.tables.ts';
import type { PostInfo } from '../offers.repo.ts';
import type { OfferRefusal, OfferView, PublishRefusal, PublishView, RoundOffersView } from '../offers.service.ts';
import type { PostAllocationView, StudentOutcomeView } from '../outcomes.service.ts';

export const offerStatusNames: Record<OfferStatus, string> = {
  open: 'Waiting for an answer',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired (not answered in time)',
  superseded: 'Replaced by a later offer',
};

const statusTones: Record<OfferStatus, TagTone> = { open: 'blue', accepted: 'green', declined: 'neutral', expired: 'amber', superseded: 'neutral' };

export function OfferStatusTag(props: { status: OfferStatus }) {
  return <Tag tone={statusTones[props.status]}>{offerStatusNames[props.status]}</Tag>;
}

export function publishRefusalText(refusal: PublishRefusal): string {
  return refusal === 'published'
    ? 'This run is already published: its offers and outcomes have gone out. A run is published once.'
    : 'This is not the newest run of the round. Only the newest run can be published: publish that one, or run the allocation again.';
}

const DAY = 24 * 60 * 60 * 1000;

// the publish form's default deadline: a week from now, as a wall-clock time in the round's zone
export function defaultRespondBy(now: Date, timeZone: string): string {
  return localInputValue(new Date(now.getTime() + 7 * DAY), timeZone);
}

// The publish form, for the run's page and for the confirmation page: it posts to
// POST /allocation-runs/:id/publish; the response deadline is a wall-clock time in the round's zone.
// Without a typed value it proposes a week from `now`.
export function PublishForm(props: { csrfToken: string; runId: string; timeZone: string; values?: FieldValues; errors?: FieldErrors; now?: Date }) {
  const typed = props.values?.respondBy;
  const value = typed ?? (props.now ? defaultRespondBy(props.now, props.timeZone) : undefined);
  return (
    <PostForm action={`/allocation-runs/${props.runId}/publish`} csrfToken={props.csrfToken}>
      <TextField
        name="respondBy"
        type="datetime-local"
        label="Students must answer their offers by"
        hint={`Date and time in the round’s time zone, ${props.timeZone.replace(/_/g, ' ')}. An offer not answered by then expires.`}
        value={value}
        error={props.errors?.respondBy}
        width="short"
      />
      <Button>Publish and send offers</Button>
    </PostForm>
  );
}

export function PublishPage(props: { ctx: PageContext; view: PublishView; values: FieldValues; errors: FieldErrors; problem?: string | undefined }) {
  const { ctx, view, errors } = props;
  const { run, round, plan } = view;
  const changed = plan.newOffers.filter((o) => o.replaces).length;
  const problem = props.problem ?? (view.refusal ? publishRefusalText(view.refusal) : undefined);
  const title = `Publish run ${run.number} of ${round.name}`;
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Error: ' : ''}${title}`}>
      <p>
        <a href={`/rounds/${round.id}/offers`}>Offers of {round.name}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      {problem && (
        <NotificationBanner kind="warning" title="This run cannot be published" focus>
          <p>{problem}</p>
        </NotificationBanner>
      )}
      <p>
        Run {run.number} was computed on <DateTime at={run.runAt} timeZone={round.timeZone} alsoIn={ctx.timeZone} />. Publishing it tells every applicant their outcome, with the
        reasons, in one release. It cannot be undone.
      </p>
      <dl class="summary-list">
        <SummaryRow label="Offers to send">{plural(plan.newOffers.length - changed, 'new offer')}</SummaryRow>
        <SummaryRow label="Changed offers">{plural(changed, 'offer')} replacing an earlier open offer (announced as changed)</SummaryRow>
        <SummaryRow label="Offers kept">{plural(plan.kept.length, 'open offer')} of the same post, unchanged</SummaryRow>
        <SummaryRow label="Accepted offers">{plural(plan.keptAccepted.length, 'accepted offer')}, never touched</SummaryRow>
        {plan.withdrawn.length > 0 && <SummaryRow label="Offers taken back">{plural(plan.withdrawn.length, 'open offer')} of students this run does not place</SummaryRow>}
        <SummaryRow label="Outcomes to tell">
          {plural(plan.tellUnplaced.length, 'unplaced student')} and {plural(plan.notShortlisted.length, 'applicant')} not shortlisted
        </SummaryRow>
        <SummaryRow label="Outcomes recorded">{plural(plan.outcomes.length, 'application')} in this run</SummaryRow>
      </dl>
      {!view.refusal && <PublishForm csrfToken={ctx.csrfToken} runId={run.id} timeZone={round.timeZone} values={props.values} errors={errors} />}
    </Layout>
  );
}

function PostSummary(props: { post: PostInfo }) {
  const { post } = props;
  return (
    <>
      <SummaryRow label="Post">{post.title}</SummaryRow>
      <SummaryRow label="Organisation">{post.organisationName}</SummaryRow>
      <SummaryRow label="Office">
        {post.city}, {countryName(post.country) ?? post.country}
      </SummaryRow>
      <SummaryRow label="Start">
        Between {formatDay(post.earliestStart)} and {formatDay(post.latestStart)}, for {plural(post.durationMonths, 'month')}
      </SummaryRow>
    </>
  );
}

export function offerRefusalText(refusal: OfferRefusal, view: OfferView): string {
  switch (refusal) {
    case 'late':
      return 'The deadline to answer this offer has passed, so it can no longer be accepted or declined.';
    case 'accepted-elsewhere':
      return 'You have already accepted another offer. You can hold only one placement: contact the programme team if you want to change.';
    case 'already-accepted':
      return 'You have accepted this offer, so it can no longer be declined here. Contact the programme team if you cannot take up the placement.';
    case 'not-open':
      return `This offer is no longer open (${offerStatusNames[view.offer.status].toLowerCase()}), so it cannot be answered.`;
  }
}

export function OfferPage(props: { ctx: PageContext; view: OfferView; values: FieldValues; errors: FieldErrors; refusal?: OfferRefusal | undefined }) {
  const { ctx, view, errors } = props;
  const { offer, post, round } = view;
  const title = `Your offer: ${post.title}`;
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Error: ' : ''}${title}`}>
      <p>
        <a href={`/applications/${offer.applicationId}/outcome`}>Your outcome in {round.name}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      {props.refusal && (
        <NotificationBanner kind="warning" title="Your answer was not recorded" focus>
          <p>{offerRefusalText(props.refusal, view)}</p>
          {props.refusal === 'late' && (
            <p>
              The deadline was <DateTime at={offer.respondBy} timeZone={view.studentZone} alsoIn={round.timeZone} />.
            </p>
          )}
        </NotificationBanner>
      )}
      <dl class="summary-list">
        <SummaryRow label="Status">
          <OfferStatusTag status={offer.status} />
        </SummaryRow>
        <PostSummary post={post} />
        <SummaryRow label="Answer by">
          <DateTime at={offer.respondBy} timeZone={view.studentZone} alsoIn={round.timeZone} />
        </SummaryRow>
        <SummaryRow label="Offered on">
          <DateTime at={offer.sentAt} timeZone={view.studentZone} />
        </SummaryRow>
        {offer.respondedAt && (
          <SummaryRow label="Answered on">
            <DateTime at={offer.respondedAt} timeZone={view.studentZone} />
          </SummaryRow>
        )}
      </dl>
      {offer.status === 'accepted' && <p>You accepted this offer. Your placement is pending funding: the programme team will contact you about funding and preparation.</p>}
      {offer.status === 'declined' && <p>You declined this offer{offer.declineReason ? `: “${offer.declineReason}”` : ''}.</p>}
      {offer.status === 'expired' && <p>This offer was not answered by its deadline, so it expired and counts as declined.</p>}
      {offer.status === 'superseded' &&
        (view.replacedBy ? (
          <p>
            This offer was replaced by a later one: <a href={`/offers/${view.replacedBy.id}`}>your offer of {view.replacedBy.postTitle}</a>.
          </p>
        ) : (
          <p>This offer was withdrawn when the allocation was run again. See your outcome for the reasons.</p>
        ))}
      {offer.status === 'open' && !view.canAnswer && <p>The deadline to answer this offer has passed.</p>}
      {view.canAnswer && (
        <>
          {view.acceptedElsewhere && (
            <NotificationBanner kind="info" title="You have accepted another offer">
              <p>You can hold only one placement, so this offer cannot be accepted. You can decline it.</p>
            </NotificationBanner>
          )}
          <h2>Accept the offer</h2>
          {!view.acceptedElsewhere && (
            <PostForm action={`/offers/${offer.id}/accept`} csrfToken={ctx.csrfToken}>
              <p>Accepting makes you the intern of this post. Your placement then waits for funding.</p>
              <Button>Accept this offer</Button>
            </PostForm>
          )}
          <h2>Decline the offer</h2>
          <PostForm action={`/offers/${offer.id}/decline`} csrfToken={ctx.csrfToken}>
            <p>Declining gives the place to another student. It cannot be undone.</p>
            <TextArea name="reason" label="Why are you declining? (optional)" hint="Up to 1,000 characters." rows={3} maxLength={1000} value={props.values.reason} error={errors.reason} />
            <Button kind="warning">Decline this offer</Button>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

export function OutcomePage(props: { ctx: PageContext; view: StudentOutcomeView }) {
  const { ctx, view } = props;
  const { round, explanation } = view;
  const title = `Your outcome in ${round.name}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/applications/${view.applicationId}`}>Your application</a>
      </p>
      <h1>{title}</h1>
      {view.state === 'pending' && <p>The outcome is not published yet. Every applicant hears it, with the reasons, by {formatDay(round.offersBy)}.</p>}
      {view.state === 'not-shortlisted' && (
        <>
          <p>You were not shortlisted for any of the posts you chose, so you were not placed.</p>
          {view.choices.length > 0 && (
            <ol>
              {view.choices.map((c) => (
                <li>{c.title}: the partner did not shortlist you for this post.</li>
              ))}
            </ol>
          )}
        </>
      )}
      {explanation && (
        <>
          <h2>Your result</h2>
          <p>
            {view.post ? (
              <>
                You were placed in <strong>{view.post.title}</strong> at {view.post.organisationName}
                {explanation.choice !== null ? `, your ${ordinal(explanation.choice)} choice` : ''}.
              </>
            ) : (
              'You were not placed in any post.'
            )}{' '}
            {explanation.summary}
          </p>
          {explanation.higherChoices.length > 0 && (
            <Table
              caption={view.post ? 'Why not a post you ranked higher' : 'Why not each post you ranked'}
              columns={[
                { key: 'choice', label: 'Your choice', numeric: true },
                { key: 'post', label: 'Post' },
                { key: 'reason', label: 'Reason' },
              ]}
              rows={explanation.higherChoices.map((c) => [String(c.choice), view.titles[c.postId] ?? 'A post no longer listed', c.text])}
            />
          )}
        </>
      )}
      {view.offers.length > 0 && (
        <Table
          caption="Your offers"
          columns={[
            { key: 'post', label: 'Post' },
            { key: 'status', label: 'Status' },
            { key: 'by', label: 'Answer by' },
          ]}
          rows={view.offers.map((o) => [<a href={`/offers/${o.id}`}>{o.postTitle}</a>, <OfferStatusTag status={o.status} />, <DateTime at={o.respondBy} timeZone={round.timeZone} alsoIn={ctx.timeZone} />])}
        />
      )}
    </Layout>
  );
}

const outcomeNames = { 'placed-elsewhere': 'Placed in another post', unplaced: 'Not placed', 'not-in-allocation': 'Not in this allocation' } as const;

export function PostAllocationPage(props: { ctx: PageContext; view: PostAllocationView }) {
  const { ctx, view } = props;
  const { post, round } = view;
  const title = `Allocation: ${post.title}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{round.name}</p>
      {!view.run && <p>No allocation of this round is published yet.</p>}
      {view.run && !view.inRun && (
        <p>
          This post was not part of run {view.run.number}, published on <DateTime at={view.run.publishedAt} timeZone={round.timeZone} alsoIn={ctx.timeZone} />.
        </p>
      )}
      {view.run && view.inRun && (
        <>
          <p>
            From run {view.run.number}, published on <DateTime at={view.run.publishedAt} timeZone={round.timeZone} alsoIn={ctx.timeZone} />: {plural(view.capacity, 'place')},{' '}
            {plural(view.placed.length, 'candidate')} placed, {plural(view.emptyPlaces, 'place')} left empty.
          </p>
          <Table
            caption="Placed in this post"
            columns={[
              { key: 'name', label: 'Candidate' },
              { key: 'rank', label: 'Your ranking', numeric: true },
              { key: 'how', label: 'How' },
              { key: 'offer', label: 'Offer' },
            ]}
            rows={view.placed.map((p) => [
              p.name,
              p.rank === null ? 'Not ranked' : String(p.rank),
              p.forced ? 'Placed by the programme team' : 'Allocation',
              p.offerStatus ? <OfferStatusTag status={p.offerStatus} /> : 'No offer',
            ])}
            empty="Nobody was placed in this post."
          />
          <Table
            caption="Candidates you ranked higher who are not placed here"
            columns={[
              { key: 'rank', label: 'Your ranking', numeric: true },
              { key: 'name', label: 'Candidate' },
              { key: 'outcome', label: 'Outcome' },
              { key: 'why', label: 'Why' },
            ]}
            rows={view.missed.map((m) => [String(m.rank), m.name, outcomeNames[m.outcome], m.text])}
            empty="Every candidate you ranked above the ones placed here is placed here."
          />
        </>
      )}
    </Layout>
  );
}

export function RoundOffersPage(props: { ctx: PageContext; view: RoundOffersView }) {
  const { ctx, view } = props;
  const { round } = view;
  const title = `Offers of ${round.name}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {view.latestPublished ? (
        <p>
          Latest published run: run {view.latestPublished.number}, on <DateTime at={view.latestPublished.publishedAt} timeZone={round.timeZone} alsoIn={ctx.timeZone} />.
        </p>
      ) : (
        <p>No allocation of this round is published yet.</p>
      )}
      <Table
        caption="Offers by status"
        columns={[
          { key: 'status', label: 'Status' },
          { key: 'count', label: 'Offers', numeric: true },
        ]}
        rows={view.counts.map((c) => [offerStatusNames[c.status], String(c.count)])}
      />
      <Table
        caption={plural(view.offers.length, 'offer')}
        columns={[
          { key: 'student', label: 'Student' },
          { key: 'post', label: 'Post' },
          { key: 'status', label: 'Status' },
          { key: 'by', label: 'Respond by' },
        ]}
        rows={view.offers.map((o) => [o.studentName, o.postTitle, <OfferStatusTag status={o.status} />, <DateTime at={o.respondBy} timeZone={round.timeZone} alsoIn={ctx.timeZone} />])}
        empty="No offers yet."
      />
      <Table
        caption={`${plural(view.placements.length, 'placement')} (pending funding)`}
        columns={[
          { key: 'student', label: 'Intern' },
          { key: 'post', label: 'Post' },
          { key: 'status', label: 'Status' },
          { key: 'since', label: 'Since' },
        ]}
        rows={view.placements.map((p) => [p.studentName, p.postTitle, p.status === 'pending_funding' ? 'Pending funding' : p.status, <DateTime at={p.createdAt} timeZone={round.timeZone} alsoIn={ctx.timeZone} />])}
        empty="No offer has been accepted yet."
      />
    </Layout>
  );
}
