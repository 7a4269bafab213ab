/**
 * The staff-app part of the store interface (see `store.ts`): sessions, user administration
 * and taking back a keyed-in response. Implemented for SQLite in `staff.sqlite.ts` and for
 * PostgreSQL in `staff.pg.ts`; the contract suite runs on both.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { AuditRecord, Site, StoredResponse, Unit, UserRecord } from './store.ts';
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

/** What an admin may change of a unit in place (its code and site stay: rollups are keyed on them). */
export type UnitPatch = Partial<Pick<Unit, 'name' | 'setting' | 'specialty1' | 'specialty2' | 'question' | 'active' | 'negativeThreshold'>>;

export interface AuditQuery {
  /** An action or a family of them: `user` matches `user` and every `user.…`. */
  action?: string;
  /** Any of these exact actions. */
  actions?: string[];
  /** `user:<id>`, `token:<id>`, `cli`, … */
  actor?: string;
  limit: number;
  offset?: number;
}

export interface StaffStore {
  createSession(session: SessionRecord): Promise<void>;
  /** The session and its user, if the session exists (expiry is the caller's check). */
  findSession(idHash: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined>;
  touchSession(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Signs a user out everywhere (deactivated, password or role changed). */
  deleteUserSessions(userId: string): Promise<number>;
  /**
   * Deletes the sessions that have ended: expired by `now` (idle), or signed in at or before
   * `signedInBy` (past their absolute end). How many went.
   */
  deleteEndedSessions(now: string, signedInBy: string): Promise<number>;

  getUser(id: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  updateUser(id: string, patch: UserPatch): Promise<boolean>;
  /**
   * Puts a re-made password hash (a higher cost, same password) in place of `from`, only if the
   * user's hash is still `from`: a password an admin set in the meantime is never put back to
   * the old one. False if it was not.
   */
  replacePasswordHash(id: string, from: string, to: string): Promise<boolean>;
  /**
   * Counts a sign-in attempt before its password is checked, in one statement (guesses sent all
   * at once cannot each read the same count): the user's new `failedSignIns`, or undefined if the
   * user is locked at `now` (or does not exist). A right password then sets the count back to 0.
   */
  countSignInAttempt(id: string, now: string): Promise<number | undefined>;
  /**
   * `countSignInAttempt` for one device cookie, by its nonce, apart from its account: the device's
   * new count of attempts since its last right password, or undefined if it is locked at `now`.
   */
  countDeviceSignInAttempt(nonce: string, now: string): Promise<number | undefined>;
  /**
   * Deletes the device cookies' counts that no longer hold anything back: no lock left at `now`,
   * and no wrong password counted after `failedBy` (a lock window ago). A count still short of a
   * lock is kept while its failures are recent, so a stolen cookie's guesses cannot be wiped by
   * the sweep any sooner than a lock would have let them start again. How many went.
   */
  deleteEndedDeviceLockouts(now: string, failedBy: string): Promise<number>;
  /** Locks a device cookie out until `lockedUntil`, its count back to 0. */
  lockDevice(nonce: string, lockedUntil: string): Promise<void>;
  /** Forgets a device cookie's count after a right password. */
  clearDevice(nonce: string): Promise<void>;
  /**
   * Makes every device cookie issued to the user so far worthless (an admin changed their
   * password, role or standing) by raising their `deviceGeneration`. False if there is no such user.
   */
  revokeDevices(userId: string): Promise<boolean>;

  /**
   * Changes a unit in place without touching its parents, e.g. deactivating it (an org import
   * would make it active again). A new setting holds from `month` ('YYYY-MM', the London month
   * of the change) on, as `upsertOrg` records it, and is refused without one. False if there is
   * no such unit.
   */
  updateUnit(code: string, patch: UnitPatch, month?: string): Promise<boolean>;

  /** Every site with its trust and ICB, a site with no unit yet too (`listUnits` cannot show one). */
  listSites(): Promise<Site[]>;
  /**
   * Adds a site, with no unit, under a trust already stored (an org import's rows each need a
   * unit). False, and nothing changed, if a site has this exact code already.
   */
  addSite(site: { code: string; name: string; trustCode: string }): Promise<boolean>;
  /**
   * Renames a site in place; its trust stays (moving a site re-keys the organisation's rollups,
   * which only the org import does). False if there is no such site.
   */
  renameSite(code: string, name: string): Promise<boolean>;

  /** Audit records newest first, narrowed by action and actor. */
  findAudit(query: AuditQuery): Promise<AuditRecord[]>;

  /**
   * Takes a stored response back (undo of a keyed-in paper card): the response, its comment
   * analysis and its share of every rollup go in one transaction. False if it was not stored.
   */
  deleteResponse(id: string): Promise<StoredResponse | undefined>;
}

/** Only the fields a patch sets (undefined means "leave as it is"). */
export function definedFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The WHERE conditions of an audit query, for either dialect. */
export function auditConditions(q: AuditQuery, c: { action: SQLWrapper; actor: SQLWrapper }): SQL[] {
  const out: SQL[] = [];
  if (q.action) out.push(sql`(${c.action} = ${q.action} OR substr(${c.action}, 1, ${q.action.length + 1}) = ${`${q.action}.`})`);
  if (q.actions) out.push(q.actions.length ? sql`${c.action} IN (${sql.join(q.actions.map((a) => sql`${a}`), sql`, `)})` : sql`1 = 0`);
  if (q.actor) out.push(sql`${c.actor} = ${q.actor}`);
  return out;
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
  ];
  // The ICB's, site's and trust's months, then the unit's: the order insertResponses takes them in
  // (its cells sorted by key). A batch and an undo in the same month otherwise each hold a row the
  // other waits for (a PostgreSQL deadlock, and one of the two refused).
  if (parents) {
    for (const level of ['icb', 'site', 'trust'] as const) {
      out.push(
        sql`UPDATE rollup_org_monthly SET count = count - 1 WHERE level = ${level} AND code = ${parents[level]} AND month = ${month} AND question = ${r.question} AND answer = ${r.answer} AND flagged = ${flagged}`,
        sql`DELETE FROM rollup_org_monthly WHERE level = ${level} AND code = ${parents[level]} AND month = ${month} AND count <= 0`,
      );
    }
  }
  out.push(
    sql`UPDATE rollup_monthly SET count = count - 1 WHERE unit_code = ${r.unitCode} AND month = ${month} AND question = ${r.question} AND answer = ${r.answer} AND flagged = ${flagged}`,
    sql`DELETE FROM rollup_monthly WHERE unit_code = ${r.unitCode} AND month = ${month} AND count <= 0`,
  );
  out.push(sql`DELETE FROM comment_labels WHERE response_id = ${r.id}`, sql`DELETE FROM comment_analysis WHERE response_id = ${r.id}`, sql`DELETE FROM responses WHERE id = ${r.id}`);
  return out;
}
