/**
 * The staff part of the store interface (see `store.ts`): implemented for SQLite in
 * `staff.sqlite.ts` and for PostgreSQL in `staff.pg.ts`; the contract suite runs on both.
 */
export interface StaffStore {}
