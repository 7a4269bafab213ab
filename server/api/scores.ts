/**
 * The read API: scores by period, today's figures, SPC charts and breakdowns. Thin: parse the
 * query, resolve what the caller may see, hand to `reads/`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { addDays, today } from '../../analytics/periods.ts';
import type { Store } from '../../db/store.ts';
import type { Clock } from '../clock.ts';
import type { AuthEnv } from '../auth/bearer.ts';
import { ApiError } from '../middleware/errors.ts';
import { resolveNode } from '../reads/node.ts';
import { breakdownScores, defaultQuestion, scoreSeries, spcSeries, SPC_MEASURES, todayScores } from '../reads/scores.ts';
import { BREAKDOWN_COLUMNS, type BreakdownBy } from '../../db/queries.ts';
import type { Settings } from '../settings.ts';
import { checkLength, day, nodeQuery, parseQuery, periodKind, rangeQuery } from './query.ts';

interface Deps {
  store: Store;
  clock: Clock;
  settings: Settings;
}

export function scoreRoutes({ store, clock, settings }: Deps) {
  const excludeFlagged = async () => (await settings.get()).excludeFlagged;

  const app = new Hono<AuthEnv>();

  app.get('/scores', async (c) => {
    const q = parseQuery(c, nodeQuery.extend(rangeQuery.shape).extend({ period: periodKind }));
    checkLength(q.period, q.from, q.to);
    const node = await resolveNode(store, c.get('principal'), q.level, q.code, q.setting ?? null);
    const question = q.question ?? defaultQuestion(node);
    const series = await scoreSeries(store, node, { period: q.period, from: q.from, to: q.to, question, excludeFlagged: await excludeFlagged() });
    return c.json({ question, level: node.level, code: node.code, name: node.name, setting: node.setting, period: q.period, series });
  });

  app.get('/scores/today', async (c) => {
    const q = parseQuery(c, nodeQuery);
    const node = await resolveNode(store, c.get('principal'), q.level, q.code, q.setting ?? null);
    return c.json({ level: node.level, code: node.code, name: node.name, ...(await todayScores(store, node, clock(), { excludeFlagged: await excludeFlagged() })) });
  });

  app.get('/spc', async (c) => {
    const q = parseQuery(
      c,
      nodeQuery.extend({
        measure: z.enum(SPC_MEASURES).default('positive'),
        period: z.enum(['day', 'week', 'month']).default('day'),
        from: day.optional(),
        to: day.optional(),
        question: rangeQuery.shape.question,
      }),
    );
    const now = today(clock());
    const to = q.to ?? now;
    // Enough points for limits by default: 90 days, a year of weeks, two years of months.
    const from = q.from ?? addDays(to, q.period === 'day' ? -89 : q.period === 'week' ? -364 : -730);
    if (from > to) throw new ApiError(400, 'invalid_query', 'from must not be after to', [{ path: 'from', message: 'after to' }]);
    checkLength(q.period, from, to);
    const node = await resolveNode(store, c.get('principal'), q.level, q.code, q.setting ?? null);
    const chart = await spcSeries(store, node, { period: q.period, from, to, measure: q.measure, question: q.question, excludeFlagged: await excludeFlagged(), today: now });
    return c.json({ level: node.level, code: node.code, name: node.name, period: q.period, from, to, ...chart });
  });

  app.get('/breakdown', async (c) => {
    const by = Object.keys(BREAKDOWN_COLUMNS) as [BreakdownBy, ...BreakdownBy[]];
    const q = parseQuery(c, nodeQuery.extend(rangeQuery.shape).extend({ by: z.enum(by) }));
    const node = await resolveNode(store, c.get('principal'), q.level, q.code, q.setting ?? null);
    const question = q.question ?? defaultQuestion(node);
    const result = await breakdownScores(store, node, { from: q.from, to: q.to, by: q.by, question, excludeFlagged: await excludeFlagged() });
    return c.json({ level: node.level, code: node.code, name: node.name, by: q.by, question, from: q.from, to: q.to, ...result });
  });

  return app;
}
