/**
 * The sms part of the store interface (see `store.ts`): implemented for SQLite in
 * `sms.sqlite.ts` and for PostgreSQL in `sms.pg.ts`; the contract suite runs on both.
 */
export interface SmsStore {}
