import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Button, ErrorSummary, PostForm, SelectField, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { Tag } from '../../../platform/views/Tag.tsx';
import { PASSWORD_MAX, PASSWORD_MIN } from '../passwords.ts';

export interface SessionRow {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string;
  userAgent: string;
  current: boolean;
}

function describeDevice(userAgent: string): string {
  if (userAgent === '') return 'Unknown device';
  const browser = /Firefox\//.test(userAgent) ? 'Firefox' : /Edg\//.test(userAgent) ? 'Edge' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : 'A browser';
  const system = /Windows/.test(userAgent) ? 'Windows' : /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Mac OS/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : 'an unknown system';
  return `${browser} on ${system}`;
}

export function AccountPage(props: {
  ctx: PageContext;
  email: string;
  roles: string[];
  sessions: SessionRow[];
  values: FieldValues;
  errors: FieldErrors;
  // the IANA zones a user may choose
  timeZones?: readonly string[];
}) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 ? 'Error: Your account' : 'Your account'}>
      <h1>Your account</h1>
      <ErrorSummary errors={errors} />
      <dl class="summary-list">
        <div>
          <dt>E-mail address</dt>
          <dd>{props.email}</dd>
        </div>
        <div>
          <dt>Roles</dt>
          <dd>{props.roles.join(', ')}</dd>
        </div>
      </dl>

      <h2>Your name</h2>
      <PostForm action="/account/profile" csrfToken={ctx.csrfToken}>
        <TextField name="name" label="Full name" autocomplete="name" value={values.name} error={errors.name} maxLength={100} />
        <Button kind="secondary">Save name</Button>
      </PostForm>

      {props.timeZones && (
        <>
          <h2 id="time-zone">Your time zone</h2>
          <PostForm action="/account/time-zone" csrfToken={ctx.csrfToken}>
            <SelectField
              name="timeZone"
              label="Time zone"
              hint="Interview times and deadlines are shown to you in this zone."
              value={values.timeZone ?? ''}
              error={errors.timeZone}
              options={[{ value: '', label: 'The university’s time zone (Europe/London)' }, ...props.timeZones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))]}
            />
            <Button kind="secondary">Save time zone</Button>
          </PostForm>
        </>
      )}

      <h2>Change your password</h2>
      <PostForm action="/account/password" csrfToken={ctx.csrfToken}>
        <input type="hidden" name="username" autocomplete="username" value={props.email} />
        <TextField name="currentPassword" label="Current password" type="password" autocomplete="current-password" error={errors.currentPassword} />
        <TextField
          name="password"
          label="New password"
          hint={`At least ${PASSWORD_MIN} characters. Changing it signs you out on your other devices.`}
          type="password"
          autocomplete="new-password"
          error={errors.password}
          maxLength={PASSWORD_MAX}
        />
        <Button kind="secondary">Change password</Button>
      </PostForm>

      <h2>Where you are signed in</h2>
      <Table
        caption="Your active sessions"
        columns={[
          { key: 'device', label: 'Device' },
          { key: 'from', label: 'From address' },
          { key: 'started', label: 'Signed in' },
          { key: 'seen', label: 'Last active' },
          { key: 'action', label: 'Action' },
        ]}
        rows={props.sessions.map((s) => [
          <>
            {describeDevice(s.userAgent)} {s.current && <Tag tone="green">This device</Tag>}
          </>,
          s.ip,
          <DateTime at={s.createdAt} timeZone={ctx.timeZone} />,
          <DateTime at={s.lastSeenAt} timeZone={ctx.timeZone} />,
          s.current ? (
            'Use “Sign out” above'
          ) : (
            <PostForm action={`/account/sessions/${s.id}/end`} csrfToken={ctx.csrfToken} class="inline-form">
              <button type="submit" class="button button--secondary button--small">
                Sign out this device<span class="visually-hidden"> ({describeDevice(s.userAgent)})</span>
              </button>
            </PostForm>
          ),
        ])}
      />
      {props.sessions.length > 1 && (
        <PostForm action="/account/sessions/end-others" csrfToken={ctx.csrfToken}>
          <Button kind="warning">Sign out all other devices</Button>
        </PostForm>
      )}
    </Layout>
  );
}
