import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag } from '../../../platform/views/Tag.tsx';
import { Button, ErrorSummary, PostForm, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { plural } from '../../../platform/views/plural.ts';
import { positionField, type RankingEntryInput } from '../rankings.input.ts';
import type { RankingCandidate, RankingView } from '../rankings.service.ts';
import { oneDecimal } from './score-format.ts';

function PositionSelect(props: { candidate: RankingCandidate; count: number; value: string; error: string | undefined }) {
  const { candidate } = props;
  const id = positionField(candidate.applicationId);
  return (
    <div class={`field${props.error ? ' field--error' : ''}`}>
      <label class="visually-hidden" for={id}>
        Position of {candidate.name}
      </label>
      {props.error && (
        <p class="field__error" id={`${id}-error`}>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      )}
      <input type="hidden" name="candidate" value={candidate.applicationId} />
      <select class="select" id={id} name={id} aria-describedby={props.error ? `${id}-error` : undefined} aria-invalid={props.error ? 'true' : undefined}>
        <option value="" selected={props.value === ''}>
          No position
        </option>
        {Array.from({ length: props.count }, (_, i) => String(i + 1)).map((p) => (
          <option value={p} selected={props.value === p}>
            {p}
          </option>
        ))}
      </select>
    </div>
  );
}

function NotAppointable(props: { candidate: RankingCandidate; checked: boolean }) {
  const id = `not-appointable-${props.candidate.applicationId}`;
  return (
    <div class="checkbox">
      <input type="checkbox" id={id} name="notAppointable" value={props.candidate.applicationId} checked={props.checked} />
      <label for={id}>
        Not appointable<span class="visually-hidden">: {props.candidate.name}</span>
      </label>
    </div>
  );
}

export function RankingPage(props: { ctx: PageContext; view: RankingView; typed?: RankingEntryInput[] | undefined; errors: FieldErrors; problem?: string | undefined }) {
  const { ctx, view, errors } = props;
  const { post, round } = view;
  const title = `Ranking: ${post.title}`;
  const typed = new Map((props.typed ?? []).map((e) => [e.applicationId, e]));
  const valueOf = (c: RankingCandidate) => (props.typed ? (typed.get(c.applicationId)?.position ?? '') : c.position === null ? '' : String(c.position));
  const tickedOf = (c: RankingCandidate) => (props.typed ? (typed.get(c.applicationId)?.notAppointable ?? false) : c.notAppointable);
  const fieldIds: Record<string, string> = { ranking: 'ranking-table' };
  for (const c of view.candidates) fieldIds[positionField(c.applicationId)] = positionField(c.applicationId);
  const n = view.candidates.length;
  const table = (
    <Table
      caption={`${plural(n, 'interviewed candidate')} for ${plural(post.places, 'place')}`}
      columns={[
        { key: 'position', label: 'Position' },
        { key: 'appointable', label: 'Appointable' },
        { key: 'candidate', label: 'Candidate' },
        { key: 'interviewed', label: 'Interviewed' },
        { key: 'reviews', label: 'Review mean (1–5)', numeric: true },
        { key: 'interview', label: 'Interview mean (1–5)', numeric: true },
      ]}
      rows={view.candidates.map((c) => [
        view.canEdit ? <PositionSelect candidate={c} count={n} value={valueOf(c)} error={errors[positionField(c.applicationId)]} /> : c.position === null ? '–' : String(c.position),
        view.canEdit ? <NotAppointable candidate={c} checked={tickedOf(c)} /> : c.notAppointable ? <Tag tone="red">Not appointable</Tag> : c.position === null ? 'Not ranked' : 'Yes',
        <strong>{c.name}</strong>,
        <DateTime at={c.interviewedAt} timeZone={round.timeZone} alsoIn={ctx.timeZone} />,
        <>
          {oneDecimal(c.reviewMean)}
          <span class="field__hint">{plural(c.reviews, 'review')}</span>
        </>,
        <>
          {oneDecimal(c.interviewMean)}
          <span class="field__hint">{c.interviewScores === 0 ? 'no interview scores' : plural(c.interviewScores, 'panel member')}</span>
          {c.interviewDisagree && <Tag tone="amber">Panel disagrees</Tag>}
        </>,
      ])}
      empty="No candidate of this post has been interviewed yet."
    />
  );
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Error: ' : ''}${title}`}>
      <p>
        <a href={`/manage/posts/${post.id}`}>Back to the post</a>
      </p>
      <h1>{title}</h1>
      <p>
        Rank the candidates you interviewed for {round.name}, best first: position 1 is the candidate you would most like to appoint. Mark a candidate “not appointable” if you
        would not take them whatever happens; they get no position. The allocation offers each place to students in your order, among those who also want this post.
      </p>
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      {props.problem && (
        <NotificationBanner kind="warning" title="Not changed" focus>
          <p>{props.problem}</p>
        </NotificationBanner>
      )}
      {view.published && (
        <NotificationBanner kind="info" title="The allocation is published">
          <p>The allocation of this round has been published: the ranking can no longer change.</p>
        </NotificationBanner>
      )}
      {view.saved ? (
        <p>
          Saved by {view.saved.byName} on <DateTime at={view.saved.at} timeZone={round.timeZone} alsoIn={ctx.timeZone} />: {view.saved.ranked} ranked
          {view.saved.notAppointable > 0 ? `, ${view.saved.notAppointable} not appointable` : ''}.
        </p>
      ) : (
        <p>No ranking saved yet.</p>
      )}
      {view.isStaff && <p>Only the partner’s coordinators rank candidates; you can read the ranking.</p>}
      <div id="ranking-table">
        {view.canEdit ? (
          <PostForm action={`/posts/${post.id}/ranking`} csrfToken={ctx.csrfToken}>
            {table}
            <p class="field__hint">Saving replaces the whole ranking. Positions run 1, 2, 3… without gaps or repeats.</p>
            <div class="button-row">
              <Button>Save ranking</Button>
            </div>
          </PostForm>
        ) : (
          table
        )}
      </div>
    </Layout>
  );
}
