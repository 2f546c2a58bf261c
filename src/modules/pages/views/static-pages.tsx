import { Layout } from '../../../platform/views/Layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';

const roleWelcome: Record<string, string> = {
  student: 'As a student you will browse internship posts at partner offices around the world, apply, and prepare for your placement here.',
  staff: 'As a member of the programme team you run agreements, rounds, posts, funding, preparation and placements here.',
  partner_admin: "As a partner coordinator you manage your organisation's offices, posts and reviewers here.",
  partner_reviewer: "As a partner reviewer you assess candidates for your organisation's posts here.",
  funder: 'As a funder contact you read the stewardship report of your fund here.',
  edi_officer: 'As an equality, diversity and inclusion officer you read aggregate equality analytics here.',
  admin: 'As a system administrator you manage users, roles, the audit log and the outbox here.',
};

export function HomePage(props: { ctx: PageContext }) {
  const { ctx } = props;
  if (!ctx.actor) {
    return (
      <Layout ctx={ctx} title="Home">
        <h1>International internships with our partner organisations</h1>
        <p class="lead">
          {ctx.site.programmeName} is how {ctx.site.universityName} runs its international internship partnerships: long-term internships of 4 to 9 months at
          partner offices across Asia, Africa and Europe, open to students from every background, with funding so that everyone selected can afford to go.
        </p>
        <p>
          <a class="button button--primary" href="/posts">
            Browse the internships
          </a>{' '}
          <a class="button button--secondary" href="/register">
            Register as a student
          </a>{' '}
          <a class="button button--secondary" href="/sign-in">
            Sign in
          </a>
        </p>
      </Layout>
    );
  }
  return (
    <Layout ctx={ctx} title="Home">
      <h1>Welcome, {ctx.actor.name}</h1>
      {ctx.actor.roles.map((role) => roleWelcome[role] && <p>{roleWelcome[role]}</p>)}
      <ul class="card-list">
        {ctx.nav
          .filter((link) => link.href !== '/')
          .map((link) => (
            <li class="card">
              <a href={link.href}>{link.label}</a>
            </li>
          ))}
      </ul>
    </Layout>
  );
}

export function ContactPage(props: { ctx: PageContext }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Contact">
      <h1>Contact the programme team</h1>
      <p>
        For questions about the internships, applications, funding or your account, e-mail the programme lead at{' '}
        <a href={`mailto:${ctx.site.programmeEmail}`}>{ctx.site.programmeEmail}</a>. We answer within two working days.
      </p>
      <p>If you need this service in another format, or something on it does not work for you, tell us at the same address.</p>
    </Layout>
  );
}

export function AccessibilityPage(props: { ctx: PageContext }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Accessibility statement">
      <h1>Accessibility statement</h1>
      <p>
        {ctx.site.universityName} wants as many people as possible to be able to use {ctx.site.programmeName}. It is built to meet the Web Content Accessibility
        Guidelines (WCAG) 2.2 at level AA. That means you should be able to:
      </p>
      <ul>
        <li>use every page without JavaScript, and with a keyboard alone</li>
        <li>zoom in to 400% and use the site on a screen 320 pixels wide without scrolling sideways</li>
        <li>use it with a screen reader and with speech recognition software</li>
        <li>paste passwords from a password manager</li>
      </ul>
      <h2>How we test</h2>
      <p>Every page our automated browser tests visit is checked with the axe accessibility engine against the WCAG 2.2 A and AA rules, and must report no violations.</p>
      <h2>Reporting a problem</h2>
      <p>
        If something does not work for you, e-mail <a href={`mailto:${ctx.site.programmeEmail}`}>{ctx.site.programmeEmail}</a> with the page address and what
        happened. We reply within five working days.
      </p>
    </Layout>
  );
}

export function PrivacyPage(props: { ctx: PageContext }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Privacy notice">
      <h1>Privacy notice</h1>
      <p>
        {ctx.site.universityName} is the controller of the personal data held in {ctx.site.programmeName}, under the UK General Data Protection Regulation.
      </p>
      <h2>What we hold and why</h2>
      <ul>
        <li>Your name, e-mail address and password (stored only as a one-way hash), to give you an account.</li>
        <li>When and from which network address you signed in, to keep your account secure and to show you where you are signed in.</li>
        <li>A record of changes made and of sign-ins (the audit log), to keep the service accountable.</li>
      </ul>
      <h2>Cookies</h2>
      <p>
        We use only strictly necessary cookies: one that keeps you signed in, one that protects forms against forgery, and one that carries a one-time message
        to the next page. None tracks you.
      </p>
      <h2>How long we keep it</h2>
      <p>Sessions end after a period of inactivity and at most 12 hours after sign-in. Records of failed sign-ins are kept for 15 minutes for throttling.</p>
      <h2>Your rights</h2>
      <p>
        You can ask for a copy of your data, its correction or erasure by e-mailing <a href={`mailto:${ctx.site.programmeEmail}`}>{ctx.site.programmeEmail}</a>.
        You can also complain to the Information Commissioner's Office.
      </p>
    </Layout>
  );
}
