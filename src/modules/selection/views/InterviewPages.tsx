import { DateTime, formatDateTime } from '../../../platform/views/DateTime.tsx';
import { Button, CheckboxesField, ErrorSummary, PostForm, RadiosField, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { RubricScoreFields, SubmittedScores } from './RubricScoreFields.tsx';
import { plural } from '../../../platform/views/plural.ts';
import { SummaryRow as Row } from '../../../platform/views/SummaryRow.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag } from '../../../platform/views/Tag.tsx';
import { PLACE_MAX_CHARS, SLOT_MAX_MINUTES, SLOT_MIN_MINUTES, VIDEO_LINK_MAX_CHARS } from '../interviews.input.ts';
import type { PanelMember, SlotWithPanel } from '../interviews.repo.ts';
import type { PanelListData, PartnerPageData, ScorePageData, SlotEditData, StudentPageData } from '../interviews.service.ts';
import { oneDecimal } from './score-format.ts';

export interface SlotFormState {
  values: FieldValues;
  errors: FieldErrors;
  panelValues?: string[] | undefined;
}

const noForm: SlotFormState = { values: {}, errors: {} };

export const interviewsHref = (postId: string) => `/posts/${postId}/interviews`;
export const studentInterviewsHref = (applicationId: string) => `/applications/${applicationId}/interviews`;
export const scoresHref = (slotId: string) => `/interviews/${slotId}/scores`;

function Where(props: { slot: { kind: string; location: string } }) {
  return props.slot.kind === 'video' ? (
    <>
      Video call: <a href={props.slot.location}>{props.slot.location}</a>
    </>
  ) : (
    <>In person: {props.slot.location}</>
  );
}

const panelNames = (panel: readonly PanelMember[]) => (panel.length === 0 ? 'No panel' : panel.map((m) => m.name).join(', '));

function SlotFields(props: { form: SlotFormState; officeTimeZone: string; panelCandidates: PanelMember[] }) {
  const { form } = props;
  const zone = props.officeTimeZone.replace(/_/g, ' ');
  return (
    <>
      <TextField name="date" type="date" label="Date" hint={`In the office’s time zone (${zone}), like 2026-03-10.`} value={form.values.date} error={form.errors.date} width="short" />
      <TextField name="time" label="Start time" hint={`24-hour time in ${zone}, like 09:30.`} value={form.values.time} error={form.errors.time} width="short" maxLength={5} />
      <TextField
        name="minutes"
        label="Length in minutes"
        hint={`From ${SLOT_MIN_MINUTES} to ${SLOT_MAX_MINUTES}.`}
        value={form.values.minutes ?? '45'}
        error={form.errors.minutes}
        width="short"
        maxLength={3}
      />
      <RadiosField
        name="kind"
        label="How is the interview held?"
        value={form.values.kind}
        error={form.errors.kind}
        options={[
          { value: 'video', label: 'By video call' },
          { value: 'in_person', label: 'In person' },
        ]}
        inline
      />
      <TextField name="videoLink" type="url" label="Video link (for a video call)" hint="The full address, starting with https://" value={form.values.videoLink} error={form.errors.videoLink} maxLength={VIDEO_LINK_MAX_CHARS} />
      <TextField name="place" label="Place (for an interview in person)" hint="Address and room." value={form.values.place} error={form.errors.place} maxLength={PLACE_MAX_CHARS} />
      <CheckboxesField
        name="panel"
        label="Panel"
        hint="At least one partner admin or reviewer of your organisation."
        error={form.errors.panel}
        values={form.panelValues ?? []}
        options={props.panelCandidates.map((m) => ({ value: m.id, label: m.name }))}
      />
    </>
  );
}

// GET /posts/:id/interviews: the partner admin's slots of a post, and the interview scores so far
export function InterviewsPage(props: { ctx: PageContext; data: PartnerPageData; form?: SlotFormState | undefined; problem?: string | undefined }) {
  const { ctx, data } = props;
  const form = props.form ?? noForm;
  const { post } = data;
  const hasErrors = Object.keys(form.errors).length > 0 || Boolean(props.problem);
  const zone = post.officeTimeZone;
  return (
    <Layout ctx={ctx} title={`${hasErrors ? 'Error: ' : ''}Interviews: ${post.title}`}>
      <p>
        <a href={`/posts/${post.id}/shortlist`}>Back to the shortlist</a>
      </p>
      <ErrorSummary errors={form.errors} fieldIds={{ form: 'add-slot' }} />
      {props.problem && (
        <NotificationBanner kind="warning" title="That could not be done" focus>
          <p>{props.problem}</p>
        </NotificationBanner>
      )}
      <h1>
        Interviews <span class="caption">{post.title}</span>
      </h1>
      <p>
        {post.roundName}. Times are in the office’s time zone, {zone.replace(/_/g, ' ')} ({post.officeCity}).
      </p>
      {!data.fixed && <p class="callout">The shortlist of this post is not fixed yet: candidates can book a slot once it is fixed.</p>}
      <Table
        caption="Interview slots"
        columns={[
          { key: 'start', label: 'Start' },
          { key: 'length', label: 'Length' },
          { key: 'where', label: 'Where' },
          { key: 'panel', label: 'Panel' },
          { key: 'booking', label: 'Booking' },
          ...(data.canEdit ? [{ key: 'action', label: 'Action' }] : []),
        ]}
        empty="No interview slot is published yet."
        rows={data.slots.map((s) => [
          <DateTime at={s.startsAt} timeZone={zone} />,
          `${s.minutes} minutes`,
          <Where slot={s} />,
          panelNames(s.panel),
          s.candidate ? (
            <>
              <Tag tone="green">Booked</Tag> {s.candidate.label}
            </>
          ) : (
            <Tag tone="blue">Free</Tag>
          ),
          ...(data.canEdit
            ? [
                s.candidate ? (
                  s.started ? (
                    s.panel.some((m) => m.id === data.viewerId) ? (
                      <a href={scoresHref(s.id)}>
                        Your interview scores<span class="visually-hidden"> of {s.candidate.label}</span>
                      </a>
                    ) : (
                      'Interview started'
                    )
                  ) : (
                    <PostForm action={`${interviewsHref(post.id)}/${s.id}/cancel`} csrfToken={ctx.csrfToken} class="inline-form">
                      <Button kind="warning">
                        Cancel booking<span class="visually-hidden"> of {s.candidate.label}</span>
                      </Button>
                    </PostForm>
                  )
                ) : (
                  <>
                    <a href={`${interviewsHref(post.id)}/${s.id}`}>
                      Change<span class="visually-hidden"> the slot of {formatDateTime(s.startsAt, zone)}</span>
                    </a>{' '}
                    <PostForm action={`${interviewsHref(post.id)}/${s.id}/delete`} csrfToken={ctx.csrfToken} class="inline-form">
                      <Button kind="secondary">
                        Delete<span class="visually-hidden"> the slot of {formatDateTime(s.startsAt, zone)}</span>
                      </Button>
                    </PostForm>
                  </>
                ),
              ]
            : []),
        ])}
      />

      <h2>Interview scores</h2>
      {data.criteriaCount === 0 && <p>This round has no rubric yet.</p>}
      <Table
        caption="Interview scores per candidate (submitted score sheets)"
        columns={[
          { key: 'candidate', label: 'Candidate' },
          { key: 'start', label: 'Interview' },
          { key: 'sheets', label: 'Submitted', numeric: true },
          { key: 'mean', label: 'Weighted mean', numeric: true },
          { key: 'spread', label: 'Spread', numeric: true },
          { key: 'agreement', label: 'Agreement' },
        ]}
        empty="No candidate has booked an interview yet."
        rows={data.summaries.map((c) => [
          c.label,
          <DateTime at={c.startsAt} timeZone={zone} />,
          `${c.summary.count}${c.drafts > 0 ? ` (${c.drafts} in draft)` : ''}`,
          oneDecimal(c.summary.weightedMean),
          oneDecimal(c.summary.spread),
          c.summary.disagree ? <Tag tone="amber">Panel disagrees</Tag> : c.summary.count > 1 ? 'Agree' : '–',
        ])}
      />

      {data.canEdit && (
        <section id="add-slot" aria-labelledby="add-slot-title">
          <h2 id="add-slot-title">Add an interview slot</h2>
          {data.panelCandidates.length === 0 ? (
            <p>Your organisation has no active partner admin or reviewer to sit on a panel.</p>
          ) : (
            <PostForm action={interviewsHref(post.id)} csrfToken={ctx.csrfToken}>
              <SlotFields form={form} officeTimeZone={zone} panelCandidates={data.panelCandidates} />
              <Button>Add slot</Button>
            </PostForm>
          )}
        </section>
      )}
    </Layout>
  );
}

// GET /posts/:id/interviews/:slotId: change a free slot
export function SlotEditPage(props: { ctx: PageContext; data: SlotEditData; form?: SlotFormState | undefined }) {
  const { ctx, data } = props;
  const form = props.form ?? { values: data.values, errors: {}, panelValues: data.slot.panel.map((m) => m.id) };
  const hasErrors = Object.keys(form.errors).length > 0;
  const { post, slot } = data;
  return (
    <Layout ctx={ctx} title={`${hasErrors ? 'Error: ' : ''}Change an interview slot: ${post.title}`}>
      <p>
        <a href={interviewsHref(post.id)}>Back to the interviews</a>
      </p>
      <ErrorSummary errors={form.errors} fieldIds={{ form: 'slot-form' }} />
      <h1>
        Change an interview slot <span class="caption">{post.title}</span>
      </h1>
      {slot.applicationId ? (
        <p id="slot-form">This slot is booked, so it cannot be changed. Cancel the booking on the interviews page first if you must change it.</p>
      ) : (
        <div id="slot-form">
          <PostForm action={`${interviewsHref(post.id)}/${slot.id}`} csrfToken={ctx.csrfToken}>
            <SlotFields form={form} officeTimeZone={post.officeTimeZone} panelCandidates={data.panelCandidates} />
            <Button>Save changes</Button>
          </PostForm>
        </div>
      )}
    </Layout>
  );
}

function SlotSummary(props: { slot: SlotWithPanel; timeZone: string; officeTimeZone: string }) {
  const { slot } = props;
  return (
    <dl class="summary-list">
      <Row label="When">
        <DateTime at={slot.startsAt} timeZone={props.timeZone} alsoIn={props.officeTimeZone} />
      </Row>
      <Row label="Length">{`${slot.minutes} minutes`}</Row>
      <Row label="Where">
        <Where slot={slot} />
      </Row>
      <Row label="Panel">{panelNames(slot.panel)}</Row>
    </dl>
  );
}

// GET /applications/:id/interviews: the student's interviews, per post they are shortlisted for
export function StudentInterviewsPage(props: { ctx: PageContext; data: StudentPageData; problem?: string | undefined }) {
  const { ctx, data } = props;
  const zone = data.timeZone;
  return (
    <Layout ctx={ctx} title={`${props.problem ? 'Error: ' : ''}Your interviews`}>
      <p>
        <a href={`/applications/${data.applicationId}`}>Back to your application</a>
      </p>
      {props.problem && (
        <NotificationBanner kind="warning" title="That could not be done" focus>
          <p>{props.problem}</p>
        </NotificationBanner>
      )}
      <h1>Your interviews</h1>
      <p>
        Times are shown in your time zone, {zone.replace(/_/g, ' ')}
        {data.timeZoneChosen ? '' : ' (the university’s, as you have not chosen one)'}, with the office’s time alongside.{' '}
        <a href="/account#time-zone">Change your time zone</a>.
      </p>
      <p>You can book one interview per post. You can move or cancel it until 24 hours before it starts.</p>
      {data.posts.map((p) => (
        <section aria-labelledby={`post-${p.post.id}`}>
          <h2 id={`post-${p.post.id}`}>
            {p.post.title} <span class="caption">{p.post.organisationName}</span>
          </h2>
          {p.booked ? (
            <>
              <h3>Your interview</h3>
              <SlotSummary slot={p.booked} timeZone={zone} officeTimeZone={p.post.officeTimeZone} />
              {p.canChange && p.changeUntil ? (
                <>
                  <p>
                    You can move or cancel it until <DateTime at={p.changeUntil} timeZone={zone} />.
                  </p>
                  <PostForm action={`${studentInterviewsHref(data.applicationId)}/cancel`} csrfToken={ctx.csrfToken}>
                    <input type="hidden" name="postId" value={p.post.id} />
                    <Button kind="warning">
                      Cancel this interview<span class="visually-hidden"> for {p.post.title}</span>
                    </Button>
                  </PostForm>
                </>
              ) : p.started ? (
                <p>This interview has started or taken place.</p>
              ) : (
                <p>It starts within 24 hours, so it can no longer be moved or cancelled here. Contact the programme team if you cannot attend.</p>
              )}
            </>
          ) : (
            <p>You have not booked an interview for this post yet.</p>
          )}
          {(!p.booked || p.canChange) && (
            <Table
              caption={p.booked ? `Other free times for ${p.post.title}` : `Free times for ${p.post.title}`}
              columns={[
                { key: 'when', label: 'When' },
                { key: 'length', label: 'Length' },
                { key: 'where', label: 'Where' },
                { key: 'action', label: 'Action' },
              ]}
              empty="No free time is offered at the moment. Check again later."
              rows={p.free.map((s) => [
                <DateTime at={s.startsAt} timeZone={zone} alsoIn={p.post.officeTimeZone} />,
                `${s.minutes} minutes`,
                s.kind === 'video' ? 'Video call' : `In person: ${s.location}`,
                <PostForm action={`${studentInterviewsHref(data.applicationId)}/book`} csrfToken={ctx.csrfToken} class="inline-form">
                  <input type="hidden" name="slotId" value={s.id} />
                  <Button kind="secondary">
                    {p.booked ? 'Move to this time' : 'Book this time'}
                    <span class="visually-hidden"> ({formatDateTime(s.startsAt, zone)})</span>
                  </Button>
                </PostForm>,
              ])}
            />
          )}
        </section>
      ))}
    </Layout>
  );
}

// GET /interviews: the interviews a panel member sits on, and a partner admin's posts to publish slots for
export function PanelInterviewsPage(props: { ctx: PageContext; data: PanelListData }) {
  const { ctx, data } = props;
  return (
    <Layout ctx={ctx} title="Interviews">
      <h1>Interviews</h1>
      <h2>Your interview panels</h2>
      <p>Booked interviews on whose panel you sit. You can record your scores once an interview has started.</p>
      <Table
        caption="Interviews on your panels"
        columns={[
          { key: 'post', label: 'Post' },
          { key: 'when', label: 'When' },
          { key: 'scores', label: 'Scores' },
        ]}
        empty="You do not sit on any booked interview."
        rows={data.items.map((i) => [
          i.postTitle,
          <DateTime at={i.startsAt} timeZone={i.officeTimeZone} />,
          i.started ? (
            <a href={scoresHref(i.slotId)}>
              Record scores<span class="visually-hidden">: {i.postTitle}, {formatDateTime(i.startsAt, i.officeTimeZone)}</span>
            </a>
          ) : (
            'Not started yet'
          ),
        ])}
      />
      {data.ownPosts && (
        <>
          <h2>Interview slots of your posts</h2>
          <Table
            caption="Your organisation’s posts with a shortlist"
            columns={[
              { key: 'post', label: 'Post' },
              { key: 'round', label: 'Round' },
              { key: 'shortlist', label: 'Shortlist' },
              { key: 'slots', label: 'Slots', numeric: true },
              { key: 'booked', label: 'Booked', numeric: true },
            ]}
            empty="None of your organisation’s posts has a shortlist yet."
            rows={data.ownPosts.map((p) => [
              <a href={interviewsHref(p.id)}>
                {p.title}
                <span class="visually-hidden">: interview slots</span>
              </a>,
              p.roundName,
              p.fixed ? 'Fixed' : 'Not fixed yet',
              String(p.slots),
              String(p.booked),
            ])}
          />
        </>
      )}
    </Layout>
  );
}

// GET /interviews/:slotId/scores: a panel member's scores of one interview
export function InterviewScorePage(props: { ctx: PageContext; data: ScorePageData; form?: SlotFormState | undefined }) {
  const { ctx, data } = props;
  const form = props.form ?? noForm;
  const hasErrors = Object.keys(form.errors).length > 0;
  const own = data.own;
  const submitted = own?.submittedAt != null;
  const typed = Object.keys(form.values).length > 0;
  const value = (field: string, saved: string | undefined) => (typed ? form.values[field] : saved);
  return (
    <Layout ctx={ctx} title={`${hasErrors ? 'Error: ' : ''}Interview scores: ${data.candidateName}, ${data.post.title}`}>
      <p>
        <a href="/interviews">Back to your interview panels</a>
      </p>
      <ErrorSummary errors={form.errors} fieldIds={{ form: 'scores' }} />
      <h1>
        Interview of {data.candidateName} <span class="caption">{data.post.title}</span>
      </h1>
      <SlotSummary slot={data.slot} timeZone={data.post.officeTimeZone} officeTimeZone={data.post.officeTimeZone} />
      <h2 id="scores">Your scores</h2>
      {!data.started ? (
        <p>You can record your scores once the interview has started.</p>
      ) : submitted && own ? (
        <>
          <p>You submitted your scores. Submitted scores cannot be changed.</p>
          <SubmittedScores criteria={data.criteria} sheet={own} title="Your scores" />
          <h2>The panel’s scores</h2>
          {data.summary && (
            <dl class="summary-list">
              <Row label="Submitted score sheets">{String(data.summary.count)}</Row>
              <Row label="Weighted mean">{oneDecimal(data.summary.weightedMean)}</Row>
              <Row label="Spread">{oneDecimal(data.summary.spread)}</Row>
              <Row label="Agreement">{data.summary.disagree ? <Tag tone="amber">Panel disagrees</Tag> : 'No two scores of a criterion are 2 or more apart.'}</Row>
            </dl>
          )}
          {data.others.length === 0 ? <p>No other panel member has submitted scores yet.</p> : data.others.map((s) => <SubmittedScores criteria={data.criteria} sheet={s} title={`Scores by ${s.memberName}`} />)}
        </>
      ) : (
        <>
          <p>Score every criterion of the round’s rubric from 1 to 5. The other panel members’ scores are shown once you submit yours.</p>
          {data.criteria.length === 0 && <p>This round has no rubric yet: you can save a comment as a draft.</p>}
          <PostForm action={scoresHref(data.slot.id)} csrfToken={ctx.csrfToken}>
            <RubricScoreFields criteria={data.criteria} errors={form.errors} saved={own} value={value} />
            <div class="button-group">
              <Button name="intent" value="submit">
                Submit scores
              </Button>
              <Button name="intent" value="save" kind="secondary">
                Save draft
              </Button>
            </div>
          </PostForm>
        </>
      )}
      <p>{plural(data.slot.panel.length, 'panel member')}.</p>
    </Layout>
  );
}
