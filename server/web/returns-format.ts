/**
 * How the returns pages put a monthly return into words: month names, the cells of a sheet as
 * a commissioner reads them, why a cell is hidden, and the checks before sending in plain
 * English. Pure text; the pages decide where it goes.
 */
import type { Question } from '../../analytics/fft.ts';
import { COLUMN, NO_RESPONSES, SUPPRESSED, type Cell, type Finding, type FindingKind } from '../../analytics/returns.ts';
import { sharePercent } from '../../analytics/scores.ts';
import type { SuppressionReason } from '../../analytics/suppression.ts';
import { isolate } from '../bidi.ts';

const MONTH_LONG = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });
const MONTH_SHORT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short', year: 'numeric' });
const WHEN = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** 'November 2026' for '2026-11'. */
export const monthLong = (month: string) => MONTH_LONG.format(new Date(`${month}-01T12:00:00Z`));
/** 'Nov 2026' for '2026-11'. */
export const monthShort = (month: string) => MONTH_SHORT.format(new Date(`${month}-01T12:00:00Z`));

/** '22 November 2026 at 10:00' (London) for an ISO instant. */
export function whenLong(iso: string): string {
  const parts = Object.fromEntries(WHEN.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}`;
}

/** The shares the return holds (0–1), shown as percentages. */
export const PERCENT_COLUMNS: ReadonlySet<string> = new Set([COLUMN.positive, COLUMN.negative, COLUMN.responseRate]);

/** Text columns: codes and names, left-aligned; every other column is a figure. */
export const TEXT_COLUMNS: ReadonlySet<string> = new Set([
  COLUMN.icbCode, COLUMN.trustCode, COLUMN.trustName, COLUMN.siteCode, COLUMN.siteName, COLUMN.wardName, COLUMN.firstSpeciality, COLUMN.secondSpeciality,
]);

/** A share 0–1 as a percentage to one decimal place ('71.4%'); whole numbers without the '.0'. */
export function percentText(share: number): string {
  const p = sharePercent(share, 1);
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}

export function countText(n: number): string {
  return n.toLocaleString('en-GB');
}

/** What a screen reader hears after a `*`: why NHS England's cascade hides the cell (FFT.md §2). */
export const SUPPRESSION_TEXT: Record<SuppressionReason, string> = {
  primary: 'hidden: 1 to 4 responses, too few to publish',
  secondary: 'hidden so that a smaller number beside it cannot be worked out',
  parent: 'hidden because the row it belongs to is hidden',
};

export type ShownCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string; numeric: boolean }
  | { kind: 'suppressed'; reason: string }
  | { kind: 'no-responses' };

/** A cell of a sheet as the preview shows it. */
export function shownCell(column: string, value: Cell, reason: SuppressionReason | null): ShownCell {
  if (value === null) return { kind: 'empty' };
  if (value === SUPPRESSED) return { kind: 'suppressed', reason: SUPPRESSION_TEXT[reason ?? 'primary'] };
  if (value === NO_RESPONSES && !TEXT_COLUMNS.has(column)) return { kind: 'no-responses' };
  if (typeof value === 'number') return { kind: 'text', text: PERCENT_COLUMNS.has(column) ? percentText(value) : countText(value), numeric: true };
  return { kind: 'text', text: value, numeric: false };
}

/** A cell of the diff: '7', '71.4%', '*', '-' or 'blank'. */
export function diffCellText(column: string, value: Cell): string {
  if (value === null) return 'blank';
  if (typeof value === 'number') return PERCENT_COLUMNS.has(column) ? percentText(value) : countText(value);
  return value;
}

const QUESTION_NAMES: Record<string, string> = {
  'fft-2020': 'the 2020 FFT question',
  'fft-2013': 'the 2013 FFT question',
  'nps-0-10': 'the 0 to 10 scale',
};
/** 'the 2020 FFT question' for 'fft-2020'. */
export const questionName = (q: Question | string) => QUESTION_NAMES[q] ?? q;

/** The groups the checks are shown in, in order, with what each asks the reader to do. */
export const FINDING_GROUPS: { kinds: readonly FindingKind[]; title: string; advice: string }[] = [
  { kinds: ['no-responses'], title: 'No responses', advice: 'These units are on the return with no responses. Check they were open and collecting this month.' },
  { kinds: ['missing-eligible'], title: 'No eligible count', advice: 'Without an eligible count there is no response rate, and its site, trust and the totals row get no Total Eligible either. Ask the trust for its activity figures.' },
  { kinds: ['rate-over-100'], title: 'Response rate over 100%', advice: 'More responses than eligible patients: the eligible count is probably wrong.' },
  { kinds: ['question-mix', 'other-question'], title: 'Answers to another question version', advice: 'Only answers to the return’s question are counted.' },
  { kinds: ['mode-outside-setting'], title: 'Other things to check', advice: '' },
];

/** One check, in a sentence a commissioner can act on (the builder's own message where none is written here). */
export function findingText(finding: Finding, month: string): string {
  const when = monthLong(month);
  const d = finding.detail ?? {};
  const unit = isolate(finding.unitName);
  switch (finding.kind) {
    case 'no-responses':
      return `${unit} has no responses in ${when}.`;
    case 'missing-eligible':
      return `${unit} has no eligible count for ${when}, so it has no response rate.`;
    case 'rate-over-100': {
      const rate = typeof d.responseRate === 'number' ? ` (a response rate of ${percentText(d.responseRate)})` : '';
      return `${unit} has ${countText(Number(d.responses))} responses but only ${countText(Number(d.eligible))} eligible patients${rate}.`;
    }
    case 'question-mix':
    case 'other-question': {
      const versions = Object.entries((d.versions ?? {}) as Record<string, number>);
      const counted = String(d.counted ?? '');
      const list = versions.map(([q, n]) => `${countText(n)} to ${questionName(q)}`).join(' and ');
      const inReturn = versions.find(([q]) => q === counted)?.[1] ?? 0;
      const left = versions.filter(([q]) => q !== counted).reduce((s, [, n]) => s + n, 0);
      if (!versions.length) return builderText(finding);
      return finding.kind === 'question-mix'
        ? `${unit} has answers ${list}. Only the ${countText(inReturn)} to ${questionName(counted)} are in the return; ${countText(left)} ${left === 1 ? 'is' : 'are'} left out.`
        : `${unit} has only answers ${list}, which the return cannot count (it counts ${questionName(counted)}).`;
    }
    default: {
      const text = builderText(finding);
      return text.endsWith('.') ? text : `${text}.`;
    }
  }
}

/** The builder's own sentence (analytics/returns.ts), which begins with the unit's name: isolated here, as the builder is pure. */
function builderText(finding: Finding): string {
  const { message, unitName } = finding;
  return message.startsWith(unitName) ? `${isolate(unitName)}${message.slice(unitName.length)}` : message;
}

