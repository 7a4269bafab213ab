/**
 * A short-lived read cache for the look-ups every request makes: its token, its unit, the list
 * of units. Changes made through this store clear it at once; changes made by another
 * process (a second server, the CLI) are seen within `ttlMs`. Callers must not mutate what
 * it returns.
 */
import type { Store, TokenRecord, Unit } from './store.ts';

export const DEFAULT_CACHE_TTL_MS = 5000;

export function withReadCache(store: Store, options: { ttlMs?: number; now?: () => number } = {}): Store {
  const ttl = options.ttlMs ?? DEFAULT_CACHE_TTL_MS;
  const now = options.now ?? Date.now;
  const units = new Map<string, { at: number; value: Unit | undefined }>();
  const tokens = new Map<string, { at: number; value: TokenRecord | undefined }>();
  const unitLists = new Map<string, { at: number; value: Unit[] }>();

  async function cached<T>(map: Map<string, { at: number; value: T }>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = map.get(key);
    if (hit && now() - hit.at < ttl) return hit.value;
    const value = await load();
    // Bounded: a flood of made-up tokens must not grow memory without limit.
    if (map.size > 10_000) map.clear();
    map.set(key, { at: now(), value });
    return value;
  }

  /** A write that changes units: what was cached of them is dropped once it is done, or has failed. */
  async function changingUnits<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      units.clear();
      unitLists.clear();
    }
  }

  return {
    ...store,
    getUnit: (code) => cached(units, code, () => store.getUnit(code)),
    // Every read resolves its place in the organisation from this list: 500 units took ~4 ms to load.
    listUnits: () => cached(unitLists, 'all', () => store.listUnits()),
    findTokenByHash: (hash) => cached(tokens, hash, () => store.findTokenByHash(hash)),
    async upsertOrg(rows, month) {
      units.clear();
      unitLists.clear();
      return changingUnits(() => store.upsertOrg(rows, month));
    },
    setUnitThreshold: (code, threshold) => changingUnits(() => store.setUnitThreshold(code, threshold)),
    updateUnit: (code, patch, month) => changingUnits(() => store.updateUnit(code, patch, month)),
    // A unit carries its site's name.
    renameSite: (code, name) => changingUnits(() => store.renameSite(code, name)),
    async createToken(token) {
      tokens.delete(token.tokenHash);
      await store.createToken(token);
    },
    async revokeToken(id, at) {
      tokens.clear();
      try {
        return await store.revokeToken(id, at);
      } finally {
        tokens.clear();
      }
    },
  };
}
