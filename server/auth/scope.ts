/**
 * Who may see or write what. Scopes are strings `unit:CODE`, `site:CODE`, `trust:CODE`,
 * `icb:CODE`; an admin or integration with no scopes is unrestricted, every other role with
 * no scopes sees nothing.
 */
import type { Role } from '../../analytics/fft.ts';
import type { Unit } from '../../db/store.ts';

export interface Principal {
  kind: 'token' | 'user';
  id: string;
  role: Role;
  scopes: string[];
}

export const SCOPE_KINDS = ['unit', 'site', 'trust', 'icb'] as const;

/**
 * The kinds a role's scopes are drawn from, at least one of them: a matron looks after wards (or a
 * site's), a commissioner's returns hold whole trusts. Used by the admin pages and `fft user add`.
 */
export const ROLE_SCOPE_KINDS: Partial<Record<Role, readonly (typeof SCOPE_KINDS)[number][]>> = { matron: ['unit', 'site'], commissioner: ['trust', 'icb'] };

export function unitInScope(principal: Principal, unit: Pick<Unit, 'code' | 'siteCode' | 'trustCode' | 'icbCode'>): boolean {
  if (principal.scopes.length === 0) return principal.role === 'admin' || principal.role === 'integration';
  return principal.scopes.some(
    (s) => s === `unit:${unit.code}` || s === `site:${unit.siteCode}` || s === `trust:${unit.trustCode}` || s === `icb:${unit.icbCode}`,
  );
}

/** Scope strings from CLI-style lists of codes. */
export function scopesFrom(lists: { unit?: string[]; site?: string[]; trust?: string[]; icb?: string[] }): string[] {
  return SCOPE_KINDS.flatMap((kind) => (lists[kind] ?? []).map((code) => `${kind}:${code}`));
}
