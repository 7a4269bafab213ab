/**
 * Builds the whole HTTP app from its parts: each channel's routes are a Hono sub-app mounted
 * here and nowhere else.
 */
import { Hono } from 'hono';
import { createResponseWriter, type ResponseWriter } from '../db/group-commit.ts';
import type { Store } from '../db/store.ts';
import { healthRoutes, type DiskCheck } from './api/health.ts';
import { systemClock, type Clock } from './clock.ts';
import { collectRoutes, createIngest, type Ingest } from './collect/index.ts';
import { createLogger, type Logger } from './logger.ts';
import { errorHandler, notFoundHandler } from './middleware/errors.ts';
import { requireBearer } from './auth/bearer.ts';
import { alertRoutes } from './api/alerts.ts';
import { eligibleRoutes } from './api/eligible.ts';
import { scoreRoutes } from './api/scores.ts';
import { exportRoutes } from './exports/routes.ts';
import { unitRoutes } from './api/units.ts';
import { kioskAdminRoutes } from './api/kiosks.ts';
import { youSaidRoutes } from './api/you-said.ts';
import { kioskRoutes } from './kiosk/index.ts';
import { formRoutes } from './pages/form.tsx';
import { smsRoutes, type SmsOptions } from './sms/routes.ts';
import type { SmsInbox } from './sms/inbox.ts';
import { webRoutes } from './web/index.ts';
import { createSettings } from './settings.ts';
import { createCommentAnalyser, type CommentAnalyser } from './comments/analyser.ts';
import type { AnalysisThread } from './comments/analysis-thread.ts';
import { createBurstGuard } from './collect/burst.ts';
import { settingsRoutes } from './api/settings.ts';
import { commentRoutes } from './api/comments.ts';
import { securityHeaders } from './middleware/security.ts';
import { sameSiteForms } from './middleware/origin.ts';
import { createAlertMonitor, type AlertMonitor } from './alerts/monitor.ts';
import { secureCookies } from './middleware/secure-cookies.ts';
import { sessionSweeper, type SessionSweeper } from './web/session.ts';
import { LOCK_MS } from './web/signin.tsx';
import { PASSWORD_COST, type ScryptCost } from './auth/passwords.ts';
import { DEFAULT_SESSION_MAX_HOURS } from './config.ts';

export interface AppDeps {
  store: Store;
  clock?: Clock;
  logger?: Logger;
  /** Share negative on a day above which a unit with no threshold of its own raises an alert. */
  defaultNegativeThreshold?: number;
  /** How long after a commit alerts are looked at (ms). */
  alertDelayMs?: number;
  /** Where patients and staff reach the service (links in pairing codes, posters). */
  publicUrl?: string;
  /** Signs CSRF tokens (and, later, sessions). */
  secret?: string;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (rate limits). */
  trustProxy?: boolean;
  /** The SMS channel's provider and webhook secrets (default: texts only logged, webhooks refused). */
  sms?: SmsOptions;
  /** Runs comment analysis off the main thread (`server/comments/analysis-thread.ts`); in-process when absent. */
  analysisThread?: AnalysisThread;
  /** Where the service writes to disk: `/readyz` fails while any has too little free space. */
  disk?: DiskCheck;
  /** The longest a staff session lasts from sign-in, however active (FFT_SESSION_MAX_HOURS; default 12). */
  sessionMaxHours?: number;
  /** Tests only: a cheaper scrypt cost for password hashes. Nothing in configuration sets it; the service uses PASSWORD_COST. */
  passwordCost?: ScryptCost;
}

export interface FftApp {
  app: Hono;
  writer: ResponseWriter;
  alerts: AlertMonitor;
  comments: CommentAnalyser;
  /** Ingestion without HTTP objects, for the lean node:http path (`collect/fast.ts`). */
  ingest: Ingest;
  /** Inbound texts, and the replay of those spooled in a database outage (started by the server). */
  smsInbox: SmsInbox;
  /** Deletes ended staff sessions and device lockouts; the server starts and stops it. */
  sessions: SessionSweeper;
}

export function createApp(deps: AppDeps): FftApp {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger();
  const store = deps.store;
  const settings = createSettings(store, clock);
  const alerts = createAlertMonitor({ store, clock, logger, defaultThreshold: deps.defaultNegativeThreshold ?? 0.2, delayMs: deps.alertDelayMs, settings });
  const comments = createCommentAnalyser({ store, clock, logger, analyseBatch: deps.analysisThread?.analyse });
  const writer = createResponseWriter(store, {
    onCommit: (rows) => {
      alerts.notify(new Set(rows.map((r) => r.unitCode)));
      comments.notify(rows);
    },
  });
  const ingest = createIngest({ store, writer, clock, settings, burst: createBurstGuard() });
  const app = new Hono();
  app.onError(errorHandler(logger));
  app.notFound(notFoundHandler);
  const publicUrl = deps.publicUrl ?? 'http://localhost:3000';
  const secret = deps.secret ?? 'development-secret-change-me';
  const sessionMaxMs = (deps.sessionMaxHours ?? DEFAULT_SESSION_MAX_HOURS) * 60 * 60 * 1000;
  const passwordCost = deps.passwordCost ?? PASSWORD_COST;
  const sessions = sessionSweeper({ store, clock, logger, sessionMaxMs, lockMs: LOCK_MS });
  app.route('/', healthRoutes({ store, disk: deps.disk }));
  app.use('*', securityHeaders());
  app.use('*', secureCookies(publicUrl));
  const trustProxy = deps.trustProxy ?? false;
  // Once, for every route a browser can post a form to (staff pages, the public form): a form sent
  // from another website is refused before it is read. JSON and providers' webhooks are untouched.
  app.use('*', sameSiteForms({ publicUrl, trustProxy }));
  app.route('/', kioskRoutes({ store, clock, trustProxy }));
  app.route('/', formRoutes({ store, writer, clock, secret, publicUrl, trustProxy }));
  const sms = smsRoutes({ store, writer, comments, clock, logger, publicUrl, secret, sessionMaxMs, sms: deps.sms, settings });
  app.route('/', sms.app);
  app.route('/', webRoutes({ store, clock, secret, publicUrl, trustProxy, writer, settings, sessionMaxMs, passwordCost }));

  // Everything under /api/v1 needs a bearer token; each route then checks role and scope.
  const api = new Hono();
  api.use('*', requireBearer(store, { clock, secret, sessionMaxMs }));
  api.route('/', collectRoutes(ingest));
  api.route('/', settingsRoutes({ store, clock, settings }));
  api.route('/', commentRoutes({ store, clock, settings }));
  api.route('/', scoreRoutes({ store, clock, settings }));
  api.route('/', exportRoutes({ store, clock, settings }));
  api.route('/', eligibleRoutes({ store, clock }));
  api.route('/', alertRoutes({ store, clock }));
  api.route('/', unitRoutes({ store, clock }));
  api.route('/', kioskAdminRoutes({ store, clock, publicUrl, trustProxy }));
  api.route('/', youSaidRoutes({ store, clock }));
  app.route('/api/v1', api);
  return { app, writer, alerts, comments, ingest, smsInbox: sms.inbox, sessions };
}
