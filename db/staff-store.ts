/**
 * The staff-app part of the store interface (see `store.ts`): sessions, user administration
 * and taking back a keyed-in response. Implemented for SQLite in `staff.sqlite.ts` and for
 * PostgreSQL in `staff.pg.ts`; the contract suite runs on both.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { StoredResponse, UserRecord } from './store.ts';
import type { UnitParents } from './rows.ts';

export interface SessionRecord {
  /** SHA-256 of the cookie value: the cookie itself is never stored. */
  idHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export type UserPatch = Partial<Pick<UserRecord, 'role' | 'scopes' | 'active' | 'passwordHash' | 'failedSignIns' | 'lockedUntil'>>;

export interface StaffStore {
  createSession(session: SessionRecord): Promise<void>;
  /** The session and its user, if the session exists (expiry is the caller's check). */
  findSession(idHash: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined>;
  touchSession(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Signs a user out everywhere (deactivated, password or role changed). */
  deleteUserSessions(userId: string): Promise<number>;

  getUser(id: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  updateUser(id: string, patch: UserPatch): Promise<boolean>;

  /**
   * Takes a stored response back (undo of a keyed-in paper card): the response, its comment
   * analysis and its share of every rollup go in one transaction. False if it was not stored.
   */
  deleteResponse(id: string): Promise<StoredResponse | undefined>;
}

/** The statements that take one response back out of every rollup table (both dialects). */
export function rollupDecrements(r: StoredResponse, parents: UnitParents | undefined, dialect: 'sqlite' | 'postgres'): SQL[] {
  const month = r.answeredDay.slice(0, 7);
  // better-sqlite3 binds no booleans.
  const flagged = dialect === 'sqlite' ? Number(r.flagged) : r.flagged;
  const out: SQL[] = [
    sql`UPDATE rollup_daily SET count = count - 1 WHERE unit_code = ${r.unitCode} AND day = ${r.answeredDay} AND question = ${r.question} AND answer = ${r.answer} AND mode = ${r.mode} AND flagged = ${flagged}`,
    sql`DELETE FROM rollup_daily WHERE unit_code = ${r.unitCode} AND day = ${r.answeredDay} AND count <= 0`,
    sql`UPDATE rollup_answers_daily SET count = count - 1 WHERE unit_code = ${r.unitCode} AND day = ${r.answeredDay} AND question = ${r.question} AND answer = ${r.answer} AND flagged = ${flagged}`,
    sql`DELETE FROM rollup_answers_daily WHERE unit_code = ${r.unitCode} AND day = ${r.answeredDay} AND count <= 0`,
    sql`UPDATE rollup_monthly SET count = count - 1 WHERE unit_code = ${r.unitCode} AND month = ${month} AND question = ${r.question} AND answer = ${r.answer} AND flagged = ${flagged}`,
    sql`DELETE FROM rollup_monthly WHERE unit_code = ${r.unitCode} AND month = ${month} AND count <= 0`,
  ];
  if (parents) {
    for (const level of ['site', 'trust', 'icb'] as const) {
      out.push(
        sql`UPDATE rollup_org_monthly SET count = count - 1 WHERE level = ${level} AND code = ${parents[level]} AND month = ${month} AND question = ${r.question} AND answer = ${r.answer} AND flagged = ${flagged}`,
        sql`DELETE FROM rollup_org_monthly WHERE level = ${level} AND code = ${parents[level]} AND month = ${month} AND count <= 0`,
      );
    }
  }
  out.push(sql`DELETE FROM comment_labels WHERE response_id = ${r.id}`, sql`DELETE FROM comment_analysis WHERE response_id = ${r.id}`, sql`DELETE FROM responses WHERE id = ${r.id}`);
  return out;
}
