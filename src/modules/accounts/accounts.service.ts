import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import type { Outbox } from '../../platform/mail/outbox.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { ABSOLUTE_SESSION_SECONDS, canInvite, canManageUsers, idleSecondsFor, isUniversityStaffActor, organisationKindFor } from './accounts.policy.ts';
import type { AccountsRepo, User, UserFilter } from './accounts.repo.ts';
import type { Role } from './accounts.tables.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { hashToken, newSecretToken } from './tokens.ts';
import * as mail from './accounts.mail.ts';

export interface RequestMeta {
  ip: string;
  userAgent: string;
}

export interface AccountsSettings {
  baseUrl: string;
  programmeName: string;
  universityName: string;
  studentEmailDomains: string[];
}

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const SIGN_IN_MAX_FAILURES = 10;
const VERIFY_TTL_MS = 24 * 60 * 60 * 1000;
const RESET_TTL_MS = 60 * 60 * 1000;
const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

export type SignInResult =
  | { ok: true; sessionId: string; user: User }
  | { ok: false; reason: 'invalid' | 'throttled' | 'unverified' };



export function createAccountsService(deps: {
  db: Db;
  repo: AccountsRepo;
  clock: Clock;
  audit: AuditLog;
  outbox: Outbox;
  settings: AccountsSettings;
  // the kind of an organisation, for invitations that belong to one (given by app.ts)
  organisationKind: (id: string) => Promise<string | undefined>;
}) {
  const { db, repo, clock, audit, outbox, settings } = deps;
  // compared against when the e-mail is unknown, so both answers take as long
  const decoyHash = hashPassword(randomBytes(16).toString('hex'));

  function link(path: string, token: string): string {
    return `${settings.baseUrl}${path}/${token}`;
  }

  function checkPassword(password: string, email: string): string | null {
    return passwordProblem(password, { email, universityName: settings.universityName });
  }

  function toActor(user: User, sessionHash: string): Actor {
    return { id: user.id, name: user.name, email: user.email, roles: user.roles, organisationId: user.organisationId, sessionHash, timeZone: user.timeZone };
  }

  async function startSession(user: User, meta: RequestMeta, exec: Db = db): Promise<string> {
    const now = clock();
    const raw = randomBytes(32).toString('base64url');
    await repo.insertSession(
      {
        idHash: hashToken(raw),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + ABSOLUTE_SESSION_SECONDS * 1000),
        idleSeconds: idleSecondsFor(user.roles),
        ip: meta.ip.slice(0, 100),
        userAgent: meta.userAgent.slice(0, 300),
      },
      exec,
    );
    return raw;
  }

  async function issueToken(userId: string, purpose: 'verify_email' | 'reset_password' | 'invitation', ttlMs: number, exec: Db, createdBy?: string) {
    const now = clock();
    const { token, hash } = newSecretToken();
    await repo.insertToken({ tokenHash: hash, purpose, userId, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs), createdBy: createdBy ?? null }, exec);
    return token;
  }

  return {
    isStudentEmail(email: string): boolean {
      const domain = email.split('@')[1]?.toLowerCase() ?? '';
      return settings.studentEmailDomains.includes(domain);
    },

    // the checks that need context, for showing every problem at once when the form also has others
    passwordProblem(password: unknown, email: unknown): string | null {
      return typeof password === 'string' && password !== '' ? checkPassword(password, typeof email === 'string' ? email : '') : null;
    },

    async register(form: { name: string; email: string; password: string }, meta: RequestMeta): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
      const errors: FieldErrors = {};
      if (!this.isStudentEmail(form.email)) {
        errors.email = `Use your university e-mail address (ending ${settings.studentEmailDomains.map((d) => `@${d}`).join(' or ')})`;
      }
      const problem = checkPassword(form.password, form.email);
      if (problem) errors.password = problem;
      if (Object.keys(errors).length > 0) return { ok: false, errors };

      const passwordHash = await hashPassword(form.password);
      const now = clock();
      try {
        await db.transaction(async (tx) => {
          const user = await repo.insertUser(
            { email: form.email, name: form.name, passwordHash, roles: ['student'], createdAt: now, updatedAt: now },
            tx,
          );
          const token = await issueToken(user.id, 'verify_email', VERIFY_TTL_MS, tx);
          await outbox.enqueue(tx, mail.verifyEmail(settings, user, link('/verify-email', token)));
          await audit.record({ actorId: user.id, actorLabel: user.email, action: 'account.registered', subjectType: 'user', subjectId: user.id, ip: meta.ip }, tx);
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // The address has an account: say the same as for a new one (no account discovery)
        // and tell the owner instead.
        const existing = await repo.findUserByEmail(form.email);
        if (existing) {
          await db.transaction(async (tx) => {
            await outbox.enqueue(tx, mail.alreadyRegistered(settings, existing));
            await audit.record({ actorLabel: form.email, action: 'account.registration-repeated', subjectType: 'user', subjectId: existing.id, ip: meta.ip }, tx);
          });
        }
      }
      return { ok: true };
    },

    async verifyEmail(token: string, meta: RequestMeta): Promise<boolean> {
      return db.transaction(async (tx) => {
        const row = await repo.consumeToken(hashToken(token), 'verify_email', clock(), tx);
        if (!row) return false;
        await repo.updateUser(row.userId, { emailVerifiedAt: clock(), updatedAt: clock() }, tx);
        await audit.record({ actorId: row.userId, actorLabel: 'account owner', action: 'account.email-verified', subjectType: 'user', subjectId: row.userId, ip: meta.ip }, tx);
        return true;
      });
    },

    async signIn(form: { email: string; password: string }, meta: RequestMeta): Promise<SignInResult> {
      const now = clock();
      const accountKey = `account:${form.email}`;
      const addressKey = `address:${meta.ip}`;
      const failures = await repo.countFailuresSince([accountKey, addressKey], new Date(now.getTime() - SIGN_IN_WINDOW_MS));
      if ((failures.get(accountKey) ?? 0) >= SIGN_IN_MAX_FAILURES || (failures.get(addressKey) ?? 0) >= SIGN_IN_MAX_FAILURES) {
        await audit.record({ actorLabel: form.email, action: 'sign-in.throttled', ip: meta.ip });
        return { ok: false, reason: 'throttled' };
      }
      const user = await repo.findUserByEmail(form.email);
      const matches = user?.passwordHash ? await verifyPassword(user.passwordHash, form.password) : await verifyPassword(await decoyHash, form.password).then(() => false);
      if (!user || !matches || user.disabledAt) {
        await repo.recordFailures([accountKey, addressKey], now);
        // failures older than the window count for nothing: keep the table small
        await repo.pruneFailures(new Date(now.getTime() - SIGN_IN_WINDOW_MS));
        await audit.record({
          actorId: user?.id ?? null,
          actorLabel: form.email,
          action: 'sign-in.failed',
          subjectType: 'user',
          ...(user ? { subjectId: user.id } : {}),
          ip: meta.ip,
          details: { reason: !user ? 'unknown account' : user.disabledAt ? 'account disabled' : 'wrong password' },
        });
        return { ok: false, reason: 'invalid' };
      }
      if (!user.emailVerifiedAt) {
        await db.transaction(async (tx) => {
          await repo.revokeTokens(user.id, 'verify_email', now, tx);
          const token = await issueToken(user.id, 'verify_email', VERIFY_TTL_MS, tx);
          await outbox.enqueue(tx, mail.verifyEmail(settings, user, link('/verify-email', token)));
        });
        return { ok: false, reason: 'unverified' };
      }
      await repo.clearFailures(accountKey);
      const sessionId = await db.transaction(async (tx) => {
        const raw = await startSession(user, meta, tx);
        await audit.record({ actorId: user.id, actorLabel: user.email, action: 'sign-in.succeeded', subjectType: 'user', subjectId: user.id, ip: meta.ip }, tx);
        return raw;
      });
      return { ok: true, sessionId, user };
    },

    async resolveSession(raw: string): Promise<Actor | null> {
      if (raw.length > 100) return null;
      const idHash = hashToken(raw);
      const found = await repo.findLiveSessionWithUser(idHash);
      if (!found) return null;
      const { session, user } = found;
      const now = clock();
      if (now >= session.expiresAt) {
        await repo.endSession(session.id, now, 'expired');
        return null;
      }
      if (now.getTime() - session.lastSeenAt.getTime() > session.idleSeconds * 1000) {
        await repo.endSession(session.id, now, 'idle');
        return null;
      }
      if (user.disabledAt) return null;
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await repo.touchSession(session.id, now);
      return toActor(user, idHash);
    },

    async signOut(actor: Actor, meta: RequestMeta): Promise<void> {
      const found = await repo.findLiveSessionWithUser(actor.sessionHash);
      await db.transaction(async (tx) => {
        if (found) await repo.endSession(found.session.id, clock(), 'signed out', tx);
        await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'sign-out', subjectType: 'user', subjectId: actor.id, ip: meta.ip }, tx);
      });
    },

    async requestPasswordReset(email: string, meta: RequestMeta): Promise<void> {
      const user = await repo.findUserByEmail(email);
      await db.transaction(async (tx) => {
        if (user && !user.disabledAt && user.passwordHash) {
          await repo.revokeTokens(user.id, 'reset_password', clock(), tx);
          const token = await issueToken(user.id, 'reset_password', RESET_TTL_MS, tx);
          await outbox.enqueue(tx, mail.passwordReset(settings, user, link('/reset-password', token)));
        }
        await audit.record({ actorLabel: email, action: 'password.reset-requested', subjectType: 'user', ...(user ? { subjectId: user.id } : {}), ip: meta.ip, details: { known: Boolean(user) } }, tx);
      });
    },

    async isUsableToken(token: string, purpose: 'reset_password' | 'invitation'): Promise<User | undefined> {
      const row = await repo.findUsableToken(hashToken(token), purpose, clock());
      return row ? repo.findUserById(row.userId) : undefined;
    },

    async resetPassword(token: string, password: string, meta: RequestMeta): Promise<{ ok: true } | { ok: false; errors: FieldErrors } | { ok: false; invalid: true }> {
      const user = await this.isUsableToken(token, 'reset_password');
      if (!user) return { ok: false, invalid: true };
      const problem = checkPassword(password, user.email);
      if (problem) return { ok: false, errors: { password: problem } };
      const passwordHash = await hashPassword(password);
      return db.transaction(async (tx) => {
        const row = await repo.consumeToken(hashToken(token), 'reset_password', clock(), tx);
        if (!row) return { ok: false as const, invalid: true as const };
        await repo.updateUser(user.id, { passwordHash, updatedAt: clock(), emailVerifiedAt: user.emailVerifiedAt ?? clock() }, tx);
        const ended = await repo.endSessionsOfUser(user.id, clock(), 'password reset', undefined, tx);
        await audit.record({ actorId: user.id, actorLabel: user.email, action: 'password.reset', subjectType: 'user', subjectId: user.id, ip: meta.ip, details: { sessionsEnded: ended } }, tx);
        await outbox.enqueue(tx, mail.passwordChanged(settings, user));
        return { ok: true as const };
      });
    },

    async changePassword(actor: Actor, form: { currentPassword: string; password: string }, meta: RequestMeta): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
      const user = await repo.findUserById(actor.id);
      if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, form.currentPassword))) {
        return { ok: false, errors: { currentPassword: 'Your current password is not right' } };
      }
      const problem = checkPassword(form.password, user.email);
      if (problem) return { ok: false, errors: { password: problem } };
      const passwordHash = await hashPassword(form.password);
      const current = await repo.findLiveSessionWithUser(actor.sessionHash);
      await db.transaction(async (tx) => {
        await repo.updateUser(user.id, { passwordHash, updatedAt: clock() }, tx);
        // other devices are signed out; this one stays
        const ended = await repo.endSessionsOfUser(user.id, clock(), 'password changed', current?.session.id, tx);
        await audit.record({ actorId: user.id, actorLabel: user.email, action: 'password.changed', subjectType: 'user', subjectId: user.id, ip: meta.ip, details: { sessionsEnded: ended } }, tx);
        await outbox.enqueue(tx, mail.passwordChanged(settings, user));
      });
      return { ok: true };
    },

    async updateProfile(actor: Actor, form: { name: string }, meta: RequestMeta): Promise<void> {
      await db.transaction(async (tx) => {
        await repo.updateUser(actor.id, { name: form.name, updatedAt: clock() }, tx);
        await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'account.profile-updated', subjectType: 'user', subjectId: actor.id, ip: meta.ip }, tx);
      });
    },

    async setTimeZone(actor: Actor, timeZone: string | null, meta: RequestMeta): Promise<void> {
      await db.transaction(async (tx) => {
        await repo.updateUser(actor.id, { timeZone, updatedAt: clock() }, tx);
        await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'account.time-zone-set', subjectType: 'user', subjectId: actor.id, ip: meta.ip, details: { timeZone } }, tx);
      });
    },

    async timeZoneOf(actor: Actor): Promise<string | null> {
      return (await repo.findUserById(actor.id))?.timeZone ?? null;
    },

    async invite(actor: Actor, form: { name: string; email: string; role: Role; organisationId?: string | null }, meta: RequestMeta): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
      if (!canInvite(actor, form.role)) return { ok: false, errors: { role: 'You cannot invite someone to that role' } };
      // a partner's coordinator brings in their own colleagues only
      const organisationId = isUniversityStaffActor(actor) ? (form.organisationId ?? null) : actor.organisationId;
      const needs = organisationKindFor(form.role);
      if (needs) {
        const organisation = organisationId ? await deps.organisationKind(organisationId) : undefined;
        if (organisation !== needs) return { ok: false, errors: { organisationId: needs === 'partner' ? 'Choose the partner organisation this person works for' : 'Choose the fund or donor this person represents' } };
      }
      const existing = await repo.findUserByEmail(form.email);
      if (existing?.passwordHash) return { ok: false, errors: { email: 'Someone with this e-mail address already has an account' } };
      const now = clock();
      const values = { name: form.name, roles: [form.role], organisationId: needs ? organisationId : null };
      try {
        await db.transaction(async (tx) => {
          const user = existing ?? (await repo.insertUser({ email: form.email, ...values, createdAt: now, updatedAt: now }, tx));
          if (existing) {
            await repo.updateUser(existing.id, { ...values, updatedAt: now }, tx);
            await repo.revokeTokens(existing.id, 'invitation', now, tx);
          }
          const token = await issueToken(user.id, 'invitation', INVITATION_TTL_MS, tx, actor.id);
          await outbox.enqueue(tx, mail.invitation(settings, { ...user, name: form.name }, actor.name, form.role, link('/invitations', token)));
          await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'invitation.sent', subjectType: 'user', subjectId: user.id, ip: meta.ip, details: { email: form.email, role: form.role, organisationId: values.organisationId } }, tx);
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return { ok: false, errors: { email: 'Someone with this e-mail address was invited a moment ago' } };
      }
      return { ok: true };
    },

    async acceptInvitation(token: string, form: { name: string; password: string }, meta: RequestMeta): Promise<{ ok: true; sessionId: string } | { ok: false; errors: FieldErrors } | { ok: false; invalid: true }> {
      const user = await this.isUsableToken(token, 'invitation');
      if (!user) return { ok: false, invalid: true };
      const problem = checkPassword(form.password, user.email);
      if (problem) return { ok: false, errors: { password: problem } };
      const passwordHash = await hashPassword(form.password);
      return db.transaction(async (tx) => {
        const row = await repo.consumeToken(hashToken(token), 'invitation', clock(), tx);
        if (!row) return { ok: false as const, invalid: true as const };
        const now = clock();
        await repo.updateUser(user.id, { name: form.name, passwordHash, emailVerifiedAt: now, updatedAt: now }, tx);
        await audit.record({ actorId: user.id, actorLabel: user.email, action: 'invitation.accepted', subjectType: 'user', subjectId: user.id, ip: meta.ip }, tx);
        const sessionId = await startSession({ ...user, name: form.name }, meta, tx);
        await audit.record({ actorId: user.id, actorLabel: user.email, action: 'sign-in.succeeded', subjectType: 'user', subjectId: user.id, ip: meta.ip, details: { via: 'invitation' } }, tx);
        return { ok: true as const, sessionId };
      });
    },

    async listSessions(actor: Actor) {
      const sessions = await repo.listLiveSessions(actor.id, clock());
      const current = sessions.find((s) => s.idHash === actor.sessionHash);
      return sessions.map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, ip: s.ip, userAgent: s.userAgent, current: s === current }));
    },

    async endSession(actor: Actor, sessionId: string, meta: RequestMeta): Promise<void> {
      const ended = await repo.endSessionOfUser(actor.id, sessionId, clock(), 'ended by owner');
      if (!ended) throw new NotFoundError();
      await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'session.ended', subjectType: 'user', subjectId: actor.id, ip: meta.ip });
    },

    async endOtherSessions(actor: Actor, meta: RequestMeta): Promise<number> {
      const current = await repo.findLiveSessionWithUser(actor.sessionHash);
      const ended = await repo.endSessionsOfUser(actor.id, clock(), 'ended by owner', current?.session.id);
      await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'session.ended-others', subjectType: 'user', subjectId: actor.id, ip: meta.ip, details: { sessionsEnded: ended } });
      return ended;
    },

    // for other modules' notices (e.g. a renewal reminder to the programme team)
    async activeUsersWithRole(role: Role): Promise<{ name: string; email: string }[]> {
      return (await repo.listActiveWithRole(role)).map((u) => ({ name: u.name, email: u.email }));
    },

    async activeUsersOfOrganisation(organisationId: string, role: Role): Promise<{ name: string; email: string }[]> {
      return (await repo.listActiveOfOrganisation(organisationId, role)).map((u) => ({ name: u.name, email: u.email }));
    },

    // how to write to a user, for jobs that mail them (reminders); undefined for an unknown id
    async contact(id: string): Promise<{ email: string; name: string; active: boolean } | undefined> {
      const user = await repo.findUserById(id);
      return user && { email: user.email, name: user.name, active: user.disabledAt === null };
    },

    async listUsers(actor: Actor, filter: UserFilter) {
      if (!canManageUsers(actor)) throw new NotFoundError();
      return repo.listUsers(filter);
    },

    async findUser(actor: Actor, id: string): Promise<User> {
      if (!canManageUsers(actor) || !/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError();
      const user = await repo.findUserById(id);
      if (!user) throw new NotFoundError();
      return user;
    },

    async setDisabled(actor: Actor, id: string, disabled: boolean, meta: RequestMeta): Promise<{ ok: true } | { ok: false; message: string }> {
      const user = await this.findUser(actor, id);
      if (user.id === actor.id) return { ok: false, message: 'You cannot disable your own account' };
      await db.transaction(async (tx) => {
        const now = clock();
        await repo.updateUser(user.id, { disabledAt: disabled ? now : null, updatedAt: now }, tx);
        const ended = disabled ? await repo.endSessionsOfUser(user.id, now, 'account disabled', undefined, tx) : 0;
        await audit.record({ actorId: actor.id, actorLabel: actor.email, action: disabled ? 'user.disabled' : 'user.enabled', subjectType: 'user', subjectId: user.id, ip: meta.ip, details: { email: user.email, sessionsEnded: ended } }, tx);
      });
      return { ok: true };
    },

    async changeRoles(actor: Actor, id: string, newRoles: Role[], meta: RequestMeta): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
      const user = await this.findUser(actor, id);
      const unique = [...new Set(newRoles)];
      if (user.id === actor.id && !unique.includes('admin')) return { ok: false, errors: { roles: 'You cannot remove your own admin role' } };
      await db.transaction(async (tx) => {
        await repo.updateUser(user.id, { roles: unique, updatedAt: clock() }, tx);
        await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'user.roles-changed', subjectType: 'user', subjectId: user.id, ip: meta.ip, details: { email: user.email, from: user.roles, to: unique } }, tx);
      });
      return { ok: true };
    },

    // CLI: no default admin password exists; the operator gives one
    async createAdmin(form: { email: string; name: string; password: string }): Promise<{ ok: true; created: boolean } | { ok: false; message: string }> {
      const problem = checkPassword(form.password, form.email);
      if (problem) return { ok: false, message: problem };
      const passwordHash = await hashPassword(form.password);
      const now = clock();
      const existing = await repo.findUserByEmail(form.email);
      await db.transaction(async (tx) => {
        if (existing) {
          const roles: Role[] = existing.roles.includes('admin') ? existing.roles : [...existing.roles, 'admin'];
          await repo.updateUser(existing.id, { passwordHash, roles, emailVerifiedAt: existing.emailVerifiedAt ?? now, disabledAt: null, updatedAt: now }, tx);
          await audit.record({ actorLabel: 'command line', action: 'user.roles-changed', subjectType: 'user', subjectId: existing.id, details: { email: form.email, from: existing.roles, to: roles } }, tx);
        } else {
          const user = await repo.insertUser({ email: form.email, name: form.name, passwordHash, roles: ['admin'], emailVerifiedAt: now, createdAt: now, updatedAt: now }, tx);
          await audit.record({ actorLabel: 'command line', action: 'account.admin-created', subjectType: 'user', subjectId: user.id, details: { email: form.email } }, tx);
        }
      });
      return { ok: true, created: !existing };
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
