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

/**
 * How scopes of these kinds fail to fit the role, or null where they fit: an admin has none (she
 * sees everything, and scopes would not limit her admin pages, where she could make herself an
 * unscoped token); a matron's are units or sites and a commissioner's trusts or ICBs, at least
 * one. An integration's may be anything. `fft user add`, `fft token create` and the admin pages say
 * it each in their own words.
 */
export function roleScopeMisfit(role: Role, kinds: readonly string[]): { fits: readonly string[]; misfit: string[]; missing: boolean } | null {
  const fits: readonly string[] | undefined = role === 'admin' ? [] : ROLE_SCOPE_KINDS[role];
  if (!fits) return null;
  const misfit = kinds.filter((k) => !fits.includes(k));
  const missing = kinds.length === 0 && fits.length > 0;
  return misfit.length || missing ? { fits, misfit, missing } : null;
}

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
