/** The staff-app store methods on PostgreSQL (see `staff-store.ts`). */
import type pg from 'pg';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { and, asc, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import * as t from './schema.pg.ts';
import { auditConditions, definedFields, rollupDecrements, type StaffStore } from './staff-store.ts';
import { settingHistoryRows, toUser, type UnitParents } from './rows.ts';
import { dropSetBackSql } from './unit-settings.ts';
import { LOCK_ORG_FOR_WRITE_SQL, UNIT_PARENTS_SQL } from './org-rollup.ts';
import type { StoredResponse } from './store.ts';
import { holdsNul } from './pg-text.ts';

export function staffPostgres(db: NodePgDatabase, _pool: pg.Pool): StaffStore {
  return {
    async createSession(session) {
      await db.insert(t.sessions).values(session);
    },

    async findSession(idHash) {
      const [row] = await db.select().from(t.sessions).innerJoin(t.users, eq(t.users.id, t.sessions.userId)).where(eq(t.sessions.idHash, idHash));
      return row ? { session: row.sessions, user: toUser(row.users) } : undefined;
    },

    async touchSession(idHash, lastSeenAt, expiresAt) {
      await db.update(t.sessions).set({ lastSeenAt, expiresAt }).where(eq(t.sessions.idHash, idHash));
    },

    async deleteSession(idHash) {
      await db.delete(t.sessions).where(eq(t.sessions.idHash, idHash));
    },

    async deleteUserSessions(userId) {
      const result = await db.delete(t.sessions).where(eq(t.sessions.userId, userId));
      return result.rowCount ?? 0;
    },

    async deleteEndedSessions(now, signedInBy) {
      const result = await db.delete(t.sessions).where(or(lte(t.sessions.expiresAt, now), lte(t.sessions.createdAt, signedInBy)));
      return result.rowCount ?? 0;
    },

    async getUser(id) {
      if (holdsNul(id)) return undefined;
      const [row] = await db.select().from(t.users).where(eq(t.users.id, id));
      return row ? toUser(row) : undefined;
    },

    async listUsers() {
      return (await db.select().from(t.users).orderBy(asc(t.users.email))).map(toUser);
    },

    async updateUser(id, patch) {
      if (holdsNul(id)) return false;
      const { scopes, ...rest } = patch;
      const set = { ...rest, ...(scopes ? { scopes: JSON.stringify(scopes) } : {}) };
      if (Object.keys(set).length === 0) return (await db.select({ id: t.users.id }).from(t.users).where(eq(t.users.id, id))).length === 1;
      const result = await db.update(t.users).set(set).where(eq(t.users.id, id));
      return result.rowCount === 1;
    },

    async replacePasswordHash(id, from, to) {
      const result = await db.update(t.users).set({ passwordHash: to }).where(and(eq(t.users.id, id), eq(t.users.passwordHash, from)));
      return result.rowCount === 1;
    },

    async countSignInAttempt(id, now) {
      const u = t.users;
      const [row] = await db
        .update(u)
        .set({ failedSignIns: sql`${u.failedSignIns} + 1` })
        .where(and(eq(u.id, id), or(isNull(u.lockedUntil), lte(u.lockedUntil, now))))
        .returning({ failedSignIns: u.failedSignIns });
      return row?.failedSignIns;
    },

    async countDeviceSignInAttempt(nonce, now) {
      const d = t.deviceLockouts;
      const [row] = await db
        .insert(d)
        .values({ nonce, failures: 1, lastFailureAt: now })
        .onConflictDoUpdate({ target: d.nonce, set: { failures: sql`${d.failures} + 1`, lastFailureAt: now }, setWhere: or(isNull(d.lockedUntil), lte(d.lockedUntil, now)) })
        .returning({ failures: d.failures });
      return row?.failures;
    },

    async deleteEndedDeviceLockouts(now, failedBy) {
      const d = t.deviceLockouts;
      const result = await db.delete(d).where(and(or(isNull(d.lockedUntil), lte(d.lockedUntil, now)), or(isNull(d.lastFailureAt), lte(d.lastFailureAt, failedBy))));
      return result.rowCount ?? 0;
    },

    async lockDevice(nonce, lockedUntil) {
      await db.insert(t.deviceLockouts).values({ nonce, failures: 0, lockedUntil }).onConflictDoUpdate({ target: t.deviceLockouts.nonce, set: { failures: 0, lockedUntil } });
    },

    async clearDevice(nonce) {
      await db.delete(t.deviceLockouts).where(eq(t.deviceLockouts.nonce, nonce));
    },

    async revokeDevices(userId) {
      const result = await db.update(t.users).set({ deviceGeneration: sql`${t.users.deviceGeneration} + 1` }).where(eq(t.users.id, userId));
      return result.rowCount === 1;
    },

    async updateUnit(code, patch, month) {
      if (holdsNul(code)) return false;
      const set = definedFields(patch);
      return db.transaction(async (tx) => {
        // Locked until the transaction ends: two changes at once each see the other's setting.
        const [stored] = await tx.select({ setting: t.units.setting }).from(t.units).where(eq(t.units.code, code)).for('update');
        if (!stored) return false;
        if (Object.keys(set).length === 0) return true;
        const history = set.setting === undefined ? [] : settingHistoryRows([{ unitCode: code, before: stored.setting, after: set.setting }], month);
        await tx.update(t.units).set(set).where(eq(t.units.code, code));
        for (const row of history) {
          await tx.insert(t.unitSettings).values(row).onConflictDoUpdate({ target: [t.unitSettings.unitCode, t.unitSettings.fromMonth], set: { setting: row.setting } });
          await tx.execute(dropSetBackSql(row.fromMonth, [code]));
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
        .orderBy(asc(t.sites.code));
    },

    async addSite(site) {
      const inserted = await db.insert(t.sites).values(site).onConflictDoNothing({ target: t.sites.code }).returning({ code: t.sites.code });
      return inserted.length === 1;
    },

    async renameSite(code, name) {
      if (holdsNul(code)) return false;
      return (await db.update(t.sites).set({ name }).where(eq(t.sites.code, code))).rowCount === 1;
    },

    async findAudit(q) {
      const a = t.auditLog;
      const rows = await db
        .select()
        .from(a)
        .where(and(...auditConditions(q, a)))
        .orderBy(desc(a.at), desc(a.id))
        .limit(q.limit)
        .offset(q.offset ?? 0);
      return rows.map((r) => ({ ...r, detail: r.detail === null ? null : JSON.parse(r.detail) }));
    },

    async deleteResponse(id) {
      if (holdsNul(id)) return undefined;
      return db.transaction(async (tx) => {
        // Locks the row: two undos of one card take it back once.
        const [row] = await tx.select().from(t.responses).where(eq(t.responses.id, id)).for('update');
        if (!row) return undefined;
        const r = row as StoredResponse;
        await tx.execute(sql.raw(LOCK_ORG_FOR_WRITE_SQL));
        const parents = (
          await tx.execute(
            sql`${sql.raw(UNIT_PARENTS_SQL)} WHERE u.code = ${r.unitCode}`,
          )
        ).rows[0] as unknown as UnitParents | undefined;
        for (const statement of rollupDecrements(r, parents, 'postgres')) await tx.execute(statement);
        return r;
      });
    },
  };
}
