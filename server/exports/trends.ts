/**
 * Trends across the trusts a commissioner commissions: % positive by month with its Wilson 95%
 * interval, % negative, response volumes and the response rate, read exactly as the scores API
 * reads a trust (`reads/scores.ts`), so the two always agree.
 */
import type { Setting } from '../../analytics/fft.ts';
import type { Interval } from '../../analytics/intervals.ts';
import { periodOf } from '../../analytics/periods.ts';
import type { Cell } from '../../analytics/returns.ts';
import type { Store, Unit } from '../../db/store.ts';
import type { Principal } from '../auth/scope.ts';
import { mayRead, type OrgNode } from '../reads/node.ts';
import { defaultQuestion, scoreSeries } from '../reads/scores.ts';
import { toCsv } from './csv.ts';
import { mayExport } from './monthly.ts';
import { ApiError } from '../middleware/errors.ts';

export interface TrendMonth {
  month: string;
  responses: number;
  positive: number | null;
  positiveCi: Interval | null;
  negative: number | null;
  negativeCi: Interval | null;
  responseRate: number | null;
  /** 1–4 responses: NHS England would publish this month's figures as `*`. */
  suppressed: boolean;
}

export interface TrustTrend {
  code: string;
  name: string;
  icbCode: string;
  question: string;
  months: TrendMonth[];
}

export interface Trends {
  from: string;
  to: string;
  setting: Setting | null;
  trusts: TrustTrend[];
}

/**
 * Each trust the principal may see whole, month by month from `from` to `to` ('YYYY-MM'),
 * optionally narrowed to one setting (trusts with no unit of it are left out).
 */
export async function monthlyTrends(
  store: Store,
  principal: Principal,
  q: { from: string; to: string; setting?: Setting; excludeFlagged: boolean },
): Promise<Trends> {
  if (!mayExport(principal)) throw new ApiError(403, 'forbidden', 'Only an admin or a commissioner may see trends across trusts');
  const byTrust = new Map<string, Unit[]>();
  for (const unit of await store.listUnits()) {
    if (!mayRead(principal, 'trust', unit)) continue;
    const units = byTrust.get(unit.trustCode);
    if (units) units.push(unit);
    else byTrust.set(unit.trustCode, [unit]);
  }
  const trusts: TrustTrend[] = [];
  for (const [code, all] of [...byTrust].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const units = q.setting ? all.filter((u) => u.setting === q.setting) : all;
    if (units.length === 0) continue;
    const node: OrgNode = { level: 'trust', code, name: all[0]!.trustName, setting: q.setting ?? null, units };
    const question = defaultQuestion(node);
    const series = await scoreSeries(store, node, { period: 'month', from: `${q.from}-01`, to: periodOf('month', `${q.to}-01`).end, question, excludeFlagged: q.excludeFlagged });
    trusts.push({
      code,
      name: node.name,
      icbCode: all[0]!.icbCode,
      question,
      months: series.map((p) => ({
        month: p.period,
        responses: p.responses,
        positive: p.positive,
        positiveCi: p.positiveCi,
        negative: p.negative,
        negativeCi: p.negativeCi,
        responseRate: p.responseRate,
        suppressed: p.suppressed,
      })),
    });
  }
  return { from: q.from, to: q.to, setting: q.setting ?? null, trusts };
}

export const TREND_COLUMNS = [
  'ICB Code', 'Trust Code', 'Trust Name', 'Month', 'Question', 'Total Responses', 'Percentage Positive',
  'Percentage Positive Lower 95%', 'Percentage Positive Upper 95%', 'Percentage Negative',
  'Percentage Negative Lower 95%', 'Percentage Negative Upper 95%', 'Response Rate',
] as const;

/** Trends as rows of `TREND_COLUMNS`: a share of no responses is "-" as in the returns. */
export function trendRows(trends: Trends): Cell[][] {
  return trends.trusts.flatMap((t) =>
    t.months.map((m) => [
      t.icbCode, t.code, t.name, m.month, t.question, m.responses,
      m.positive ?? '-', m.positiveCi?.[0] ?? null, m.positiveCi?.[1] ?? null,
      m.negative ?? '-', m.negativeCi?.[0] ?? null, m.negativeCi?.[1] ?? null,
      m.responseRate,
    ]),
  );
}

export function trendsCsv(trends: Trends): string {
  return toCsv(TREND_COLUMNS, trendRows(trends));
}
