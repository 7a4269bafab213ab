/** The entry point: open the store, migrate, serve, and shut down without losing a write. */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openStore } from '../db/index.ts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { createLogger } from './logger.ts';

export async function startServer(config: Config, options: { port?: number; host?: string } = {}) {
  const logger = createLogger();
  const store = openStore(config.db, { sqliteSynchronous: config.sqliteSynchronous });
  await store.migrate();
  const { app, writer, alerts, comments } = createApp({ store, logger, publicUrl: config.publicUrl, secret: config.secret, trustProxy: config.trustProxy });
  const port = options.port ?? config.port;
  const server = serve({ fetch: app.fetch, port, hostname: options.host ?? '0.0.0.0' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address() as AddressInfo;
  logger.info({ port: address.port, database: store.dialect }, 'FFT service listening');

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      alerts.stop();
      await writer.drain();
      await comments.flush();
      await store.close();
    })());
  return { port: address.port, stop, store };
}
