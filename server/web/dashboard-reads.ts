/**
 * What the matron's dashboard and ward pages read, through the same read functions as the JSON
 * API (`server/reads/`), so a page and the API never disagree. The pages stay live by polling
 * a pulse: a fingerprint of today's and yesterday's rollup counts, open alerts and actions,
 * cheap enough to ask for every few seconds. Only when it changes is the page read again.
 */
import { createHash } from 'node:crypto';
import { addDays, periodOf, periodsBetween, today as londonToday } from '../../analytics/periods.ts';
import type { ChartKind, Signal, SpcRule } from '../../analytics/spc.ts';
import type { AlertRecord, CommentRow, Store, Unit, YouSaidRecord } from '../../db/store.ts';
import { shownText } from '../api/comments.ts';
import { actorNames } from '../audit.ts';
import type { Principal } from '../auth/scope.ts';
import { visibleUnits, type OrgNode } from '../reads/node.ts';
import { breakdownScores, defaultQuestion, spcSeries, todayScores, unitSpcSeries, type BreakdownGroupScore, type SpcSeries, type UnitToday } from '../reads/scores.ts';
import type { ServiceSettings } from '../settings.ts';
import { SENTIMENT_GROUPS, type SentimentGroup } from './dashboard-format.ts';

/** Days on the ward page's charts: Making Data Count wants enough points for limits. */
export const WARD_DAYS = 90;
/** Themes on the bar chart, and on the trend. */
export const TOP_THEMES = 10;
export const TREND_THEMES = 5;
export const COMMENTS_PER_GROUP = 6;
export const COMMENTS_PER_PAGE = 20;

export function unitNode(unit: Unit): OrgNode {
  return { level: 'unit', code: unit.code, name: unit.name, setting: null, units: [unit] };
}

/** The units on a user's dashboard: every active one they may see. */
export async function dashboardUnits(store: Store, principal: Principal): Promise<Unit[]> {
  return (await visibleUnits(store, principal)).filter((u) => u.active);
}

/** A node standing for "every unit this user may see", for reads that only use its units. */
function scopeNode(units: Unit[]): OrgNode {
  return { level: 'unit', code: '*', name: 'Your units', setting: null, units };
}

const SERIOUS = 'serious-concern';

/** Open alerts first serious concerns, then newest first. */
export function bySeriousness(a: AlertRecord, b: AlertRecord): number {
  const serious = Number(b.kind === SERIOUS) - Number(a.kind === SERIOUS);
  return serious || b.raisedAt.localeCompare(a.raisedAt) || b.id.localeCompare(a.id);
}

export interface LatestSignal {
  signal: Signal;
  rule: SpcRule | null;
  chart: ChartKind;
  period: string;
}

/**
 * The SPC signal of the latest whole day that had responses, on the daily % positive chart.
 * Today so far is not judged (Making Data Count), so its grey would only hide yesterday's signal.
 */
export function latestSignal(chart: SpcSeries): LatestSignal | null {
  const point = chart.points.findLast((p) => p.value !== null && !p.partial);
  return point ? { signal: point.signal, rule: point.rule ?? null, chart: chart.chart, period: point.period } : null;
}

export interface Tile extends UnitToday {
  /** Site and trust names, as staff name them. */
  place: [site: string, trust: string];
  signal: LatestSignal | null;
  alerts: { serious: number; other: number };
}

export interface DashboardView {
  today: string;
  yesterday: string;
  asAt: Date;
  tiles: Tile[];
  alerts: { serious: number; other: number };
  version: string;
}

const daily = (today: string, excludeFlagged: boolean) => ({ period: 'day' as const, from: addDays(today, -(WARD_DAYS - 1)), to: today, measure: 'positive' as const, excludeFlagged, today });

function dailyChart(store: Store, unit: Unit, today: string, excludeFlagged: boolean) {
  return spcSeries(store, unitNode(unit), daily(today, excludeFlagged));
}

/** Every unit's `dailyChart`, from one read. */
function dailyCharts(store: Store, units: Unit[], today: string, excludeFlagged: boolean) {
  return unitSpcSeries(store, units, daily(today, excludeFlagged));
}

/**
 * A tile per unit: today and yesterday, the change, the SPC signal and open alerts. Units with
 * a serious concern come first, then any with open alerts, then the rest by name.
 */
export async function dashboardView(store: Store, principal: Principal, now: Date, settings: ServiceSettings): Promise<DashboardView> {
  const units = await dashboardUnits(store, principal);
  const today = londonToday(now);
  if (units.length === 0) return { today, yesterday: addDays(today, -1), asAt: now, tiles: [], alerts: { serious: 0, other: 0 }, version: fingerprint([today]) };
  const day = await todayScores(store, scopeNode(units), now, { excludeFlagged: settings.excludeFlagged });
  // Counted by the store: a large trust has thousands of open alerts over 150 units.
  const alerts = await openAlertState(store, units.map((u) => u.code));
  const charts = await dailyCharts(store, units, today, settings.excludeFlagged);
  const alertsOf = new Map<string, { serious: number; other: number }>();
  let serious = 0;
  let other = 0;
  for (const a of alerts.counts) {
    const counts = alertsOf.get(a.unitCode) ?? { serious: 0, other: 0 };
    if (a.kind === SERIOUS) {
      counts.serious += a.count;
      serious += a.count;
    } else {
      counts.other += a.count;
      other += a.count;
    }
    alertsOf.set(a.unitCode, counts);
  }
  const tiles: Tile[] = [];
  for (const [i, unit] of units.entries()) {
    tiles.push({ ...day.units[i]!, place: [unit.siteName, unit.trustName], signal: latestSignal(charts[i]!), alerts: alertsOf.get(unit.code) ?? { serious: 0, other: 0 } });
  }
  const tier = (t: Tile) => (t.alerts.serious ? 0 : t.alerts.other ? 1 : 2);
  tiles.sort((a, b) => tier(a) - tier(b) || a.unit.name.localeCompare(b.unit.name, 'en-GB') || a.unit.code.localeCompare(b.unit.code));
  return { today: day.today, yesterday: day.yesterday, asAt: now, tiles, alerts: { serious, other }, version: pulseOf(day, alerts, settings) };
}

/** The dashboard's pulse: changes when any figure or alert on it would. Three small reads. */
export async function dashboardPulse(store: Store, principal: Principal, now: Date, settings: ServiceSettings): Promise<string> {
  const units = await dashboardUnits(store, principal);
  if (units.length === 0) return fingerprint([londonToday(now)]);
  const day = await todayScores(store, scopeNode(units), now, { excludeFlagged: settings.excludeFlagged });
  return pulseOf(day, await openAlertState(store, units.map((u) => u.code)), settings);
}

/** What a pulse watches of the open alerts. */
interface OpenAlertState {
  /** Every open alert, by unit and kind: one acknowledged changes these. */
  counts: { unitCode: string; kind: string; count: number }[];
  /** The newest open alert: a new one changes it (with one acknowledged at once, the counts may not). */
  newest: string | null;
}

/** Two small reads, whatever the number of alerts. */
async function openAlertState(store: Store, unitCodes: string[]): Promise<OpenAlertState> {
  const counts = await store.openAlertCounts(unitCodes);
  const [newest] = await store.listAlerts({ unitCodes, openOnly: true, limit: 1 });
  return { counts, newest: newest?.id ?? null };
}

function pulseOf(day: Awaited<ReturnType<typeof todayScores>>, alerts: OpenAlertState, settings: ServiceSettings, youSaid: YouSaidRecord[] = []): string {
  return fingerprint([
    day.today,
    settings.excludeFlagged,
    settings.staffNamesInternal,
    day.units.map((u) => [u.unit.code, u.today.counts, u.yesterday.counts]),
    alerts.newest,
    alerts.counts.map((c) => [c.unitCode, c.kind, c.count]).sort(),
    youSaid.map((y) => [y.id, y.updatedAt]),
  ]);
}

function fingerprint(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

export interface ThemeRow {
  name: string;
  category: string;
  praise: number;
  neutral: number;
  criticism: number;
  total: number;
}

export interface ShownComment {
  id: string;
  day: string;
  answeredAt: string;
  answer: number;
  question: string;
  channel: string;
  /** Redacted for staff (the same text the comments API gives). */
  text: string;
  themes: string[];
  sentiment: number | null;
  concern: string | null;
}

export interface CommentFilters {
  theme?: string;
  sentiment?: SentimentGroup;
  q?: string;
  page: number;
}

export type CommentsView =
  | { kind: 'groups'; groups: { group: SentimentGroup; total: number; comments: ShownComment[] }[] }
  | { kind: 'one'; group: SentimentGroup; total: number; page: number; pages: number; comments: ShownComment[] };

export interface WardView {
  unit: Unit;
  from: string;
  to: string;
  asAt: Date;
  day: UnitToday & { date: string; yesterdayDate: string };
  spc: SpcSeries;
  signal: LatestSignal | null;
  channels: { total: number; groups: BreakdownGroupScore[] };
  themes: ThemeRow[];
  trend: { weeks: { label: string; start: string }[]; themes: { name: string; counts: number[] }[] };
  comments: CommentsView;
  youSaid: YouSaidRecord[];
  /** `openTotal`: every open alert, of which `open` holds the first `WARD_OPEN_ALERTS`. */
  alerts: { open: ShownAlert[]; acknowledged: ShownAlert[]; openTotal: number };
  version: string;
}

/** An alert as the ward page shows it: when its comment was written, and who acknowledged it. */
export interface ShownAlert extends AlertRecord {
  /**
   * A serious concern's comment: its London day, and the moment it was answered where that is
   * known (null for a card keyed in or a file imported: only the day on it is). Null for other alerts.
   */
  comment: { day: string; at: string | null; channel: string | null } | null;
  /** Who acknowledged it, named as the audit log names staff (their email); null while open. */
  acknowledgedByName: string | null;
}

/** Channels keyed in or imported: their answered-at time is when it was entered, or noon of the card's day. */
const DAY_ONLY_CHANNELS: ReadonlySet<string> = new Set(['paper', 'telephone', 'import']);

/** Everything on a ward's page, for the last `WARD_DAYS` days up to today. */
export async function wardView(store: Store, unit: Unit, now: Date, settings: ServiceSettings, filters: CommentFilters): Promise<WardView> {
  const node = unitNode(unit);
  const to = londonToday(now);
  const from = addDays(to, -(WARD_DAYS - 1));
  const excludeFlagged = settings.excludeFlagged;
  const day = await todayScores(store, node, now, { excludeFlagged });
  const spc = await dailyChart(store, unit, to, excludeFlagged);
  const channels = await breakdownScores(store, node, { from, to, by: 'channel', question: defaultQuestion(node), excludeFlagged });
  const { themes, trend } = await themesOf(store, unit, from, to);
  const comments = await commentsView(store, unit, from, to, filters, settings.staffNamesInternal);
  const youSaid = await store.listYouSaid([unit.code], 200);
  const open = await openAlerts(store, unit);
  const alerts = await openAlertState(store, [unit.code]);
  const acknowledged = (await store.listAlerts({ unitCodes: [unit.code], limit: 100 })).filter((a) => a.acknowledgedAt).slice(0, 10);
  // Named as the audit log names them; looked up only when an alert was acknowledged.
  const names = acknowledged.some((a) => a.acknowledgedBy) ? await actorNames(store) : new Map<string, string>();
  return {
    unit,
    from,
    to,
    asAt: now,
    day: { ...day.units[0]!, date: day.today, yesterdayDate: day.yesterday },
    spc,
    signal: latestSignal(spc),
    channels: { total: channels.groups.reduce((s, g) => s + (g.responses ?? 0), 0), groups: channels.groups },
    themes,
    trend,
    comments,
    youSaid,
    alerts: { ...(await shownAlerts(store, open, acknowledged, names)), openTotal: alerts.counts.reduce((n, c) => n + c.count, 0) },
    version: pulseOf(day, alerts, settings, youSaid),
  };
}

/** A ward page's pulse: today's counts, open alerts and actions. Four small reads. */
export async function wardPulse(store: Store, unit: Unit, now: Date, settings: ServiceSettings): Promise<string> {
  const day = await todayScores(store, unitNode(unit), now, { excludeFlagged: settings.excludeFlagged });
  const alerts = await openAlertState(store, [unit.code]);
  const youSaid = await store.listYouSaid([unit.code], 200);
  return pulseOf(day, alerts, settings, youSaid);
}

/**
 * A serious concern names its comment's response; the response says when it was written (a paper
 * card keyed in today may be weeks old). A response taken back since leaves the alert's day. The
 * responses of both lists are read at once: one by one, a ward's 110 alerts were 110 reads.
 */
async function shownAlerts(store: Store, open: AlertRecord[], acknowledged: AlertRecord[], names: Map<string, string>): Promise<{ open: ShownAlert[]; acknowledged: ShownAlert[] }> {
  const responseIdOf = (a: AlertRecord) => {
    const id = a.kind === SERIOUS ? (a.detail as { responseId?: unknown } | null)?.responseId : undefined;
    return typeof id === 'string' ? id : undefined;
  };
  const ids = [...open, ...acknowledged].map(responseIdOf).filter((id) => id !== undefined);
  const responses = new Map((await store.getResponses(ids)).map((r) => [r.id, r]));
  const shown = (a: AlertRecord): ShownAlert => {
    let comment: ShownAlert['comment'] = null;
    if (a.kind === SERIOUS) {
      const id = responseIdOf(a);
      const r = id === undefined ? undefined : responses.get(id);
      comment = r ? { day: r.answeredDay, at: DAY_ONLY_CHANNELS.has(r.channel) ? null : r.answeredAt, channel: r.channel } : { day: a.period, at: null, channel: null };
    }
    return { ...a, comment, acknowledgedByName: a.acknowledgedBy ? names.get(a.acknowledgedBy) ?? a.acknowledgedBy : null };
  };
  return { open: open.map(shown), acknowledged: acknowledged.map(shown) };
}

/** Open alerts shown on a ward's page. */
export const WARD_OPEN_ALERTS = 100;

/**
 * A ward's open alerts, serious concerns first, at most `WARD_OPEN_ALERTS`: its serious concerns
 * are read on their own, so that many newer alerts of other kinds cannot push one off the page.
 */
async function openAlerts(store: Store, unit: Unit): Promise<AlertRecord[]> {
  const serious = await store.listAlerts({ unitCodes: [unit.code], openOnly: true, kind: SERIOUS, limit: WARD_OPEN_ALERTS });
  const newest = await store.listAlerts({ unitCodes: [unit.code], openOnly: true, limit: WARD_OPEN_ALERTS });
  const seen = new Set(serious.map((a) => a.id));
  return [...serious, ...newest.filter((a) => !seen.has(a.id))].sort(bySeriousness).slice(0, WARD_OPEN_ALERTS);
}

/** Themes over the range split by sentiment, and the weekly counts of the most frequent. */
async function themesOf(store: Store, unit: Unit, from: string, to: string) {
  const rows = await store.themeCounts({ unitCodes: [unit.code], from, to });
  const byName = new Map<string, ThemeRow>();
  for (const r of rows) {
    const row = byName.get(r.subCategory) ?? { name: r.subCategory, category: r.category, praise: 0, neutral: 0, criticism: 0, total: 0 };
    const group = r.sentiment <= 2 ? 'praise' : r.sentiment >= 4 ? 'criticism' : 'neutral';
    row[group] += r.count;
    row.total += r.count;
    byName.set(r.subCategory, row);
  }
  const themes = [...byName.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  const weeks = periodsBetween('week', from, to);
  const top = themes.slice(0, TREND_THEMES).map((t) => t.name);
  const counts = new Map(top.map((name) => [name, weeks.map(() => 0)]));
  const index = new Map(weeks.map((w, i) => [w.label, i]));
  for (const r of rows) {
    const series = counts.get(r.subCategory);
    if (series) series[index.get(periodOf('week', r.day).label)!] += r.count;
  }
  return {
    themes,
    trend: { weeks: weeks.map((w) => ({ label: w.label, start: w.start })), themes: top.map((name) => ({ name, counts: counts.get(name)! })) },
  };
}

/**
 * Latest comments. With no sentiment chosen, praise, criticism and the rest side by side, so
 * praise is as easy to see as criticism; with one chosen, that group a page at a time.
 */
async function commentsView(store: Store, unit: Unit, from: string, to: string, filters: CommentFilters, staffNames: 'keep' | 'redact'): Promise<CommentsView> {
  const show = (r: CommentRow): ShownComment => ({
    id: r.id,
    day: r.answeredDay,
    answeredAt: r.answeredAt,
    answer: r.answer,
    question: r.question,
    channel: r.channel,
    text: shownText(r, staffNames),
    themes: (r.analysis?.labels ?? []).map((l) => l.subCategory),
    sentiment: r.analysis?.sentiment ?? null,
    concern: r.analysis?.concern ?? null,
  });
  /** The latest comments of a sentiment group: each sentiment read newest first, then merged. */
  async function latest(group: SentimentGroup, offset: number, limit: number) {
    let total = 0;
    const rows: CommentRow[] = [];
    for (const sentiment of SENTIMENT_GROUPS[group]) {
      const page = await store.listComments({ unitCodes: [unit.code], from, to, theme: filters.theme, search: filters.q, searchIn: staffNames === 'keep' ? 'internal' : 'public', sentiment, limit: offset + limit, offset: 0 });
      total += page.total;
      rows.push(...page.comments);
    }
    // As the store orders them: by day, then the moment of answering (the text keeps the client's offset).
    rows.sort((a, b) => b.answeredDay.localeCompare(a.answeredDay) || Date.parse(b.answeredAt) - Date.parse(a.answeredAt) || b.answeredAt.localeCompare(a.answeredAt) || b.id.localeCompare(a.id));
    return { total, comments: rows.slice(offset, offset + limit).map(show) };
  }
  if (filters.sentiment) {
    let read = await latest(filters.sentiment, (filters.page - 1) * COMMENTS_PER_PAGE, COMMENTS_PER_PAGE);
    const pages = Math.max(1, Math.ceil(read.total / COMMENTS_PER_PAGE));
    // A page past the end (an old link after comments were taken back, an edited address) shows
    // the last page, numbered as such, rather than "page 500 of 12" with nothing on it.
    const page = Math.min(filters.page, pages);
    if (page < filters.page) read = await latest(filters.sentiment, (page - 1) * COMMENTS_PER_PAGE, COMMENTS_PER_PAGE);
    return { kind: 'one', group: filters.sentiment, total: read.total, page, pages, comments: read.comments };
  }
  const groups = [];
  for (const group of ['praise', 'criticism', 'neutral'] as const) groups.push({ group, ...(await latest(group, 0, COMMENTS_PER_GROUP)) });
  return { kind: 'groups', groups };
}
