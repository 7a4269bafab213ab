/**
 * CSV as RFC 4180 describes it (UTF-8, CRLF after every record, a field quoted only when it holds
 * a comma, a quote or a line break), safe to open in a spreadsheet: a text cell that a
 * spreadsheet would read as a formula (starting =, +, -, @, tab or carriage return) is written
 * with a leading apostrophe, so a ward named "=HYPERLINK(…)" stays text (OWASP CSV injection).
 */
import type { Cell } from '../../analytics/returns.ts';

/** Byte-order mark: Excel reads a CSV as UTF-8 only when it starts with one. */
export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
// NHS England's own placeholders; a lone "-" or "*" is never read as a formula.
const PLACEHOLDERS = new Set(['-', '*']);

/** One field: numbers as they are, empty for null, text neutralised and quoted as needed. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to a CSV`);
    return String(value);
  }
  const text = FORMULA_START.test(value) && !PLACEHOLDERS.has(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV document: a header record, then one record per row. */
export function toCsv(columns: readonly string[], rows: readonly (readonly Cell[])[], options: { bom?: boolean } = {}): string {
  const records = [columns, ...rows].map((record) => record.map(csvField).join(','));
  return `${options.bom === false ? '' : BOM}${records.join('\r\n')}\r\n`;
}
