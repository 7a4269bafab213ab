/**
 * The PostgreSQL adapter: for trusts that run several server processes on one database.
 * Same contract as the SQLite adapter; concurrency comes from ON CONFLICT on the response id
 * (a replay racing its original stores one row) and rollup upserts taken in key order.
 */
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { join } from 'node:path';
import * as t from './schema.pg.ts';
import { smsPostgres } from './sms.pg.ts';
import { staffPostgres } from './staff.pg.ts';
import { exportsPostgres } from './exports.pg.ts';
import type { AnswerCell, AlertQuery, DailyCountQuery, InsertOutcome, NewResponse, OrgRow, Store } from './store.ts';
import { answerIncrements, orgIncrements, analysisValues, labelValues, toCommentRow, alertValues, chunks, firstOccurrences, monthlyIncrements, orgParents, rollupIncrements, addedMonthOf, settingHistoryRows, settingMonths, SINCE_THE_START, toAlert, toDailyCount, toMonthlyCount, toToken, toUnit, toUser, unitValues } from './rows.ts';
import { dropSetBackSql } from './unit-settings.ts';
import { answerCellsQuery, breakdownQuery, commentCountQuery, commentsQuery, firstAnswerDaysQuery, sumCountsQuery, themeCountsQuery, toBreakdownRow, toFirstAnswerDays, toSumRow } from './queries.ts';
import { LOCK_ORG_FOR_REBUILD_SQL, LOCK_ORG_FOR_WRITE_SQL, movedUnits, parentMap, REBUILD_ORG_MONTHLY_SQL, UNIT_PARENTS_SQL, type ParentRow } from './org-rollup.ts';
import { REPO_ROOT } from '../repo.ts';
import { holdsNul } from './pg-text.ts';

const migrationsFolder = join(REPO_ROOT, 'db/migrations/pg');
/** Serialises migrations when several processes start at once. */
const MIGRATION_LOCK = 0x46465431;

const unitColumns = {
  code: t.units.code,
  name: t.units.name,
  siteCode: t.units.siteCode,
  siteName: t.sites.name,
  trustCode: t.trusts.code,
  trustName: t.trusts.name,
  icbCode: t.icbs.code,
  icbName: t.icbs.name,
  setting: t.units.setting,
  specialty1: t.units.specialty1,
  specialty2: t.units.specialty2,
  active: t.units.active,
  question: t.units.question,
  negativeThreshold: t.units.negativeThreshold,
  addedMonth: t.units.addedMonth,
};

function dailyWhere(q: DailyCountQuery, cols: { unit: typeof t.rollupDaily.unitCode; day: typeof t.rollupDaily.day } | { unit: typeof t.responses.unitCode; day: typeof t.responses.answeredDay }): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (q.unitCodes) parts.push(q.unitCodes.length ? inArray(cols.unit, q.unitCodes) : sql`false`);
  if (q.from) parts.push(gte(cols.day, q.from));
  if (q.to) parts.push(lte(cols.day, q.to));
  return and(...parts);
}

/** How long to wait for PostgreSQL to accept a connection before the request gets a 503. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** The columns of a `StoredComment`. */
function storedComment(r: typeof t.responses) {
  return { id: r.id, unitCode: r.unitCode, answeredDay: r.answeredDay, answer: r.answer, question: r.question, comment: sql<string>`${r.comment}`, channel: r.channel };
}

/** The alerts an {@link AlertQuery} asks for. */
function alertWhere(q: AlertQuery) {
  const a = t.alerts;
  return and(q.unitCodes.length ? inArray(a.unitCode, q.unitCodes) : sql`false`, q.openOnly ? isNull(a.acknowledgedAt) : undefined, q.kind === undefined ? undefined : eq(a.kind, q.kind));
}

export function openPostgres(url: string, options: { max?: number; connectTimeoutMs?: number } = {}): Store {
  // A server that does not answer (hung, or its packets dropped) fails the request after the
  // timeout instead of holding it for ever; TCP keep-alive finds a connection whose peer vanished.
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, keepAlive: true });
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on('error', () => {});
  // Nor a checked-out client's (the database stopping in the middle of a transaction): the pool
  // listens only to idle ones, and the query in flight is rejected on its own.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db: NodePgDatabase = drizzle(pool);

  const unitQuery = () =>
    db
      .select(unitColumns)
      .from(t.units)
      .innerJoin(t.sites, eq(t.units.siteCode, t.sites.code))
      .innerJoin(t.trusts, eq(t.sites.trustCode, t.trusts.code))
      .innerJoin(t.icbs, eq(t.trusts.icbCode, t.icbs.code));

  return {
    ...smsPostgres(db, pool),
    ...staffPostgres(db, pool),
    ...exportsPostgres(db, pool),
    dialect: 'postgres',

    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migrate(drizzle(client), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
        client.release();
      }
    },

    async ping() {
      await pool.query('select 1');
    },

    async close() {
      await pool.end();
    },

    async upsertOrg(rows: OrgRow[], month?: string) {
      const parents = orgParents(rows);
      return db.transaction(async (tx) => {
        const allParents = async () => parentMap((await tx.execute(sql.raw(UNIT_PARENTS_SQL))).rows as unknown as ParentRow[]);
        const before = await allParents();
        // Locked until the transaction ends: a second import at once waits, then sees this one's settings.
        // Locked in code order, the same for every import: in the order rows lie on disk, which a
        // unit's edit changes, two imports could each hold a unit the other waits for (deadlock).
        const stored = new Map(
          rows.length
            ? (await tx.select({ code: t.units.code, setting: t.units.setting }).from(t.units).where(inArray(t.units.code, rows.map((r) => r.unitCode))).orderBy(t.units.code).for('update')).map((r) => [r.code, r.setting])
            : [],
        );
        // Set on the unit's first insert only: a re-import leaves the month it was added in.
        const added = addedMonthOf(month);
        const history = settingHistoryRows(rows.map((r) => ({ unitCode: r.unitCode, before: stored.get(r.unitCode), after: r.setting })), month);
        for (const icb of parents.icbs) await tx.insert(t.icbs).values(icb).onConflictDoUpdate({ target: t.icbs.code, set: { name: icb.name } });
        for (const trust of parents.trusts)
          await tx.insert(t.trusts).values(trust).onConflictDoUpdate({ target: t.trusts.code, set: { name: trust.name, icbCode: trust.icbCode } });
        for (const site of parents.sites)
          await tx.insert(t.sites).values(site).onConflictDoUpdate({ target: t.sites.code, set: { name: site.name, trustCode: site.trustCode } });
        for (const row of rows) {
          const { code, ...rest } = unitValues(row);
          await tx.insert(t.units).values({ code, ...rest, addedMonth: added }).onConflictDoUpdate({ target: t.units.code, set: rest });
        }
        for (const row of history) {
          await tx.insert(t.unitSettings).values(row).onConflictDoUpdate({ target: [t.unitSettings.unitCode, t.unitSettings.fromMonth], set: { setting: row.setting } });
        }
        const changed = history.filter((h) => h.fromMonth !== SINCE_THE_START);
        const setBack = new Set(changed.length ? (await tx.execute<{ unit_code: string }>(dropSetBackSql(month!, changed.map((h) => h.unitCode)))).rows.map((r) => r.unit_code) : []);
        const moved = movedUnits(before, await allParents());
        if (moved.length) {
          await tx.execute(sql.raw(LOCK_ORG_FOR_REBUILD_SQL));
          for (const statement of REBUILD_ORG_MONTHLY_SQL) await tx.execute(sql.raw(statement));
        }
        const created = rows.filter((r) => !stored.has(r.unitCode)).length;
        return {
          icbs: parents.icbs.length,
          trusts: parents.trusts.length,
          sites: parents.sites.length,
          unitsCreated: created,
          unitsUpdated: rows.length - created,
          unitsMoved: moved,
          unitsWithNewSetting: changed.filter((h) => !setBack.has(h.unitCode)).map((h) => h.unitCode),
        };
      });
    },

    async getUnit(code) {
      if (holdsNul(code)) return undefined;
      const [row] = await unitQuery().where(eq(t.units.code, code));
      return row ? toUnit(row) : undefined;
    },

    async listUnits() {
      return (await unitQuery().orderBy(asc(t.units.code))).map(toUnit);
    },

    async insertResponses(rows: NewResponse[]): Promise<InsertOutcome[]> {
      if (rows.length === 0) return [];
      const { fresh } = firstOccurrences(rows);
      return db.transaction(async (tx) => {
        const inserted = new Set<string>();
        for (const part of chunks(fresh)) {
          for (const r of await tx.insert(t.responses).values(part).onConflictDoNothing().returning({ id: t.responses.id })) inserted.add(r.id);
        }
        const increments = rollupIncrements(fresh.filter((r) => inserted.has(r.id)));
        for (const part of chunks(increments)) {
          await tx
            .insert(t.rollupDaily)
            .values(part)
            .onConflictDoUpdate({
              target: [t.rollupDaily.unitCode, t.rollupDaily.day, t.rollupDaily.question, t.rollupDaily.answer, t.rollupDaily.mode, t.rollupDaily.flagged],
              set: { count: sql`${t.rollupDaily.count} + excluded.count` },
            });
        }
        for (const part of chunks(answerIncrements(increments))) {
          await tx
            .insert(t.rollupAnswersDaily)
            .values(part)
            .onConflictDoUpdate({
              target: [t.rollupAnswersDaily.unitCode, t.rollupAnswersDaily.day, t.rollupAnswersDaily.question, t.rollupAnswersDaily.answer, t.rollupAnswersDaily.flagged],
              set: { count: sql`${t.rollupAnswersDaily.count} + excluded.count` },
            });
        }
        const monthly = monthlyIncrements(increments);
        // Parents read in this transaction, after the lock an org import's rebuild waits on (or
        // that waits for it): another server process may have moved a unit a moment ago.
        await tx.execute(sql.raw(LOCK_ORG_FOR_WRITE_SQL));
        const parentRows = await tx
          .select({ unit: t.units.code, site: t.units.siteCode, trust: t.sites.trustCode, icb: t.trusts.icbCode })
          .from(t.units)
          .innerJoin(t.sites, eq(t.units.siteCode, t.sites.code))
          .innerJoin(t.trusts, eq(t.sites.trustCode, t.trusts.code))
          .where(inArray(t.units.code, [...new Set(monthly.map((m) => m.unitCode))]));
        for (const part of chunks(orgIncrements(monthly, parentMap(parentRows)))) {
          await tx
            .insert(t.rollupOrgMonthly)
            .values(part)
            .onConflictDoUpdate({
              target: [t.rollupOrgMonthly.level, t.rollupOrgMonthly.code, t.rollupOrgMonthly.month, t.rollupOrgMonthly.question, t.rollupOrgMonthly.answer, t.rollupOrgMonthly.flagged],
              set: { count: sql`${t.rollupOrgMonthly.count} + excluded.count` },
            });
        }
        for (const part of chunks(monthly)) {
          await tx
            .insert(t.rollupMonthly)
            .values(part)
            .onConflictDoUpdate({
              target: [t.rollupMonthly.unitCode, t.rollupMonthly.month, t.rollupMonthly.question, t.rollupMonthly.answer, t.rollupMonthly.flagged],
              set: { count: sql`${t.rollupMonthly.count} + excluded.count` },
            });
        }
        const claimed = new Set<string>();
        return rows.map((r) => {
          const isNew = inserted.has(r.id) && !claimed.has(r.id);
          if (isNew) claimed.add(r.id);
          return { id: r.id, duplicate: !isNew };
        });
      });
    },

    async getResponse(id) {
      if (holdsNul(id)) return undefined;
      const [row] = await db.select().from(t.responses).where(eq(t.responses.id, id));
      return row as NewResponse | undefined;
    },

    async getResponses(ids) {
      const found: NewResponse[] = [];
      for (const part of chunks([...new Set(ids.filter((id) => !holdsNul(id)))])) found.push(...((await db.select().from(t.responses).where(inArray(t.responses.id, part))) as NewResponse[]));
      return found;
    },

    async countResponses(options = {}) {
      const [row] = await db.select({ n: count() }).from(t.responses).where(options.withComment ? isNotNull(t.responses.comment) : undefined);
      return Number(row!.n);
    },

    async dailyCounts(q = {}) {
      const r = t.rollupDaily;
      const rows = await db
        .select({ unitCode: r.unitCode, day: r.day, question: r.question, answer: r.answer, mode: r.mode, flagged: r.flagged, count: r.count })
        .from(r)
        .where(dailyWhere(q, { unit: r.unitCode, day: r.day }))
        .orderBy(asc(r.unitCode), asc(r.day), asc(r.question), asc(r.answer), asc(r.mode), asc(r.flagged));
      return rows.map(toDailyCount);
    },

    async recountDaily(q = {}) {
      const r = t.responses;
      const rows = await db
        .select({ unitCode: r.unitCode, day: r.answeredDay, question: r.question, answer: r.answer, mode: r.mode, flagged: r.flagged, count: count() })
        .from(r)
        .where(dailyWhere(q, { unit: r.unitCode, day: r.answeredDay }))
        .groupBy(r.unitCode, r.answeredDay, r.question, r.answer, r.mode, r.flagged)
        .orderBy(asc(r.unitCode), asc(r.answeredDay), asc(r.question), asc(r.answer), asc(r.mode), asc(r.flagged));
      return rows.map(toDailyCount);
    },

    async monthlyCounts() {
      const r = t.rollupMonthly;
      return (await db.select().from(r).orderBy(asc(r.unitCode), asc(r.month), asc(r.question), asc(r.answer), asc(r.flagged))).map(toMonthlyCount);
    },

    async recountMonthly() {
      const r = t.responses;
      const month = sql<string>`substr(${r.answeredDay}, 1, 7)`;
      const rows = await db
        .select({ unitCode: r.unitCode, month, question: r.question, answer: r.answer, flagged: r.flagged, count: count() })
        .from(r)
        .groupBy(r.unitCode, month, r.question, r.answer, r.flagged)
        .orderBy(asc(r.unitCode), asc(month), asc(r.question), asc(r.answer), asc(r.flagged));
      return rows.map(toMonthlyCount);
    },

    async sumCounts(q) {
      return (await db.execute(sumCountsQuery(q))).rows.map(toSumRow);
    },

    async answerCells(q) {
      // Text, int4 and boolean columns, which node-postgres already gives as strings, numbers and booleans.
      return (await db.execute<AnswerCell & Record<string, unknown>>(answerCellsQuery(q))).rows;
    },

    async firstAnswerDays(q) {
      return toFirstAnswerDays((await db.execute<{ unitCode: string; day: string | null }>(firstAnswerDaysQuery(q))).rows);
    },

    async breakdown(q) {
      return (await db.execute(breakdownQuery(q))).rows.map(toBreakdownRow);
    },

    async setEligible(items, at) {
      await db.transaction(async (tx) => {
        for (const item of items) {
          await tx
            .insert(t.eligible)
            .values({ ...item, updatedAt: at })
            .onConflictDoUpdate({ target: [t.eligible.unitCode, t.eligible.month], set: { count: item.count, updatedAt: at } });
        }
      });
    },

    async eligibleCounts(q) {
      const e = t.eligible;
      return db
        .select({ unitCode: e.unitCode, month: e.month, count: e.count })
        .from(e)
        .where(and(q.unitCodes.length ? inArray(e.unitCode, q.unitCodes) : sql`false`, gte(e.month, q.fromMonth), lte(e.month, q.toMonth)))
        .orderBy(asc(e.unitCode), asc(e.month));
    },

    async setUnitThreshold(code, negativeThreshold) {
      if (holdsNul(code)) return false;
      const res = await db.update(t.units).set({ negativeThreshold }).where(eq(t.units.code, code));
      return (res.rowCount ?? 0) > 0;
    },

    async unitSettings({ fromMonth, toMonth }) {
      const h = t.unitSettings;
      // A unit with no history row (added by an older version's process still running after migration 0010) has had its setting all along.
      const history = await db
        .select({ unitCode: t.units.code, fromMonth: sql<string>`coalesce(${h.fromMonth}, ${SINCE_THE_START})`, setting: sql<string>`coalesce(${h.setting}, ${t.units.setting})` })
        .from(t.units)
        .leftJoin(h, and(eq(h.unitCode, t.units.code), lte(h.fromMonth, toMonth)));
      return settingMonths(history, fromMonth, toMonth);
    },

    async raiseAlerts(alerts) {
      if (alerts.length === 0) return [];
      const inserted = await db.insert(t.alerts).values(alerts.map(alertValues)).onConflictDoNothing().returning({ id: t.alerts.id });
      const ids = new Set(inserted.map((r) => r.id));
      return alerts.filter((a) => ids.has(a.id));
    },

    async listAlerts(q) {
      const a = t.alerts;
      const rows = await db
        .select()
        .from(a)
        .where(alertWhere(q))
        .orderBy(desc(a.raisedAt), desc(a.id))
        .limit(q.limit ?? 200)
        .offset(q.offset ?? 0);
      return rows.map(toAlert);
    },

    async countAlerts(q) {
      const [row] = await db.select({ n: count() }).from(t.alerts).where(alertWhere(q));
      return row!.n;
    },

    async openAlertCounts(unitCodes) {
      const a = t.alerts;
      return db
        .select({ unitCode: a.unitCode, kind: a.kind, count: count() })
        .from(a)
        .where(alertWhere({ unitCodes, openOnly: true }))
        .groupBy(a.unitCode, a.kind);
    },

    async getAlert(id) {
      if (holdsNul(id)) return undefined;
      const [row] = await db.select().from(t.alerts).where(eq(t.alerts.id, id));
      return row ? toAlert(row) : undefined;
    },

    async acknowledgeAlert(id, by, at) {
      if (holdsNul(id)) return false;
      const res = await db.update(t.alerts).set({ acknowledgedAt: at, acknowledgedBy: by }).where(and(eq(t.alerts.id, id), isNull(t.alerts.acknowledgedAt)));
      return (res.rowCount ?? 0) > 0;
    },

    async createKiosk(kiosk) {
      const stored = await db.insert(t.kiosks).values(kiosk).onConflictDoNothing({ target: t.kiosks.id }).returning({ id: t.kiosks.id });
      return stored.length === 1;
    },

    async getKiosk(id) {
      if (holdsNul(id)) return undefined;
      const [row] = await db.select().from(t.kiosks).where(eq(t.kiosks.id, id));
      return row;
    },

    async findKioskByToken(tokenId) {
      const [row] = await db.select().from(t.kiosks).where(eq(t.kiosks.tokenId, tokenId));
      return row;
    },

    async claimPairing(codeHash, now) {
      const [row] = await db
        .update(t.kiosks)
        .set({ pairingCodeHash: null, pairingExpiresAt: null })
        .where(and(eq(t.kiosks.pairingCodeHash, codeHash), gt(t.kiosks.pairingExpiresAt, now), isNull(t.kiosks.revokedAt)))
        .returning();
      return row;
    },

    async updateKiosk(id, patch) {
      if (holdsNul(id)) return false;
      const res = await db.update(t.kiosks).set(patch).where(eq(t.kiosks.id, id));
      return (res.rowCount ?? 0) > 0;
    },

    async listKiosks(unitCodes) {
      if (unitCodes.length === 0) return [];
      return db.select().from(t.kiosks).where(inArray(t.kiosks.unitCode, unitCodes)).orderBy(asc(t.kiosks.unitCode), asc(t.kiosks.createdAt));
    },

    async saveYouSaid(item) {
      const { id, ...rest } = item;
      await db.insert(t.youSaidWeDid).values(item).onConflictDoUpdate({ target: t.youSaidWeDid.id, set: rest });
    },

    async getYouSaid(id) {
      if (holdsNul(id)) return undefined;
      const [row] = await db.select().from(t.youSaidWeDid).where(eq(t.youSaidWeDid.id, id));
      return row;
    },

    async listYouSaid(unitCodes, limit = 50, status) {
      if (unitCodes.length === 0) return [];
      const where = and(inArray(t.youSaidWeDid.unitCode, unitCodes), status === undefined ? undefined : eq(t.youSaidWeDid.status, status));
      return db.select().from(t.youSaidWeDid).where(where).orderBy(desc(t.youSaidWeDid.updatedAt), desc(t.youSaidWeDid.id)).limit(limit);
    },

    async saveCommentAnalyses(items) {
      await db.transaction(async (tx) => {
        for (const a of items) {
          const { responseId, ...rest } = analysisValues(a);
          await tx.insert(t.commentAnalysis).values({ responseId, ...rest }).onConflictDoUpdate({ target: t.commentAnalysis.responseId, set: rest });
          await tx.delete(t.commentLabels).where(eq(t.commentLabels.responseId, a.responseId));
          const labels = labelValues(a);
          if (labels.length) await tx.insert(t.commentLabels).values(labels);
        }
      });
    },

    async listComments(q) {
      if (holdsNul(q.search, q.theme)) return { total: 0, comments: [] };
      const total = Number((await db.execute(commentCountQuery(q))).rows[0]?.n ?? 0);
      return { total, comments: (await db.execute(commentsQuery(q, sql`(r.answered_at)::timestamptz`))).rows.map(toCommentRow) };
    },

    async themeCounts(q) {
      return (await db.execute(themeCountsQuery(q))).rows.map((r) => ({ day: String(r.day), subCategory: String(r.subCategory), category: String(r.category), sentiment: Number(r.sentiment), count: Number(r.count) }));
    },

    async commentsAfter(afterId, limit) {
      const r = t.responses;
      return db.select(storedComment(r)).from(r).where(and(isNotNull(r.comment), afterId ? gt(r.id, afterId) : undefined)).orderBy(asc(r.id)).limit(limit);
    },

    async unanalysedCommentsAfter(afterId, scan) {
      const r = t.responses;
      const after = afterId ? gt(r.id, afterId) : undefined;
      // The slice's last comment first, then only the slice is checked for an analysis.
      const [last] = await db.select({ id: r.id }).from(r).where(and(isNotNull(r.comment), after)).orderBy(asc(r.id)).limit(1).offset(scan - 1);
      const next = last?.id ?? null;
      const comments = await db
        .select(storedComment(r))
        .from(r)
        .where(and(isNotNull(r.comment), after, next ? lte(r.id, next) : undefined, sql`NOT EXISTS (SELECT 1 FROM comment_analysis a WHERE a.response_id = ${r.id})`))
        .orderBy(asc(r.id));
      return { comments, next };
    },

    async getSetting(key) {
      const [row] = await db.select().from(t.settings).where(eq(t.settings.key, key));
      return row ? JSON.parse(row.value) : undefined;
    },

    async setSetting(key, value, at) {
      const v = JSON.stringify(value);
      await db.insert(t.settings).values({ key, value: v, updatedAt: at }).onConflictDoUpdate({ target: t.settings.key, set: { value: v, updatedAt: at } });
    },

    async createToken(token) {
      await db.insert(t.apiTokens).values({ ...token, scopes: JSON.stringify(token.scopes) });
    },

    async findTokenByHash(tokenHash) {
      const [row] = await db.select().from(t.apiTokens).where(eq(t.apiTokens.tokenHash, tokenHash));
      return row ? toToken(row) : undefined;
    },

    async revokeToken(id, at) {
      if (holdsNul(id)) return false;
      const res = await db.update(t.apiTokens).set({ revokedAt: at }).where(eq(t.apiTokens.id, id));
      return (res.rowCount ?? 0) > 0;
    },

    async listTokens() {
      return (await db.select().from(t.apiTokens).orderBy(asc(t.apiTokens.createdAt))).map(toToken);
    },

    async createUser(user) {
      await db.insert(t.users).values({ ...user, email: user.email.toLowerCase(), scopes: JSON.stringify(user.scopes) });
    },

    async findUserByEmail(email) {
      if (holdsNul(email)) return undefined;
      const [row] = await db.select().from(t.users).where(eq(t.users.email, email.toLowerCase()));
      return row ? toUser(row) : undefined;
    },

    async appendAudit(entry) {
      await db.insert(t.auditLog).values({ ...entry, target: entry.target ?? null, detail: entry.detail === undefined ? null : JSON.stringify(entry.detail) });
    },

    async listAudit(limit = 100) {
      const rows = await db.select().from(t.auditLog).orderBy(desc(t.auditLog.at), desc(t.auditLog.id)).limit(limit);
      return rows.map((r) => ({ ...r, detail: r.detail === null ? null : JSON.parse(r.detail) }));
    },
  };
}
