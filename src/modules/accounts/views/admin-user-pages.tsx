import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { plural } from '../../../platform/views/plural.ts';
import { Pagination } from '../../../platform/views/Pagination.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag } from '../../../platform/views/Tag.tsx';
import { Button, CheckboxesField, ErrorSummary, PostForm, SelectField, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { roleName } from '../accounts.mail.ts';
import type { User } from '../accounts.repo.ts';
import { roles, type Role } from '../roles.ts';

export interface UserListQuery {
  q?: string | undefined;
  role?: Role | undefined;
  status?: 'active' | 'disabled' | 'invited' | undefined;
  sort: 'name' | 'email' | 'created';
  dir: 'asc' | 'desc';
  page: number;
}

function userStatus(user: User) {
  if (user.disabledAt) return <Tag tone="red">Disabled</Tag>;
  if (!user.passwordHash) return <Tag tone="amber">Invited</Tag>;
  if (!user.emailVerifiedAt) return <Tag tone="amber">E-mail not confirmed</Tag>;
  return <Tag tone="green">Active</Tag>;
}

function listHref(query: UserListQuery, change: Partial<UserListQuery>): string {
  const merged = { ...query, ...change };
  const params = new URLSearchParams();
  if (merged.q) params.set('q', merged.q);
  if (merged.role) params.set('role', merged.role);
  if (merged.status) params.set('status', merged.status);
  params.set('sort', merged.sort);
  params.set('dir', merged.dir);
  if (merged.page > 1) params.set('page', String(merged.page));
  return `/admin/users?${params.toString()}`;
}

const roleOptions = roles.map((role) => ({ value: role, label: roleName(role) }));

export function UsersPage(props: { ctx: PageContext; users: User[]; total: number; query: UserListQuery; pageSize: number }) {
  const { ctx, query } = props;
  return (
    <Layout ctx={ctx} title="Users">
      <h1>Users</h1>
      <p>
        <a href="/invitations/new" class="button button--secondary">
          Invite someone
        </a>
      </p>
      <form method="get" action="/admin/users" class="filters">
        <TextField name="q" label="Name or e-mail" type="search" value={query.q} />
        <SelectField name="role" label="Role" value={query.role ?? ''} options={[{ value: '', label: 'Any role' }, ...roleOptions]} />
        <SelectField
          name="status"
          label="Status"
          value={query.status ?? ''}
          options={[
            { value: '', label: 'Any status' },
            { value: 'active', label: 'Active' },
            { value: 'invited', label: 'Invited' },
            { value: 'disabled', label: 'Disabled' },
          ]}
        />
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button type="submit" class="button button--secondary">
          Filter
        </button>
      </form>
      <Table
        caption={plural(props.total, 'user')}
        columns={[
          { key: 'name', label: 'Name', sortable: true },
          { key: 'email', label: 'E-mail', sortable: true },
          { key: 'roles', label: 'Roles' },
          { key: 'status', label: 'Status' },
          { key: 'created', label: 'Created', sortable: true },
        ]}
        sort={{ key: query.sort, direction: query.dir }}
        sortHref={(key, direction) => listHref(query, { sort: key as UserListQuery['sort'], dir: direction, page: 1 })}
        rows={props.users.map((user) => [
          <a href={`/admin/users/${user.id}`}>{user.name}</a>,
          user.email,
          user.roles.map(roleName).join(', '),
          userStatus(user),
          <DateTime at={user.createdAt} timeZone={ctx.timeZone} />,
        ])}
        empty="No users match these filters."
      />
      <Pagination page={query.page} total={props.total} pageSize={props.pageSize} href={(page) => listHref(query, { page })} />
    </Layout>
  );
}

export function UserPage(props: { ctx: PageContext; user: User; errors: FieldErrors; selectedRoles: readonly string[]; isSelf: boolean }) {
  const { ctx, user, errors } = props;
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 ? `Error: ${user.name}` : user.name}>
      <p>
        <a href="/admin/users">Back to users</a>
      </p>
      <h1>{user.name}</h1>
      <ErrorSummary errors={errors} />
      <dl class="summary-list">
        <div>
          <dt>E-mail address</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{userStatus(user)}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <DateTime at={user.createdAt} timeZone={ctx.timeZone} />
          </dd>
        </div>
      </dl>
      <h2>Roles</h2>
      <PostForm action={`/admin/users/${user.id}/roles`} csrfToken={ctx.csrfToken}>
        <CheckboxesField name="roles" label="Roles this person holds" hint="Select all that apply." values={props.selectedRoles} options={roleOptions} error={errors.roles} />
        <Button kind="secondary">Save roles</Button>
      </PostForm>
      {!props.isSelf && (
        <>
          <h2>Access</h2>
          {user.disabledAt ? (
            <PostForm action={`/admin/users/${user.id}/enable`} csrfToken={ctx.csrfToken}>
              <p>This account is disabled: its owner cannot sign in.</p>
              <Button kind="secondary">Enable account</Button>
            </PostForm>
          ) : (
            <PostForm action={`/admin/users/${user.id}/disable`} csrfToken={ctx.csrfToken}>
              <p>Disabling the account signs its owner out everywhere at once and stops them signing in.</p>
              <Button kind="warning">Disable account</Button>
            </PostForm>
          )}
        </>
      )}
    </Layout>
  );
}

export function InvitePage(props: { ctx: PageContext; values: FieldValues; errors: FieldErrors; roles: Role[]; organisations: { id: string; name: string; kind: string }[] }) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 ? 'Error: Invite someone' : 'Invite someone'}>
      <div class="narrow">
        <h1>Invite someone</h1>
        <ErrorSummary errors={errors} />
        <p>We will e-mail them a link to set their password. The link works once and expires in 7 days.</p>
        <PostForm action="/invitations/new" csrfToken={ctx.csrfToken}>
          <TextField name="name" label="Full name" value={values.name} error={errors.name} maxLength={100} />
          <TextField name="email" label="E-mail address" type="email" value={values.email} error={errors.email} maxLength={254} />
          <SelectField
            name="role"
            label="Role"
            value={values.role ?? ''}
            error={errors.role}
            options={[{ value: '', label: 'Choose a role' }, ...props.roles.map((role) => ({ value: role, label: roleName(role) }))]}
          />
          {props.organisations.length > 0 && (
            <SelectField
              name="organisationId"
              label="Organisation"
              hint="For partner coordinators and reviewers, their partner; for funder contacts, their funder. Leave as none for university staff."
              value={values.organisationId ?? ''}
              error={errors.organisationId}
              options={[{ value: '', label: 'None (university staff)' }, ...props.organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.kind})` }))]}
            />
          )}
          <Button>Send invitation</Button>
        </PostForm>
      </div>
    </Layout>
  );
}
