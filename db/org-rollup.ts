/**
 * The monthly rollups of whole sites, trusts and ICBs (`rollup_org_monthly`) follow each unit's
 * current parents. Every response batch looks its units' parents up inside its own transaction
 * (no cache that another process's org import could leave stale), and an org import that moves
 * a unit, a site or a trust rebuilds the table from the units' monthly cells in the same
 * transaction, so a trust's month always equals the sum of its units' days. Same SQL on both
 * dialects.
 */
import type { UnitParents } from './rows.ts';

/** Every unit with its site, trust and ICB. */
export const UNIT_PARENTS_SQL =
  'SELECT u.code AS unit, u.site_code AS site, s.trust_code AS trust, t.icb_code AS icb FROM units u JOIN sites s ON s.code = u.site_code JOIN trusts t ON t.code = s.trust_code';

const levelSelect = (level: 'site' | 'trust' | 'icb', code: string, joins: string) =>
  `SELECT '${level}', ${code}, m.month, m.question, m.answer, m.flagged, SUM(m.count) FROM rollup_monthly m JOIN units u ON u.code = m.unit_code${joins}
   GROUP BY ${code}, m.month, m.question, m.answer, m.flagged`;

/** Statements, in order, that rebuild `rollup_org_monthly` from `rollup_monthly` and the current hierarchy. */
export const REBUILD_ORG_MONTHLY_SQL = [
  'DELETE FROM rollup_org_monthly',
  `INSERT INTO rollup_org_monthly (level, code, month, question, answer, flagged, count)
   ${levelSelect('site', 'u.site_code', '')}
   UNION ALL ${levelSelect('trust', 's.trust_code', ' JOIN sites s ON s.code = u.site_code')}
   UNION ALL ${levelSelect('icb', 't.icb_code', ' JOIN sites s ON s.code = u.site_code JOIN trusts t ON t.code = s.trust_code')}`,
];

export type ParentRow = { unit: string } & UnitParents;

export function parentMap(rows: readonly ParentRow[]): Map<string, UnitParents> {
  return new Map(rows.map((r) => [r.unit, { site: r.site, trust: r.trust, icb: r.icb }]));
}

/** The units that existed `before` and now have another site, trust or ICB (in the file or not: a moved site takes its units). */
export function movedUnits(before: ReadonlyMap<string, UnitParents>, after: ReadonlyMap<string, UnitParents>): string[] {
  const moved: string[] = [];
  for (const [unit, was] of before) {
    const now = after.get(unit);
    if (!now || now.site !== was.site || now.trust !== was.trust || now.icb !== was.icb) moved.push(unit);
  }
  return moved.sort();
}

/**
 * PostgreSQL only. A transaction that adds to (or takes from) `rollup_org_monthly` takes this
 * before it reads its units' parents, and a rebuild takes `LOCK_ORG_FOR_REBUILD_SQL` first: the
 * two conflict, so a batch either finishes before an import's rebuild (which then counts it
 * under the new parents) or reads the parents that import committed.
 */
export const LOCK_ORG_FOR_WRITE_SQL = 'LOCK TABLE rollup_org_monthly IN ROW EXCLUSIVE MODE';
export const LOCK_ORG_FOR_REBUILD_SQL = 'LOCK TABLE rollup_org_monthly IN EXCLUSIVE MODE';
