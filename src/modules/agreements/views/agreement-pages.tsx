import { formatDay } from '../../../platform/time/zoned.ts';
import { ContactFields, ContactList } from '../../../platform/views/contacts.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { CONTACT_ROWS } from '../../partners/partners.input.ts';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag, type TagTone } from '../../../platform/views/Tag.tsx';
import { Button, CheckboxField, ErrorSummary, FileField, PostForm, SelectField, TextArea, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { plural } from '../../../platform/views/plural.ts';
import { agreementStatuses, agreementStatusNames, type AgreementStatus } from '../agreement-status.ts';
import type { AgreementView } from '../agreements.service.ts';

const tones: Record<AgreementStatus, TagTone> = { draft: 'neutral', active: 'green', expiring: 'amber', expired: 'red' };

export function AgreementStatusTag(props: { status: AgreementStatus }) {
  return <Tag tone={tones[props.status]}>{agreementStatusNames[props.status]}</Tag>;
}

export function AgreementsPage(props: { ctx: PageContext; agreements: AgreementView[]; status: AgreementStatus | undefined }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Agreements">
      <h1>Agreements</h1>
      <p>
        <a class="button button--secondary" href="/agreements/new">
          Add an agreement
        </a>
      </p>
      <form method="get" action="/agreements" class="filters">
        <SelectField name="status" label="Status" value={props.status ?? ''} options={[{ value: '', label: 'Any status' }, ...agreementStatuses.map((s) => ({ value: s, label: agreementStatusNames[s] }))]} />
        <button type="submit" class="button button--secondary">
          Filter
        </button>
      </form>
      <Table
        caption={`${plural(props.agreements.length, 'agreement')}, expiring soonest first`}
        columns={[
          { key: 'title', label: 'Agreement' },
          { key: 'partner', label: 'Partner' },
          { key: 'status', label: 'Status' },
          { key: 'valid', label: 'Valid' },
          { key: 'quota', label: 'Posts per round', numeric: true },
        ]}
        rows={props.agreements.map((a) => [
          <a href={`/agreements/${a.id}`}>{a.title}</a>,
          a.partnerName,
          <AgreementStatusTag status={a.status} />,
          `${formatDay(a.validFrom)} to ${formatDay(a.validTo)}`,
          String(a.quotaPerRound),
        ])}
        empty="No agreements match."
      />
    </Layout>
  );
}

export function AgreementPage(props: { ctx: PageContext; agreement: AgreementView; document: { name: string; size: string } | null; rounds: { id: string; name: string; phase: string }[] }) {
  const { ctx, agreement: a } = props;
  const row = (label: string, value: preact.ComponentChildren) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <Layout ctx={ctx} title={a.title}>
      <p>
        <a href="/agreements">Back to agreements</a>
      </p>
      <h1>{a.title}</h1>
      <p>
        <AgreementStatusTag status={a.status} />
      </p>
      <p>
        <a class="button button--secondary" href={`/agreements/${a.id}/edit`}>
          Edit agreement
        </a>
      </p>
      <dl class="summary-list">
        {row('University', a.institutionName)}
        {row('Partner', <a href={`/partners/${a.partnerId}`}>{a.partnerName}</a>)}
        {row('Signed', a.signedOn ? formatDay(a.signedOn) : 'Not signed yet')}
        {row('Valid', `${formatDay(a.validFrom)} to ${formatDay(a.validTo)}`)}
        {row('Renewal reminder', a.renewalReminderOn ? `${formatDay(a.renewalReminderOn)} (staff are e-mailed that morning)` : 'None set')}
        {row('Posts per round', String(a.quotaPerRound))}
        {row('Exclusive', a.exclusive ? 'Yes: the internships are offered to this university only' : 'No')}
        {row('Internship length', `${a.minDurationMonths} to ${a.maxDurationMonths} months`)}
        {row(
          'Signed document',
          props.document ? (
            <a href={`/agreements/${a.id}/document`} download>
              {props.document.name} (PDF, {props.document.size})
            </a>
          ) : (
            'None uploaded'
          ),
        )}
        {row(
          'Contacts',
          <ContactList contacts={a.contacts} />,
        )}
        {row('Notes', a.notes ? <span class="pre-line">{a.notes}</span> : 'None')}
      </dl>
      <h2>Rounds</h2>
      <p>
        <a class="button button--secondary" href={`/rounds/new?agreement=${a.id}`}>
          Add a round
        </a>
      </p>
      {props.rounds.length === 0 ? (
        <p>No rounds under this agreement yet.</p>
      ) : (
        <ul>
          {props.rounds.map((r) => (
            <li>
              <a href={`/rounds/${r.id}`}>{r.name}</a> — {r.phase}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function AgreementFormPage(props: {
  ctx: PageContext;
  action: string;
  title: string;
  values: FieldValues;
  errors: FieldErrors;
  universities: { id: string; name: string }[];
  partners: { id: string; name: string }[];
  hasDocument: boolean;
}) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 ? `Error: ${props.title}` : props.title}>
      <h1>{props.title}</h1>
      <ErrorSummary errors={errors} />
      <PostForm action={props.action} csrfToken={ctx.csrfToken} multipart>
        <SelectField name="institutionId" label="University" value={values.institutionId} error={errors.institutionId} options={[{ value: '', label: 'Choose the university' }, ...props.universities.map((o) => ({ value: o.id, label: o.name }))]} />
        <SelectField name="partnerId" label="Partner" value={values.partnerId} error={errors.partnerId} options={[{ value: '', label: 'Choose the partner' }, ...props.partners.map((o) => ({ value: o.id, label: o.name }))]} />
        <TextField name="title" label="Title" value={values.title} error={errors.title} maxLength={200} />
        <TextField name="signedOn" label="Signed on (optional)" hint="Leave empty while the agreement is a draft." type="date" value={values.signedOn} error={errors.signedOn} />
        <TextField name="validFrom" label="Valid from" type="date" value={values.validFrom} error={errors.validFrom} />
        <TextField name="validTo" label="Valid to" type="date" value={values.validTo} error={errors.validTo} />
        <TextField name="renewalReminderOn" label="Renewal reminder (optional)" hint="Staff are e-mailed on this day." type="date" value={values.renewalReminderOn} error={errors.renewalReminderOn} />
        <TextField name="quotaPerRound" label="Posts per round" hint="The most posts the partner may submit in one round." value={values.quotaPerRound} error={errors.quotaPerRound} width="short" maxLength={3} />
        <TextField name="minDurationMonths" label="Shortest internship (months)" value={values.minDurationMonths ?? '4'} error={errors.minDurationMonths} width="short" maxLength={2} />
        <TextField name="maxDurationMonths" label="Longest internship (months)" value={values.maxDurationMonths ?? '9'} error={errors.maxDurationMonths} width="short" maxLength={2} />
        <CheckboxField name="exclusive" label="Exclusive to this university" checked={values.exclusive === 'on' || values.exclusive === 'true'} />
        <FileField
          name="document"
          label={props.hasDocument ? 'Replace the signed document (optional)' : 'Signed document (optional)'}
          hint="A PDF of at most 10 MB."
          accept="application/pdf,.pdf"
          error={errors.document}
        />
        <ContactFields rows={CONTACT_ROWS} values={values} errors={errors} />
        <TextArea name="notes" label="Notes (optional)" value={values.notes} error={errors.notes} maxLength={5000} />
        <Button>Save agreement</Button>
      </PostForm>
    </Layout>
  );
}
