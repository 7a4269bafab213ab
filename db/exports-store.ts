/**
 * The monthly-return export log part of the store interface (see `store.ts`): implemented for
 * SQLite in `exports.sqlite.ts` and for PostgreSQL in `exports.pg.ts`; the contract suite runs on both.
 */
export interface ExportsStore {}
