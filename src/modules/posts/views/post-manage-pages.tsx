import { countryName } from '../../../platform/geo/countries.ts';
import { formatDay } from '../../../platform/time/zoned.ts';
import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import { PlainText } from '../../../platform/views/PlainText.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag } from '../../../platform/views/Tag.tsx';
import { Button, CheckboxesField, ErrorSummary, PostForm, SelectField, TextArea, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { plural } from '../../../platform/views/plural.ts';
import { cefrLevels, languageName, languageNames, levelNames, levels } from '../eligibility.ts';
import { postStatusNames, postStatusTones } from '../post-status.ts';
import { LANGUAGE_ROWS } from '../posts.input.ts';
import type { PostEvent, PostRow } from '../posts.repo.ts';
import type { PostStatus } from '../posts.tables.ts';
import { sdgLabel, sdgs } from '../sdgs.ts';

export function PostStatusTag(props: { status: PostStatus }) {
  return <Tag tone={postStatusTones[props.status]}>{postStatusNames[props.status]}</Tag>;
}

export function RoundPostsPage(props: { ctx: PageContext; roundId: string; roundName: string; posts: PostRow[]; counts: { status: string; label: string; count: number }[]; canDraft: boolean; canExport: boolean }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={`Posts of ${props.roundName}`}>
      <p>
        <a href={`/rounds/${props.roundId}`}>Back to {props.roundName}</a>
      </p>
      <h1>Posts of {props.roundName}</h1>
      <ul class="status-counts">
        {props.counts.map((c) => (
          <li>
            {c.label}: <strong>{c.count}</strong>
          </li>
        ))}
      </ul>
      <div class="button-row">
        {props.canDraft && (
          <a class="button button--secondary" href={`/rounds/${props.roundId}/posts/new`}>
            Draft a post
          </a>
        )}
        {props.canExport && (
          <a class="button button--secondary" href={`/rounds/${props.roundId}/posts.csv`} download>
            Download as CSV
          </a>
        )}
      </div>
      <Table
        caption={plural(props.posts.length, 'post')}
        columns={[
          { key: 'title', label: 'Post' },
          { key: 'office', label: 'Office' },
          { key: 'months', label: 'Months', numeric: true },
          { key: 'places', label: 'Places', numeric: true },
          { key: 'status', label: 'Status' },
        ]}
        rows={props.posts.map((p) => [<a href={`/manage/posts/${p.id}`}>{p.title}</a>, `${p.officeName} (${p.city})`, String(p.durationMonths), String(p.places), <PostStatusTag status={p.status} />])}
        empty="No posts in this round yet."
      />
    </Layout>
  );
}

export function PostManagePage(props: {
  ctx: PageContext;
  post: PostRow;
  roundName: string;
  history: PostEvent[];
  actions: { canEdit: boolean; canSubmit: boolean; canReview: boolean; canClose: boolean };
  message?: string | undefined;
  returnErrors?: FieldErrors;
  returnValue?: string;
}) {
  const { ctx, post: p, actions } = props;
  const row = (label: string, value: preact.ComponentChildren) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <Layout ctx={ctx} title={Object.keys(props.returnErrors ?? {}).length > 0 ? `Error: ${p.title}` : p.title}>
      <p>
        <a href={`/rounds/${p.roundId}/posts`}>Back to the posts of {props.roundName}</a>
      </p>
      <h1>{p.title}</h1>
      <p>
        <PostStatusTag status={p.status} />
        {p.status === 'published' && (
          <>
            {' '}
            <a href={`/posts/${p.id}`}>See it in the catalogue</a>
          </>
        )}
      </p>
      {p.status !== 'draft' && p.status !== 'submitted' && p.status !== 'returned' && (
        <p>
          Selection:{' '}
          {ctx.actor?.roles.includes('partner_admin') && (
            <>
              <a href={`/posts/${p.id}/reviewers`}>Reviewers</a>
              {' · '}
            </>
          )}
          <a href={`/posts/${p.id}/shortlist`}>Shortlist</a>
          {' · '}
          <a href={`/posts/${p.id}/interviews`}>Interviews</a>
          {' · '}
          <a href={`/posts/${p.id}/ranking`}>Ranking</a>
          {' · '}
          <a href={`/posts/${p.id}/allocation`}>Allocation</a>
        </p>
      )}
      {props.message && (
        <NotificationBanner kind="warning" title="That could not be done">
          <p>{props.message}</p>
        </NotificationBanner>
      )}
      {p.status === 'returned' && p.returnComment && (
        <NotificationBanner kind="warning" title="Returned by the programme team">
          <p class="pre-line">{p.returnComment}</p>
        </NotificationBanner>
      )}
      <div class="button-row">
        {actions.canEdit && (
          <a class="button button--secondary" href={`/manage/posts/${p.id}/edit`}>
            Edit post
          </a>
        )}
        {actions.canSubmit && (
          <PostForm action={`/manage/posts/${p.id}/submit`} csrfToken={ctx.csrfToken} class="inline-form">
            <Button>Submit for publication</Button>
          </PostForm>
        )}
        {actions.canReview && (
          <PostForm action={`/manage/posts/${p.id}/publish`} csrfToken={ctx.csrfToken} class="inline-form">
            <Button>Publish</Button>
          </PostForm>
        )}
        {actions.canClose && (
          <PostForm action={`/manage/posts/${p.id}/close`} csrfToken={ctx.csrfToken} class="inline-form">
            <Button kind="secondary">Close post</Button>
          </PostForm>
        )}
      </div>
      {actions.canReview && (
        <PostForm action={`/manage/posts/${p.id}/return`} csrfToken={ctx.csrfToken}>
          <ErrorSummary errors={props.returnErrors ?? {}} />
          <TextArea name="comment" label="Return to the partner with a comment" hint="Say what to change. The partner's coordinators are e-mailed." value={props.returnValue} error={props.returnErrors?.comment} rows={3} maxLength={2000} />
          <Button kind="secondary">Return for changes</Button>
        </PostForm>
      )}
      <h2>Details</h2>
      <dl class="summary-list">
        {row('Office', `${p.officeName}, ${p.city}, ${countryName(p.country) ?? p.country}`)}
        {row('Unit', p.unitName ?? 'None')}
        {row('Duration', `${p.durationMonths} months`)}
        {row('Start', `Between ${formatDay(p.earliestStart)} and ${formatDay(p.latestStart)}`)}
        {row('Places', String(p.places))}
        {row('Levels', p.levels.map((l) => levelNames[l]).join(', '))}
        {row('Courses', p.courses.length > 0 ? p.courses.join(', ') : 'Any course')}
        {row('Minimum year of study', p.minYear === null ? 'None' : String(p.minYear))}
        {row('Languages', p.languages.length > 0 ? p.languages.map((l) => `${languageName(l.language)} (${l.level})`).join(', ') : 'None required')}
        {row('Sustainable Development Goals', p.sdgs.length > 0 ? p.sdgs.map((n) => sdgLabel(n)).join('; ') : 'None')}
        {row('Partner stipend', p.stipendMinor === null ? 'None' : `${(p.stipendMinor / 100).toFixed(2)} ${p.stipendCurrency ?? ''} per ${p.stipendPeriod ?? ''}`)}
        {row('Working pattern', p.workingPattern === 'on_site' ? 'On site' : 'Hybrid')}
        {row('Partner reference', p.partnerReference || 'None')}
      </dl>
      <h3>Description</h3>
      <PlainText text={p.description} empty="None given." />
      <h3>Duties</h3>
      <PlainText text={p.duties} empty="None given." />
      <h3>Required qualifications</h3>
      <PlainText text={p.requiredQualifications} empty="None given." />
      <h3>Desirable qualifications</h3>
      <PlainText text={p.desirableQualifications} empty="None given." />
      <h2>History</h2>
      <Table
        caption="Every change to this post, newest first"
        columns={[
          { key: 'when', label: 'When' },
          { key: 'who', label: 'Who' },
          { key: 'what', label: 'What' },
          { key: 'comment', label: 'Comment' },
        ]}
        rows={props.history.map((e) => [<DateTime at={e.at} timeZone={ctx.timeZone} />, e.actorLabel, `${e.action.charAt(0).toUpperCase()}${e.action.slice(1)}`, e.comment])}
      />
    </Layout>
  );
}

export function PostFormPage(props: {
  ctx: PageContext;
  action: string;
  title: string;
  roundName: string;
  values: FieldValues;
  listValues: { levels: string[]; sdgs: string[] };
  errors: FieldErrors;
  offices: { id: string; name: string; city: string }[];
  units: { id: string; name: string }[];
  durationBounds: { min: number; max: number };
}) {
  const { ctx, values, errors } = props;
  const languageOptions = [{ value: '', label: 'No language' }, ...Object.entries(languageNames).map(([code, name]) => ({ value: code, label: name }))];
  const rows = Array.from({ length: LANGUAGE_ROWS }, (_, i) => i);
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 ? `Error: ${props.title}` : props.title}>
      <p class="hint">{props.roundName}</p>
      <h1>{props.title}</h1>
      {/* a group's error leads to its first checkbox: a fieldset cannot take focus */}
      <ErrorSummary errors={errors} fieldIds={{ levels: `field-levels-${levels[0]}`, sdgs: `field-sdgs-${sdgs[0]?.number ?? 1}` }} />
      <PostForm action={props.action} csrfToken={ctx.csrfToken}>
        <TextField name="title" label="Title" value={values.title} error={errors.title} maxLength={150} />
        <SelectField name="officeId" label="Office (duty station)" value={values.officeId} error={errors.officeId} options={[{ value: '', label: 'Choose the office' }, ...props.offices.map((o) => ({ value: o.id, label: `${o.name} (${o.city})` }))]} />
        <SelectField name="unitId" label="Unit (optional)" value={values.unitId} error={errors.unitId} options={[{ value: '', label: 'No unit' }, ...props.units.map((u) => ({ value: u.id, label: u.name }))]} />
        <TextArea name="description" label="Description" hint="Plain text. Leave a blank line between paragraphs; start a line with - for a list." value={values.description} error={errors.description} rows={8} maxLength={5000} />
        <TextArea name="duties" label="Duties (optional)" value={values.duties} error={errors.duties} maxLength={5000} />
        <TextArea name="requiredQualifications" label="Required qualifications (optional)" value={values.requiredQualifications} error={errors.requiredQualifications} maxLength={5000} />
        <TextArea name="desirableQualifications" label="Desirable qualifications (optional)" value={values.desirableQualifications} error={errors.desirableQualifications} maxLength={5000} />
        <TextField name="durationMonths" label="Duration in months" hint={`Between ${props.durationBounds.min} and ${props.durationBounds.max}, as the agreement says.`} value={values.durationMonths} error={errors.durationMonths} width="short" maxLength={2} />
        <TextField name="earliestStart" label="Earliest start" type="date" value={values.earliestStart} error={errors.earliestStart} />
        <TextField name="latestStart" label="Latest start" type="date" value={values.latestStart} error={errors.latestStart} />
        <TextField name="places" label="Number of places" value={values.places ?? '1'} error={errors.places} width="short" maxLength={2} />
        <CheckboxesField name="levels" label="Who may apply" hint="Select all that apply." values={props.listValues.levels} error={errors.levels} options={levels.map((l) => ({ value: l, label: `${levelNames[l].charAt(0).toUpperCase()}${levelNames[l].slice(1)}s` }))} />
        <TextArea name="courses" label="Courses (optional)" hint="One per line. Leave empty if any course may apply." value={values.courses} error={errors.courses} rows={3} maxLength={1000} />
        <TextField name="minYear" label="Minimum year of study (optional)" value={values.minYear} error={errors.minYear} width="short" maxLength={1} />
        {rows.map((i) => (
          <fieldset class="fieldset contact-row">
            <legend class="field__label">Language needed {i + 1} (optional)</legend>
            <SelectField name={`language${i}`} label="Language" value={values[`language${i}`]} error={errors[`language${i}`]} options={languageOptions} />
            <SelectField name={`languageLevel${i}`} label="At least (CEFR level)" value={values[`languageLevel${i}`]} error={errors[`languageLevel${i}`]} options={[{ value: '', label: 'Choose a level' }, ...cefrLevels.map((c) => ({ value: c, label: c }))]} />
          </fieldset>
        ))}
        <CheckboxesField name="sdgs" label="Sustainable Development Goals (optional)" values={props.listValues.sdgs} error={errors.sdgs} options={sdgs.map((g) => ({ value: String(g.number), label: `${g.number}. ${g.name}` }))} />
        <SelectField name="hasStipend" label="Does the partner pay a stipend?" value={values.hasStipend} error={errors.hasStipend} options={[{ value: '', label: 'Choose' }, { value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]} />
        <TextField name="stipendAmount" label="Stipend amount (if paid)" hint="For example 1200 or 1200.50." value={values.stipendAmount} error={errors.stipendAmount} width="short" maxLength={12} />
        <TextField name="stipendCurrency" label="Stipend currency (if paid)" hint="A three-letter code, like USD or CHF." value={values.stipendCurrency} error={errors.stipendCurrency} width="short" maxLength={3} />
        <SelectField name="stipendPeriod" label="Stipend paid (if paid)" value={values.stipendPeriod} error={errors.stipendPeriod} options={[{ value: '', label: 'Choose' }, { value: 'month', label: 'Per month' }, { value: 'week', label: 'Per week' }, { value: 'total', label: 'In total' }]} />
        <SelectField name="workingPattern" label="Working pattern" value={values.workingPattern} error={errors.workingPattern} options={[{ value: '', label: 'Choose' }, { value: 'on_site', label: 'On site' }, { value: 'hybrid', label: 'Hybrid' }]} />
        <TextField name="partnerReference" label="Your reference (optional)" value={values.partnerReference} error={errors.partnerReference} maxLength={60} width="short" />
        <Button>Save draft</Button>
      </PostForm>
    </Layout>
  );
}
