/**
 * Eligible counts (patients who could have answered, e.g. discharges) per unit and month: the
 * response-rate denominator, from the trust's activity data. One checker for the API and the
 * CSV import; the whole set is checked before anything is written.
 */
import { z } from 'zod';
import type { EligibleCount, Store } from '../../db/store.ts';
import { isolate } from '../bidi.ts';
import { readCsv, type LineError } from './csv.ts';

export const month = z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM (1900–2099)');
export const eligibleItem = z.strictObject({
  unit: z.string().trim().min(1).max(64),
  month,
  eligible: z.number('must be a whole number of patients, like 120').int('must be a whole number').min(0, 'must not be negative').max(10_000_000, 'must be at most 10,000,000'),
});

export const ELIGIBLE_HEADER = ['unit_code', 'month', 'eligible'] as const;

/** Parses an eligible-counts CSV; returns items only if every line is good. */
export function parseEligibleCsv(text: string): { items: EligibleCount[]; errors: LineError[] } {
  const { records, error } = readCsv(text, ELIGIBLE_HEADER);
  if (error) return { items: [], errors: [error] };
  const errors: LineError[] = [];
  const items: EligibleCount[] = [];
  // Each unit and month once: a second line would silently replace the first.
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const raw = record.eligible ?? '';
    const parsed = eligibleItem.safeParse({ unit: record.unit_code, month: record.month, eligible: /^\d+$/.test(raw) ? Number(raw) : raw });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ line: info.lines, field: String(issue.path[0]), message: `${issue.path.join('.')} ${issue.message}` });
      continue;
    }
    const key = `${parsed.data.unit}|${parsed.data.month}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push({ line: info.lines, field: 'unit', message: `${isolate(parsed.data.unit)} ${parsed.data.month} is already on line ${first}` });
    else seen.set(key, info.lines);
    items.push({ unitCode: parsed.data.unit, month: parsed.data.month, count: parsed.data.eligible });
  }
  if (records.length === 0) errors.push({ line: 1, message: 'the file has no rows' });
  return errors.length ? { items: [], errors } : { items, errors };
}

/** Units in `items` that do not exist, with where they were named. */
export async function unknownUnits(store: Store, items: EligibleCount[]): Promise<string[]> {
  const known = new Set((await store.listUnits()).map((u) => u.code));
  return [...new Set(items.map((i) => i.unitCode).filter((code) => !known.has(code)))];
}
