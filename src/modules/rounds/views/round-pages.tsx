import { formatDay } from '../../../platform/time/zoned.ts';
import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag } from '../../../platform/views/Tag.tsx';
import { Button, ErrorSummary, PostForm, SelectField, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { plural } from '../../../platform/views/plural.ts';
import type { RoundView } from '../rounds.service.ts';
import { milestones } from '../timeline.ts';

export function RoundsPage(props: { ctx: PageContext; rounds: (RoundView & { agreementTitle: string })[]; canCreate: boolean }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Rounds">
      <h1>Rounds</h1>
      {props.canCreate && (
        <p>
          <a class="button button--secondary" href="/rounds/new">
            Add a round
          </a>
        </p>
      )}
      <Table
        caption={plural(props.rounds.length, 'round')}
        columns={[
          { key: 'name', label: 'Round' },
          { key: 'agreement', label: 'Agreement' },
          { key: 'phase', label: 'Phase' },
          { key: 'close', label: 'Applications close' },
        ]}
        rows={props.rounds.map((r) => [
          <a href={`/rounds/${r.id}`}>{r.name}</a>,
          r.agreementTitle,
          <Tag tone={r.phase === 'completed' ? 'neutral' : 'blue'}>{r.phaseName}</Tag>,
          <DateTime at={r.applicationsCloseAt} timeZone={r.timeZone} alsoIn={ctx.timeZone} />,
        ])}
        empty="No rounds yet."
      />
    </Layout>
  );
}

export function RoundPage(props: { ctx: PageContext; round: RoundView; agreementTitle: string; counts: { status: string; label: string; count: number }[]; questionCount: number; isStaff: boolean; canDraftPosts: boolean }) {
  const { ctx, round } = props;
  return (
    <Layout ctx={ctx} title={round.name}>
      <p>
        <a href="/rounds">Back to rounds</a>
      </p>
      <h1>{round.name}</h1>
      <p>
        <Tag tone="blue">{round.phaseName}</Tag> Under {props.agreementTitle}. Times are in the round’s time zone, {round.timeZone.replace(/_/g, ' ')}.
      </p>
      {props.isStaff && (
        <div class="button-row">
          <a class="button button--secondary" href={`/rounds/${round.id}/edit`}>
            Edit round
          </a>
          <PostForm action={`/rounds/${round.id}/clone`} csrfToken={ctx.csrfToken} class="inline-form">
            <Button kind="secondary">Clone for the next cohort</Button>
          </PostForm>
        </div>
      )}
      {props.isStaff && (
        <p>
          <a href={`/rounds/${round.id}/questions`}>Questions and declarations ({props.questionCount})</a>
        </p>
      )}
      {/* partner admins read the rubric; staff also set how review runs */}
      {props.canDraftPosts && (
        <p>
          {props.isStaff && (
            <>
              <a href={`/rounds/${round.id}/selection/overview`}>Selection progress</a> · <a href={`/rounds/${round.id}/selection`}>Selection settings</a> ·{' '}
            </>
          )}
          <a href={`/rounds/${round.id}/rubric`}>Rubric</a>
        </p>
      )}
      <h2>Timeline</h2>
      <dl class="summary-list">
        {milestones.map((m) => {
          const value = round[m.key];
          return (
            <div>
              <dt>{m.label}</dt>
              <dd>{value instanceof Date ? <DateTime at={value} timeZone={round.timeZone} alsoIn={ctx.timeZone} /> : formatDay(value)}</dd>
            </div>
          );
        })}
        <div>
          <dt>Posts a student may rank</dt>
          <dd>{round.maxChoices}</dd>
        </div>
      </dl>
      <h2>Posts</h2>
      <ul class="status-counts">
        {props.counts.map((c) => (
          <li>
            {c.label}: <strong>{c.count}</strong>
          </li>
        ))}
      </ul>
      <p>
        <a href={`/rounds/${round.id}/posts`}>See the posts of this round</a>
        {props.canDraftPosts && round.acceptsPosts && (
          <>
            {' '}
            · <a href={`/rounds/${round.id}/posts/new`}>Draft a post</a>
          </>
        )}
      </p>
      {props.isStaff && (
        <p>
          <a href={`/rounds/${round.id}/applications`}>See the applications to this round</a>
        </p>
      )}
      {props.isStaff && (
        <p>
          <a href={`/rounds/${round.id}/allocation`}>Allocation</a> · <a href={`/rounds/${round.id}/offers`}>Offers and placements</a>
        </p>
      )}
    </Layout>
  );
}

export function RoundFormPage(props: { ctx: PageContext; action: string; title: string; values: FieldValues; errors: FieldErrors; agreements: { id: string; title: string }[]; agreementEditable: boolean }) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 ? `Error: ${props.title}` : props.title}>
      <h1>{props.title}</h1>
      <ErrorSummary errors={errors} />
      <PostForm action={props.action} csrfToken={ctx.csrfToken}>
        {props.agreementEditable ? (
          <SelectField name="agreementId" label="Agreement" value={values.agreementId} error={errors.agreementId} options={[{ value: '', label: 'Choose the agreement' }, ...props.agreements.map((a) => ({ value: a.id, label: a.title }))]} />
        ) : (
          <input type="hidden" name="agreementId" value={values.agreementId} />
        )}
        <TextField name="name" label="Name" hint="For example, Second cohort 2026–27." value={values.name} error={errors.name} maxLength={120} />
        <TextField name="timeZone" label="Time zone of the round" hint="Deadlines are set and enforced in this zone, for example Europe/London." value={values.timeZone ?? 'Europe/London'} error={errors.timeZone} maxLength={64} />
        {milestones.map((m) => (
          <TextField name={m.key} label={m.label} type={m.kind === 'instant' ? 'datetime-local' : 'date'} value={values[m.key]} error={errors[m.key]} />
        ))}
        <TextField name="maxChoices" label="Posts a student may rank" value={values.maxChoices ?? '3'} error={errors.maxChoices} width="short" maxLength={2} />
        <Button>Save round</Button>
      </PostForm>
    </Layout>
  );
}
