/**
 * The organisation CSV (ICB → trust → site → unit, one unit a line). The whole file is checked
 * before anything is written: a bad line is reported with its line number and nothing of that
 * file is applied.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { QUESTIONS, SETTINGS } from '../../analytics/fft.ts';
import type { OrgImportSummary, OrgRow, Store } from '../../db/store.ts';

export const ORG_HEADER = [
  'icb_code', 'icb_name', 'trust_code', 'trust_name', 'site_code', 'site_name',
  'unit_code', 'unit_name', 'setting', 'specialty_1', 'specialty_2', 'question',
] as const;

export interface LineError {
  line: number;
  field?: string;
  message: string;
}

const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be letters, digits, dot, dash or underscore (at most 64)');
/** Control characters: a line break in a name would split a line of the returns CSV. */
export const CONTROL_CHARACTER = /\p{Cc}/u;
const name = z.string().min(1, 'is required').max(200).refine((s) => !CONTROL_CHARACTER.test(s), 'must be on one line, with no line breaks, tabs or other control characters');
const optional = z.string().max(32).transform((s) => (s === '' ? null : s));

const orgLine = z.object({
  icb_code: code,
  icb_name: name,
  trust_code: code,
  trust_name: name,
  site_code: code,
  site_name: name,
  unit_code: code,
  unit_name: name,
  setting: z.enum(SETTINGS, { message: `must be one of ${SETTINGS.join(', ')}` }),
  specialty_1: optional,
  specialty_2: optional,
  question: z
    .string()
    .transform((s) => (s === '' ? 'fft-2020' : s))
    .pipe(z.enum(QUESTIONS, { message: `must be one of ${QUESTIONS.join(', ')} (blank = fft-2020)` })),
});

export interface CsvRecord {
  record: Record<string, string>;
  info: { lines: number };
}

/**
 * The records of a CSV file with exactly `header`, each with the line it ends on, or the
 * error that stops the file being read at all (bad quoting, a ragged line, a wrong header).
 */
export function readCsv(text: string, header: readonly string[]): { records: CsvRecord[]; error?: LineError } {
  let records: CsvRecord[];
  // The header as the CSV reader reads it, so a spreadsheet that quotes every cell ("unit_code",…) is read as written.
  let first: string[] = [];
  const columns = (names: string[]) => (first = names.map((h) => String(h).trim()));
  try {
    records = parse(text, { columns, bom: true, trim: true, skip_empty_lines: true, info: true }) as CsvRecord[];
  } catch (e) {
    const err = e as { lines?: number; message: string };
    if (first.length > 0 && first.join(',') !== header.join(',')) return { records: [], error: { line: 1, message: `the header must be exactly: ${header.join(',')}` } };
    return { records: [], error: { line: err.lines ?? 1, message: err.message } };
  }
  if (first.join(',') !== header.join(',')) return { records: [], error: { line: 1, message: `the header must be exactly: ${header.join(',')}` } };
  return { records };
}

/** Parses and checks a whole file; returns rows only if every line is good. */
export function parseOrgCsv(text: string): { rows: OrgRow[]; errors: LineError[] } {
  const { records, error } = readCsv(text, ORG_HEADER);
  if (error) return { rows: [], errors: [error] };
  const errors: LineError[] = [];
  const rows: OrgRow[] = [];
  const trustIcb = new Map<string, string>();
  const siteTrust = new Map<string, string>();
  const unitLine = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const parsed = orgLine.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ line, field: issue.path.join('.'), message: `${issue.path.join('.')} ${issue.message}` });
      continue;
    }
    const r = parsed.data;
    if (trustIcb.has(r.trust_code) && trustIcb.get(r.trust_code) !== r.icb_code) {
      errors.push({ line, field: 'icb_code', message: `trust ${r.trust_code} is under ICB ${trustIcb.get(r.trust_code)} on an earlier line` });
    }
    if (siteTrust.has(r.site_code) && siteTrust.get(r.site_code) !== r.trust_code) {
      errors.push({ line, field: 'trust_code', message: `site ${r.site_code} is under trust ${siteTrust.get(r.site_code)} on an earlier line` });
    }
    if (unitLine.has(r.unit_code)) errors.push({ line, field: 'unit_code', message: `unit ${r.unit_code} already appears on line ${unitLine.get(r.unit_code)}` });
    trustIcb.set(r.trust_code, r.icb_code);
    siteTrust.set(r.site_code, r.trust_code);
    unitLine.set(r.unit_code, line);
    rows.push({
      icbCode: r.icb_code, icbName: r.icb_name, trustCode: r.trust_code, trustName: r.trust_name,
      siteCode: r.site_code, siteName: r.site_name, unitCode: r.unit_code, unitName: r.unit_name,
      setting: r.setting, specialty1: r.specialty_1, specialty2: r.specialty_2, question: r.question,
    });
  }
  if (records.length === 0) errors.push({ line: 1, message: 'the file has no units' });
  return errors.length ? { rows: [], errors } : { rows, errors };
}

export async function importOrgCsv(store: Store, text: string): Promise<{ summary?: OrgImportSummary; errors: LineError[] }> {
  const { rows, errors } = parseOrgCsv(text);
  if (errors.length) return { errors };
  return { summary: await store.upsertOrg(rows), errors: [] };
}
