/**
 * The staff web app: sign-in, the matron's dashboard, paper-card entry, commissioner returns,
 * admin, and the public results pages. Each area is a sub-app mounted here; see README.md.
 */
import { Hono } from 'hono';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Store } from '../../db/store.ts';
import type { ResponseWriter } from '../../db/group-commit.ts';
import type { Settings } from '../settings.ts';
import type { Clock } from '../clock.ts';
import type { ScryptCost } from '../auth/passwords.ts';
import { errorJson } from '../middleware/errors.ts';
import { staticFolder } from '../middleware/static.ts';
import { currentUser } from './session.ts';
import { homeFor } from './context.ts';
import { signInRoutes } from './signin.tsx';
import { adminRoutes } from './admin.tsx';
import { entryRoutes } from './entry.tsx';
import { dashboardRoutes } from './dashboard.tsx';
import { resultsRoutes } from './results.tsx';
import { returnsRoutes } from './returns.tsx';
import { REPO_ROOT } from '../../repo.ts';

export interface WebAppDeps {
  store: Store;
  clock: Clock;
  secret: string;
  publicUrl: string;
  trustProxy?: boolean;
  /** The one write path for responses (keyed-in paper cards go through it like every channel). */
  writer: ResponseWriter;
  /** The service settings the API reads, so a change made on a page is seen there at once. */
  settings: Settings;
  /** The longest a staff session lasts from sign-in (FFT_SESSION_MAX_HOURS). */
  sessionMaxMs: number;
  /** scrypt's cost for new password hashes: PASSWORD_COST, or a cheap one in tests. */
  passwordCost: ScryptCost;
}

const webFiles = staticFolder(join(REPO_ROOT, 'server/web/static'), { cacheControl: () => 'no-cache' });
// chart.js's main entry is in its dist/, beside the UMD build served here.
const chartFiles = staticFolder(dirname(createRequire(import.meta.url).resolve('chart.js')), { cacheControl: () => 'public, max-age=86400' });

export function webRoutes(deps: WebAppDeps) {
  const app = new Hono();
  app.get('/web/static/*', async (c) => (await webFiles(c, c.req.path.slice('/web/static/'.length))) ?? errorJson(c, 404, 'not_found', 'No such file'));
  app.get('/assets/chart.js/chart.umd.min.js', async (c) => (await chartFiles(c, 'chart.umd.min.js')) ?? errorJson(c, 404, 'not_found', 'No such file'));
  app.get('/', async (c) => {
    const signedIn = await currentUser(c, deps);
    return c.redirect(signedIn ? homeFor(signedIn.user.role) : '/results', 303);
  });
  app.route('/', signInRoutes(deps));
  app.route('/', adminRoutes(deps));
  app.route('/', entryRoutes(deps));
  app.route('/', dashboardRoutes(deps));
  app.route('/', resultsRoutes(deps));
  app.route('/', returnsRoutes(deps));
  return app;
}
