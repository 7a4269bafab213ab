/**
 * Pure helpers both adapters share: turning rows into domain records and responses into
 * rollup increments. No SQL here.
 */
import type { Mode, Question, Role, Setting } from '../analytics/fft.ts';
import { monthsFrom } from '../analytics/periods.ts';
import type { AlertRecord, AnswerCell, CommentAnalysis, CommentRow, DailyCount, MonthlyCount, NewResponse, OrgRow, TokenRecord, Unit, UnitSettingMonth, UserRecord } from './store.ts';

/** Splits a batch into first occurrences (to insert) and repeats of an id already in the batch. */
export function firstOccurrences(rows: NewResponse[]): { fresh: NewResponse[]; repeatedIds: Set<number> } {
  const seen = new Set<string>();
  const fresh: NewResponse[] = [];
  const repeatedIds = new Set<number>();
  rows.forEach((row, i) => {
    if (seen.has(row.id)) repeatedIds.add(i);
    else {
      seen.add(row.id);
      fresh.push(row);
    }
  });
  return { fresh, repeatedIds };
}

/**
 * Rollup increments for the responses actually inserted, one per cell, sorted by key so that
 * concurrent transactions touch cells in the same order (no deadlocks on PostgreSQL).
 */
export function rollupIncrements(inserted: NewResponse[]): DailyCount[] {
  const cells = new Map<string, DailyCount>();
  for (const r of inserted) {
    const key = `${r.unitCode}\u0000${r.answeredDay}\u0000${r.question}\u0000${String(r.answer).padStart(2, '0')}\u0000${r.mode}\u0000${r.flagged ? 1 : 0}`;
    const cell = cells.get(key);
    if (cell) cell.count += 1;
    else cells.set(key, { unitCode: r.unitCode, day: r.answeredDay, question: r.question, answer: r.answer, mode: r.mode, flagged: r.flagged, count: 1 });
  }
  return [...cells.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/** The daily increments folded into calendar months (London days, so London months). */
export function monthlyIncrements(daily: DailyCount[]): MonthlyCount[] {
  const cells = new Map<string, MonthlyCount>();
  for (const d of daily) {
    const month = d.day.slice(0, 7);
    const key = `${d.unitCode}\u0000${month}\u0000${d.question}\u0000${String(d.answer).padStart(2, '0')}\u0000${d.flagged ? 1 : 0}`;
    const cell = cells.get(key);
    if (cell) cell.count += d.count;
    else cells.set(key, { unitCode: d.unitCode, month, question: d.question, answer: d.answer, flagged: d.flagged, count: d.count });
  }
  return [...cells.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

export function toMonthlyCount(r: { unitCode: string; month: string; question: string; answer: number; flagged: boolean | number; count: number | string }): MonthlyCount {
  return { ...r, question: r.question as Question, answer: Number(r.answer), flagged: Boolean(r.flagged), count: Number(r.count) };
}

export function toAlert(r: Omit<AlertRecord, 'detail'> & { detail: string | null }): AlertRecord {
  return { ...r, detail: r.detail === null ? null : JSON.parse(r.detail) };
}

export function alertValues(a: AlertRecord) {
  return { ...a, detail: a.detail === undefined || a.detail === null ? null : JSON.stringify(a.detail) };
}

export function analysisValues(a: CommentAnalysis) {
  return {
    responseId: a.responseId, unitCode: a.unitCode, day: a.day,
    labels: JSON.stringify(a.labels), categories: JSON.stringify([...new Set(a.labels.map((l) => l.category))]),
    sentiment: a.sentiment, concern: a.concern, redactedInternal: a.redactedInternal, redactedPublic: a.redactedPublic,
    modelVersion: a.modelVersion, analysedAt: a.analysedAt,
  };
}

export function labelValues(a: CommentAnalysis) {
  return a.labels.map((l) => ({ responseId: a.responseId, unitCode: a.unitCode, day: a.day, subCategory: l.subCategory, category: l.category, sentiment: a.sentiment }));
}

export function toCommentRow(r: Record<string, unknown>): CommentRow {
  const labels = r.labels ? (JSON.parse(String(r.labels)) as { subCategory: string; category: string }[]) : null;
  return {
    id: String(r.id), unitCode: String(r.unitCode), answeredAt: String(r.answeredAt), answeredDay: String(r.answeredDay), answer: Number(r.answer),
    question: String(r.question), channel: String(r.channel), flagged: Boolean(r.flagged), comment: String(r.comment),
    analysis: labels
      ? {
          labels,
          sentiment: Number(r.sentiment), concern: (r.concern as string | null) ?? null,
          redactedInternal: String(r.redactedInternal), redactedPublic: String(r.redactedPublic),
        }
      : null,
  };
}

/** The daily increments with the mode folded away (what series read). */
export function answerIncrements(daily: DailyCount[]): AnswerCell[] {
  const cells = new Map<string, AnswerCell>();
  for (const d of daily) {
    const key = `${d.unitCode}\u0000${d.day}\u0000${d.question}\u0000${d.answer}\u0000${d.flagged ? 1 : 0}`;
    const cell = cells.get(key);
    if (cell) cell.count += d.count;
    else cells.set(key, { unitCode: d.unitCode, day: d.day, question: d.question, answer: d.answer, flagged: d.flagged, count: d.count });
  }
  return [...cells.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

export interface UnitParents {
  site: string;
  trust: string;
  icb: string;
}

export interface OrgCell {
  level: 'site' | 'trust' | 'icb';
  code: string;
  month: string;
  question: string;
  answer: number;
  flagged: boolean;
  count: number;
}

/** The monthly increments summed for each unit's site, trust and ICB. */
export function orgIncrements(monthly: MonthlyCount[], parents: Map<string, UnitParents>): OrgCell[] {
  const cells = new Map<string, OrgCell>();
  for (const m of monthly) {
    const p = parents.get(m.unitCode);
    if (!p) continue;
    for (const level of ['site', 'trust', 'icb'] as const) {
      const key = `${level}\u0000${p[level]}\u0000${m.month}\u0000${m.question}\u0000${m.answer}\u0000${m.flagged ? 1 : 0}`;
      const cell = cells.get(key);
      if (cell) cell.count += m.count;
      else cells.set(key, { level, code: p[level], month: m.month, question: m.question, answer: m.answer, flagged: m.flagged, count: m.count });
    }
  }
  return [...cells.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/** Distinct ICBs, trusts and sites of an org file, last mention wins for names. */
export function orgParents(rows: OrgRow[]) {
  const icbs = new Map<string, { code: string; name: string }>();
  const trusts = new Map<string, { code: string; name: string; icbCode: string }>();
  const sites = new Map<string, { code: string; name: string; trustCode: string }>();
  for (const r of rows) {
    icbs.set(r.icbCode, { code: r.icbCode, name: r.icbName });
    trusts.set(r.trustCode, { code: r.trustCode, name: r.trustName, icbCode: r.icbCode });
    sites.set(r.siteCode, { code: r.siteCode, name: r.siteName, trustCode: r.trustCode });
  }
  return { icbs: [...icbs.values()], trusts: [...trusts.values()], sites: [...sites.values()] };
}

export function unitValues(r: OrgRow) {
  return {
    code: r.unitCode,
    name: r.unitName,
    siteCode: r.siteCode,
    setting: r.setting,
    specialty1: r.specialty1,
    specialty2: r.specialty2,
    question: r.question,
    active: true,
  };
}

/** A unit as the join query returns it: enums as plain strings, SQLite booleans as 0/1. */
export type UnitJoinRow = Omit<Unit, 'setting' | 'question' | 'active'> & { setting: string; question: string; active: boolean | number };

export function toUnit(r: UnitJoinRow): Unit {
  return { ...r, setting: r.setting as Setting, question: r.question as Question, active: Boolean(r.active), negativeThreshold: r.negativeThreshold === null ? null : Number(r.negativeThreshold), addedMonth: r.addedMonth ?? null };
}

export function toDailyCount(r: { unitCode: string; day: string; question: string; answer: number; mode: string; flagged: boolean | number; count: number | string }): DailyCount {
  return { ...r, question: r.question as Question, mode: r.mode as Mode, answer: Number(r.answer), flagged: Boolean(r.flagged), count: Number(r.count) };
}

/** A stored response row as the domain sees it (SQLite keeps booleans as 0/1). */
export function toResponse<T extends { flagged: boolean | number }>(r: T): Omit<T, 'flagged'> & { flagged: boolean } {
  return { ...r, flagged: Boolean(r.flagged) };
}

/** Values to bind for SQLite, which has no boolean type. */
export function sqliteBindable<T extends { flagged: boolean }>(r: T): Omit<T, 'flagged'> & { flagged: number } {
  return { ...r, flagged: r.flagged ? 1 : 0 };
}

export function toToken(r: { id: string; role: string; scopes: string; label: string | null; createdAt: string; revokedAt: string | null }): TokenRecord {
  return { ...r, role: r.role as Role, scopes: JSON.parse(r.scopes) as string[] };
}

export function toUser(r: Omit<UserRecord, 'role' | 'scopes' | 'active'> & { role: string; scopes: string; active: boolean | number }): UserRecord {
  return { ...r, role: r.role as Role, scopes: JSON.parse(r.scopes) as string[], active: Boolean(r.active) };
}

/** SQLite's and PostgreSQL's bound-parameter limits: keep each multi-row statement well under both. */
export const MAX_ROWS_PER_STATEMENT = 500;

export function chunks<T>(items: T[], size = MAX_ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The `from_month` of the setting a unit came with: it holds for every month before its first
 * change, so answers and eligible counts loaded for months before the unit was added (the demo,
 * a trust's back data) count where they did before settings had a history.
 */
export const SINCE_THE_START = '0000-01';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The `added_month` a write of units gives the units it creates: the write's month, or null
 * without one (the unit then reads as existing all along). Throws for a month not 'YYYY-MM'.
 */
export function addedMonthOf(month: string | undefined): string | null {
  if (month === undefined) return null;
  if (!MONTH.test(month)) throw new Error(`a unit's month must be 'YYYY-MM', got ${month}`);
  return month;
}

/** One row of `unit_settings`: the unit's setting from `fromMonth` until its next row. */
export interface SettingFrom {
  unitCode: string;
  fromMonth: string;
  setting: string;
}

/**
 * The `unit_settings` rows a write of units makes: a new unit's setting since the start; a
 * changed one from `month` (written over a change made earlier in the same month); an unchanged
 * one, none. Throws for a change with no month: it would have no date to hold from.
 */
export function settingHistoryRows(units: { unitCode: string; before: string | undefined; after: string }[], month: string | undefined): SettingFrom[] {
  const out: SettingFrom[] = [];
  for (const u of units) {
    if (u.before === undefined) out.push({ unitCode: u.unitCode, fromMonth: SINCE_THE_START, setting: u.after });
    else if (u.before !== u.after) {
      if (month === undefined || !MONTH.test(month)) throw new Error(`unit ${u.unitCode}: a new setting needs the month ('YYYY-MM') it holds from, got ${month}`);
      out.push({ unitCode: u.unitCode, fromMonth: month, setting: u.after });
    }
  }
  return out;
}

/** Each unit's setting in each month from `fromMonth` to `toMonth`, by unit and month, from its history rows. */
export function settingMonths(history: SettingFrom[], fromMonth: string, toMonth: string): UnitSettingMonth[] {
  const months = monthsFrom(fromMonth, toMonth);
  const byUnit = new Map<string, SettingFrom[]>();
  for (const row of history) {
    const rows = byUnit.get(row.unitCode);
    if (rows) rows.push(row);
    else byUnit.set(row.unitCode, [row]);
  }
  const out: UnitSettingMonth[] = [];
  for (const [unitCode, rows] of [...byUnit].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    rows.sort((a, b) => (a.fromMonth < b.fromMonth ? -1 : 1));
    for (const month of months) {
      const inForce = rows.findLast((r) => r.fromMonth <= month);
      if (inForce) out.push({ unitCode, month, setting: inForce.setting as Setting });
    }
  }
  return out;
}
