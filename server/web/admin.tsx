/** @jsxImportSource hono/jsx */
/**
 * `/admin`: the organisation, ward tablets, users, integration tokens, eligible counts, alert
 * thresholds, settings and the audit log. Admins only (anyone else gets the 404 page); every
 * change is audit-logged. Each area is its own file (`admin-*.tsx`), mounted here.
 */
import { Hono } from 'hono';
import { notFound, requireStaff, type WebEnv } from './context.ts';
import type { WebAppDeps } from './index.ts';
import { ADMIN_SECTIONS, AdminPage, formBody } from './admin-ui.tsx';
import { orgAdminRoutes } from './admin-org.tsx';
import { kioskAdminPages } from './admin-kiosks.tsx';
import { userAdminPages } from './admin-users.tsx';
import { tokenAdminPages } from './admin-tokens.tsx';
import { eligibleAdminPages } from './admin-eligible.tsx';
import { settingsAdminPages, type Env } from './admin-settings.tsx';
import { auditAdminPages } from './admin-audit.tsx';

/** Organisation and eligible-count files are the largest thing posted here. */
const MAX_ADMIN_BODY = 4 * 1024 * 1024;

const ABOUT: Record<string, string> = {
  '/admin/org': 'ICBs, trusts, sites and units: import the organisation file, add a site or change its name, add or edit a unit, deactivate one that has closed.',
  '/admin/kiosks': 'Pair a tablet to a ward, see when each was last seen and what it has not sent yet, revoke a lost one.',
  '/admin/users': 'Staff who sign in: their role and what they may see; unlock, reset a password, deactivate a leaver.',
  '/admin/tokens': 'Tokens for systems that send responses or read figures through the API.',
  '/admin/eligible': 'Patients who could have answered, per unit and month, for response rates.',
  '/admin/thresholds': 'The share of negative answers on a day that alerts a unit’s matron.',
  '/admin/settings': 'Staff names in comments, the tablet gaming guard, and the SMS provider in use.',
  '/admin/audit': 'Who signed in, exported, saw unredacted comments or changed anything.',
};

export function adminRoutes(deps: WebAppDeps, options: { env?: Env } = {}) {
  const app = new Hono<WebEnv>();
  const guard = requireStaff(deps, ['admin']);
  const body = formBody(MAX_ADMIN_BODY);
  // '/admin/*' matches '/admin' itself too: mounted once, so a form is read and checked once
  // (mounted for both, a POST to /admin read its body twice, and the second read was a 500).
  app.use('/admin/*', body, guard);

  app.get('/admin', (c) =>
    c.html(
      <AdminPage c={c} title="Admin">
        <h1>Admin</h1>
        <ul class="nhsuk-list fft-admin-index">
          {ADMIN_SECTIONS.map((s) => (
            <li>
              <h2 class="nhsuk-heading-s">
                <a href={s.href}>{s.label}</a>
              </h2>
              <p>{ABOUT[s.href]}</p>
            </li>
          ))}
        </ul>
      </AdminPage>,
    ),
  );

  app.route('/admin', orgAdminRoutes(deps));
  app.route('/admin', kioskAdminPages(deps));
  app.route('/admin', userAdminPages(deps));
  app.route('/admin', tokenAdminPages(deps));
  app.route('/admin', eligibleAdminPages(deps));
  app.route('/admin', settingsAdminPages(deps, options.env ?? process.env));
  app.route('/admin', auditAdminPages(deps));
  // After every admin route: an address that is none of them gets the staff 404 page.
  app.all('/admin/*', (c) => notFound(c));
  return app;
}
