import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { afterAll, describe, expect, it } from 'vitest';
import { commentCountQuery, commentsQuery, type CommentQuery } from './queries.ts';
import { tempSqlite } from './testing.ts';

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

  const q: CommentQuery = { unitCodes: ['W1', 'W2', 'ED'], from: '2025-12-01', to: '2026-11-30', limit: 50, offset: 0 };

  // Read from every response of the range, a trust's year of comments took 6 s at 1.5M responses.
  it('counts and chooses a page from the comments index, reading only the rows of the page', async () => {
    const count = await plan(commentCountQuery(q));
    expect(count.some((d) => d.includes('responses_comments_idx'))).toBe(true);
    const page = await plan(commentsQuery(q, sql`julianday(r.answered_at)`));
    expect(page.some((d) => /SEARCH r USING .*INDEX responses_comments_idx/.test(d))).toBe(true);
    expect(page.some((d) => /SEARCH r USING INDEX sqlite_autoindex_responses_1 \(id=\?\)/.test(d))).toBe(true);
    expect(page.filter((d) => d.startsWith('SCAN r'))).toEqual([]);
  });
});
