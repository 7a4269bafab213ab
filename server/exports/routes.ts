/**
 * `GET /api/v1/exports/monthly`, `/exports/validation` and `/exports/trends`: the commissioner's
 * returns over the API. Thin: check the role, parse the query, hand to `monthly.ts` / `trends.ts`.
 * Only an admin or a commissioner may export; a commissioner gets only the trusts she commissions.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { SETTINGS } from '../../analytics/fft.ts';
import { RETURN_SETTINGS, RETURN_VARIANTS } from '../../analytics/returns.ts';
import type { Store } from '../../db/store.ts';
import { parseQuery } from '../api/query.ts';
import { audit } from '../audit.ts';
import type { AuthEnv } from '../auth/bearer.ts';
import type { Clock } from '../clock.ts';
import { ApiError } from '../middleware/errors.ts';
import { month } from '../org/eligible.ts';
import type { Settings } from '../settings.ts';
import { assertMonthStarted, CONTENT_TYPES, EXPORT_FORMATS, exportMonthlyReturn, mayExport, validateMonthlyReturn } from './monthly.ts';
import { monthlyTrends, trendsCsv, type TrendSetting } from './trends.ts';

/** Longest trend a request may ask for: twenty years of months. */
export const MAX_TREND_MONTHS = 240;

const monthlyQuery = z.object({
  month,
  setting: z.enum(RETURN_SETTINGS),
  format: z.enum(EXPORT_FORMATS).default('json'),
  variant: z.enum(RETURN_VARIANTS).default('full'),
  sheet: z.string().trim().min(1).max(64).optional(),
});

const validationQuery = z.object({ month, setting: z.enum(RETURN_SETTINGS) });

const trendsQuery = z.object({
  from: month,
  to: month,
  format: z.enum(['json', 'csv']).default('json'),
  setting: z.enum([...SETTINGS, ...RETURN_SETTINGS.filter((r) => !(SETTINGS as readonly string[]).includes(r))] as [TrendSetting, ...TrendSetting[]]).optional(),
});

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

function download(c: Context, body: string | Uint8Array<ArrayBuffer>, contentType: string, filename: string) {
  return c.body(body, 200, {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${filename}"`,
    // Unsuppressed figures: never left in a shared cache.
    'Cache-Control': 'no-store',
  });
}

export function exportRoutes({ store, clock, settings }: { store: Store; clock: Clock; settings: Settings }) {
  const app = new Hono<AuthEnv>();
  const excludeFlagged = async () => (await settings.get()).excludeFlagged;
  const principalOf = (c: Context<AuthEnv>) => {
    const principal = c.get('principal');
    if (!mayExport(principal)) throw new ApiError(403, 'forbidden', 'Only an admin or a commissioner may export returns');
    return principal;
  };

  app.get('/exports/monthly', async (c) => {
    const principal = principalOf(c);
    const q = parseQuery(c, monthlyQuery);
    assertMonthStarted(q.month, clock());
    if (q.sheet !== undefined && q.format !== 'csv') throw new ApiError(400, 'invalid_query', 'sheet is for CSV only: XLSX and JSON hold every sheet', [{ path: 'sheet', message: 'only with format=csv' }]);
    const file = await exportMonthlyReturn(store, clock, {
      month: q.month, setting: q.setting, variant: q.variant, format: q.format, sheet: q.sheet,
      scope: principal, actor: principal, excludeFlagged: await excludeFlagged(),
    });
    return download(c, file.body, file.contentType, file.filename);
  });

  app.get('/exports/validation', async (c) => {
    const principal = principalOf(c);
    const q = parseQuery(c, validationQuery);
    assertMonthStarted(q.month, clock());
    return c.json(await validateMonthlyReturn(store, { month: q.month, setting: q.setting, scope: principal, excludeFlagged: await excludeFlagged() }));
  });

  app.get('/exports/trends', async (c) => {
    const principal = principalOf(c);
    const q = parseQuery(c, trendsQuery);
    // As the page: a month still to come has no answers yet, and would look like a month that had none.
    assertMonthStarted(q.to, clock(), 'to');
    if (monthsBetween(q.from, q.to) > MAX_TREND_MONTHS) {
      throw new ApiError(400, 'invalid_query', `At most ${MAX_TREND_MONTHS} months per request`, [{ path: 'from', message: 'range too long' }]);
    }
    const trends = await monthlyTrends(store, principal, { from: q.from, to: q.to, setting: q.setting, excludeFlagged: await excludeFlagged() });
    await audit(store, clock, principal, 'export.trends', `${q.from}/${q.to}`, { format: q.format, setting: q.setting ?? null, trusts: trends.trusts.map((t) => t.code) });
    const filename = `fft-trends-${q.from}-to-${q.to}${q.setting ? `-${q.setting}` : ''}.${q.format}`;
    return download(c, q.format === 'csv' ? trendsCsv(trends) : JSON.stringify(trends), CONTENT_TYPES[q.format], filename);
  });

  return app;
}
