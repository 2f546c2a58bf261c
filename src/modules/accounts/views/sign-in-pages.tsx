import { Layout } from '../../../platform/views/Layout.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import { Button, ErrorSummary, PostForm, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../passwords.ts';

const passwordHint = `At least ${PASSWORD_MIN} characters. A few random words make a strong, memorable password. You can paste from a password manager.`;

export function SignInPage(props: { ctx: PageContext; values: FieldValues; errors: FieldErrors; problem?: 'invalid' | 'throttled' | 'unverified' }) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 || props.problem ? 'Error: Sign in' : 'Sign in'}>
      <div class="narrow">
        <h1>Sign in</h1>
        <ErrorSummary errors={errors} />
        {props.problem === 'invalid' && (
          <NotificationBanner kind="warning" title="We could not sign you in">
            <p>The e-mail address or password is not right. Check them and try again.</p>
          </NotificationBanner>
        )}
        {props.problem === 'throttled' && (
          <NotificationBanner kind="warning" title="Too many attempts">
            <p>
              There have been too many failed attempts to sign in. For your security, wait 15 minutes and try again. If you have forgotten
              your password, <a href="/forgot-password">reset it</a>.
            </p>
          </NotificationBanner>
        )}
        {props.problem === 'unverified' && (
          <NotificationBanner kind="info" title="Confirm your e-mail address first">
            <p>We have sent you a new link. Open it to confirm your e-mail address, then sign in.</p>
          </NotificationBanner>
        )}
        <PostForm action="/sign-in" csrfToken={ctx.csrfToken}>
          {values.next && <input type="hidden" name="next" value={values.next} />}
          <TextField name="email" label="E-mail address" type="email" autocomplete="username" value={values.email} error={errors.email} maxLength={254} />
          <TextField name="password" label="Password" type="password" autocomplete="current-password" error={errors.password} />
          <Button>Sign in</Button>
        </PostForm>
        <p>
          <a href="/forgot-password">Forgotten your password?</a>
        </p>
        <p>
          Students without an account can <a href="/register">register</a>.
        </p>
      </div>
    </Layout>
  );
}

export function RegisterPage(props: { ctx: PageContext; values: FieldValues; errors: FieldErrors; domains: string[] }) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 ? 'Error: Register' : 'Register as a student'}>
      <div class="narrow">
        <h1>Register as a student</h1>
        <ErrorSummary errors={errors} />
        <p>Register with your university e-mail address to browse placements in full and apply.</p>
        <PostForm action="/register" csrfToken={ctx.csrfToken}>
          <TextField name="name" label="Full name" autocomplete="name" value={values.name} error={errors.name} maxLength={100} />
          <TextField
            name="email"
            label="University e-mail address"
            hint={`It ends ${props.domains.map((d) => `@${d}`).join(' or ')}.`}
            type="email"
            autocomplete="email"
            value={values.email}
            error={errors.email}
            maxLength={254}
          />
          <TextField name="password" label="Create a password" hint={passwordHint} type="password" autocomplete="new-password" error={errors.password} maxLength={PASSWORD_MAX} />
          <Button>Register</Button>
        </PostForm>
      </div>
    </Layout>
  );
}

export function MessagePage(props: { ctx: PageContext; title: string; paragraphs: string[]; link?: { href: string; label: string } }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <div class="narrow">
        <h1>{props.title}</h1>
        {props.paragraphs.map((p) => (
          <p>{p}</p>
        ))}
        {props.link && (
          <p>
            <a href={props.link.href}>{props.link.label}</a>
          </p>
        )}
      </div>
    </Layout>
  );
}

export function ForgotPasswordPage(props: { ctx: PageContext; values: FieldValues; errors: FieldErrors }) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 ? 'Error: Reset your password' : 'Reset your password'}>
      <div class="narrow">
        <h1>Reset your password</h1>
        <ErrorSummary errors={errors} />
        <p>Enter the e-mail address of your account. We will send you a link to choose a new password.</p>
        <PostForm action="/forgot-password" csrfToken={ctx.csrfToken}>
          <TextField name="email" label="E-mail address" type="email" autocomplete="username" value={values.email} error={errors.email} maxLength={254} />
          <Button>Send the link</Button>
        </PostForm>
      </div>
    </Layout>
  );
}

export function NewPasswordPage(props: {
  ctx: PageContext;
  action: string;
  token: string;
  title: string;
  intro: string;
  email: string;
  values: FieldValues;
  errors: FieldErrors;
  askName?: boolean;
}) {
  const { ctx, errors, values } = props;
  return (
    <Layout ctx={ctx} title={Object.keys(errors).length > 0 ? `Error: ${props.title}` : props.title}>
      <div class="narrow">
        <h1>{props.title}</h1>
        <ErrorSummary errors={errors} />
        <p>{props.intro}</p>
        <PostForm action={props.action} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="token" value={props.token} />
          {/* lets password managers store the new password against the right account */}
          <input type="hidden" name="username" autocomplete="username" value={props.email} />
          {props.askName && <TextField name="name" label="Full name" autocomplete="name" value={values.name} error={errors.name} maxLength={100} />}
          <TextField name="password" label="New password" hint={passwordHint} type="password" autocomplete="new-password" error={errors.password} maxLength={PASSWORD_MAX} />
          <Button>Save password</Button>
        </PostForm>
      </div>
    </Layout>
  );
}

export function ConfirmEmailPage(props: { ctx: PageContext; token: string }) {
  return (
    <Layout ctx={props.ctx} title="Confirm your e-mail address">
      <div class="narrow">
        <h1>Confirm your e-mail address</h1>
        <p>Select the button to confirm this is your e-mail address and finish setting up your account.</p>
        <PostForm action="/verify-email" csrfToken={props.ctx.csrfToken}>
          <input type="hidden" name="token" value={props.token} />
          <Button>Confirm my e-mail address</Button>
        </PostForm>
      </div>
    </Layout>
  );
}
