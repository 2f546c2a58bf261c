import { ContactFields, ContactList, contactValues } from '../../../platform/views/contacts.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag } from '../../../platform/views/Tag.tsx';
import { Button, ErrorSummary, PostForm, SelectField, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { plural } from '../../../platform/views/plural.ts';
import { CONTACT_ROWS } from '../partners.input.ts';
import type { Office, Organisation, Unit } from '../partners.repo.ts';
import { organisationKinds, type OrganisationKind } from '../organisation-kinds.ts';

export const kindNames: Record<OrganisationKind, string> = { university: 'University', partner: 'Partner', funder: 'Funder' };

export function OrganisationsPage(props: { ctx: PageContext; organisations: (Organisation & { officeCount: number })[]; kind: OrganisationKind | undefined; canCreate: boolean }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Organisations">
      <h1>Organisations</h1>
      {props.canCreate && (
        <p>
          <a class="button button--secondary" href="/partners/new">
            Add an organisation
          </a>
        </p>
      )}
      <form method="get" action="/partners" class="filters">
        <SelectField name="kind" label="Kind" value={props.kind ?? ''} options={[{ value: '', label: 'Every kind' }, ...organisationKinds.map((k) => ({ value: k, label: kindNames[k] }))]} />
        <button type="submit" class="button button--secondary">
          Filter
        </button>
      </form>
      <Table
        caption={plural(props.organisations.length, 'organisation')}
        columns={[
          { key: 'name', label: 'Name' },
          { key: 'short', label: 'Short name' },
          { key: 'kind', label: 'Kind' },
          { key: 'offices', label: 'Offices', numeric: true },
        ]}
        rows={props.organisations.map((o) => [<a href={`/partners/${o.id}`}>{o.name}</a>, o.shortName, kindNames[o.kind], String(o.officeCount)])}
        empty="No organisations yet."
      />
    </Layout>
  );
}

export function OrganisationPage(props: { ctx: PageContext; organisation: Organisation; offices: Office[]; units: Unit[]; canManage: boolean; countryName: (code: string) => string; unitErrors: FieldErrors; unitValue: string }) {
  const { ctx, organisation: o } = props;
  return (
    <Layout ctx={ctx} title={Object.keys(props.unitErrors).length > 0 ? `Error: ${o.name}` : o.name}>
      <p>
        <a href="/partners">Back to organisations</a>
      </p>
      <h1>
        {o.name} <Tag>{kindNames[o.kind]}</Tag>
      </h1>
      {props.canManage && (
        <p>
          <a class="button button--secondary" href={`/partners/${o.id}/edit`}>
            Edit details<span class="visually-hidden"> of {o.name}</span>
          </a>
        </p>
      )}
      <dl class="summary-list">
        <div>
          <dt>Short name</dt>
          <dd>{o.shortName}</dd>
        </div>
        <div>
          <dt>Website</dt>
          <dd>{o.website ? <a href={o.website}>{o.website}</a> : 'None given'}</dd>
        </div>
        <div>
          <dt>Contacts</dt>
          <dd>
            <ContactList contacts={o.contacts} />
          </dd>
        </div>
      </dl>

      {o.kind === 'partner' && (
        <>
          <h2>Offices (duty stations)</h2>
          {props.canManage && (
            <p>
              <a class="button button--secondary" href={`/partners/${o.id}/offices/new`}>
                Add an office
              </a>
            </p>
          )}
          <Table
            caption={plural(props.offices.length, 'office')}
            columns={[
              { key: 'name', label: 'Office' },
              { key: 'where', label: 'Where' },
              { key: 'serves', label: 'Serves' },
              { key: 'zone', label: 'Time zone' },
              ...(props.canManage ? [{ key: 'notes', label: 'Private notes' }, { key: 'edit', label: 'Action' }] : []),
            ]}
            rows={props.offices.map((office) => [
              office.name,
              `${office.city}, ${props.countryName(office.country)}`,
              props.countryName(office.servesCountry),
              office.timeZone.replace(/_/g, ' '),
              ...(props.canManage
                ? [
                    office.privateNotes || '—',
                    <a href={`/offices/${office.id}/edit`}>
                      Edit<span class="visually-hidden"> {office.name}</span>
                    </a>,
                  ]
                : []),
            ])}
            empty="No offices yet."
          />

          <h2>Units</h2>
          {props.units.length === 0 ? (
            <p>No units yet.</p>
          ) : (
            <ul>
              {props.units.map((u) => (
                <li>{u.name}</li>
              ))}
            </ul>
          )}
          {props.canManage && (
            <PostForm action={`/partners/${o.id}/units`} csrfToken={ctx.csrfToken}>
              <ErrorSummary errors={props.unitErrors} />
              <TextField name="name" label="Add a unit" hint="For example, Migration Policy Unit." value={props.unitValue} error={props.unitErrors.name} maxLength={150} />
              <Button kind="secondary">Add unit</Button>
            </PostForm>
          )}
        </>
      )}
    </Layout>
  );
}

export function OrganisationFormPage(props: { ctx: PageContext; action: string; title: string; values: FieldValues; errors: FieldErrors; kindEditable: boolean }) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 ? `Error: ${props.title}` : props.title}>
      <h1>{props.title}</h1>
      <ErrorSummary errors={errors} />
      <PostForm action={props.action} csrfToken={ctx.csrfToken}>
        {props.kindEditable ? (
          <SelectField name="kind" label="Kind of organisation" value={values.kind ?? ''} error={errors.kind} options={[{ value: '', label: 'Choose a kind' }, ...organisationKinds.map((k) => ({ value: k, label: kindNames[k] }))]} />
        ) : (
          <input type="hidden" name="kind" value={values.kind} />
        )}
        <TextField name="name" label="Name" value={values.name} error={errors.name} maxLength={200} />
        <TextField name="shortName" label="Short name" hint="Shown where space is short, for example IOM." value={values.shortName} error={errors.shortName} maxLength={30} width="short" />
        <TextField name="website" label="Website (optional)" type="url" value={values.website} error={errors.website} maxLength={200} />
        <ContactFields rows={CONTACT_ROWS} values={values} errors={errors} />
        <Button>Save</Button>
      </PostForm>
    </Layout>
  );
}

export function organisationValues(o: Organisation): FieldValues {
  return { kind: o.kind, name: o.name, shortName: o.shortName, website: o.website, ...contactValues(o.contacts) };
}
