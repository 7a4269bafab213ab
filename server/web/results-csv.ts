/**
 * The open-data CSV of a trust's month: the trust total, then each site and its units, with
 * NHS England's count columns (FFT.md §5) and every withheld figure shown as `*`.
 * Written as the monthly return's CSV is (`toCsv`): RFC 4180, UTF-8 with a byte-order mark so
 * Excel reads "Côté" or an Urdu name as written, formula-looking names neutralised.
 */
import { toCsv } from '../exports/csv.ts';
import type { Question } from '../../analytics/fft.ts';
import type { Figure, TrustResult } from './results-figures.ts';

export const CSV_COLUMNS = [
  'Month', 'Level', 'Trust Code', 'Trust Name', 'Site Code', 'Site Name', 'Unit Code', 'Unit Name', 'Setting', 'Question',
  'Total Responses', 'Percentage Positive', 'Percentage Negative',
  'Very Good', 'Good', 'Neither Good nor Poor', 'Poor', 'Very Poor', "Don't Know",
] as const;

/** FFT.md §2: a withheld cell. */
export const SUPPRESSED = '*';
/** FFT.md §2: a percentage of no responses. */
export const NO_RESPONSES = '-';

/** The answer codes behind NHS England's six count columns; fft-2013 uses the same codes by position. */
const SIX_POINT: Record<Question, boolean> = { 'fft-2020': true, 'fft-2013': true, 'nps-0-10': false };

function figureCells(figure: Figure): string[] {
  const six = SIX_POINT[figure.question];
  if (figure.kind === 'suppressed') return [SUPPRESSED, SUPPRESSED, SUPPRESSED, ...[1, 2, 3, 4, 5, 6].map(() => (six ? SUPPRESSED : ''))];
  if (figure.kind === 'none') return ['0', NO_RESPONSES, NO_RESPONSES, ...[1, 2, 3, 4, 5, 6].map(() => (six ? '0' : ''))];
  // nps-0-10 has eleven answers and no column for them: its counts are left empty.
  return [
    String(figure.responses),
    String(figure.positivePercent),
    String(figure.negativePercent),
    ...[1, 2, 3, 4, 5, 6].map((code) => (six ? String(figure.counts[code] ?? 0) : '')),
  ];
}

/**
 * The CSV for a month. Units listed are the active ones and any that had answers that month
 * (a ward closed since still belongs in its month's file); their answers are in the totals either way.
 */
export function resultsCsv(result: TrustResult): string {
  const rows: string[][] = [];
  const trustPlace = [result.code, result.name];
  rows.push([result.month, 'Trust', ...trustPlace, '', '', '', '', '', result.figure.question, ...figureCells(result.figure)]);
  for (const site of result.sites) {
    const units = site.units.filter((u) => u.unit.active || u.figure.kind !== 'none');
    if (units.length === 0) continue;
    rows.push([result.month, 'Site', ...trustPlace, site.code, site.name, '', '', '', site.figure.question, ...figureCells(site.figure)]);
    for (const { unit, figure } of units) {
      rows.push([result.month, 'Unit', ...trustPlace, site.code, site.name, unit.code, unit.name, unit.setting, figure.question, ...figureCells(figure)]);
    }
  }
  return toCsv(CSV_COLUMNS, rows);
}
