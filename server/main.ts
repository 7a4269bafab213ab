/** The entry point: open the store, migrate, serve, and shut down without losing a write. */
import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openStore } from '../db/index.ts';
import type { DiskCheck } from './api/health.ts';
import { createApp } from './app.ts';
import { systemClock } from './clock.ts';
import { withFastIngest } from './collect/fast.ts';
import { analysisThread } from './comments/analysis-thread.ts';
import type { Config } from './config.ts';
import { createLogger } from './logger.ts';
import { createSettings } from './settings.ts';
import { smsServiceFromSettings } from './sms/service.ts';
import { checkSpoolWritable } from './sms/spool.ts';

export async function startServer(config: Config, options: { port?: number; host?: string } = {}) {
  // Texts come in only through a webhook whose secret is set (the others are refused, whatever
  // is posted): then the spool must be writable before the first outage needs it.
  if (config.sms.notifyInboundToken || config.sms.twilioAuthToken) await checkSpoolWritable(config.spoolDir);
  const logger = createLogger();
  const store = openStore(config.db, { sqliteSynchronous: config.sqliteSynchronous, sqliteWriterThread: config.sqliteWriterThread });
  await store.migrate();
  // Ready to write before taking a request (SQLite's writer thread has its connection open).
  await store.ping();
  // The comment models load on their thread before the first comment needs them.
  const thread = config.analysisThread ? analysisThread() : undefined;
  await thread?.ready();
  // Readiness fails when the disk the SQLite database or the spool is written to is nearly full.
  const disk: DiskCheck = {
    paths: store.dialect === 'sqlite' ? { database: config.db, spool: config.spoolDir } : { spool: config.spoolDir },
    minFreeBytes: config.minFreeDiskBytes,
  };
  const { app, writer, alerts, comments, ingest, smsInbox, sessions } = createApp({
    store,
    logger,
    publicUrl: config.publicUrl,
    secret: config.secret,
    trustProxy: config.trustProxy,
    sessionMaxHours: config.sessionMaxHours,
    sms: { settings: config.sms, spoolDir: config.spoolDir },
    analysisThread: thread,
    disk,
  });
  // Comments a crash left without analysis (and so perhaps an unraised serious concern) are analysed now and every few minutes.
  comments.startSweeping();
  // Staff sessions that have ended, and device cookies' sign-in counts that hold nothing back, are
  // deleted now and every hour, presented again or not.
  sessions.start();
  // Sends due invitations inside the send window and erases numbers past their retention. The
  // window and a pause set at /admin/settings are read live (FFT_SMS_WINDOW while none is set there).
  const sms = smsServiceFromSettings({ store, logger, secret: config.secret, settings: config.sms, admin: createSettings(store, systemClock) });
  sms.start();
  // Texts spooled while the database was unavailable (by this run or one before it) are applied once it is back.
  smsInbox.start();
  const port = options.port ?? config.port;
  // Ingestion takes a lean path straight from node:http; everything else goes through Hono.
  const listener = withFastIngest({ store, ingest, logger }, getRequestListener(app.fetch));
  let draining = false;
  const server = createServer((req, res) => {
    // Shutting down: what arrives on a connection already open is still answered, with
    // `Connection: close`, so no client sends another request on a connection about to go.
    if (draining) res.shouldKeepAlive = false;
    listener(req, res);
  });
  /** Stops what runs beside the HTTP server, and closes the database. */
  const release = async () => {
    await smsInbox.stop();
    await sms.stop();
    await sessions.stop();
    alerts.stop();
    await writer.drain();
    comments.stop();
    await comments.flush();
    await thread?.close();
    await store.close();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host ?? '0.0.0.0', () => resolve());
    });
  } catch (e) {
    // The port is taken (or not ours to use): stop the timers, the analysis thread and the
    // database, or they would keep the process running after the error, serving nothing.
    await release();
    throw e;
  }
  const address = server.address() as AddressInfo;
  logger.info({ port: address.port, database: store.dialect }, 'FFT service listening');

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A connection whose answer was on its way at close() goes idle after it: close it then,
      // rather than waiting out the keep-alive timeout (or for ever, under steady load).
      const idle = setInterval(() => server.closeIdleConnections(), 100);
      await closed;
      clearInterval(idle);
      await release();
    })());
  return { port: address.port, stop, store };
}
