import type { ComponentChildren } from 'preact';
import type { PageContext } from './page-context.ts';
import { CsrfField } from './forms.tsx';
import { NotificationBanner } from './NotificationBanner.tsx';

// scripts: a page's own progressive enhancements (files under /assets; CSP forbids inline scripts)
export function Layout(props: { ctx: PageContext; title: string; children: ComponentChildren; scripts?: readonly string[] }) {
  const { ctx } = props;
  const fullTitle = `${props.title} — ${ctx.site.programmeName}`;
  return (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <link rel="stylesheet" href="/assets/outbound.css" />
        <script src="/assets/outbound.js" defer></script>
        {props.scripts?.map((src) => (
          <script src={src} defer></script>
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a class="site-header__name" href="/">
              {ctx.site.programmeName}
              <span class="site-header__university">{ctx.site.universityName}</span>
            </a>
            {ctx.actor ? (
              <div class="site-header__account">
                <span>
                  Signed in as <a href="/account">{ctx.actor.name}</a>
                </span>
                <form method="post" action="/sign-out" class="inline-form">
                  <CsrfField token={ctx.csrfToken} />
                  <button type="submit" class="button button--link">
                    Sign out
                  </button>
                </form>
              </div>
            ) : (
              <div class="site-header__account">
                <a href="/sign-in">Sign in</a>
                <a href="/register">Register</a>
              </div>
            )}
          </div>
          {ctx.nav.length > 0 && (
            <nav class="site-nav" aria-label="Main">
              <ul class="container site-nav__list">
                {ctx.nav.map((link) => (
                  <li>
                    <a href={link.href} aria-current={isCurrent(ctx.path, link.href) ? 'page' : undefined}>
                      {link.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        <main id="main" class="container" tabIndex={-1}>
          {ctx.notice && <NotificationBanner kind="success">{ctx.notice}</NotificationBanner>}
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <ul class="site-footer__links">
              <li>
                <a href="/contact">Contact</a>
              </li>
              <li>
                <a href="/accessibility">Accessibility statement</a>
              </li>
              <li>
                <a href="/privacy">Privacy notice</a>
              </li>
            </ul>
            <p>
              {ctx.site.programmeName} is run by {ctx.site.universityName}. Enquiries:{' '}
              <a href={`mailto:${ctx.site.programmeEmail}`}>{ctx.site.programmeEmail}</a>
            </p>
            <p class="credits">
              Place names and coordinates from <a href="https://www.geonames.org/">GeoNames</a>, licensed under{' '}
              <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>. Country shapes from <a href="https://www.naturalearthdata.com/">Natural Earth</a> (public domain).
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

function isCurrent(path: string, href: string): boolean {
  const bare = path.split('?')[0] ?? path;
  return href === '/' ? bare === '/' : bare === href || bare.startsWith(`${href}/`);
}
