/**
 * Eligible counts (patients who could have answered, e.g. discharges) per unit and month: the
 * response-rate denominator, from the trust's activity data. One checker for the API and the
 * CSV import; the whole set is checked before anything is written. A month still to come is
 * refused (its count could only be a guess or a typo); the current one is allowed, as trusts
 * enter it as it goes.
 */
import { z } from 'zod';
import type { EligibleCount, Store } from '../../db/store.ts';
import { monthOf } from '../../analytics/periods.ts';
import { isolate } from '../bidi.ts';
import { readCsv, type LineError } from './csv.ts';

export const month = z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM (1900–2099)');
export const eligibleItem = z.strictObject({
  unit: z.string().trim().min(1, 'is required').max(64, 'must be at most 64 characters'),
  month,
  eligible: z.number('must be a whole number of patients, like 120').int('must be a whole number').min(0, 'must not be negative').max(10_000_000, 'must be at most 10,000,000'),
});

export const ELIGIBLE_HEADER = ['unit_code', 'month', 'eligible'] as const;

/** The latest month a count may be for: the London month of `now`, entered as it goes; a later one has not started. */
export function latestEligibleMonth(now: Date): string {
  return monthOf(now);
}

/**
 * Items that give a unit and month an earlier item gave, each with that earlier item's index: each
 * unit and month once, as a second count would silently replace the first (the CSV import and
 * `PUT /api/v1/eligible` both refuse them).
 */
export function repeatedUnitMonths(items: readonly { unit: string; month: string }[]): { index: number; first: number }[] {
  const seen = new Map<string, number>();
  const repeated: { index: number; first: number }[] = [];
  items.forEach((item, index) => {
    const key = `${item.unit}\u0000${item.month}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else repeated.push({ index, first });
  });
  return repeated;
}

/**
 * Reads and checks an eligible-counts CSV: its format, months not yet started, and units that do
 * not exist, each with its line number, in one reading. Returns items only if every line is good.
 */
export async function checkEligibleCsv(store: Store, text: string, now: Date): Promise<{ items: EligibleCount[]; errors: LineError[] }> {
  const { records, error } = readCsv(text, ELIGIBLE_HEADER);
  if (error) return { items: [], errors: [error] };
  const latest = latestEligibleMonth(now);
  const errors: LineError[] = [];
  const lines: { line: number; item: EligibleCount }[] = [];
  for (const { record, info } of records) {
    const raw = record.eligible ?? '';
    const parsed = eligibleItem.safeParse({ unit: record.unit_code, month: record.month, eligible: /^\d+$/.test(raw) ? Number(raw) : raw });
    if (!parsed.success) {
      // Named as the file's header names it: the item's `unit` is the column unit_code.
      for (const issue of parsed.error.issues) errors.push({ line: info.lines, field: String(issue.path[0]), message: `${issue.path[0] === 'unit' ? 'unit_code' : issue.path.join('.')} ${issue.message}` });
      continue;
    }
    if (parsed.data.month > latest) errors.push({ line: info.lines, field: 'month', message: `month ${parsed.data.month} has not started yet` });
    lines.push({ line: info.lines, item: { unitCode: parsed.data.unit, month: parsed.data.month, count: parsed.data.eligible } });
  }
  for (const { index, first } of repeatedUnitMonths(lines.map((l) => ({ unit: l.item.unitCode, month: l.item.month })))) {
    const { item } = lines[index]!;
    errors.push({ line: lines[index]!.line, field: 'unit', message: `${isolate(item.unitCode)} ${item.month} is already on line ${lines[first]!.line}` });
  }
  if (records.length === 0) errors.push({ line: 1, message: 'the file has no rows' });
  // Units are looked up for every line that reads well, so a file with a typo and an unknown unit
  // is sent back once with both, not fixed and sent again to learn of the second.
  if (lines.length) {
    const known = new Set((await store.listUnits()).map((u) => u.code));
    for (const { line, item } of lines) if (!known.has(item.unitCode)) errors.push({ line, field: 'unit', message: `there is no unit with code ${isolate(item.unitCode)}` });
  }
  return errors.length ? { items: [], errors: errors.sort((a, b) => a.line - b.line) } : { items: lines.map((l) => l.item), errors };
}

/** A unit's eligible count for a month that is below the responses already stored for it. */
export interface EligibleBelowResponses {
  unitCode: string;
  month: string;
  eligible: number;
  responses: number;
}

/**
 * Eligible counts below the responses already stored for the same unit and month, from
 * `fromMonth` to `toMonth`: almost always a typed or mapped count gone wrong, though a late
 * batch of answers can do it too, so the admin pages warn rather than refuse.
 */
export async function eligibleBelowResponses(store: Store, unitCodes: string[], fromMonth: string, toMonth: string): Promise<EligibleBelowResponses[]> {
  if (!unitCodes.length) return [];
  const counts = await store.eligibleCounts({ unitCodes, fromMonth, toMonth });
  if (!counts.length) return [];
  const responses = new Map<string, number>();
  for (const row of await store.sumCounts({ unitCodes: [...new Set(counts.map((e) => e.unitCode))], from: fromMonth, to: toMonth, grain: 'month', byUnit: true })) {
    const key = `${row.unitCode}|${row.period}`;
    responses.set(key, (responses.get(key) ?? 0) + row.count);
  }
  return counts
    .map((e) => ({ unitCode: e.unitCode, month: e.month, eligible: e.count, responses: responses.get(`${e.unitCode}|${e.month}`) ?? 0 }))
    .filter((e) => e.eligible < e.responses);
}
