import { SummaryRow as Row } from '../../../platform/views/SummaryRow.tsx';
import { countryName } from '../../../platform/geo/countries.ts';
import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Button, ErrorSummary, PostForm, RadiosField, SelectField, TextArea, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { Pagination } from '../../../platform/views/Pagination.tsx';
import { PlainText } from '../../../platform/views/PlainText.tsx';
import { plural } from '../../../platform/views/plural.ts';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag } from '../../../platform/views/Tag.tsx';
import { languageName } from '../../posts/eligibility.ts';
import { postStatusNames } from '../../posts/post-status.ts';
import type { ApplicationEventKind, ApplicationStatus } from '../applications.tables.ts';
import { fundingAnswerLabel, fundingQuestions } from '../funding-questions.ts';
import { eligibilityFilters, REASON_MAX_CHARS, staffLevelNames, staffLevels, type EligibilityFilter, type StaffListQuery, type StaffSort } from '../staff-applications.input.ts';
import type { StaffDetail, StaffListResult } from '../staff-applications.service.ts';
import { describeEligibility, type EffectiveEligibility } from '../staff-eligibility.ts';

const statusNames: Record<ApplicationStatus, string> = { draft: 'Draft', submitted: 'Submitted', withdrawn: 'Withdrawn' };
const statusTones = { draft: 'amber', submitted: 'green', withdrawn: 'neutral' } as const;
const eligibilityNames: Record<EligibilityFilter, string> = { eligible: 'Eligible', not_eligible: 'Not eligible', overridden: 'Overridden by staff' };
const eventNames: Record<ApplicationEventKind, string> = { started: 'Started', saved: 'Saved', submitted: 'Submitted', reopened: 'Reopened for changes', withdrawn: 'Withdrawn' };

// The list's address with its filters, sort and page; defaults are left out.
export function staffListHref(roundId: string, query: StaffListQuery, change: Partial<StaffListQuery> = {}, suffix = ''): string {
  const q = { ...query, ...change };
  const params = new URLSearchParams();
  if (q.status) params.set('status', q.status);
  if (q.post) params.set('post', q.post);
  if (q.course) params.set('course', q.course);
  if (q.level) params.set('level', q.level);
  if (q.eligibility) params.set('eligibility', q.eligibility);
  if (q.sort !== 'name') params.set('sort', q.sort);
  if (q.dir !== 'asc') params.set('dir', q.dir);
  if (q.page > 1 && suffix === '') params.set('page', String(q.page));
  const text = params.toString();
  return `/rounds/${roundId}/applications${suffix}${text ? `?${text}` : ''}`;
}

function EligibilityTag(props: { item: { eligible: boolean; overridden: boolean } }) {
  return (
    <>
      {props.item.eligible ? <Tag tone="green">Eligible</Tag> : <Tag tone="red">Not eligible</Tag>}
      {props.item.overridden && (
        <>
          {' '}
          <Tag tone="blue">Overridden</Tag>
        </>
      )}
    </>
  );
}

export function StaffApplicationsPage(props: { ctx: PageContext; result: StaffListResult; query: StaffListQuery }) {
  const { ctx, result, query } = props;
  const { round } = result;
  const filtered = Boolean(query.status || query.post || query.course || query.level || query.eligibility);
  const sortable: Record<string, StaffSort> = { name: 'name', submitted: 'submitted', status: 'status', course: 'course' };
  return (
    <Layout ctx={ctx} title={`Applications: ${round.name}`}>
      <p>
        <a href={`/rounds/${round.id}`}>Back to {round.name}</a>
      </p>
      <h1>Applications to {round.name}</h1>
      <p>
        {plural(result.all, 'application')} in all. Eligibility is checked against each student’s profile as of the deadline day; staff can override a result with a reason on the application’s page.
      </p>
      <form method="get" action={`/rounds/${round.id}/applications`} class="filters">
        <SelectField name="status" label="Status" value={query.status ?? ''} options={[{ value: '', label: 'Any status' }, ...Object.entries(statusNames).map(([value, label]) => ({ value, label }))]} />
        <SelectField name="post" label="Ranked post" value={query.post ?? ''} options={[{ value: '', label: 'Any post' }, ...result.posts.map((p) => ({ value: p.id, label: p.title }))]} />
        <SelectField name="course" label="Course" value={query.course ?? ''} options={[{ value: '', label: 'Any course' }, ...result.courses.map((c) => ({ value: c, label: c }))]} />
        <SelectField name="level" label="Level" value={query.level ?? ''} options={[{ value: '', label: 'Any level' }, ...staffLevels.map((l) => ({ value: l, label: staffLevelNames[l] }))]} />
        <SelectField name="eligibility" label="Eligibility" value={query.eligibility ?? ''} options={[{ value: '', label: 'Any' }, ...eligibilityFilters.map((e) => ({ value: e, label: eligibilityNames[e] }))]} />
        {query.sort !== 'name' && <input type="hidden" name="sort" value={query.sort} />}
        {query.dir !== 'asc' && <input type="hidden" name="dir" value={query.dir} />}
        <button type="submit" class="button button--secondary">
          Filter
        </button>
        {filtered && (
          <p>
            <a href={`/rounds/${round.id}/applications`}>Clear the filters</a>
          </p>
        )}
      </form>
      <p>
        <a href={staffListHref(round.id, query, {}, '.csv')} download>
          Download these applications as CSV
        </a>
      </p>
      <Table
        caption={`${plural(result.total, 'application')}${filtered ? ' match the filters' : ''}, sorted by ${query.sort === 'submitted' ? 'submission date' : query.sort}${query.dir === 'desc' ? ', descending' : ''}`}
        columns={[
          { key: 'name', label: 'Student', sortable: true },
          { key: 'number', label: 'Student number' },
          { key: 'course', label: 'Course', sortable: true },
          { key: 'level', label: 'Level' },
          { key: 'year', label: 'Year', numeric: true },
          { key: 'status', label: 'Status', sortable: true },
          { key: 'submitted', label: 'Submitted', sortable: true },
          { key: 'choices', label: 'Ranked posts' },
          { key: 'eligibility', label: 'Eligibility' },
        ]}
        sort={{ key: query.sort, direction: query.dir }}
        sortHref={(key, direction) => staffListHref(round.id, query, { sort: sortable[key] ?? 'name', dir: direction, page: 1 })}
        rows={result.items.map((item) => [
          <a href={`/rounds/${round.id}/applications/${item.row.id}`}>{item.row.name}</a>,
          item.row.profile?.studentNumber ?? '',
          item.row.profile?.course ?? 'No profile yet',
          item.level ? staffLevelNames[item.level] : '',
          item.row.profile ? String(item.row.profile.yearOfStudy) : '',
          <Tag tone={statusTones[item.row.status]}>{statusNames[item.row.status]}</Tag>,
          item.row.submittedAt ? <DateTime at={item.row.submittedAt} timeZone={round.timeZone} /> : 'Not submitted',
          item.choices.length > 0 ? (
            <ol>
              {item.choices.map((c) => (
                <li>{c.title}</li>
              ))}
            </ol>
          ) : (
            'None yet'
          ),
          <EligibilityTag item={item} />,
        ])}
        empty={filtered ? 'No application matches these filters.' : 'No student has started an application to this round yet.'}
      />
      <Pagination page={query.page} total={result.total} pageSize={result.pageSize} href={(page) => staffListHref(round.id, query, { page })} />
    </Layout>
  );
}

function ResultText(props: { result: EffectiveEligibility; timeZone: string }) {
  return (
    <p>
      {props.result.eligible ? <Tag tone="green">Eligible</Tag> : <Tag tone="red">Not eligible</Tag>}{' '}
      {props.result.computed.eligible && !props.result.override ? 'Meets every rule.' : describeEligibility(props.result, props.timeZone)}
    </p>
  );
}

export interface OverrideFormState {
  values: FieldValues;
  errors: FieldErrors;
}

export function StaffApplicationPage(props: { ctx: PageContext; detail: StaffDetail; form: OverrideFormState }) {
  const { ctx, detail, form } = props;
  const { round, item } = detail;
  const { row } = item;
  const profile = row.profile;
  const zone = round.timeZone;
  const hasErrors = Object.keys(form.errors).length > 0;
  const targets = [{ value: 'round', label: 'The round (rules that do not depend on a post)' }, ...item.choices.map((c) => ({ value: c.postId, label: `Choice ${c.rank}: ${c.title}` }))];
  const titleOf = (postId: string | null) => (postId === null ? 'The round' : (item.choices.find((c) => c.postId === postId)?.title ?? 'A post no longer ranked'));
  const decision = form.values.decision ?? '';
  return (
    <Layout ctx={ctx} title={`${hasErrors ? 'Error: ' : ''}${row.name}: application to ${round.name}`}>
      <p>
        <a href={`/rounds/${round.id}/applications`}>Back to the applications to {round.name}</a>
      </p>
      <ErrorSummary errors={form.errors} fieldIds={{ decision: 'field-decision-eligible' }} />
      <h1>
        {row.name} <Tag tone={statusTones[row.status]}>{statusNames[row.status]}</Tag>
      </h1>
      <p>
        Application to {round.name}.{' '}
        {row.submittedAt ? (
          <>
            Submitted on <DateTime at={row.submittedAt} timeZone={zone} alsoIn={ctx.timeZone} />.
          </>
        ) : (
          'Not submitted.'
        )}
        {row.status === 'withdrawn' && row.withdrawReason && <> The student’s reason for withdrawing: {row.withdrawReason}</>}
      </p>

      <h2>Student</h2>
      <dl class="summary-list">
        <Row label="E-mail">{row.email}</Row>
        {profile ? (
          <>
            <Row label="Student number">{profile.studentNumber ?? 'Not given'}</Row>
            <Row label="Course">{profile.course}</Row>
            <Row label="Level">{item.level ? staffLevelNames[item.level] : ''}</Row>
            <Row label="Year of study">{String(profile.yearOfStudy)}</Row>
            <Row label="Expected graduation">{profile.expectedGraduation}</Row>
            <Row label="Languages">{profile.languages.length > 0 ? profile.languages.map((l) => `${languageName(l.language)} (${l.level})`).join(', ') : 'None listed'}</Row>
            <Row label="Nationality">{profile.nationality ? (countryName(profile.nationality) ?? profile.nationality) : 'Not given'}</Row>
            <Row label="Phone">{profile.phone || 'Not given'}</Row>
            <Row label="Pronouns">{profile.pronouns || 'Not given'}</Row>
          </>
        ) : (
          <Row label="Study details">The student has not added their study details yet.</Row>
        )}
      </dl>

      <h2>Eligibility</h2>
      <p>Checked as of {detail.asOf}, the deadline day. An override by staff decides until it is removed.</p>
      <h3>The round</h3>
      <ResultText result={item.round} timeZone={zone} />

      <h2>Ranked posts</h2>
      {item.choices.length === 0 ? (
        <p>No post ranked yet.</p>
      ) : (
        item.choices.map((c) => (
          <section>
            <h3>
              Choice {c.rank}: {c.title}
              {c.postStatus !== 'published' && (
                <>
                  {' '}
                  <Tag>{postStatusNames[c.postStatus]}</Tag>
                </>
              )}
            </h3>
            <ResultText result={c.result} timeZone={zone} />
            <h4>Motivation</h4>
            <PlainText text={c.motivation} empty="No motivation given." />
          </section>
        ))
      )}

      <h2 id="override">Override an eligibility result</h2>
      <PostForm action={`/rounds/${round.id}/applications/${row.id}/eligibility`} csrfToken={ctx.csrfToken}>
        <SelectField name="target" label="Which result" value={form.values.target ?? 'round'} error={form.errors.target} options={targets} />
        <RadiosField
          name="decision"
          label="Decision"
          value={decision}
          error={form.errors.decision}
          options={[
            { value: 'eligible', label: 'Treat as eligible' },
            { value: 'not_eligible', label: 'Treat as not eligible' },
            { value: 'remove', label: 'Remove the override: the computed result applies again' },
          ]}
        />
        <TextArea name="reason" label="Reason" hint={`Required, up to ${REASON_MAX_CHARS} characters. It is kept with the decision and shown to staff.`} value={form.values.reason} error={form.errors.reason} rows={3} maxLength={REASON_MAX_CHARS} />
        <Button kind="secondary">Record the decision</Button>
      </PostForm>

      <h3>Override history</h3>
      <Table
        caption="Eligibility decisions by staff, oldest first"
        columns={[
          { key: 'at', label: 'When' },
          { key: 'who', label: 'Who' },
          { key: 'what', label: 'Result' },
          { key: 'decision', label: 'Decision' },
          { key: 'reason', label: 'Reason' },
        ]}
        rows={detail.history.map((h) => [
          <DateTime at={h.decidedAt} timeZone={zone} />,
          h.decidedByName,
          titleOf(h.postId),
          h.eligible === null ? 'Override removed' : h.eligible ? 'Eligible' : 'Not eligible',
          h.reason,
        ])}
        empty="No eligibility result of this application has been overridden."
      />

      <h2>Personal statement</h2>
      <PlainText text={row.statement} empty="No statement yet." />

      <h2>Answers to the round’s questions</h2>
      {detail.answers.length === 0 ? (
        <p>No answers.</p>
      ) : (
        <dl class="summary-list">
          {detail.answers.map((a) => (
            <Row label={a.prompt}>{a.kind === 'declaration' ? (a.value === 'agreed' ? 'Agreed' : a.value) : <PlainText text={a.value} />}</Row>
          ))}
        </dl>
      )}

      <h2>Funding questions (staff only)</h2>
      <p>For the programme team only: never shown to reviewers or partners, and no part of selection.</p>
      {detail.funding ? (
        <dl class="summary-list">
          {fundingQuestions.map((q) => (
            <Row label={q.label}>{fundingAnswerLabel(q, detail.funding?.answers[q.key])}</Row>
          ))}
        </dl>
      ) : (
        <p>Not answered.</p>
      )}

      <h2>CV</h2>
      <p>{row.cvFileId ? <a href={`/applications/${row.id}/cv`}>Download the CV (PDF)</a> : 'No CV uploaded.'}</p>

      <h2>Submissions</h2>
      {detail.submissions.length === 0 ? (
        <p>Never submitted.</p>
      ) : (
        <ol>
          {detail.submissions.map((s) => (
            <li>
              <DateTime at={s.submittedAt} timeZone={zone} />: {s.snapshot.choices.map((c) => `${c.rank}. ${c.title}`).join('; ') || 'no posts'}
            </li>
          ))}
        </ol>
      )}

      <h2>Timeline</h2>
      <ol>
        {detail.events.map((e) => (
          <li>
            {eventNames[e.kind as ApplicationEventKind] ?? e.kind} on <DateTime at={e.at} timeZone={zone} />
          </li>
        ))}
      </ol>
    </Layout>
  );
}
