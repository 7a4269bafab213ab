/**
 * Small-number suppression so that no published cell reveals a handful of patients
 * (shared/reference/FFT.md §2, §9): NHS England's organisation-tree cascade for the monthly
 * return, and a generic rule for equality breakdowns. Pure decisions; callers blank the cells.
 */
import { isSuppressed, SUPPRESSION_THRESHOLD } from './scores.ts';

export type SuppressionReason = 'primary' | 'secondary' | 'parent';

export const LEVELS = ['icb', 'trust', 'site', 'ward'] as const;
export type Level = (typeof LEVELS)[number];

/** One row of the ICB → trust → site → ward tree for one period. */
export interface OrganisationRow {
  id: string;
  parentId: string | null;
  /** A named level or a numeric depth (0 = top); a child must sit deeper than its parent. */
  level: Level | number;
  responses: number;
  /** Ordering among siblings with equal responses; for wards: first specialty, second specialty, ward name. */
  tieBreak?: readonly string[];
}

export interface OrganisationSuppression {
  id: string;
  /** Dense rank among siblings by responses ascending (1 = fewest); 0 for rows with no responses. */
  rank: number;
  suppressed: boolean;
  /**
   * Why: 'primary' (1–4 responses), 'secondary' (rank 2 beside a primary rank 1), 'parent'
   * (rank 1 or 2 under a suppressed parent). NHS England blanks the six counts for every
   * suppressed row but blanks percentages only for 'primary' rows.
   */
  reason: SuppressionReason | null;
}

/**
 * NHS England's suppression cascade (nhsengland/fft_pipeline `src/fft/suppression.py`), read as:
 *
 * 1. Primary: a row with 0 < responses < 5 is suppressed.
 * 2. Rank: within each parent (top-level rows together, as the pipeline ranks ICBs nationally),
 *    children with responses > 0 are dense-ranked by responses ascending, then by `tieBreak`
 *    (VBA orders equal wards by first specialty, second specialty, ward name; only rows equal on
 *    every key share a rank). Rows with no responses get rank 0 and are never ranked-suppressed.
 * 3. Secondary: if a rank-1 child is primary-suppressed, every rank-2 child is suppressed too,
 *    so the parent total minus the visible siblings cannot give the small count.
 * 4. Parent: if the parent is suppressed for any reason, its rank-1 and rank-2 children are
 *    suppressed. Applied top-down, so suppression cascades ICB → trust → site → ward.
 *
 * Consequence worth knowing: under a visible parent the suppressed children are never exactly
 * one (a primary row is always rank 1, so rank 2 joins it; a lone child equals its parent, so
 * the parent is suppressed too). The sum over the top-level rows is not a row here: publish it
 * only when it is 5 or more. With a tie-break, though, two
 * wards of 1 response each can be ranks 1 and 2 and leave a larger rank 3 visible; NHS England
 * accepts that and so do we, to publish the same cells it does.
 */
export function cascadeSuppression(rows: readonly OrganisationRow[]): OrganisationSuppression[] {
  const byId = new Map<string, OrganisationRow>();
  for (const row of rows) {
    if (byId.has(row.id)) throw new RangeError(`duplicate organisation id ${row.id}`);
    if (!Number.isInteger(row.responses) || row.responses < 0) {
      throw new RangeError(`responses for ${row.id} must be a non-negative integer, got ${row.responses}`);
    }
    byId.set(row.id, row);
  }
  const children = new Map<string | null, OrganisationRow[]>();
  for (const row of rows) {
    if (row.parentId !== null) {
      const parent = byId.get(row.parentId);
      if (!parent) throw new RangeError(`parent ${row.parentId} of ${row.id} is not in the rows`);
      // Strictly deeper children also rule out cycles.
      if (depth(row.level) <= depth(parent.level)) throw new RangeError(`${row.id} is not below its parent ${parent.id}`);
    }
    const siblings = children.get(row.parentId);
    if (siblings) siblings.push(row);
    else children.set(row.parentId, [row]);
  }

  const decided = new Map<string, OrganisationSuppression>();
  const visit = (siblings: readonly OrganisationRow[], parentSuppressed: boolean): void => {
    const ranks = denseRanks(siblings);
    const rankOnePrimary = siblings.some((row) => ranks.get(row.id) === 1 && isSuppressed(row.responses));
    for (const row of siblings) {
      const rank = ranks.get(row.id) ?? 0;
      const reason: SuppressionReason | null = isSuppressed(row.responses)
        ? 'primary'
        : rank === 2 && rankOnePrimary
          ? 'secondary'
          : parentSuppressed && (rank === 1 || rank === 2)
            ? 'parent'
            : null;
      decided.set(row.id, { id: row.id, rank, suppressed: reason !== null, reason });
      visit(children.get(row.id) ?? [], reason !== null);
    }
  };
  visit(children.get(null) ?? [], false);
  return rows.map((row) => decided.get(row.id)!);
}

/** One group of an equality breakdown (e.g. ethnic category 'H', or age band '25-34'). */
export interface BreakdownGroup {
  key: string;
  responses: number;
}

export interface BreakdownCell {
  key: string;
  /** The count to publish, or null where it must be shown as `*`. */
  responses: number | null;
  suppressed: boolean;
  reason: 'primary' | 'secondary' | null;
}

/**
 * Suppression for an equality breakdown (FFT.md §9) whose groups add up to at most `total`.
 * Primary: groups with 1–4 responses. Secondary: a reader knows the total, every visible group,
 * and (we publish each cell's reason) that a primary `*` hides 1–4 and a secondary one at least 5
 * and at most the smallest group still shown (secondaries are taken smallest first). While those
 * bounds and the hidden sum leave some `*` a single possible value, we also suppress the smallest
 * visible non-zero group (earliest listed on ties). Zeros stay visible, as in NHS England's
 * returns. Any remainder (total minus the groups, e.g. people who skipped the question) is
 * treated as known, the cautious reading. `totalSuppressed` says the total itself must be hidden:
 * it has 1–4 responses, or no group was left to protect the suppressed ones.
 */
export function suppressBreakdown(
  groups: readonly BreakdownGroup[],
  total: number,
): { groups: BreakdownCell[]; totalSuppressed: boolean } {
  for (const group of groups) {
    if (!Number.isInteger(group.responses) || group.responses < 0) {
      throw new RangeError(`responses for ${group.key} must be a non-negative integer, got ${group.responses}`);
    }
  }
  const groupSum = groups.reduce((sum, group) => sum + group.responses, 0);
  if (!Number.isInteger(total) || total < groupSum) {
    throw new RangeError(`total (${total}) must be an integer no smaller than the groups' sum (${groupSum})`);
  }

  const reasons = groups.map((group): BreakdownCell['reason'] => (isSuppressed(group.responses) ? 'primary' : null));
  let unprotected = false;
  while (isDerivable(hiddenCells(groups, reasons))) {
    const next = smallestVisibleNonZero(groups, reasons);
    if (next === -1) {
      unprotected = true;
      break;
    }
    reasons[next] = 'secondary';
  }

  return {
    groups: groups.map((group, i) => ({
      key: group.key,
      responses: reasons[i] === null ? group.responses : null,
      suppressed: reasons[i] !== null,
      reason: reasons[i],
    })),
    totalSuppressed: isSuppressed(total) || unprotected,
  };
}

/** A suppressed cell: its true value, and the least and most a reader can tell it holds. */
export interface HiddenCell {
  value: number;
  min: number;
  max: number;
}

/**
 * Whether a reader who knows the hidden cells' sum and each one's bounds can recover a cell
 * exactly: it is pinned when the others' bounds leave it a single value. Without bounds beyond
 * "at least 1" that is one hidden cell, or several that must all be 1; with a primary (1–4)
 * beside a secondary (5 or more) hiding 6 between them, the primary must be 1.
 */
export function isDerivable(hidden: readonly HiddenCell[]): boolean {
  const sum = hidden.reduce((total, cell) => total + cell.value, 0);
  return hidden.some((cell, i) => {
    let othersMin = 0;
    let othersMax = 0;
    hidden.forEach((other, j) => {
      if (j !== i) [othersMin, othersMax] = [othersMin + other.min, othersMax + other.max];
    });
    return Math.max(cell.min, sum - othersMax) === Math.min(cell.max, sum - othersMin);
  });
}

/** The suppressed groups with what their reasons tell a reader (see `suppressBreakdown`). */
function hiddenCells(groups: readonly BreakdownGroup[], reasons: readonly BreakdownCell['reason'][]): HiddenCell[] {
  const shown = groups.filter((group, i) => reasons[i] === null && group.responses > 0).map((group) => group.responses);
  const smallestShown = shown.length ? Math.min(...shown) : Infinity;
  return groups.flatMap((group, i) =>
    reasons[i] === 'primary'
      ? [{ value: group.responses, min: 1, max: SUPPRESSION_THRESHOLD - 1 }]
      : reasons[i] === 'secondary'
        ? [{ value: group.responses, min: SUPPRESSION_THRESHOLD, max: smallestShown }]
        : [],
  );
}

function smallestVisibleNonZero(groups: readonly BreakdownGroup[], reasons: readonly (string | null)[]): number {
  let best = -1;
  groups.forEach((group, i) => {
    if (reasons[i] === null && group.responses > 0 && (best === -1 || group.responses < groups[best].responses)) best = i;
  });
  return best;
}

function depth(level: Level | number): number {
  if (typeof level === 'number') {
    if (!Number.isInteger(level) || level < 0) throw new RangeError(`level depth must be a non-negative integer, got ${level}`);
    return level;
  }
  const index = LEVELS.indexOf(level);
  if (index === -1) throw new RangeError(`unknown level ${String(level)}`);
  return index;
}

function denseRanks(siblings: readonly OrganisationRow[]): Map<string, number> {
  const ranked = siblings.filter((row) => row.responses > 0).sort(compareForRank);
  const ranks = new Map<string, number>();
  let rank = 0;
  ranked.forEach((row, i) => {
    if (i === 0 || compareForRank(ranked[i - 1], row) !== 0) rank += 1;
    ranks.set(row.id, rank);
  });
  return ranks;
}

function compareForRank(a: OrganisationRow, b: OrganisationRow): number {
  if (a.responses !== b.responses) return a.responses - b.responses;
  const aKeys = a.tieBreak ?? [];
  const bKeys = b.tieBreak ?? [];
  for (let i = 0; i < Math.max(aKeys.length, bKeys.length); i++) {
    // Code-unit order, not locale order, so every server ranks the same way.
    const x = aKeys[i] ?? '';
    const y = bKeys[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
