/**
 * `GET /api/v1/comments` and `GET /api/v1/themes`: what patients wrote, always redacted, scoped
 * like every other figure. Only an admin may ask for the original text, and each time that is
 * written to the audit log.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { periodOf, periodsBetween } from '../../analytics/periods.ts';
import { redact } from '../../analytics/redaction.ts';
import type { CommentRow, Store } from '../../db/store.ts';
import type { AuthEnv } from '../auth/bearer.ts';
import type { Clock } from '../clock.ts';
import { ApiError } from '../middleware/errors.ts';
import { audit } from '../audit.ts';
import { resolveNode } from '../reads/node.ts';
import type { Settings } from '../settings.ts';
import { checkLength, day, nodeQuery, parseQuery, periodKind } from './query.ts';

/** The text staff see: redacted by the models, or redacted now if the analysis has not run yet. */
export function shownText(row: CommentRow, staffNames: 'keep' | 'redact'): string {
  if (row.analysis) return staffNames === 'keep' ? row.analysis.redactedInternal : row.analysis.redactedPublic;
  return redact(row.comment, { staffNames }).text;
}

const commentsQuery = nodeQuery.extend({
  from: day,
  to: day,
  theme: z.string().min(1).max(100).optional(),
  sentiment: z.coerce.number().int().min(1).max(5).optional(),
  // Blank (a search box left with a space in it) is no search.
  q: z.string().trim().max(200).optional().transform((s) => (s ? s : undefined)),
  concern: z.enum(['0', '1']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  original: z.enum(['0', '1']).optional(),
});

const EXAMPLES = 3;

/**
 * The first day of the latest days that hold `wanted` comments of a theme (its comments per day,
 * from the theme counts): its newest examples all fall on or after it, so they are looked for
 * there rather than over the whole range (a trust's year took seconds per theme, bench/trust.ts).
 */
export function examplesFrom(perDay: Map<string, number>, wanted: number, from: string): string {
  let seen = 0;
  for (const day of [...perDay.keys()].sort().reverse()) {
    seen += perDay.get(day)!;
    if (seen >= wanted) return day;
  }
  return from;
}

export function commentRoutes({ store, clock, settings }: { store: Store; clock: Clock; settings: Settings }) {
  const app = new Hono<AuthEnv>();

  app.get('/comments', async (c) => {
    const principal = c.get('principal');
    const q = parseQuery(c, commentsQuery);
    const node = await resolveNode(store, principal, q.level, q.code, q.setting ?? null);
    const original = q.original === '1';
    if (original && principal.role !== 'admin') throw new ApiError(403, 'forbidden', 'Only an admin may see comments unredacted', [{ path: 'original', message: 'admin only' }]);
    const { staffNamesInternal } = await settings.get();
    const { total, comments } = await store.listComments({
      unitCodes: node.units.map((u) => u.code),
      from: q.from,
      to: q.to,
      theme: q.theme,
      sentiment: q.sentiment,
      concern: q.concern === undefined ? undefined : q.concern === '1',
      search: q.q,
      searchIn: staffNamesInternal === 'keep' ? 'internal' : 'public',
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    if (original) await audit(store, clock, principal, 'comments.unredacted', `${node.level}:${node.code}`, { from: q.from, to: q.to, ids: comments.map((r) => r.id) });
    return c.json({
      level: node.level,
      code: node.code,
      total,
      page: q.page,
      pageSize: q.pageSize,
      comments: comments.map((r) => ({
        id: r.id,
        unit: r.unitCode,
        answeredAt: r.answeredAt,
        day: r.answeredDay,
        answer: r.answer,
        question: r.question,
        channel: r.channel,
        flagged: r.flagged,
        comment: shownText(r, staffNamesInternal),
        ...(original ? { original: r.comment } : {}),
        labels: r.analysis?.labels ?? [],
        sentiment: r.analysis?.sentiment ?? null,
        concern: r.analysis?.concern ?? null,
      })),
    });
  });

  app.get('/themes', async (c) => {
    const q = parseQuery(c, nodeQuery.extend({ from: day, to: day, period: periodKind.default('month') }));
    checkLength(q.period, q.from, q.to);
    const node = await resolveNode(store, c.get('principal'), q.level, q.code, q.setting ?? null);
    const unitCodes = node.units.map((u) => u.code);
    const periods = periodsBetween(q.period, q.from, q.to);
    const rows = await store.themeCounts({ unitCodes, from: q.from, to: q.to });
    type Cell = { subCategory: string; category: string; total: number; sentiment: Record<number, number> };
    const byPeriod = new Map<string, Map<string, Cell>>();
    const overall = new Map<string, Cell>();
    const daysOf = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const days = daysOf.get(r.subCategory) ?? daysOf.set(r.subCategory, new Map()).get(r.subCategory)!;
      days.set(r.day, (days.get(r.day) ?? 0) + r.count);
      const label = periodOf(q.period, r.day).label;
      for (const map of [byPeriod.get(label) ?? byPeriod.set(label, new Map()).get(label)!, overall]) {
        const cell = map.get(r.subCategory) ?? { subCategory: r.subCategory, category: r.category, total: 0, sentiment: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } };
        cell.total += r.count;
        cell.sentiment[r.sentiment] = (cell.sentiment[r.sentiment] ?? 0) + r.count;
        map.set(r.subCategory, cell);
      }
    }
    const { staffNamesInternal } = await settings.get();
    const themes = [];
    for (const cell of [...overall.values()].sort((a, b) => b.total - a.total)) {
      const examples = await store.listComments({ unitCodes, from: examplesFrom(daysOf.get(cell.subCategory)!, EXAMPLES, q.from), to: q.to, theme: cell.subCategory, limit: EXAMPLES, offset: 0 });
      themes.push({ ...cell, examples: examples.comments.map((r) => ({ id: r.id, day: r.answeredDay, sentiment: r.analysis?.sentiment ?? null, comment: shownText(r, staffNamesInternal) })) });
    }
    return c.json({
      level: node.level,
      code: node.code,
      from: q.from,
      to: q.to,
      themes,
      // Only the days asked for are counted: a period cut by `from` or `to` says so, with the days it holds,
      // so "2026-11" from the 15th is not read as the whole month.
      periods: periods.map((p) => ({
        period: p.label,
        start: p.start,
        end: p.end,
        from: p.start < q.from ? q.from : p.start,
        to: p.end > q.to ? q.to : p.end,
        partial: p.start < q.from || p.end > q.to,
        themes: [...(byPeriod.get(p.label)?.values() ?? [])].sort((a, b) => b.total - a.total),
      })),
    });
  });

  return app;
}
