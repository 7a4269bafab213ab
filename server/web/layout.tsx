/** @jsxImportSource hono/jsx */
/**
 * The shell of every staff page: NHS.UK styles (served locally), the service header with the
 * pages this role may use, who is signed in and a sign-out button. Scripts are files from this
 * origin only (the CSP allows no inline script); `csrf` is put in a meta tag for them.
 */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Role } from '../../analytics/fft.ts';
import type { UserRecord } from '../../db/store.ts';
import { CSRF_FIELD } from '../pages/csrf.ts';

export interface NavItem {
  href: string;
  label: string;
  roles: readonly Role[];
}

export const NAV: NavItem[] = [
  { href: '/dashboard', label: 'Dashboard', roles: ['matron', 'admin', 'commissioner'] },
  { href: '/entry', label: 'Paper cards', roles: ['matron', 'admin'] },
  { href: '/returns', label: 'Returns', roles: ['commissioner', 'admin'] },
  { href: '/admin', label: 'Admin', roles: ['admin'] },
  { href: '/results', label: 'Public results', roles: ['matron', 'admin', 'commissioner'] },
];

export function StaffPage(props: {
  title: string;
  user?: UserRecord;
  csrf?: string;
  /** The nav entry to mark as the current page. */
  active?: string;
  scripts?: string[];
  /** Extra stylesheets (this origin), e.g. `/web/static/dashboard.css`. */
  styles?: string[];
  children: Child;
}) {
  const nav = props.user ? NAV.filter((n) => n.roles.includes(props.user!.role)) : [];
  // The doctype keeps browsers out of quirks mode.
  return (
    <>
    {raw('<!DOCTYPE html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – FFT`}</title>
        {props.csrf ? <meta name="csrf-token" content={props.csrf} /> : null}
        {/* Named, so a browser does not ask for /favicon.ico (a 404 in the console of every page). */}
        <link rel="icon" href="/assets/nhsuk/assets/images/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/nhsuk/nhsuk-frontend.min.css" />
        <link rel="stylesheet" href="/static/pages.css" />
        <link rel="stylesheet" href="/web/static/staff.css" />
        {(props.styles ?? []).map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {/* A page that came back with errors (its title says so, the NHS.UK way) moves focus to its error summary. */}
        {props.title.startsWith('Error: ') ? <script src="/web/static/staff.js" defer></script> : null}
        {(props.scripts ?? []).map((src) => (
          <script src={src} defer></script>
        ))}
      </head>
      <body class="fft-staff">
        <a class="nhsuk-skip-link" href="#main-content">Skip to main content</a>
        <header class="nhsuk-header fft-staff-header" role="banner">
          <div class="nhsuk-header__container nhsuk-width-container fft-staff-header__bar">
            <a class="fft-service-name" href={props.user ? '/dashboard' : '/results'}>Friends and Family Test</a>
            {props.user ? (
              <form method="post" action="/signout" class="fft-signout">
                <input type="hidden" name={CSRF_FIELD} value={props.csrf ?? ''} />
                <span class="fft-signed-in">
                  <bdi>{props.user.email}</bdi>
                </span>
                <button class="fft-link-button" type="submit">Sign out</button>
              </form>
            ) : null}
          </div>
          {nav.length ? (
            <nav class="fft-staff-nav" aria-label="Staff pages">
              <ul class="nhsuk-width-container">
                {nav.map((n) => (
                  <li>
                    <a href={n.href} aria-current={props.active === n.href ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <div class="nhsuk-width-container">
          <main class="nhsuk-main-wrapper" id="main-content">
            {props.children}
          </main>
        </div>
      </body>
    </html>
    </>
  );
}

export function NotFoundPage(props: { user?: UserRecord }) {
  return (
    <StaffPage title="Page not found" user={props.user}>
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct. If you followed a link, the page may have moved, or it may not be one your role can see.</p>
      <p>
        <a href="/dashboard">Go to your dashboard</a>
      </p>
    </StaffPage>
  );
}
