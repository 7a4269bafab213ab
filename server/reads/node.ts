/**
 * A place in the organisation a figure is asked for — a unit, site, trust or ICB, optionally
 * narrowed to one setting — and the units under it that this principal may see. Anything the
 * principal may not see is "not found", never another unit's figures.
 */
import type { Setting } from '../../analytics/fft.ts';
import type { Store, Unit } from '../../db/store.ts';
import type { Principal } from '../auth/scope.ts';
import { isolate } from '../bidi.ts';
import { ApiError } from '../middleware/errors.ts';

export const LEVELS = ['unit', 'site', 'trust', 'icb'] as const;
export type Level = (typeof LEVELS)[number];

export interface OrgNode {
  level: Level;
  code: string;
  name: string;
  setting: Setting | null;
  units: Unit[];
}

const ABOVE: Record<Level, Level[]> = {
  unit: ['unit', 'site', 'trust', 'icb'],
  site: ['site', 'trust', 'icb'],
  trust: ['trust', 'icb'],
  icb: ['icb'],
};

function codeAt(unit: Unit, level: Level): string {
  return level === 'unit' ? unit.code : level === 'site' ? unit.siteCode : level === 'trust' ? unit.trustCode : unit.icbCode;
}

function nameAt(unit: Unit, level: Level): string {
  return level === 'unit' ? unit.name : level === 'site' ? unit.siteName : level === 'trust' ? unit.trustName : unit.icbName;
}

/** May this principal see the whole of the node that `unit` sits in at `level`? */
export function mayRead(principal: Principal, level: Level, unit: Unit): boolean {
  if (principal.role === 'kiosk') return false;
  if (principal.scopes.length === 0) return principal.role === 'admin' || principal.role === 'integration';
  return ABOVE[level].some((l) => principal.scopes.includes(`${l}:${codeAt(unit, l)}`));
}

export async function resolveNode(store: Store, principal: Principal, level: Level, code: string, setting: Setting | null = null): Promise<OrgNode> {
  const all = (await store.listUnits()).filter((u) => codeAt(u, level) === code);
  if (all.length === 0 || !mayRead(principal, level, all[0]!)) {
    throw new ApiError(404, 'not_found', `No ${level} ${isolate(code)} that you can see`, [{ path: 'code', message: 'not found' }]);
  }
  const units = setting ? all.filter((u) => u.setting === setting) : all;
  return { level, code, name: nameAt(all[0]!, level), setting, units };
}

/** The units a principal may see at all, for lists such as alerts. */
export async function visibleUnits(store: Store, principal: Principal): Promise<Unit[]> {
  return (await store.listUnits()).filter((u) => mayRead(principal, 'unit', u));
}
