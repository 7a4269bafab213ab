/** The staff-app store methods on SQLite (see `staff-store.ts`). */
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { and, asc, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import * as t from './schema.sqlite.ts';
import { auditConditions, definedFields, rollupDecrements, type StaffStore } from './staff-store.ts';
import { settingHistoryRows, toResponse, toUser, type UnitParents } from './rows.ts';
import { dropSetBackSql } from './unit-settings.ts';
import { UNIT_PARENTS_SQL } from './org-rollup.ts';
import type { StoredResponse } from './store.ts';

export function staffSqlite(db: BetterSQLite3Database, sqlite: Database.Database): StaffStore {
  return {
    async createSession(session) {
      db.insert(t.sessions).values(session).run();
    },

    async findSession(idHash) {
      const row = db.select().from(t.sessions).innerJoin(t.users, eq(t.users.id, t.sessions.userId)).where(eq(t.sessions.idHash, idHash)).get();
      return row ? { session: row.sessions, user: toUser(row.users) } : undefined;
    },

    async touchSession(idHash, lastSeenAt, expiresAt) {
      db.update(t.sessions).set({ lastSeenAt, expiresAt }).where(eq(t.sessions.idHash, idHash)).run();
    },

    async deleteSession(idHash) {
      db.delete(t.sessions).where(eq(t.sessions.idHash, idHash)).run();
    },

    async deleteUserSessions(userId) {
      return db.delete(t.sessions).where(eq(t.sessions.userId, userId)).run().changes;
    },

    async deleteEndedSessions(now, signedInBy) {
      return db.delete(t.sessions).where(or(lte(t.sessions.expiresAt, now), lte(t.sessions.createdAt, signedInBy))).run().changes;
    },

    async getUser(id) {
      const row = db.select().from(t.users).where(eq(t.users.id, id)).get();
      return row ? toUser(row) : undefined;
    },

    async listUsers() {
      return db.select().from(t.users).orderBy(asc(t.users.email)).all().map(toUser);
    },

    async updateUser(id, patch) {
      const { scopes, ...rest } = patch;
      const set = { ...rest, ...(scopes ? { scopes: JSON.stringify(scopes) } : {}) };
      if (Object.keys(set).length === 0) return Boolean(db.select({ id: t.users.id }).from(t.users).where(eq(t.users.id, id)).get());
      return db.update(t.users).set(set).where(eq(t.users.id, id)).run().changes === 1;
    },

    async replacePasswordHash(id, from, to) {
      return db.update(t.users).set({ passwordHash: to }).where(and(eq(t.users.id, id), eq(t.users.passwordHash, from))).run().changes === 1;
    },

    async countSignInAttempt(id, now) {
      const u = t.users;
      const row = db
        .update(u)
        .set({ failedSignIns: sql`${u.failedSignIns} + 1` })
        .where(and(eq(u.id, id), or(isNull(u.lockedUntil), lte(u.lockedUntil, now))))
        .returning({ failedSignIns: u.failedSignIns })
        .get();
      return row?.failedSignIns;
    },

    async countDeviceSignInAttempt(nonce, now) {
      const d = t.deviceLockouts;
      const row = db
        .insert(d)
        .values({ nonce, failures: 1, lastFailureAt: now })
        .onConflictDoUpdate({ target: d.nonce, set: { failures: sql`${d.failures} + 1`, lastFailureAt: now }, setWhere: or(isNull(d.lockedUntil), lte(d.lockedUntil, now)) })
        .returning({ failures: d.failures })
        .get();
      return row?.failures;
    },

    async deleteEndedDeviceLockouts(now, failedBy) {
      const d = t.deviceLockouts;
      return db.delete(d).where(and(or(isNull(d.lockedUntil), lte(d.lockedUntil, now)), or(isNull(d.lastFailureAt), lte(d.lastFailureAt, failedBy)))).run().changes;
    },

    async lockDevice(nonce, lockedUntil) {
      db.insert(t.deviceLockouts).values({ nonce, failures: 0, lockedUntil }).onConflictDoUpdate({ target: t.deviceLockouts.nonce, set: { failures: 0, lockedUntil } }).run();
    },

    async clearDevice(nonce) {
      db.delete(t.deviceLockouts).where(eq(t.deviceLockouts.nonce, nonce)).run();
    },

    async revokeDevices(userId) {
      return db.update(t.users).set({ deviceGeneration: sql`${t.users.deviceGeneration} + 1` }).where(eq(t.users.id, userId)).run().changes === 1;
    },

    async updateUnit(code, patch, month) {
      const set = definedFields(patch);
      return db.transaction((tx) => {
        const stored = tx.select({ setting: t.units.setting }).from(t.units).where(eq(t.units.code, code)).get();
        if (!stored) return false;
        if (Object.keys(set).length === 0) return true;
        const history = set.setting === undefined ? [] : settingHistoryRows([{ unitCode: code, before: stored.setting, after: set.setting }], month);
        tx.update(t.units).set(set).where(eq(t.units.code, code)).run();
        for (const row of history) {
          tx.insert(t.unitSettings).values(row).onConflictDoUpdate({ target: [t.unitSettings.unitCode, t.unitSettings.fromMonth], set: { setting: row.setting } }).run();
          tx.all(dropSetBackSql(row.fromMonth, [code]));
        }
        return true;
      });
    },

    async listSites() {
      return db
        .select({ code: t.sites.code, name: t.sites.name, trustCode: t.trusts.code, trustName: t.trusts.name, icbCode: t.icbs.code, icbName: t.icbs.name })
        .from(t.sites)
        .innerJoin(t.trusts, eq(t.sites.trustCode, t.trusts.code))
        .innerJoin(t.icbs, eq(t.trusts.icbCode, t.icbs.code))
        .orderBy(asc(t.sites.code))
        .all();
    },

    async addSite(site) {
      return db.insert(t.sites).values(site).onConflictDoNothing({ target: t.sites.code }).run().changes === 1;
    },

    async renameSite(code, name) {
      return db.update(t.sites).set({ name }).where(eq(t.sites.code, code)).run().changes === 1;
    },

    async findAudit(q) {
      const a = t.auditLog;
      return db
        .select()
        .from(a)
        .where(and(...auditConditions(q, a)))
        .orderBy(desc(a.at), desc(a.id))
        .limit(q.limit)
        .offset(q.offset ?? 0)
        .all()
        .map((r) => ({ ...r, detail: r.detail === null ? null : JSON.parse(r.detail) }));
    },

    async deleteResponse(id) {
      return sqlite.transaction((): StoredResponse | undefined => {
        const row = db.select().from(t.responses).where(eq(t.responses.id, id)).get();
        if (!row) return undefined;
        const r = toResponse(row) as StoredResponse;
        const parents = sqlite
          .prepare(`${UNIT_PARENTS_SQL} WHERE u.code = ?`)
          .get(r.unitCode) as UnitParents | undefined;
        for (const statement of rollupDecrements(r, parents, 'sqlite')) db.run(statement);
        return r;
      })();
    },
  };
}
