import Database from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentCountQuery, commentsQuery, type CommentQuery } from './queries.ts';
import { pgTestUrl, tempPostgres, tempSqlite, type TestDb } from './testing.ts';

const q: CommentQuery = { unitCodes: ['W1', 'W2', 'ED'], from: '2025-12-01', to: '2026-11-30', limit: 50, offset: 0 };

describe('the comments list on SQLite', () => {
  const testDb = tempSqlite();
  afterAll(() => testDb.cleanup());

  /** What SQLite plans to read for a query (EXPLAIN QUERY PLAN details). */
  async function plan(query: ReturnType<typeof commentsQuery>): Promise<string[]> {
    const store = testDb.open();
    await store.migrate();
    await store.close();
    const db = new Database(testDb.target, { readonly: true });
    try {
      const { sql: text, params } = new SQLiteSyncDialect().sqlToQuery(query);
      return (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    } finally {
      db.close();
    }
  }

  // Read from every response of the range, a trust's year of comments took 6 s at 1.5M responses.
  it('counts and chooses a page from the comments index, reading only the rows of the page', async () => {
    const count = await plan(commentCountQuery(q));
    expect(count.some((d) => d.includes('responses_comments_idx'))).toBe(true);
    const page = await plan(commentsQuery(q, sql`julianday(r.answered_at)`));
    expect(page.some((d) => /SEARCH r USING .*INDEX responses_comments_idx/.test(d))).toBe(true);
    expect(page.some((d) => /SEARCH r USING INDEX sqlite_autoindex_responses_1 \(id=\?\)/.test(d))).toBe(true);
    expect(page.filter((d) => d.startsWith('SCAN r'))).toEqual([]);
    // Nothing is read from the analyses when no filter needs them.
    expect([...count, ...page].filter((d) => /^SEARCH a .*LEFT-JOIN/.test(d))).toHaveLength(1);
  });

  // Looked up for every comment of the range, a trust's year filtered by theme took 1.2 s and by
  // sentiment or concern 1.7-1.9 s at 1.5M responses.
  it('finds the comments of a theme, sentiment or concern from their own indexes, then the responses by id', async () => {
    const theme = /SEARCH l USING COVERING INDEX comment_labels_theme_idx \(unit_code=\? AND sub_category=\? AND day>\? AND day<\?\)/;
    const sentiment = /SEARCH s USING COVERING INDEX comment_analysis_sentiment_idx \(unit_code=\? AND sentiment=\? AND day>\? AND day<\?\)/;
    const concern = /SEARCH s USING .*INDEX comment_analysis_concern_idx \(unit_code=\? AND day>\? AND day<\?\)/;
    const cases: [Partial<CommentQuery>, RegExp[]][] = [
      [{ theme: 'Staff manner & personal attributes' }, [theme]],
      [{ sentiment: 5 }, [sentiment]],
      [{ concern: true }, [concern]],
      [{ theme: 'Timeliness of care', sentiment: 4, search: 'wait' }, [theme, sentiment]],
    ];
    // A ward's few units or a trust's 150: either way no analysis is looked up per comment.
    const trust = Array.from({ length: 150 }, (_, i) => `U${i}`);
    for (const unitCodes of [q.unitCodes, trust]) {
      for (const [filters, indexes] of cases) {
        const count = await plan(commentCountQuery({ ...q, unitCodes, ...filters }));
        const page = await plan(commentsQuery({ ...q, unitCodes, ...filters }, sql`julianday(r.answered_at)`));
        for (const steps of [count, page]) {
          for (const index of indexes) expect(steps.some((d) => index.test(d)), `${JSON.stringify(filters)}: ${index}\n${steps.join('\n')}`).toBe(true);
          expect(steps.filter((d) => /^SCAN|CORRELATED|sqlite_autoindex_comment_labels_1/.test(d))).toEqual([]);
        }
        // An analysis is read per comment only for the search, and for the page's own rows.
        expect(count.filter((d) => /sqlite_autoindex_comment_analysis_1/.test(d))).toHaveLength(filters.search ? 1 : 0);
        expect(page.filter((d) => /sqlite_autoindex_comment_analysis_1/.test(d))).toHaveLength(filters.search ? 2 : 1);
        // A trust's comments are chosen from the filter's index and read by id.
        if (unitCodes === trust) expect(count.some((d) => /SEARCH r USING INDEX sqlite_autoindex_responses_1 \(id=\?\)/.test(d)), count.join('\n')).toBe(true);
      }
    }
  });
});

const pgUrl = pgTestUrl();
describe.skipIf(!pgUrl)('the comments list on PostgreSQL', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await tempPostgres(pgUrl!);
    const store = testDb.open();
    await store.migrate();
    await store.close();
  });
  afterAll(() => testDb?.cleanup());

  // `lower(redacted_…) LIKE '%…%'` over every comment of a trust's year took 0.7 s at 1.5M responses.
  it('finds the comments holding the words searched for from the trigram index of the text searched', async () => {
    const client = new pg.Client({ connectionString: testDb.target });
    await client.connect();
    try {
      // Empty tables are cheapest read whole or by key: only whether the index can serve the search is asked.
      for (const plan of ['seqscan', 'indexscan', 'nestloop']) await client.query(`SET enable_${plan} = off`);
      for (const searchIn of ['internal', 'public'] as const) {
        const { sql: text, params } = new PgDialect().sqlToQuery(commentCountQuery({ ...q, search: '100%', searchIn }));
        const steps = (await client.query(`EXPLAIN ${text}`, params)).rows.map((r) => r['QUERY PLAN'] as string);
        expect(steps.some((d) => d.includes(`Bitmap Index Scan on comment_analysis_${searchIn}_trgm_idx`)), steps.join('\n')).toBe(true);
      }
    } finally {
      await client.end();
    }
  });
});
