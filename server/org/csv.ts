/**
 * The organisation CSV (ICB → trust → site → unit, one unit a line). The whole file is checked
 * before anything is written: a bad line is reported with its line number and nothing of that
 * file is applied. A unit or site code that differs from another only in capitals (in the file
 * or already stored) is a bad line: it would make a look-alike second ward or site, while the
 * web form and the admin pages find codes without regard to capitals.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { QUESTIONS, SETTINGS } from '../../analytics/fft.ts';
import type { OrgImportSummary, OrgRow, Site, Store, Unit } from '../../db/store.ts';
import { monthOf } from '../../analytics/periods.ts';
import { CONTROL_CHARACTER } from '../collect/schema.ts';

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
const oneLine = (s: string) => !CONTROL_CHARACTER.test(s);
const name = z.string().min(1, 'is required').max(200).refine(oneLine, 'must be on one line, with no line breaks, tabs or other control characters');
const optional = z.string().max(32).refine(oneLine, 'must have no line breaks, tabs or other control characters').transform((s) => (s === '' ? null : s));

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

/** Whether a file's header has exactly `header`'s columns, in whatever order. */
export function sameColumns(header: readonly string[], found: readonly string[]): boolean {
  return found.length === header.length && header.every((h) => found.includes(h));
}

/** What is wrong with a header: the columns it lacks and those it should not have. */
function headerError(header: readonly string[], found: readonly string[]): LineError {
  const missing = header.filter((h) => !found.includes(h));
  const extra = found.filter((h) => !header.includes(h));
  const repeated = found.filter((h, i) => found.indexOf(h) !== i);
  const problems = [
    missing.length ? `no ${missing.join(', ')}` : '',
    extra.length ? `${extra.map((h) => `"${h}"`).join(', ')} not expected` : '',
    repeated.length ? `${repeated.join(', ')} twice` : '',
  ].filter(Boolean);
  return { line: 1, message: `the header must have the columns ${header.join(',')} (in any order): ${problems.join('; ')}` };
}

/**
 * The records of a CSV file with `header`'s columns (in any order: each is read by its name),
 * each with the line it ends on, or the error that stops the file being read at all (bad
 * quoting, a ragged line, a wrong header).
 */
export function readCsv(text: string, header: readonly string[]): { records: CsvRecord[]; error?: LineError } {
  let records: CsvRecord[];
  // The header as the CSV reader reads it, so a spreadsheet that quotes every cell ("unit_code",…) is read as written.
  let first: string[] = [];
  // Columns with no name at the end of the header: a spreadsheet saves a column once used and since
  // emptied as a trailing comma on every line. Read under names no header has, and must stay empty.
  let nameless: string[] = [];
  const columns = (names: string[]) => {
    first = names.map((h) => String(h).trim());
    let end = first.length;
    while (end > 0 && first[end - 1] === '') end--;
    nameless = first.slice(end).map((_, i) => `\u0000column ${end + i + 1}`);
    first = first.slice(0, end);
    return [...first, ...nameless];
  };
  try {
    // A line of empty cells (",,") is how a spreadsheet saves a row whose cells were cleared: no row.
    records = parse(text, { columns, bom: true, trim: true, skip_empty_lines: true, skip_records_with_empty_values: true, info: true }) as CsvRecord[];
  } catch (e) {
    const err = e as { lines?: number; message: string };
    if (first.length > 0 && !sameColumns(header, first)) return { records: [], error: headerError(header, first) };
    return { records: [], error: { line: err.lines ?? 1, message: err.message } };
  }
  if (!sameColumns(header, first)) return { records: [], error: headerError(header, first) };
  for (const { record, info } of records) {
    for (const name of nameless) {
      if (record[name]) return { records: [], error: { line: info.lines, message: `${name.slice(1)} has a value but no name in the header: name it or delete the column` } };
      delete record[name];
    }
  }
  return { records };
}

interface OrgLine {
  line: number;
  row: OrgRow;
}

/** Parses and checks a whole file; returns rows only if every line is good. */
export function parseOrgCsv(text: string): { rows: OrgRow[]; errors: LineError[] } {
  const { lines, errors } = readOrgLines(text);
  return errors.length ? { rows: [], errors } : { rows: lines.map((l) => l.row), errors };
}

/** Every good line with its number, and every problem of the others. */
function readOrgLines(text: string): { lines: OrgLine[]; errors: LineError[] } {
  const { records, error } = readCsv(text, ORG_HEADER);
  if (error) return { lines: [], errors: [error] };
  const errors: LineError[] = [];
  const lines: OrgLine[] = [];
  const trustIcb = new Map<string, string>();
  const siteTrust = new Map<string, string>();
  // By lower-case code: the first spelling of each, and its line.
  const siteFirst = new Map<string, { code: string; line: number }>();
  const unitFirst = new Map<string, { code: string; line: number }>();
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
    const site = siteFirst.get(r.site_code.toLowerCase());
    if (site && site.code !== r.site_code) {
      errors.push({ line, field: 'site_code', message: `site ${r.site_code} differs only in capitals from site ${site.code} on line ${site.line}: one site needs one code` });
    }
    const unit = unitFirst.get(r.unit_code.toLowerCase());
    if (unit) {
      errors.push({
        line,
        field: 'unit_code',
        message: unit.code === r.unit_code ? `unit ${r.unit_code} already appears on line ${unit.line}` : `unit ${r.unit_code} differs only in capitals from unit ${unit.code} on line ${unit.line}: use another code`,
      });
    }
    trustIcb.set(r.trust_code, r.icb_code);
    siteTrust.set(r.site_code, r.trust_code);
    if (!site) siteFirst.set(r.site_code.toLowerCase(), { code: r.site_code, line });
    if (!unit) unitFirst.set(r.unit_code.toLowerCase(), { code: r.unit_code, line });
    const row: OrgRow = {
      icbCode: r.icb_code, icbName: r.icb_name, trustCode: r.trust_code, trustName: r.trust_name,
      siteCode: r.site_code, siteName: r.site_name, unitCode: r.unit_code, unitName: r.unit_name,
      setting: r.setting, specialty1: r.specialty_1, specialty2: r.specialty_2, question: r.question,
    };
    lines.push({ line, row });
  }
  if (records.length === 0) errors.push({ line: 1, message: 'the file has no units' });
  return { lines, errors };
}

/** Lines whose unit or site code is one already stored in other capitals. */
function storedLookAlikes(lines: OrgLine[], units: Unit[], sites: Site[]): LineError[] {
  const unitCodes = new Map(units.map((u) => [u.code.toLowerCase(), u.code]));
  const siteCodes = new Map(sites.map((s) => [s.code.toLowerCase(), s.code]));
  const errors: LineError[] = [];
  for (const { line, row } of lines) {
    const site = siteCodes.get(row.siteCode.toLowerCase());
    if (site !== undefined && site !== row.siteCode) {
      errors.push({ line, field: 'site_code', message: `site ${row.siteCode} differs only in capitals from site ${site}, already stored: write it ${site}` });
    }
    const unit = unitCodes.get(row.unitCode.toLowerCase());
    if (unit !== undefined && unit !== row.unitCode) {
      errors.push({ line, field: 'unit_code', message: `unit ${row.unitCode} differs only in capitals from unit ${unit}, already stored: write it ${unit}, or use another code for another unit` });
    }
  }
  return errors;
}

/**
 * Checks an organisation file whole and, if every line is good, imports it. A unit the file gives
 * another setting is in the new setting's monthly return from the London month of `now` on.
 */
export async function importOrgCsv(store: Store, text: string, now: Date): Promise<{ summary?: OrgImportSummary; errors: LineError[] }> {
  const { lines, errors } = readOrgLines(text);
  // Checked on every good line, so one reading of the file names all its problems; a code the
  // file itself already spells two ways is named once.
  if (lines.length) {
    const named = new Set(errors.map((e) => `${e.line}:${e.field}`));
    errors.push(...storedLookAlikes(lines, await store.listUnits(), await store.listSites()).filter((e) => !named.has(`${e.line}:${e.field}`)));
  }
  if (errors.length) return { errors: errors.sort((a, b) => a.line - b.line) };
  return { summary: await store.upsertOrg(lines.map((l) => l.row), monthOf(now)), errors: [] };
}
