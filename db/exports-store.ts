/**
 * The monthly-return export log part of the store interface (see `store.ts`): implemented for
 * SQLite in `exports.sqlite.ts` and for PostgreSQL in `exports.pg.ts`; the contract suite runs on both.
 * Each download of a return is kept with its rows, so a later validation can show what late
 * responses changed in a month already sent.
 */

/** One export of a monthly return, as it was downloaded. */
export interface ExportRecord {
  id: string;
  /** 'YYYY-MM' */
  month: string;
  /** The return's setting (`inpatient`, `ae`, …). */
  setting: string;
  /** `full` or `publishable`. */
  variant: string;
  /** `csv`, `xlsx` or `json`. */
  format: string;
  /** Who exported it, as the audit log names them (`token:…`, `user:…`, `cli`). */
  actor: string;
  createdAt: string;
  /** The return as exported (any JSON value): stored as JSON text, given back parsed. */
  content: unknown;
}

export interface ExportQuery {
  month: string;
  setting: string;
  variant?: string;
}

export interface ExportsStore {
  saveExport(record: ExportRecord): Promise<void>;
  /** The newest export of this month and setting (and variant, if given). */
  lastExport(query: ExportQuery): Promise<ExportRecord | undefined>;
  /** Exports of this month and setting (and variant, if given), newest first. */
  listExports(query: ExportQuery & { limit?: number }): Promise<ExportRecord[]>;
}

/** Most exports one `listExports` call gives back. */
export const MAX_EXPORTS_LISTED = 100;

export function toExportRecord(row: Omit<ExportRecord, 'content'> & { content: string }): ExportRecord {
  return { ...row, content: JSON.parse(row.content) };
}
