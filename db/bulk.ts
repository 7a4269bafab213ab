/**
 * A fast bulk path into a fresh SQLite database, for benchmarks and large demos: responses in
 * big transactions with rollups accumulated in memory and written per day and per month. Not
 * for live traffic (no group commit, no idempotence checks beyond the primary key).
 */
import Database from 'better-sqlite3';
import { answerIncrements, monthlyIncrements, orgIncrements, rollupIncrements, sqliteBindable } from './rows.ts';
import { parentMap, UNIT_PARENTS_SQL, type ParentRow } from './org-rollup.ts';
import type { NewResponse } from './store.ts';

/** Loads days of responses, in day order; `days` yields each day's responses in turn. */
export function bulkLoadSqlite(path: string, days: Iterable<NewResponse[]>, onDay?: (loaded: number) => void): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    `INSERT INTO responses (id, unit_code, question, answer, comment, channel, mode, answered_at, answered_day, received_at,
       language, age_band, sex, ethnicity, disability, completed_by, device_id, flagged)
     VALUES (@id, @unitCode, @question, @answer, @comment, @channel, @mode, @answeredAt, @answeredDay, @receivedAt,
       @language, @ageBand, @sex, @ethnicity, @disability, @completedBy, @deviceId, @flagged)`,
  );
  const daily = db.prepare(
    `INSERT INTO rollup_daily (unit_code, day, question, answer, mode, flagged, count) VALUES (@unitCode, @day, @question, @answer, @mode, @flagged, @count)
     ON CONFLICT (unit_code, day, question, answer, mode, flagged) DO UPDATE SET count = count + excluded.count`,
  );
  const monthly = db.prepare(
    `INSERT INTO rollup_monthly (unit_code, month, question, answer, flagged, count) VALUES (@unitCode, @month, @question, @answer, @flagged, @count)
     ON CONFLICT (unit_code, month, question, answer, flagged) DO UPDATE SET count = count + excluded.count`,
  );
  const answers = db.prepare(
    `INSERT INTO rollup_answers_daily (unit_code, day, question, answer, flagged, count) VALUES (@unitCode, @day, @question, @answer, @flagged, @count)
     ON CONFLICT (unit_code, day, question, answer, flagged) DO UPDATE SET count = count + excluded.count`,
  );
  const org = db.prepare(
    `INSERT INTO rollup_org_monthly (level, code, month, question, answer, flagged, count) VALUES (@level, @code, @month, @question, @answer, @flagged, @count)
     ON CONFLICT (level, code, month, question, answer, flagged) DO UPDATE SET count = count + excluded.count`,
  );
  const parents = parentMap(db.prepare(UNIT_PARENTS_SQL).all() as ParentRow[]);
  const loadDay = db.transaction((rows: NewResponse[]) => {
    for (const r of rows) insert.run(sqliteBindable(r));
    const cells = rollupIncrements(rows);
    for (const c of cells) daily.run(sqliteBindable(c));
    for (const c of answerIncrements(cells)) answers.run(sqliteBindable(c));
    const months = monthlyIncrements(cells);
    for (const c of months) monthly.run(sqliteBindable(c));
    for (const c of orgIncrements(months, parents)) org.run(sqliteBindable(c));
  });
  let loaded = 0;
  for (const rows of days) {
    loadDay(rows);
    loaded += rows.length;
    onDay?.(loaded);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return loaded;
}
