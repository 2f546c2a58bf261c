import type { FastifyInstance, FastifyReply } from 'fastify';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import { z } from 'zod';
import { cookieOptions, type CookieNames } from '../../platform/http/cookies.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { requestMeta, safeLocalPath } from '../../platform/http/request-meta.ts';
import { ABSOLUTE_SESSION_SECONDS, invitableRoles } from './accounts.policy.ts';
import * as input from './accounts.input.ts';
import type { AccountsService } from './accounts.service.ts';
import { AccountPage } from './views/account-pages.tsx';
import { InvitePage, UserPage, UsersPage } from './views/admin-user-pages.tsx';
import { ConfirmEmailPage, ForgotPasswordPage, MessagePage, NewPasswordPage, RegisterPage, SignInPage } from './views/sign-in-pages.tsx';

export interface AccountsRoutesOptions {
  accounts: AccountsService;
  cookies: CookieNames;
  secureCookies: boolean;
  studentEmailDomains: string[];
  // organisations a staff member may invite someone into
  organisations: () => Promise<{ id: string; name: string; kind: string }[]>;
}

const USERS_PAGE_SIZE = 50;
const tokenParam = z.object({ token: z.string().min(1).max(200) });
const idParam = z.object({ id: z.string().max(100) });
const staffRoles = ['staff', 'admin'] as const;
const inviters = ['staff', 'admin', 'partner_admin'] as const;

export async function accountsRoutes(app: FastifyInstance, opts: AccountsRoutesOptions): Promise<void> {
  const { accounts } = opts;

  function setSessionCookie(reply: FastifyReply, sessionId: string) {
    reply.setCookie(opts.cookies.session, sessionId, cookieOptions(opts.secureCookies, ABSOLUTE_SESSION_SECONDS));
  }

  const invalidLink = (reply: FastifyReply, what: string, again: { href: string; label: string }) =>
    reply.render(
      (ctx) =>
        MessagePage({
          ctx,
          title: 'This link does not work',
          paragraphs: [`The ${what} link has expired or has already been used. Links work once, for a limited time.`],
          link: again,
        }),
      410,
    );

  // Sign in
  app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    if (request.actor) return reply.redirect('/');
    const next = safeLocalPath((request.query as Record<string, unknown>).next, '');
    return reply.render((ctx) => SignInPage({ ctx, values: next ? { next } : {}, errors: {} }));
  });

  app.post('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const form = parseForm(input.signInForm, request.body);
    if (!form.ok) return reply.render((ctx) => SignInPage({ ctx, values: form.values, errors: form.errors }), 400);
    const result = await accounts.signIn(form.data, requestMeta(request));
    if (!result.ok) {
      const status = result.reason === 'throttled' ? 429 : result.reason === 'unverified' ? 403 : 401;
      return reply.render((ctx) => SignInPage({ ctx, values: form.values, errors: {}, problem: result.reason }), status);
    }
    // a fresh session id at sign-in (no fixation); the pre-session CSRF cookie is done with
    reply.clearCookie(opts.cookies.csrf, cookieOptions(opts.secureCookies));
    setSessionCookie(reply, result.sessionId);
    return reply.redirect(safeLocalPath(form.data.next), 303);
  });

  app.post('/sign-out', { config: { access: 'signed-in' } }, async (request, reply) => {
    if (request.actor) await accounts.signOut(request.actor, requestMeta(request));
    reply.clearCookie(opts.cookies.session, cookieOptions(opts.secureCookies));
    return reply.notice('You have signed out.').redirect('/', 303);
  });

  // Registration (students)
  app.get('/register', { config: { access: 'public' } }, async (request, reply) => {
    if (request.actor) return reply.redirect('/');
    return reply.render((ctx) => RegisterPage({ ctx, values: {}, errors: {}, domains: opts.studentEmailDomains }));
  });

  app.post('/register', { config: { access: 'public' } }, async (request, reply) => {
    const form = parseForm(input.registrationForm, request.body);
    const again = (errors: Record<string, string>) =>
      reply.render((ctx) => RegisterPage({ ctx, values: form.values, errors, domains: opts.studentEmailDomains }), 400);
    if (!form.ok) {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problem = form.errors.password ? null : accounts.passwordProblem(body.password, body.email);
      return again(problem ? { ...form.errors, password: problem } : form.errors);
    }
    const result = await accounts.register(form.data, requestMeta(request));
    if (!result.ok) return again(result.errors);
    return reply.redirect('/register/check-your-email', 303);
  });

  app.get('/register/check-your-email', { config: { access: 'public' } }, async (_request, reply) =>
    reply.render((ctx) =>
      MessagePage({
        ctx,
        title: 'Check your e-mail',
        paragraphs: [
          'We have sent a link to the address you gave. Open it to confirm your e-mail address; then you can sign in.',
          'The link expires in 24 hours. If nothing arrives within a few minutes, check your junk folder.',
        ],
        link: { href: '/sign-in', label: 'Go to sign in' },
      }),
    ),
  );

  app.get('/verify-email/:token', { config: { access: 'public' } }, async (request, reply) => {
    const { token } = tokenParam.parse(request.params);
    // GET only shows a button: mail scanners that follow links must not use up the token
    return reply.render((ctx) => ConfirmEmailPage({ ctx, token }));
  });

  app.post('/verify-email', { config: { access: 'public' } }, async (request, reply) => {
    const parsed = tokenParam.safeParse(request.body);
    const verified = parsed.success && (await accounts.verifyEmail(parsed.data.token, requestMeta(request)));
    if (!verified) return invalidLink(reply, 'confirmation', { href: '/sign-in', label: 'Sign in to get a new link' });
    return reply.notice('Your e-mail address is confirmed. You can now sign in.').redirect('/sign-in', 303);
  });

  // Password reset
  app.get('/forgot-password', { config: { access: 'public' } }, async (_request, reply) =>
    reply.render((ctx) => ForgotPasswordPage({ ctx, values: {}, errors: {} })),
  );

  app.post('/forgot-password', { config: { access: 'public' } }, async (request, reply) => {
    const form = parseForm(input.forgotPasswordForm, request.body);
    if (!form.ok) return reply.render((ctx) => ForgotPasswordPage({ ctx, values: form.values, errors: form.errors }), 400);
    await accounts.requestPasswordReset(form.data.email, requestMeta(request));
    return reply.render((ctx) =>
      MessagePage({
        ctx,
        title: 'Check your e-mail',
        paragraphs: [
          `If ${form.data.email} has an account, we have sent it a link to reset the password. The link expires in 1 hour.`,
        ],
        link: { href: '/sign-in', label: 'Back to sign in' },
      }),
    );
  });

  app.get('/reset-password/:token', { config: { access: 'public' } }, async (request, reply) => {
    const { token } = tokenParam.parse(request.params);
    const user = await accounts.isUsableToken(token, 'reset_password');
    if (!user) return invalidLink(reply, 'password reset', { href: '/forgot-password', label: 'Ask for a new link' });
    return reply.render((ctx) =>
      NewPasswordPage({ ctx, action: '/reset-password', token, title: 'Choose a new password', intro: `For ${user.email}. Saving it signs you out everywhere.`, email: user.email, values: {}, errors: {} }),
    );
  });

  app.post('/reset-password', { config: { access: 'public' } }, async (request, reply) => {
    const form = parseForm(input.newPasswordForm, request.body);
    const token = typeof (request.body as Record<string, unknown> | undefined)?.token === 'string' ? String((request.body as Record<string, unknown>).token).slice(0, 200) : '';
    const user = token ? await accounts.isUsableToken(token, 'reset_password') : undefined;
    if (!user) return invalidLink(reply, 'password reset', { href: '/forgot-password', label: 'Ask for a new link' });
    const again = (errors: Record<string, string>) =>
      reply.render(
        (ctx) => NewPasswordPage({ ctx, action: '/reset-password', token, title: 'Choose a new password', intro: `For ${user.email}. Saving it signs you out everywhere.`, email: user.email, values: form.values, errors }),
        400,
      );
    if (!form.ok) return again(form.errors);
    const result = await accounts.resetPassword(form.data.token, form.data.password, requestMeta(request));
    if (!result.ok) {
      if ('invalid' in result) return invalidLink(reply, 'password reset', { href: '/forgot-password', label: 'Ask for a new link' });
      return again(result.errors);
    }
    reply.clearCookie(opts.cookies.session, cookieOptions(opts.secureCookies));
    return reply.notice('Your password has been changed. Sign in with your new password.').redirect('/sign-in', 303);
  });

  // Invitations
  // staff choose the invitee's organisation; a partner's coordinator invites to their own
  const organisationChoices = async (actor: Actor | null) => (hasAnyRole(actor, staffRoles) ? opts.organisations() : []);

  app.get('/invitations/new', { config: { access: inviters } }, async (request, reply) => {
    const organisations = await organisationChoices(request.actor);
    return reply.render((ctx) => InvitePage({ ctx, values: {}, errors: {}, roles: invitableRoles(request.actor), organisations }));
  });

  app.post('/invitations/new', { config: { access: inviters } }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw new Error('access rule let an anonymous request through');
    const form = parseForm(input.invitationForm, request.body);
    const organisations = await organisationChoices(actor);
    const again = (errors: Record<string, string>) =>
      reply.render((ctx) => InvitePage({ ctx, values: form.values, errors, roles: invitableRoles(actor), organisations }), 400);
    if (!form.ok) return again(form.errors);
    const result = await accounts.invite(actor, form.data, requestMeta(request));
    if (!result.ok) return again(result.errors);
    return reply.notice(`Invitation sent to ${form.data.email}.`).redirect('/invitations/new', 303);
  });

  app.get('/invitations/:token', { config: { access: 'public' } }, async (request, reply) => {
    const { token } = tokenParam.parse(request.params);
    const user = await accounts.isUsableToken(token, 'invitation');
    if (!user) return invalidLink(reply, 'invitation', { href: '/contact', label: 'Ask the programme team for a new invitation' });
    return reply.render((ctx) =>
      NewPasswordPage({ ctx, action: '/invitations', token, title: 'Accept your invitation', intro: `Set up your account for ${user.email}.`, email: user.email, values: { name: user.name }, errors: {}, askName: true }),
    );
  });

  app.post('/invitations', { config: { access: 'public' } }, async (request, reply) => {
    const form = parseForm(input.invitationAcceptForm, request.body);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = typeof body.token === 'string' ? body.token.slice(0, 200) : '';
    const user = token ? await accounts.isUsableToken(token, 'invitation') : undefined;
    if (!user) return invalidLink(reply, 'invitation', { href: '/contact', label: 'Ask the programme team for a new invitation' });
    const again = (errors: Record<string, string>) =>
      reply.render(
        (ctx) => NewPasswordPage({ ctx, action: '/invitations', token, title: 'Accept your invitation', intro: `Set up your account for ${user.email}.`, email: user.email, values: form.values, errors, askName: true }),
        400,
      );
    if (!form.ok) return again(form.errors);
    const result = await accounts.acceptInvitation(form.data.token, form.data, requestMeta(request));
    if (!result.ok) {
      if ('invalid' in result) return invalidLink(reply, 'invitation', { href: '/contact', label: 'Ask the programme team for a new invitation' });
      return again(result.errors);
    }
    reply.clearCookie(opts.cookies.csrf, cookieOptions(opts.secureCookies));
    setSessionCookie(reply, result.sessionId);
    return reply.notice('Welcome. Your account is ready.').redirect('/', 303);
  });

  // Your account
  async function renderAccount(reply: FastifyReply, values: Record<string, string>, errors: Record<string, string>, status = 200) {
    const actor = reply.request.actor;
    if (!actor) throw new Error('access rule let an anonymous request through');
    const sessions = await accounts.listSessions(actor);
    const timeZone = (await accounts.timeZoneOf(actor)) ?? '';
    // the saved zone is listed even where the runtime's list spells it another way
    const timeZones = [...new Set([...Intl.supportedValuesOf('timeZone'), ...(timeZone ? [timeZone] : [])])].sort();
    return reply.render((ctx) => AccountPage({ ctx, email: actor.email, roles: [...actor.roles], sessions, values: { name: actor.name, timeZone, ...values }, errors, timeZones }), status);
  }

  app.get('/account', { config: { access: 'signed-in' } }, async (_request, reply) => renderAccount(reply, {}, {}));

  app.post('/account/profile', { config: { access: 'signed-in' } }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw new Error('access rule let an anonymous request through');
    const form = parseForm(input.profileForm, request.body);
    if (!form.ok) return renderAccount(reply, form.values, form.errors, 400);
    await accounts.updateProfile(actor, form.data, requestMeta(request));
    return reply.notice('Your name has been saved.').redirect('/account', 303);
  });

  app.post('/account/time-zone', { config: { access: 'signed-in' } }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw new Error('access rule let an anonymous request through');
    const form = parseForm(input.timeZoneForm, request.body);
    if (!form.ok) return renderAccount(reply, form.values, form.errors, 400);
    await accounts.setTimeZone(actor, form.data.timeZone, requestMeta(request));
    return reply.notice(form.data.timeZone ? `Your time zone has been saved: ${form.data.timeZone}.` : 'Times will be shown in the university’s time zone.').redirect('/account', 303);
  });

  app.post('/account/password', { config: { access: 'signed-in' } }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw new Error('access rule let an anonymous request through');
    const form = parseForm(input.changePasswordForm, request.body);
    if (!form.ok) return renderAccount(reply, {}, form.errors, 400);
    const result = await accounts.changePassword(actor, form.data, requestMeta(request));
    if (!result.ok) return renderAccount(reply, {}, result.errors, 400);
    return reply.notice('Your password has been changed. Your other devices have been signed out.').redirect('/account', 303);
  });

  app.post('/account/sessions/:id/end', { config: { access: 'signed-in' } }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw new Error('access rule let an anonymous request through');
    const { id } = idParam.parse(request.params);
    if (!/^[0-9a-f-]{36}$/i.test(id)) return reply.callNotFound();
    await accounts.endSession(actor, id, requestMeta(request));
    return reply.notice('That device has been signed out.').redirect('/account', 303);
  });

  app.post('/account/sessions/end-others', { config: { access: 'signed-in' } }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw new Error('access rule let an anonymous request through');
    const ended = await accounts.endOtherSessions(actor, requestMeta(request));
    return reply.notice(`Signed out ${ended} other ${ended === 1 ? 'device' : 'devices'}.`).redirect('/account', 303);
  });

  // Administration of users
  app.get('/admin/users', { config: { access: ['admin'] } }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw new Error('access rule let an anonymous request through');
    const query = input.userListQuery.parse(request.query ?? {});
    const { users, total } = await accounts.listUsers(actor, {
      search: query.q,
      role: query.role,
      status: query.status,
      sort: query.sort,
      direction: query.dir,
      page: query.page,
      pageSize: USERS_PAGE_SIZE,
    });
    return reply.render((ctx) => UsersPage({ ctx, users, total, query, pageSize: USERS_PAGE_SIZE }));
  });

  app.get('/admin/users/:id', { config: { access: ['admin'] } }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw new Error('access rule let an anonymous request through');
    const user = await accounts.findUser(actor, idParam.parse(request.params).id);
    return reply.render((ctx) => UserPage({ ctx, user, errors: {}, selectedRoles: user.roles, isSelf: user.id === actor.id }));
  });

  app.post('/admin/users/:id/roles', { config: { access: ['admin'] } }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw new Error('access rule let an anonymous request through');
    const user = await accounts.findUser(actor, idParam.parse(request.params).id);
    const form = parseForm(input.rolesForm, request.body);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const typed = ([] as unknown[]).concat(body.roles ?? []).filter((r): r is string => typeof r === 'string');
    const again = (errors: Record<string, string>) =>
      reply.render((ctx) => UserPage({ ctx, user, errors, selectedRoles: typed, isSelf: user.id === actor.id }), 400);
    if (!form.ok) return again(form.errors);
    const result = await accounts.changeRoles(actor, user.id, form.data.roles, requestMeta(request));
    if (!result.ok) return again(result.errors);
    return reply.notice(`Roles of ${user.name} saved.`).redirect(`/admin/users/${user.id}`, 303);
  });

  for (const [path, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/admin/users/:id/${path}`, { config: { access: ['admin'] } }, async (request, reply) => {
      const actor = request.actor;
      if (!actor) throw new Error('access rule let an anonymous request through');
      const { id } = idParam.parse(request.params);
      const result = await accounts.setDisabled(actor, id, disabled, requestMeta(request));
      if (!result.ok) {
        const user = await accounts.findUser(actor, id);
        return reply.render((ctx) => UserPage({ ctx, user, errors: { form: result.message }, selectedRoles: user.roles, isSelf: true }), 400);
      }
      return reply.notice(disabled ? 'Account disabled; its sessions have ended.' : 'Account enabled.').redirect(`/admin/users/${id}`, 303);
    });
  }
}
