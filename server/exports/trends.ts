/**
 * Trends across the trusts a commissioner commissions: % positive by month with its Wilson 95%
 * interval, % negative, response volumes and the response rate, read exactly as the scores API
 * reads a trust (`reads/scores.ts`), so the two always agree.
 */
import { SETTINGS, type Setting } from '../../analytics/fft.ts';
import type { Interval } from '../../analytics/intervals.ts';
import { periodOf } from '../../analytics/periods.ts';
import { RETURN_DEFINITIONS, RETURN_SETTINGS, type Cell, type ReturnSetting } from '../../analytics/returns.ts';
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
  setting: TrendSetting | null;
  trusts: TrustTrend[];
}

/** A unit setting, or a return's setting: inpatient with daycase, maternity's four, ambulance's two. */
export type TrendSetting = Setting | ReturnSetting;

/** The unit settings a trend of `setting` covers: as the monthly return does for a return's setting. */
export function settingsOf(setting: TrendSetting): ReadonlySet<string> {
  return (RETURN_SETTINGS as readonly string[]).includes(setting)
    ? new Set(RETURN_DEFINITIONS[setting as ReturnSetting].parts.flatMap((p) => p.settings))
    : new Set([setting]);
}

/**
 * Each trust the principal may see whole, month by month from `from` to `to` ('YYYY-MM'),
 * optionally narrowed to one setting (trusts with no unit of it are left out). A unit counts
 * towards a setting in the months it had it, as the monthly return counts it: a ward re-set
 * from inpatient to A&E leaves the inpatient series from the month of the change, not before.
 */
export async function monthlyTrends(
  store: Store,
  principal: Principal,
  q: { from: string; to: string; setting?: TrendSetting; excludeFlagged: boolean },
): Promise<Trends> {
  if (!mayExport(principal)) throw new ApiError(403, 'forbidden', 'Only an admin or a commissioner may see trends across trusts');
  const byTrust = new Map<string, Unit[]>();
  for (const unit of await store.listUnits()) {
    if (!mayRead(principal, 'trust', unit)) continue;
    const units = byTrust.get(unit.trustCode);
    if (units) units.push(unit);
    else byTrust.set(unit.trustCode, [unit]);
  }
  const settings = q.setting ? settingsOf(q.setting) : null;
  const inForce = settings ? (await store.unitSettings({ fromMonth: q.from, toMonth: q.to })).filter((s) => settings.has(s.setting)) : [];
  const unitMonths = settings ? new Set(inForce.map((s) => `${s.unitCode}|${s.month}`)) : undefined;
  const inSetting = new Set(inForce.map((s) => s.unitCode));
  const trusts: TrustTrend[] = [];
  for (const [code, all] of [...byTrust].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const units = settings ? all.filter((u) => inSetting.has(u.code)) : all;
    if (units.length === 0) continue;
    // A setting (any, for a group) makes the series read these units' cells, not the whole trust's rollup.
    const setting = settings ? ((SETTINGS as readonly string[]).includes(q.setting!) ? (q.setting as Setting) : (units[0]!.setting)) : null;
    const node: OrgNode = { level: 'trust', code, name: all[0]!.trustName, setting, units };
    const question = defaultQuestion(node);
    const series = await scoreSeries(store, node, { period: 'month', from: `${q.from}-01`, to: periodOf('month', `${q.to}-01`).end, question, excludeFlagged: q.excludeFlagged, unitMonths });
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
  'Percentage Negative Lower 95%', 'Percentage Negative Upper 95%', 'Response Rate', 'Small Number',
] as const;

/** Trends as rows of `TREND_COLUMNS`: a share of no responses is "-" as in the returns. */
export function trendRows(trends: Trends): Cell[][] {
  return trends.trusts.flatMap((t) =>
    t.months.map((m) => [
      t.icbCode, t.code, t.name, m.month, t.question, m.responses,
      m.positive ?? '-', m.positiveCi?.[0] ?? null, m.positiveCi?.[1] ?? null,
      m.negative ?? '-', m.negativeCi?.[0] ?? null, m.negativeCi?.[1] ?? null,
      // 1–4 responses: NHS England would suppress the month (the JSON's `suppressed`).
      m.responseRate, m.suppressed ? 'yes' : '',
    ]),
  );
}

export function trendsCsv(trends: Trends): string {
  return toCsv(TREND_COLUMNS, trendRows(trends));
}
