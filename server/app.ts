/**
 * Builds the whole HTTP app from its parts: each channel's routes are a Hono sub-app mounted
 * here and nowhere else.
 */
import { Hono } from 'hono';
import { createResponseWriter, type ResponseWriter } from '../db/group-commit.ts';
import type { Store } from '../db/store.ts';
import { healthRoutes } from './api/health.ts';
import { systemClock, type Clock } from './clock.ts';
import { collectRoutes } from './collect/index.ts';
import { createLogger, type Logger } from './logger.ts';
import { errorHandler, notFoundHandler } from './middleware/errors.ts';

export interface AppDeps {
  store: Store;
  clock?: Clock;
  logger?: Logger;
}

export interface FftApp {
  app: Hono;
  writer: ResponseWriter;
}

export function createApp(deps: AppDeps): FftApp {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger();
  const writer = createResponseWriter(deps.store);
  const app = new Hono();
  app.onError(errorHandler(logger));
  app.notFound(notFoundHandler);
  app.route('/', healthRoutes({ store: deps.store }));
  app.route('/api/v1', collectRoutes({ store: deps.store, writer, clock }));
  return { app, writer };
}
