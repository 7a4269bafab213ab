/**
 * The SQLite adapter: the embedded default. WAL journal, `synchronous` set explicitly
 * (NORMAL by default: a committed transaction survives a process crash; FULL also survives
 * power loss), a busy timeout so a second process waits rather than fails, foreign keys on.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as t from './schema.sqlite.ts';
import { smsSqlite } from './sms.sqlite.ts';
import { staffSqlite } from './staff.sqlite.ts';
import { exportsSqlite } from './exports.sqlite.ts';
import { sqliteWriterThread } from './sqlite-writer.ts';
import type { AlertQuery, DailyCountQuery, InsertOutcome, NewResponse, OrgRow, Store } from './store.ts';
import { answerIncrements, orgIncrements, type UnitParents, analysisValues, labelValues, toCommentRow, alertValues, chunks, firstOccurrences, sqliteBindable, toResponse, monthlyIncrements, orgParents, rollupIncrements, addedMonthOf, settingHistoryRows, settingMonths, SINCE_THE_START, toAlert, toDailyCount, toMonthlyCount, toToken, toUnit, toUser, unitValues } from './rows.ts';
import { dropSetBackSql } from './unit-settings.ts';
import { movedUnits, parentMap, REBUILD_ORG_MONTHLY_SQL, UNIT_PARENTS_SQL, type ParentRow } from './org-rollup.ts';
import { answerCellsQuery, breakdownQuery, commentCountQuery, commentsQuery, firstAnswerDaysQuery, sumCountsQuery, themeCountsQuery, toBreakdownRow, toFirstAnswerDays, toSumRow } from './queries.ts';
import { REPO_ROOT } from '../repo.ts';

export interface SqliteOptions {
  /** `NORMAL` (default) or `FULL`. */
  synchronous?: 'NORMAL' | 'FULL';
  /** Write responses on a thread of their own (see sqlite-writer.ts): what `fft serve` does. */
  writerThread?: boolean;
}

export type SqliteStore = Store;

/**
 * Each connection's page cache, in KiB: SQLite's own default. better-sqlite3 builds SQLite with
 * 16 MB, which the server's connection filled within seconds of starting (the comment sweep reads
 * every response), ~15 MB resident for pages the operating system's file cache holds anyway;
 * reads and ingestion at 2 MB measured no slower (docs/BENCHMARKS.md).
 */
export const SQLITE_CACHE_KIB = 2000;

const migrationsFolder = join(REPO_ROOT, 'db/migrations/sqlite');

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
  if (q.unitCodes) parts.push(q.unitCodes.length ? inArray(cols.unit, q.unitCodes) : sql`0`);
  if (q.from) parts.push(gte(cols.day, q.from));
  if (q.to) parts.push(lte(cols.day, q.to));
  return and(...parts);
}

/** The columns of a `StoredComment`. */
function storedComment(r: typeof t.responses) {
  return { id: r.id, unitCode: r.unitCode, answeredDay: r.answeredDay, answer: r.answer, question: r.question, comment: sql<string>`${r.comment}`, channel: r.channel };
}

/** The alerts an {@link AlertQuery} asks for. */
function alertWhere(q: AlertQuery) {
  const a = t.alerts;
  return and(q.unitCodes.length ? inArray(a.unitCode, q.unitCodes) : sql`0`, q.openOnly ? isNull(a.acknowledgedAt) : undefined, q.kind === undefined ? undefined : eq(a.kind, q.kind));
}

export function openSqlite(path: string, options: SqliteOptions = {}): SqliteStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  const db: BetterSQLite3Database = drizzle(sqlite);

  const unitQuery = () =>
    db
      .select(unitColumns)
      .from(t.units)
      .innerJoin(t.sites, eq(t.units.siteCode, t.sites.code))
      .innerJoin(t.trusts, eq(t.sites.trustCode, t.trusts.code))
      .innerJoin(t.icbs, eq(t.trusts.icbCode, t.icbs.code));

  // The ingestion hot path runs on statements prepared once (preparing per call cost more
  // than the insert itself); everything else uses ordinary one-off queries.
  let hot: ReturnType<typeof prepareHot> | undefined;
  function prepareHot() {
    const p = sql.placeholder;
    return {
      unit: unitQuery().where(eq(t.units.code, p('code'))).prepare(),
      token: db.select().from(t.apiTokens).where(eq(t.apiTokens.tokenHash, p('hash'))).prepare(),
      // Plain better-sqlite3 statements for the writes: drizzle's per-call parameter mapping
      // was a measurable share of each insert.
      insertResponse: sqlite.prepare(
        `INSERT INTO responses (id, unit_code, question, answer, comment, channel, mode, answered_at, answered_day, received_at,
           language, age_band, sex, ethnicity, disability, completed_by, device_id, flagged)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
      ),
      bumpRollup: sqlite.prepare(
        `INSERT INTO rollup_daily (unit_code, day, question, answer, mode, flagged, count) VALUES (@unitCode, @day, @question, @answer, @mode, @flagged, @count)
         ON CONFLICT (unit_code, day, question, answer, mode, flagged) DO UPDATE SET count = count + excluded.count`,
      ),
      saveAnalysis: sqlite.prepare(
        `INSERT INTO comment_analysis (response_id, unit_code, day, labels, categories, sentiment, concern, redacted_internal, redacted_public, model_version, analysed_at)
         VALUES (@responseId, @unitCode, @day, @labels, @categories, @sentiment, @concern, @redactedInternal, @redactedPublic, @modelVersion, @analysedAt)
         ON CONFLICT (response_id) DO UPDATE SET labels = excluded.labels, categories = excluded.categories, sentiment = excluded.sentiment,
           concern = excluded.concern, redacted_internal = excluded.redacted_internal, redacted_public = excluded.redacted_public,
           model_version = excluded.model_version, analysed_at = excluded.analysed_at`,
      ),
      clearLabels: sqlite.prepare('DELETE FROM comment_labels WHERE response_id = ?'),
      addLabel: sqlite.prepare(
        `INSERT INTO comment_labels (response_id, unit_code, day, sub_category, category, sentiment) VALUES (@responseId, @unitCode, @day, @subCategory, @category, @sentiment)`,
      ),
      bumpAnswers: sqlite.prepare(
        `INSERT INTO rollup_answers_daily (unit_code, day, question, answer, flagged, count) VALUES (@unitCode, @day, @question, @answer, @flagged, @count)
         ON CONFLICT (unit_code, day, question, answer, flagged) DO UPDATE SET count = count + excluded.count`,
      ),
      bumpOrg: sqlite.prepare(
        `INSERT INTO rollup_org_monthly (level, code, month, question, answer, flagged, count) VALUES (@level, @code, @month, @question, @answer, @flagged, @count)
         ON CONFLICT (level, code, month, question, answer, flagged) DO UPDATE SET count = count + excluded.count`,
      ),
      parents: sqlite.prepare(`${UNIT_PARENTS_SQL} WHERE u.code = ?`),
      bumpMonthly: sqlite.prepare(
        `INSERT INTO rollup_monthly (unit_code, month, question, answer, flagged, count) VALUES (@unitCode, @month, @question, @answer, @flagged, @count)
         ON CONFLICT (unit_code, month, question, answer, flagged) DO UPDATE SET count = count + excluded.count`,
      ),
    };
  }
  // Prepared lazily: the tables exist only after migrate().
  const statements = () => (hot ??= prepareHot());
  // A file database only: an in-memory one exists on this connection alone.
  const thread = options.writerThread && path !== ':memory:' ? sqliteWriterThread({ path, synchronous: options.synchronous ?? 'NORMAL' }) : null;

  return {
    ...smsSqlite(db, sqlite),
    ...staffSqlite(db, sqlite),
    ...exportsSqlite(db, sqlite),
    dialect: 'sqlite',

    async migrate() {
      migrate(db, { migrationsFolder });
    },

    async ping() {
      sqlite.prepare('select 1').get();
      await thread?.ready();
    },

    async close() {
      await thread?.close();
      if (sqlite.open) sqlite.close();
    },

    async upsertOrg(rows: OrgRow[], month?: string) {
      const parents = orgParents(rows);
      return db.transaction((tx) => {
        const before = parentMap(sqlite.prepare(UNIT_PARENTS_SQL).all() as ParentRow[]);
        const stored = new Map(
          rows.length
            ? tx.select({ code: t.units.code, setting: t.units.setting }).from(t.units).where(inArray(t.units.code, rows.map((r) => r.unitCode))).all().map((r) => [r.code, r.setting])
            : [],
        );
        // Set on the unit's first insert only: a re-import leaves the month it was added in.
        const added = addedMonthOf(month);
        const history = settingHistoryRows(rows.map((r) => ({ unitCode: r.unitCode, before: stored.get(r.unitCode), after: r.setting })), month);
        for (const icb of parents.icbs) tx.insert(t.icbs).values(icb).onConflictDoUpdate({ target: t.icbs.code, set: { name: icb.name } }).run();
        for (const trust of parents.trusts)
          tx.insert(t.trusts).values(trust).onConflictDoUpdate({ target: t.trusts.code, set: { name: trust.name, icbCode: trust.icbCode } }).run();
        for (const site of parents.sites)
          tx.insert(t.sites).values(site).onConflictDoUpdate({ target: t.sites.code, set: { name: site.name, trustCode: site.trustCode } }).run();
        for (const row of rows) {
          const { code, ...rest } = unitValues(row);
          tx.insert(t.units).values({ code, ...rest, addedMonth: added }).onConflictDoUpdate({ target: t.units.code, set: rest }).run();
        }
        for (const row of history) {
          tx.insert(t.unitSettings).values(row).onConflictDoUpdate({ target: [t.unitSettings.unitCode, t.unitSettings.fromMonth], set: { setting: row.setting } }).run();
        }
        const changed = history.filter((h) => h.fromMonth !== SINCE_THE_START);
        const setBack = new Set(changed.length ? tx.all<{ unit_code: string }>(dropSetBackSql(month!, changed.map((h) => h.unitCode))).map((r) => r.unit_code) : []);
        const moved = movedUnits(before, parentMap(sqlite.prepare(UNIT_PARENTS_SQL).all() as ParentRow[]));
        if (moved.length) {
          for (const statement of REBUILD_ORG_MONTHLY_SQL) sqlite.prepare(statement).run();
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
      const row = statements().unit.get({ code });
      return row ? toUnit(row) : undefined;
    },

    async listUnits() {
      return unitQuery().orderBy(asc(t.units.code)).all().map(toUnit);
    },

    async insertResponses(rows: NewResponse[]): Promise<InsertOutcome[]> {
      if (rows.length === 0) return [];
      if (thread) return thread.insertResponses(rows);
      const { fresh } = firstOccurrences(rows);
      const { insertResponse, bumpRollup, bumpMonthly, bumpAnswers, bumpOrg, parents } = statements();
      return sqlite.transaction(() => {
        const inserted = new Set<string>();
        // Positional parameters: binding eighteen named ones from an object cost about a
        // microsecond more per row (a fifth of the insert).
        for (const r of fresh) {
          const changes = insertResponse.run(
            r.id, r.unitCode, r.question, r.answer, r.comment, r.channel, r.mode, r.answeredAt, r.answeredDay, r.receivedAt,
            r.language, r.ageBand, r.sex, r.ethnicity, r.disability, r.completedBy, r.deviceId, r.flagged ? 1 : 0,
          ).changes;
          if (changes === 1) inserted.add(r.id);
        }
        const daily = rollupIncrements(fresh.filter((r) => inserted.has(r.id)));
        for (const cell of daily) bumpRollup.run(sqliteBindable(cell));
        for (const cell of answerIncrements(daily)) bumpAnswers.run(sqliteBindable(cell));
        const monthly = monthlyIncrements(daily);
        for (const cell of monthly) bumpMonthly.run(sqliteBindable(cell));
        // Parents read in this transaction: an org import by another connection or process
        // (`fft org import` while the server runs) counts from its commit on.
        const unitParents = new Map<string, UnitParents>();
        for (const m of monthly) {
          if (!unitParents.has(m.unitCode)) {
            const row = parents.get(m.unitCode) as ParentRow | undefined;
            if (row) unitParents.set(m.unitCode, { site: row.site, trust: row.trust, icb: row.icb });
          }
        }
        for (const cell of orgIncrements(monthly, unitParents)) bumpOrg.run(sqliteBindable(cell));
        // A repeat within the batch, or an id stored before, is a duplicate; only the first
        // occurrence that actually went in is new.
        const claimed = new Set<string>();
        return rows.map((r) => {
          const isNew = inserted.has(r.id) && !claimed.has(r.id);
          if (isNew) claimed.add(r.id);
          return { id: r.id, duplicate: !isNew };
        });
      })();
    },

    async getResponse(id) {
      const row = db.select().from(t.responses).where(eq(t.responses.id, id)).get();
      return row ? (toResponse(row) as NewResponse) : undefined;
    },

    async getResponses(ids) {
      return chunks([...new Set(ids)]).flatMap((part) => db.select().from(t.responses).where(inArray(t.responses.id, part)).all().map((row) => toResponse(row) as NewResponse));
    },

    async countResponses(options = {}) {
      return db.select({ n: count() }).from(t.responses).where(options.withComment ? isNotNull(t.responses.comment) : undefined).get()!.n;
    },

    async dailyCounts(q = {}) {
      const r = t.rollupDaily;
      return db
        .select({ unitCode: r.unitCode, day: r.day, question: r.question, answer: r.answer, mode: r.mode, flagged: r.flagged, count: r.count })
        .from(r)
        .where(dailyWhere(q, { unit: r.unitCode, day: r.day }))
        .orderBy(asc(r.unitCode), asc(r.day), asc(r.question), asc(r.answer), asc(r.mode), asc(r.flagged))
        .all()
        .map(toDailyCount);
    },

    async recountDaily(q = {}) {
      const r = t.responses;
      return db
        .select({ unitCode: r.unitCode, day: r.answeredDay, question: r.question, answer: r.answer, mode: r.mode, flagged: r.flagged, count: count() })
        .from(r)
        .where(dailyWhere(q, { unit: r.unitCode, day: r.answeredDay }))
        .groupBy(r.unitCode, r.answeredDay, r.question, r.answer, r.mode, r.flagged)
        .orderBy(asc(r.unitCode), asc(r.answeredDay), asc(r.question), asc(r.answer), asc(r.mode), asc(r.flagged))
        .all()
        .map(toDailyCount);
    },

    async monthlyCounts() {
      const r = t.rollupMonthly;
      return db.select().from(r).orderBy(asc(r.unitCode), asc(r.month), asc(r.question), asc(r.answer), asc(r.flagged)).all().map(toMonthlyCount);
    },

    async recountMonthly() {
      const r = t.responses;
      const month = sql<string>`substr(${r.answeredDay}, 1, 7)`;
      return db
        .select({ unitCode: r.unitCode, month, question: r.question, answer: r.answer, flagged: r.flagged, count: count() })
        .from(r)
        .groupBy(r.unitCode, month, r.question, r.answer, r.flagged)
        .orderBy(asc(r.unitCode), asc(month), asc(r.question), asc(r.answer), asc(r.flagged))
        .all()
        .map(toMonthlyCount);
    },

    async sumCounts(q) {
      return db.all<Record<string, unknown>>(sumCountsQuery(q)).map(toSumRow);
    },

    async answerCells(q) {
      // As arrays, made into objects here: better-sqlite3's own row objects took half as long again.
      return db.values<[string, string, string, number, number, number]>(answerCellsQuery(q)).map(([unitCode, day, question, answer, flagged, count]) => ({ unitCode, day, question, answer, flagged: Boolean(flagged), count }));
    },

    async firstAnswerDays(q) {
      return toFirstAnswerDays(db.all<{ unitCode: string; day: string | null }>(firstAnswerDaysQuery(q)));
    },

    async breakdown(q) {
      return db.all<Record<string, unknown>>(breakdownQuery(q)).map(toBreakdownRow);
    },

    async setEligible(items, at) {
      db.transaction((tx) => {
        for (const item of items) {
          tx.insert(t.eligible)
            .values({ ...item, updatedAt: at })
            .onConflictDoUpdate({ target: [t.eligible.unitCode, t.eligible.month], set: { count: item.count, updatedAt: at } })
            .run();
        }
      });
    },

    async eligibleCounts(q) {
      const e = t.eligible;
      return db
        .select({ unitCode: e.unitCode, month: e.month, count: e.count })
        .from(e)
        .where(and(q.unitCodes.length ? inArray(e.unitCode, q.unitCodes) : sql`0`, gte(e.month, q.fromMonth), lte(e.month, q.toMonth)))
        .orderBy(asc(e.unitCode), asc(e.month))
        .all();
    },

    async setUnitThreshold(code, negativeThreshold) {
      return db.update(t.units).set({ negativeThreshold }).where(eq(t.units.code, code)).run().changes > 0;
    },

    async unitSettings({ fromMonth, toMonth }) {
      const h = t.unitSettings;
      // A unit with no history row (added by an older version's process still running after migration 0010) has had its setting all along.
      const history = db
        .select({ unitCode: t.units.code, fromMonth: sql<string>`coalesce(${h.fromMonth}, ${SINCE_THE_START})`, setting: sql<string>`coalesce(${h.setting}, ${t.units.setting})` })
        .from(t.units)
        .leftJoin(h, and(eq(h.unitCode, t.units.code), lte(h.fromMonth, toMonth)))
        .all();
      return settingMonths(history, fromMonth, toMonth);
    },

    async raiseAlerts(alerts) {
      return db.transaction((tx) => alerts.filter((a) => tx.insert(t.alerts).values(alertValues(a)).onConflictDoNothing().run().changes === 1));
    },

    async listAlerts(q) {
      const a = t.alerts;
      return db
        .select()
        .from(a)
        .where(alertWhere(q))
        .orderBy(desc(a.raisedAt), desc(a.id))
        .limit(q.limit ?? 200)
        .offset(q.offset ?? 0)
        .all()
        .map(toAlert);
    },

    async countAlerts(q) {
      return db.select({ n: count() }).from(t.alerts).where(alertWhere(q)).get()!.n;
    },

    async openAlertCounts(unitCodes) {
      const a = t.alerts;
      return db
        .select({ unitCode: a.unitCode, kind: a.kind, count: count() })
        .from(a)
        .where(alertWhere({ unitCodes, openOnly: true }))
        .groupBy(a.unitCode, a.kind)
        .all();
    },

    async getAlert(id) {
      const row = db.select().from(t.alerts).where(eq(t.alerts.id, id)).get();
      return row ? toAlert(row) : undefined;
    },

    async acknowledgeAlert(id, by, at) {
      return db.update(t.alerts).set({ acknowledgedAt: at, acknowledgedBy: by }).where(and(eq(t.alerts.id, id), isNull(t.alerts.acknowledgedAt))).run().changes > 0;
    },

    async createKiosk(kiosk) {
      return db.insert(t.kiosks).values(kiosk).onConflictDoNothing({ target: t.kiosks.id }).run().changes === 1;
    },

    async getKiosk(id) {
      return db.select().from(t.kiosks).where(eq(t.kiosks.id, id)).get();
    },

    async findKioskByToken(tokenId) {
      return db.select().from(t.kiosks).where(eq(t.kiosks.tokenId, tokenId)).get();
    },

    async claimPairing(codeHash, now) {
      const [row] = db
        .update(t.kiosks)
        .set({ pairingCodeHash: null, pairingExpiresAt: null })
        .where(and(eq(t.kiosks.pairingCodeHash, codeHash), gt(t.kiosks.pairingExpiresAt, now), isNull(t.kiosks.revokedAt)))
        .returning()
        .all();
      return row;
    },

    async updateKiosk(id, patch) {
      return db.update(t.kiosks).set(patch).where(eq(t.kiosks.id, id)).run().changes > 0;
    },

    async listKiosks(unitCodes) {
      if (unitCodes.length === 0) return [];
      return db.select().from(t.kiosks).where(inArray(t.kiosks.unitCode, unitCodes)).orderBy(asc(t.kiosks.unitCode), asc(t.kiosks.createdAt)).all();
    },

    async saveYouSaid(item) {
      const { id, ...rest } = item;
      db.insert(t.youSaidWeDid).values(item).onConflictDoUpdate({ target: t.youSaidWeDid.id, set: rest }).run();
    },

    async getYouSaid(id) {
      return db.select().from(t.youSaidWeDid).where(eq(t.youSaidWeDid.id, id)).get();
    },

    async listYouSaid(unitCodes, limit = 50, status) {
      if (unitCodes.length === 0) return [];
      const where = and(inArray(t.youSaidWeDid.unitCode, unitCodes), status === undefined ? undefined : eq(t.youSaidWeDid.status, status));
      return db.select().from(t.youSaidWeDid).where(where).orderBy(desc(t.youSaidWeDid.updatedAt), desc(t.youSaidWeDid.id)).limit(limit).all();
    },

    async saveCommentAnalyses(items) {
      const { saveAnalysis, clearLabels, addLabel } = statements();
      // Every stored comment comes through here: statements prepared once (bench/ingest showed
      // per-call query building costing more than the models themselves).
      sqlite.transaction(() => {
        for (const a of items) {
          saveAnalysis.run(analysisValues(a));
          clearLabels.run(a.responseId);
          for (const label of labelValues(a)) addLabel.run(label);
        }
      })();
    },

    async listComments(q) {
      const total = Number(db.all<{ n: number }>(commentCountQuery(q))[0]?.n ?? 0);
      return { total, comments: db.all<Record<string, unknown>>(commentsQuery(q, sql`julianday(r.answered_at)`)).map(toCommentRow) };
    },

    async themeCounts(q) {
      return db.all<Record<string, unknown>>(themeCountsQuery(q)).map((r) => ({ day: String(r.day), subCategory: String(r.subCategory), category: String(r.category), sentiment: Number(r.sentiment), count: Number(r.count) }));
    },

    async commentsAfter(afterId, limit) {
      const r = t.responses;
      return db.select(storedComment(r)).from(r).where(and(isNotNull(r.comment), afterId ? gt(r.id, afterId) : undefined)).orderBy(asc(r.id)).limit(limit).all();
    },

    async unanalysedCommentsAfter(afterId, scan) {
      const r = t.responses;
      const after = afterId ? gt(r.id, afterId) : undefined;
      // The slice's last comment first, then only the slice is checked for an analysis.
      const last = db.select({ id: r.id }).from(r).where(and(isNotNull(r.comment), after)).orderBy(asc(r.id)).limit(1).offset(scan - 1).get();
      const next = last?.id ?? null;
      const comments = db
        .select(storedComment(r))
        .from(r)
        .where(and(isNotNull(r.comment), after, next ? lte(r.id, next) : undefined, sql`NOT EXISTS (SELECT 1 FROM comment_analysis a WHERE a.response_id = ${r.id})`))
        .orderBy(asc(r.id))
        .all();
      return { comments, next };
    },

    async getSetting(key) {
      const row = db.select().from(t.settings).where(eq(t.settings.key, key)).get();
      return row ? JSON.parse(row.value) : undefined;
    },

    async setSetting(key, value, at) {
      const v = JSON.stringify(value);
      db.insert(t.settings).values({ key, value: v, updatedAt: at }).onConflictDoUpdate({ target: t.settings.key, set: { value: v, updatedAt: at } }).run();
    },

    async createToken(token) {
      db.insert(t.apiTokens).values({ ...token, scopes: JSON.stringify(token.scopes) }).run();
    },

    async findTokenByHash(tokenHash) {
      const row = statements().token.get({ hash: tokenHash });
      return row ? toToken(row) : undefined;
    },

    async revokeToken(id, at) {
      return db.update(t.apiTokens).set({ revokedAt: at }).where(eq(t.apiTokens.id, id)).run().changes > 0;
    },

    async listTokens() {
      return db.select().from(t.apiTokens).orderBy(asc(t.apiTokens.createdAt)).all().map(toToken);
    },

    async createUser(user) {
      db.insert(t.users).values({ ...user, email: user.email.toLowerCase(), scopes: JSON.stringify(user.scopes) }).run();
    },

    async findUserByEmail(email) {
      const row = db.select().from(t.users).where(eq(t.users.email, email.toLowerCase())).get();
      return row ? toUser(row) : undefined;
    },

    async appendAudit(entry) {
      db.insert(t.auditLog).values({ ...entry, target: entry.target ?? null, detail: entry.detail === undefined ? null : JSON.stringify(entry.detail) }).run();
    },

    async listAudit(limit = 100) {
      return db
        .select()
        .from(t.auditLog)
        .orderBy(desc(t.auditLog.at), desc(t.auditLog.id))
        .limit(limit)
        .all()
        .map((r) => ({ ...r, detail: r.detail === null ? null : JSON.parse(r.detail) }));
    },
  };
}
