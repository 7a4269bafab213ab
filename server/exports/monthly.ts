/**
 * The monthly return as the service serves it: read the month's rollups for the units a caller
 * may export, hand them to `analytics/returns.ts`, and write the result as CSV, XLSX or JSON.
 * One set of functions for the API, the CLI and the staff pages: each export is audit-logged and
 * kept in the export log, so validation can show what changed in a month already sent.
 */
import { z } from 'zod';
import { monthOf, periodOf } from '../../analytics/periods.ts';
import {
  buildReturn,
  COLUMN,
  diffReturns,
  RETURN_DEFINITIONS,
  validateReturn,
  type Finding,
  type MonthlyReturn,
  type ReturnInput,
  type ReturnRow,
  type ReturnSetting,
  type ReturnSheet,
  type ReturnVariant,
  type RowChange,
  type RowOrg,
} from '../../analytics/returns.ts';
import type { ExportRecord } from '../../db/exports-store.ts';
import type { Store, Unit } from '../../db/store.ts';
import { actorOf, audit } from '../audit.ts';
import type { Principal } from '../auth/scope.ts';
import { isolate } from '../bidi.ts';
import { systemClock, type Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import { ApiError } from '../middleware/errors.ts';
import { mayRead } from '../reads/node.ts';
import { createSettings } from '../settings.ts';
import { toCsv } from './csv.ts';
import { toXlsx } from './xlsx.ts';

/** Who the return is for: a signed-in admin or commissioner, or everything (the CLI, run by an operator). */
export type ReturnScope = Principal | 'all';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Roles that may export returns: an admin (all, or her scopes) and a commissioner (her trusts or ICBs). */
export const EXPORT_ROLES = ['admin', 'commissioner'] as const;

export function mayExport(principal: Principal): boolean {
  return (EXPORT_ROLES as readonly string[]).includes(principal.role);
}

function assertMayExport(scope: ReturnScope): void {
  if (scope !== 'all' && !mayExport(scope)) throw new ApiError(403, 'forbidden', 'Only an admin or a commissioner may export returns');
}

/** The scope an export covered, kept with it: every trust, or these scope strings. */
export interface StoredScope {
  all: boolean;
  scopes: string[];
}

export function storedScope(scope: ReturnScope): StoredScope {
  if (scope === 'all') return { all: true, scopes: [] };
  return { all: scope.scopes.length === 0 && scope.role === 'admin', scopes: [...scope.scopes].sort() };
}

/** Whether an export of this scope shows the row's trust (returns hold whole trusts, as `mayRead` at trust level). */
export function scopeCovers(scope: StoredScope, org: RowOrg): boolean {
  if (scope.all) return true;
  if (!org.trustCode) return false;
  return scope.scopes.includes(`trust:${org.trustCode}`) || (org.icbCode !== undefined && scope.scopes.includes(`icb:${org.icbCode}`));
}

/**
 * The units a scope may put on a return: whole trusts only, so a trust's row is all of it. A
 * commissioner scoped to trusts or ICBs gets those; an admin with no scopes gets every unit.
 */
export function unitsInScope(units: readonly Unit[], scope: ReturnScope): Unit[] {
  return scope === 'all' ? [...units] : units.filter((u) => mayRead(scope, 'trust', u));
}

export interface ReturnRequest {
  month: string;
  setting: ReturnSetting;
  scope: ReturnScope;
  /** Leave out answers the gaming guard flagged; defaults to the service's setting, as every figure does. */
  excludeFlagged?: boolean;
}

async function excludeFlaggedOf(store: Store, request: ReturnRequest): Promise<boolean> {
  return request.excludeFlagged ?? (await createSettings(store, systemClock).get()).excludeFlagged;
}

/**
 * Each unit with the setting it had at the end of `month` (now, for the month under way): a
 * return made again after an admin re-set a ward holds the figures it held when first sent.
 */
async function unitsAsIn(store: Store, units: readonly Unit[], month: string): Promise<Unit[]> {
  const inForce = new Map((await store.unitSettings({ fromMonth: month, toMonth: month })).map((s) => [s.unitCode, s.setting]));
  // A unit added since `units` was read has had its setting now all along.
  return units.map((u) => ({ ...u, setting: inForce.get(u.code) ?? u.setting }));
}

/**
 * What the pure return needs: every unit of the setting that month (suppression is decided over
 * all of them, so a commissioner's publishable file hides what everyone else's does), the trusts
 * the scope may see, the month's counts by unit × question × answer × mode, eligible counts.
 */
async function returnInput(store: Store, request: ReturnRequest): Promise<ReturnInput> {
  const definition = RETURN_DEFINITIONS[request.setting];
  const settings = new Set(definition.parts.flatMap((p) => p.settings));
  const all = await unitsAsIn(store, await store.listUnits(), request.month);
  const candidates = all.filter((u) => settings.has(u.setting));
  const candidateCodes = candidates.map((u) => u.code);
  const month = periodOf('month', `${request.month}-01`);
  const excludeFlagged = await excludeFlaggedOf(store, request);
  // Only the daily cells keep the mode; a month of them per unit is still a small read. Flagged
  // answers are read too, and left out of the figures here: they still show a unit had answers.
  const rows = candidateCodes.length
    ? await store.sumCounts({ unitCodes: candidateCodes, from: month.start, to: month.end, grain: 'day', byUnit: true, byMode: true, byFlagged: true })
    : [];
  const eligible = candidateCodes.length ? await store.eligibleCounts({ unitCodes: candidateCodes, fromMonth: request.month, toMonth: request.month }) : [];
  const withData = new Set([...rows.map((r) => r.unitCode!), ...eligible.map((e) => e.unitCode)]);
  // A unit added after the month was not there to count: a ward added in December left out of
  // November's return, its validation and its diff, unless answers or an eligible count were
  // loaded for it in November (back data), which count as ever.
  const inMonth = (u: Unit) => !u.addedMonth || u.addedMonth <= request.month || withData.has(u.code);
  const units = candidates.filter(inMonth);
  const present = all.filter(inMonth);
  const mine = new Set(unitsInScope(present, request.scope).map((u) => u.trustCode));
  const visibleTrusts = present.every((u) => mine.has(u.trustCode)) ? null : mine;
  const counts = new Map<string, ReturnInput['counts'][number]>();
  for (const row of rows) {
    if (excludeFlagged && row.flagged) continue;
    const key = `${row.unitCode}|${row.question}|${row.answer}|${row.mode}`;
    const cell = counts.get(key);
    if (cell) cell.count += row.count;
    else counts.set(key, { unitCode: row.unitCode!, question: row.question, answer: row.answer, mode: row.mode, count: row.count });
  }
  return { month: request.month, setting: request.setting, units, visibleTrusts, counts: [...counts.values()], eligible: eligible.map((e) => ({ unitCode: e.unitCode, count: e.count })) };
}

/**
 * The monthly return for a month and setting as this scope may see it, in the full or
 * publishable variant: what the page previews. Reads only; nothing is logged.
 */
export async function buildMonthlyReturn(store: Store, request: ReturnRequest & { variant: ReturnVariant }): Promise<MonthlyReturn> {
  assertMayExport(request.scope);
  return buildReturn(await returnInput(store, request), request.variant);
}

/** The export that validation compares against, and what changed since. */
export interface ExportComparison {
  export: Omit<ExportRecord, 'content'>;
  changes: RowChange[];
}

export interface MonthlyValidation {
  month: string;
  setting: ReturnSetting;
  findings: Finding[];
  /** Null when nothing covering these trusts has been exported for the month yet. */
  lastExport: ExportComparison | null;
}

const storedRow = z.object({
  key: z.string(),
  level: z.string(),
  label: z.string(),
  org: z.object({ icbCode: z.string().optional(), trustCode: z.string().optional(), siteCode: z.string().optional(), unitCode: z.string().optional() }),
  cells: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
const storedContent = z.object({
  scope: z.object({ all: z.boolean(), scopes: z.array(z.string()) }),
  sheets: z.array(z.object({ name: z.string(), columns: z.array(z.string()), rows: z.array(storedRow) })),
});

/** What goes in the export log: the rows as exported and whose they were. */
function contentOf(result: MonthlyReturn, scope: ReturnScope) {
  return {
    scope: storedScope(scope),
    question: result.question,
    sheets: result.sheets.map((s) => ({ name: s.name, level: s.level, columns: s.columns, rows: s.rows.map(({ key, level, label, org, cells }) => ({ key, level, label, org, cells })) })),
  };
}

/**
 * The checks before a return is sent, and the diff against the newest earlier export that
 * covered any of these trusts (by anyone: late responses matter whoever sent the month). Only
 * rows both this caller and that export could show are compared; the totals only when both
 * covered the same trusts.
 */
export async function validateMonthlyReturn(store: Store, request: ReturnRequest): Promise<MonthlyValidation> {
  assertMayExport(request.scope);
  const input = await returnInput(store, request);
  const findings = validateReturn(input).filter((f) => !input.visibleTrusts || input.units.some((u) => u.code === f.unitCode && input.visibleTrusts!.has(u.trustCode)));
  const mine = storedScope(request.scope);
  const current = { full: buildReturn(input, 'full'), publishable: null as MonthlyReturn | null };
  const rows = current.full.sheets.flatMap((s) => s.rows).filter((r) => r.level !== 'total');
  for (const record of await store.listExports({ month: request.month, setting: request.setting })) {
    const parsed = storedContent.safeParse(record.content);
    if (!parsed.success) continue;
    const theirs = parsed.data.scope;
    if (!rows.some((r) => scopeCovers(theirs, r.org))) continue;
    const sameTrusts = theirs.all === mine.all && theirs.scopes.join(' ') === mine.scopes.join(' ');
    const comparable = (row: Pick<ReturnRow, 'key' | 'org'>) => (row.key === 'total' ? sameTrusts : scopeCovers(mine, row.org) && scopeCovers(theirs, row.org));
    const now = record.variant === 'publishable' ? (current.publishable ??= buildReturn(input, 'publishable')) : current.full;
    const { content: _content, ...meta } = record;
    return { month: request.month, setting: request.setting, findings, lastExport: { export: meta, changes: diffReturns(parsed.data, now, comparable) } };
  }
  return { month: request.month, setting: request.setting, findings, lastExport: null };
}

/** The sheet a CSV holds (a CSV has one table): by name, any case; the return's first sheet by default. */
export function pickSheet(result: MonthlyReturn, name: string | undefined): ReturnSheet {
  if (name === undefined) return result.sheets[0]!;
  const sheet = result.sheets.find((s) => s.name.toLowerCase() === name.trim().toLowerCase());
  if (!sheet) {
    throw new ApiError(400, 'invalid_query', `No sheet ${isolate(name)} in the ${result.title} return`, [{ path: 'sheet', message: `one of: ${result.sheets.map((s) => s.name).join(', ')}` }]);
  }
  return sheet;
}

const PERCENT_COLUMNS = [COLUMN.positive, COLUMN.negative, COLUMN.responseRate];

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** `monthlyReturnCsv`'s and `monthlyReturnXlsx`'s rows: each sheet's cells in column order. */
export function sheetTable(sheet: ReturnSheet) {
  return { name: sheet.name, columns: sheet.columns, rows: sheet.rows.map((r) => sheet.columns.map((c) => r.cells[c] ?? null)), percentColumns: PERCENT_COLUMNS };
}

/** One sheet of a return as CSV. */
export function monthlyReturnCsv(result: MonthlyReturn, sheetName?: string): string {
  const { columns, rows } = sheetTable(pickSheet(result, sheetName));
  return toCsv(columns, rows);
}

/** Every sheet of a return as one XLSX workbook. */
export function monthlyReturnXlsx(result: MonthlyReturn, created?: Date): Promise<Uint8Array<ArrayBuffer>> {
  return toXlsx(result.sheets.map(sheetTable), { title: `${result.title} Friends and Family Test (FFT) Data - ${result.month}`, created });
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

export interface ExportedFile {
  filename: string;
  contentType: string;
  body: string | Uint8Array<ArrayBuffer>;
  /** The return as exported, and its id in the export log. */
  result: MonthlyReturn;
  exportId: string;
}

/**
 * Builds a return and writes it as a file (CSV: one sheet, XLSX and JSON: all) and writes the
 * audit entry, whoever asks (API, CLI or page). A CSV or XLSX file — what is sent on to NHS
 * England — is also kept in the export log, the baseline later changes are shown against; JSON
 * (a look at the figures) is not, so looking does not move that baseline.
 */
export async function exportMonthlyReturn(
  store: Store,
  clock: Clock,
  request: ReturnRequest & { variant: ReturnVariant; format: ExportFormat; actor: Principal | 'cli'; sheet?: string },
): Promise<ExportedFile> {
  const result = await buildMonthlyReturn(store, request);
  const sheet = request.format === 'csv' ? pickSheet(result, request.sheet) : null;
  const now = clock();
  const body =
    request.format === 'csv' ? monthlyReturnCsv(result, sheet!.name) : request.format === 'xlsx' ? await monthlyReturnXlsx(result, now) : JSON.stringify(result);
  const base = `fft-${request.setting}-${request.month}-${request.variant}`;
  const filename = `${sheet ? `${base}-${slug(sheet.name)}` : base}.${request.format}`;
  const exportId = newId();
  if (request.format !== 'json') await store.saveExport({
    id: exportId,
    month: request.month,
    setting: request.setting,
    variant: request.variant,
    format: request.format,
    actor: actorOf(request.actor),
    createdAt: now.toISOString(),
    content: contentOf(result, request.scope),
  });
  await audit(store, clock, request.actor, 'export.monthly', `${request.setting}/${request.month}`, {
    exportId, variant: request.variant, format: request.format, ...(sheet ? { sheet: sheet.name } : {}), scope: storedScope(request.scope),
  });
  return { filename, contentType: CONTENT_TYPES[request.format], body, result, exportId };
}

/** A month that has started (London): a return for a month still to come would be all zeros. */
export function assertMonthStarted(month: string, now: Date, path = 'month'): void {
  if (month > monthOf(now)) throw new ApiError(400, 'invalid_query', `${month} has not started yet`, [{ path, message: 'is in the future' }]);
}
