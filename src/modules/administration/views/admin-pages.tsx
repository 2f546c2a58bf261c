import type { AuditEvent } from '../../../platform/audit/audit-log.ts';
import type { OutboxMessage } from '../../../platform/mail/outbox.ts';
import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { plural } from '../../../platform/views/plural.ts';
import { Pagination } from '../../../platform/views/Pagination.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag, type TagTone } from '../../../platform/views/Tag.tsx';
import { SelectField, TextField } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';

export interface AuditQuery {
  action?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
}

function auditHref(query: AuditQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.action) params.set('action', query.action);
  if (query.actor) params.set('actor', query.actor);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/admin/audit?${text}` : '/admin/audit';
}

export function AuditPage(props: { ctx: PageContext; events: AuditEvent[]; total: number; actions: string[]; query: AuditQuery; pageSize: number }) {
  const { ctx, query } = props;
  return (
    <Layout ctx={ctx} title="Audit log">
      <h1>Audit log</h1>
      <p>Every sign-in, change of account and change of data, with who did it, when and from where.</p>
      <form method="get" action="/admin/audit" class="filters">
        <SelectField name="action" label="What happened" value={query.action ?? ''} options={[{ value: '', label: 'Anything' }, ...props.actions.map((a) => ({ value: a, label: a }))]} />
        <TextField name="actor" label="Who (e-mail or id)" type="search" value={query.actor} />
        <TextField name="from" label="From date" type="date" value={query.from} />
        <TextField name="to" label="To date (inclusive)" type="date" value={query.to} />
        <button type="submit" class="button button--secondary">
          Filter
        </button>
      </form>
      <Table
        caption={`${plural(props.total, 'event')}, newest first`}
        columns={[
          { key: 'at', label: 'When' },
          { key: 'who', label: 'Who' },
          { key: 'what', label: 'What' },
          { key: 'subject', label: 'About' },
          { key: 'from', label: 'From address' },
          { key: 'details', label: 'Details' },
        ]}
        rows={props.events.map((e) => [
          <DateTime at={e.at} timeZone={ctx.timeZone} />,
          e.actorLabel,
          <code>{e.action}</code>,
          e.subjectType ? `${e.subjectType} ${e.subjectId ?? ''}` : '',
          e.ip ?? '',
          Object.keys(e.details).length > 0 ? <code class="details">{JSON.stringify(e.details)}</code> : '',
        ])}
        empty="No events match these filters."
      />
      <Pagination page={query.page} total={props.total} pageSize={props.pageSize} href={(page) => auditHref(query, page)} />
    </Layout>
  );
}

const statusTone: Record<string, TagTone> = { queued: 'blue', sent: 'green', kept: 'neutral', failed: 'red' };
const statusLabel: Record<string, string> = { queued: 'Waiting to send', sent: 'Sent', kept: 'Kept (no SMTP server set)', failed: 'Failed' };

export function OutboxPage(props: { ctx: PageContext; messages: OutboxMessage[]; total: number; page: number; pageSize: number; smtpConfigured: boolean }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Outbox">
      <h1>Outbox</h1>
      <p>
        {props.smtpConfigured
          ? 'Every e-mail the service sends, newest first. Messages are delivered through the configured SMTP server.'
          : 'No SMTP server is configured (SMTP_URL), so e-mails are kept here instead of being sent. Every e-mail the service wrote is listed, newest first.'}
      </p>
      <Table
        caption={plural(props.total, 'message')}
        columns={[
          { key: 'at', label: 'Written' },
          { key: 'to', label: 'To' },
          { key: 'subject', label: 'Subject' },
          { key: 'status', label: 'Status' },
        ]}
        rows={props.messages.map((m) => [
          <DateTime at={m.createdAt} timeZone={ctx.timeZone} />,
          m.toAddress,
          <a href={`/admin/outbox/${m.id}`}>{m.subject}</a>,
          <Tag tone={statusTone[m.status] ?? 'neutral'}>{statusLabel[m.status] ?? m.status}</Tag>,
        ])}
        empty="No e-mail has been written yet."
      />
      <Pagination page={props.page} total={props.total} pageSize={props.pageSize} href={(page) => `/admin/outbox?page=${page}`} />
    </Layout>
  );
}

export function OutboxMessagePage(props: { ctx: PageContext; message: OutboxMessage }) {
  const { ctx, message } = props;
  return (
    <Layout ctx={ctx} title={message.subject}>
      <p>
        <a href="/admin/outbox">Back to the outbox</a>
      </p>
      <h1>{message.subject}</h1>
      <dl class="summary-list">
        <div>
          <dt>To</dt>
          <dd>{message.toName ? `${message.toName} <${message.toAddress}>` : message.toAddress}</dd>
        </div>
        <div>
          <dt>Written</dt>
          <dd>
            <DateTime at={message.createdAt} timeZone={ctx.timeZone} />
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <Tag tone={statusTone[message.status] ?? 'neutral'}>{statusLabel[message.status] ?? message.status}</Tag>
            {message.lastError && <span> Last error: {message.lastError}</span>}
          </dd>
        </div>
      </dl>
      <pre class="mail-body">{message.textBody}</pre>
    </Layout>
  );
}
