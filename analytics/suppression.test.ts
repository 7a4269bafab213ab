import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cascadeSuppression, isDerivable, suppressBreakdown, type OrganisationRow } from './suppression.ts';

const byId = (rows: ReturnType<typeof cascadeSuppression>) => Object.fromEntries(rows.map((r) => [r.id, r]));

describe('cascadeSuppression', () => {
  it('suppresses rank 2 beside a primary rank 1, and leaves zeros alone', () => {
    // wards of one site: A 3, B 12, C 40, D 0 → ranks A 1, B 2, C 3, D 0 (unranked)
    const result = byId(
      cascadeSuppression([
        { id: 'S', parentId: null, level: 'site', responses: 55 },
        { id: 'A', parentId: 'S', level: 'ward', responses: 3 },
        { id: 'B', parentId: 'S', level: 'ward', responses: 12 },
        { id: 'C', parentId: 'S', level: 'ward', responses: 40 },
        { id: 'D', parentId: 'S', level: 'ward', responses: 0 },
      ]),
    );
    expect(result.A).toEqual({ id: 'A', rank: 1, suppressed: true, reason: 'primary' });
    expect(result.B).toEqual({ id: 'B', rank: 2, suppressed: true, reason: 'secondary' });
    expect(result.C).toEqual({ id: 'C', rank: 3, suppressed: false, reason: null });
    expect(result.D).toEqual({ id: 'D', rank: 0, suppressed: false, reason: null });
    expect(result.S.suppressed).toBe(false);
  });

  it('dense-ranks equal responses together when there is no tie-break', () => {
    // 2, 2, 10 → ranks 1, 1, 2: both 2s are primary, and the 10 goes as rank 2
    const result = cascadeSuppression([
      { id: 'X', parentId: null, level: 0, responses: 2 },
      { id: 'Y', parentId: null, level: 0, responses: 2 },
      { id: 'Z', parentId: null, level: 0, responses: 10 },
    ]);
    expect(result.map((r) => [r.rank, r.reason])).toEqual([[1, 'primary'], [1, 'primary'], [2, 'secondary']]);
  });

  it('breaks ties by specialty, then ward name', () => {
    // two wards of 6 behind a primary ward: specialty '100' sorts before '300', so F is rank 2
    const result = byId(
      cascadeSuppression([
        { id: 'S', parentId: null, level: 'site', responses: 14 },
        { id: 'H', parentId: 'S', level: 'ward', responses: 2, tieBreak: ['500', 'H'] },
        { id: 'E', parentId: 'S', level: 'ward', responses: 6, tieBreak: ['300', 'E'] },
        { id: 'F', parentId: 'S', level: 'ward', responses: 6, tieBreak: ['100', 'F'] },
      ]),
    );
    expect([result.H.rank, result.F.rank, result.E.rank]).toEqual([1, 2, 3]);
    expect(result.F.reason).toBe('secondary');
    expect(result.E.suppressed).toBe(false);
  });

  it('cascades from a suppressed parent to its rank-1 and rank-2 children, top-down', () => {
    // ICB I1 = 91: trusts T1 87 and T2 4 → T2 primary (rank 1), T1 secondary (rank 2).
    // T1 is suppressed, so its sites S2 32 (rank 1) and S1 55 (rank 2) are suppressed as 'parent'.
    // Under S1: A 3 primary, B 12 secondary (secondary outranks parent), C 40 rank 3 shown.
    // Under S2: F 6 (rank 1) and E 6 (rank 2, by tie-break) suppressed as 'parent'; G 20 shown.
    // ICB I2 = 200 and I1 = 91 are ranked together at the top; neither is small.
    const rows: OrganisationRow[] = [
      { id: 'I1', parentId: null, level: 'icb', responses: 91 },
      { id: 'I2', parentId: null, level: 'icb', responses: 200 },
      { id: 'T1', parentId: 'I1', level: 'trust', responses: 87 },
      { id: 'T2', parentId: 'I1', level: 'trust', responses: 4 },
      { id: 'S1', parentId: 'T1', level: 'site', responses: 55 },
      { id: 'S2', parentId: 'T1', level: 'site', responses: 32 },
      { id: 'S3', parentId: 'T2', level: 'site', responses: 4 },
      { id: 'A', parentId: 'S1', level: 'ward', responses: 3 },
      { id: 'B', parentId: 'S1', level: 'ward', responses: 12 },
      { id: 'C', parentId: 'S1', level: 'ward', responses: 40 },
      { id: 'E', parentId: 'S2', level: 'ward', responses: 6, tieBreak: ['300', 'E'] },
      { id: 'F', parentId: 'S2', level: 'ward', responses: 6, tieBreak: ['100', 'F'] },
      { id: 'G', parentId: 'S2', level: 'ward', responses: 20 },
      { id: 'W', parentId: 'S3', level: 'ward', responses: 4 },
    ];
    const reasons = Object.fromEntries(cascadeSuppression(rows).map((r) => [r.id, r.reason]));
    expect(reasons).toEqual({
      I1: null, I2: null,
      T1: 'secondary', T2: 'primary',
      S1: 'parent', S2: 'parent', S3: 'primary',
      A: 'primary', B: 'secondary', C: null,
      E: 'parent', F: 'parent', G: null,
      W: 'primary',
    });
  });

  it('returns rows in input order and rejects broken trees', () => {
    expect(cascadeSuppression([]).length).toBe(0);
    expect(() => cascadeSuppression([{ id: 'A', parentId: 'nope', level: 'ward', responses: 1 }])).toThrow(/not in the rows/);
    expect(() =>
      cascadeSuppression([
        { id: 'A', parentId: null, level: 'site', responses: 1 },
        { id: 'B', parentId: 'A', level: 'trust', responses: 1 },
      ]),
    ).toThrow(/not below/);
    expect(() =>
      cascadeSuppression([
        { id: 'A', parentId: null, level: 'site', responses: 1 },
        { id: 'A', parentId: null, level: 'site', responses: 2 },
      ]),
    ).toThrow(/duplicate/);
  });

  it('never leaves exactly one suppressed child under a parent whose counts are shown', () => {
    // Random ICB → trust → site → ward trees whose totals add up, as in the monthly return.
    const responses = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 }));
    const ward = fc.record({ responses, specialty: fc.constantFrom('100', '300', '420'), name: fc.constantFrom('A', 'B', 'C') });
    const site = fc.array(ward, { minLength: 1, maxLength: 4 });
    const trust = fc.array(site, { minLength: 1, maxLength: 3 });
    const icb = fc.array(trust, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(icb, { minLength: 1, maxLength: 3 }), fc.boolean(), (icbs, useTieBreak) => {
        const rows: OrganisationRow[] = [];
        // Adds a row and its subtree; a parent's responses are the sum of its children's.
        const add = (id: string, parentId: string | null, depth: number, node: unknown): number => {
          const row: OrganisationRow = { id, parentId, level: depth, responses: 0 };
          rows.push(row);
          if (Array.isArray(node)) {
            row.responses = node.reduce((sum: number, child, k) => sum + add(`${id}.${k}`, id, depth + 1, child), 0);
          } else {
            const ward = node as { responses: number; specialty: string; name: string };
            row.responses = ward.responses;
            if (useTieBreak) row.tieBreak = [ward.specialty, ward.name];
          }
          return row.responses;
        };
        icbs.forEach((trusts, i) => add(`I${i}`, null, 0, trusts));

        const result = byId(cascadeSuppression(rows));
        // The top level's own total counts as a parent too, unless it is a small number itself.
        const grandTotal = rows.filter((r) => r.parentId === null).reduce((sum, r) => sum + r.responses, 0);
        const parents: (string | null)[] = [...(grandTotal >= 5 ? [null] : []), ...rows.map((r) => r.id)];
        for (const parent of parents) {
          if (parent !== null && result[parent].suppressed) continue;
          const hidden = rows.filter((r) => r.parentId === parent && result[r.id].suppressed);
          expect(hidden.length).not.toBe(1);
        }
        for (const row of rows) {
          if (row.responses >= 1 && row.responses <= 4) expect(result[row.id].reason).toBe('primary');
          if (row.responses === 0) expect(result[row.id].suppressed).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('suppressBreakdown', () => {
  it('suppresses 1–4 and, when only one group is hidden, the next-smallest too', () => {
    // A 3 is primary; alone it would be 38 − 10 − 25 = 3, so B (10, smallest shown) goes too
    const result = suppressBreakdown(
      [
        { key: 'A', responses: 3 },
        { key: 'C', responses: 25 },
        { key: 'B', responses: 10 },
        { key: 'Z', responses: 0 },
      ],
      38,
    );
    expect(result.groups).toEqual([
      { key: 'A', responses: null, suppressed: true, reason: 'primary' },
      { key: 'C', responses: 25, suppressed: false, reason: null },
      { key: 'B', responses: null, suppressed: true, reason: 'secondary' },
      { key: 'Z', responses: 0, suppressed: false, reason: null },
    ]);
    expect(result.totalSuppressed).toBe(false);
  });

  it('needs nothing more when two small groups hide each other', () => {
    // hidden 2 + 3 = 5 over two cells: either could be 1–4, so neither is recoverable
    const result = suppressBreakdown([{ key: 'A', responses: 2 }, { key: 'B', responses: 3 }, { key: 'C', responses: 25 }], 30);
    expect(result.groups.map((g) => g.reason)).toEqual(['primary', 'primary', null]);
  });

  it('suppresses one more when every hidden group must be 1', () => {
    // hidden 1 + 1 = 2 over two cells, each ≥ 1: both must be 1, so C is hidden as well
    const result = suppressBreakdown([{ key: 'A', responses: 1 }, { key: 'B', responses: 1 }, { key: 'C', responses: 25 }], 27);
    expect(result.groups.map((g) => g.reason)).toEqual(['primary', 'primary', 'secondary']);
    expect(result.totalSuppressed).toBe(false);
  });

  it('hides another group when a primary (1–4) and a secondary (5 or more) hiding 6 between them give each other away', () => {
    // female 1 (primary) and male 5 (secondary): 14 − 8 = 6, and 1–4 plus at least 5 leaves only 1 + 5
    const result = suppressBreakdown([{ key: 'female', responses: 1 }, { key: 'male', responses: 5 }, { key: 'not-stated', responses: 8 }], 14);
    expect(result.groups.map((g) => g.reason)).toEqual(['primary', 'secondary', 'secondary']);
    expect(result.totalSuppressed).toBe(false);
  });

  it('hides another group when two primaries must both be 4', () => {
    // each primary hides 1–4, so a hidden 8 between two of them can only be 4 + 4
    const result = suppressBreakdown([{ key: 'A', responses: 4 }, { key: 'B', responses: 4 }, { key: 'C', responses: 20 }], 28);
    expect(result.groups.map((g) => g.reason)).toEqual(['primary', 'primary', 'secondary']);
  });

  it('counts a secondary as no larger than the smallest group still shown', () => {
    // A 4 (1–4) and B 5 (secondary, at most C's 5) hide 9: only 4 + 5 fits, so C goes too
    const result = suppressBreakdown([{ key: 'A', responses: 4 }, { key: 'B', responses: 5 }, { key: 'C', responses: 5 }], 14);
    expect(result.groups.map((g) => g.reason)).toEqual(['primary', 'secondary', 'secondary']);
  });

  it('asks for the total to be hidden when nothing else can protect a small group', () => {
    // a 3 beside zeros: 10 − 0 − remainder would reveal it whatever we hide among the groups
    expect(suppressBreakdown([{ key: 'A', responses: 3 }, { key: 'B', responses: 0 }], 10).totalSuppressed).toBe(true);
    // a total of 1–4 is a small number in its own right
    expect(suppressBreakdown([{ key: 'A', responses: 2 }, { key: 'B', responses: 2 }], 4).totalSuppressed).toBe(true);
    expect(suppressBreakdown([], 0)).toEqual({ groups: [], totalSuppressed: false });
  });

  it('rejects a total smaller than its groups', () => {
    expect(() => suppressBreakdown([{ key: 'A', responses: 6 }], 5)).toThrow(RangeError);
  });

  it('never lets the total and the shown groups recover a hidden group exactly', () => {
    const group = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 15 }));
    fc.assert(
      fc.property(fc.array(group, { maxLength: 7 }), fc.integer({ min: 0, max: 5 }), (values, remainder) => {
        const groups = values.map((responses, i) => ({ key: `g${i}`, responses }));
        const total = values.reduce((a, b) => a + b, 0) + remainder;
        const result = suppressBreakdown(groups, total);

        values.forEach((v, i) => {
          if (v >= 1 && v <= 4) expect(result.groups[i].reason).toBe('primary');
        });
        if (result.totalSuppressed) return;

        // The reader's view: total, remainder (assumed known), the shown groups, and each *'s
        // reason: a primary hides 1–4, a secondary at least 5 and no more than the smallest
        // group still shown (the rule takes the smallest first).
        const shown = result.groups.filter((g) => !g.suppressed && g.responses! > 0).map((g) => g.responses!);
        const ceiling = shown.length ? Math.min(...shown) : Infinity;
        const hiddenSum = total - remainder - result.groups.reduce((sum, g) => sum + (g.responses ?? 0), 0);
        const bounds = result.groups.filter((g) => g.suppressed).map((g): [number, number] => (g.reason === 'primary' ? [1, 4] : [5, ceiling]));
        bounds.forEach((_, i) => expect(possibleValues(hiddenSum, bounds, i).size).toBeGreaterThan(1));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('isDerivable', () => {
  const cell = (value: number, min = 1, max = Infinity) => ({ value, min, max });
  it('is true when the hidden sum and the bounds leave some cell a single value', () => {
    expect(isDerivable([])).toBe(false);
    expect(isDerivable([cell(7)])).toBe(true);
    expect(isDerivable([cell(1), cell(1), cell(1)])).toBe(true);
    expect(isDerivable([cell(1), cell(2)])).toBe(false);
    // a primary (1–4) beside a secondary (5 or more): 6 can only be 1 + 5, 7 could be 1 + 6 or 2 + 5
    expect(isDerivable([cell(1, 1, 4), cell(5, 5)])).toBe(true);
    expect(isDerivable([cell(2, 1, 4), cell(5, 5)])).toBe(false);
    expect(isDerivable([cell(4, 1, 4), cell(4, 1, 4)])).toBe(true);
    expect(isDerivable([cell(3, 1, 4), cell(4, 1, 4)])).toBe(false);
  });
});

/**
 * Brute force: the values hidden cell `which` can take when the hidden cells, each within its
 * [least, most], add up to `sum` (reachable holds the sums the other cells can make).
 */
function possibleValues(sum: number, bounds: readonly [number, number][], which: number): Set<number> {
  let reachable = new Set([0]);
  bounds.forEach(([least, most], j) => {
    if (j === which) return;
    const next = new Set<number>();
    for (const s of reachable) for (let v = least; v <= most && s + v <= sum; v++) next.add(s + v);
    reachable = next;
  });
  const [least, most] = bounds[which];
  const values = new Set<number>();
  for (let v = least; v <= Math.min(most, sum); v++) if (reachable.has(sum - v)) values.add(v);
  return values;
}
