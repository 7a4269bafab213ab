/**
 * Read queries that are the same SQL on SQLite and PostgreSQL, built once with drizzle's `sql`
 * and run by each adapter. Each is named for what a view asks, over rollups where it can be.
 */
import { sql, type SQL } from 'drizzle-orm';

export type Grain = 'day' | 'month';

export interface SumQuery {
  unitCodes: string[];
  /** First and last day ('YYYY-MM-DD') or month ('YYYY-MM'), inclusive, matching `grain`. */
  from: string;
  to: string;
  grain: Grain;
  question?: string;
  byUnit?: boolean;
  /** Only with grain 'day': monthly rollups carry no mode. */
  byMode?: boolean;
  /** Keep the flagged (burst) answers apart in the result. */
  byFlagged?: boolean;
  /** Which answers to count: all (default), only those not flagged, or only flagged ones. */
  flagged?: FlaggedFilter;
  /**
   * A whole site, trust or ICB (no setting filter): monthly sums come from its own rollup rather
   * than from every unit's. `unitCodes` must then be all of its units.
   */
  org?: { level: 'site' | 'trust' | 'icb'; code: string };
}

export type FlaggedFilter = 'include' | 'exclude' | 'only';

function flaggedWhere(f: FlaggedFilter | undefined): SQL {
  return f === 'exclude' ? sql`AND flagged = FALSE` : f === 'only' ? sql`AND flagged = TRUE` : sql``;
}

export interface SumRow {
  unitCode: string | null;
  period: string;
  question: string;
  answer: number;
  mode: string | null;
  flagged: boolean | null;
  count: number;
}

const inList = (values: string[]) => (values.length ? sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})` : sql`(NULL)`);

/** Answer counts from the rollups, summed over whatever is not asked for. */
export function sumCountsQuery(q: SumQuery): SQL {
  if (q.byMode && q.grain !== 'day') throw new Error('monthly rollups carry no mode: sum daily cells by mode instead');
  const period = q.grain === 'day' ? sql`day` : sql`month`;
  if (q.grain === 'month' && q.org && !q.byUnit) {
    const flagged = q.byFlagged ? sql`flagged` : sql`NULL`;
    const groups = [period, sql`question`, sql`answer`, ...(q.byFlagged ? [sql`flagged`] : [])];
    return sql`SELECT NULL AS "unitCode", month AS "period", question AS "question", answer AS "answer", NULL AS "mode", ${flagged} AS "flagged", SUM(count) AS "count"
      FROM rollup_org_monthly
      WHERE level = ${q.org.level} AND code = ${q.org.code} AND month >= ${q.from} AND month <= ${q.to}
      ${q.question ? sql`AND question = ${q.question}` : sql``}
      ${flaggedWhere(q.flagged)}
      GROUP BY ${sql.join(groups, sql`, `)}
      ORDER BY ${sql.join(groups, sql`, `)}`;
  }
  // Series never need the mode: the daily cells without it are a third as many.
  const table = q.grain === 'day' ? (q.byMode ? sql`rollup_daily` : sql`rollup_answers_daily`) : sql`rollup_monthly`;
  const unit = q.byUnit ? sql`unit_code` : sql`NULL`;
  const mode = q.byMode ? sql`mode` : sql`NULL`;
  const flagged = q.byFlagged ? sql`flagged` : sql`NULL`;
  const groups = [...(q.byUnit ? [sql`unit_code`] : []), period, sql`question`, sql`answer`, ...(q.byMode ? [sql`mode`] : []), ...(q.byFlagged ? [sql`flagged`] : [])];
  return sql`SELECT ${unit} AS "unitCode", ${period} AS "period", question AS "question", answer AS "answer", ${mode} AS "mode", ${flagged} AS "flagged", SUM(count) AS "count"
    FROM ${table}
    WHERE unit_code IN ${inList(q.unitCodes)} AND ${period} >= ${q.from} AND ${period} <= ${q.to}
    ${q.question ? sql`AND question = ${q.question}` : sql``}
    ${flaggedWhere(q.flagged)}
    GROUP BY ${sql.join(groups, sql`, `)}
    ORDER BY ${sql.join(groups, sql`, `)}`;
}

export function toSumRow(r: Record<string, unknown>): SumRow {
  return {
    unitCode: (r.unitCode as string | null) ?? null,
    period: String(r.period),
    question: String(r.question),
    answer: Number(r.answer),
    mode: (r.mode as string | null) ?? null,
    flagged: r.flagged === null || r.flagged === undefined ? null : Boolean(r.flagged),
    count: Number(r.count),
  };
}

export interface AnswerCellQuery {
  unitCodes: string[];
  /** First and last day ('YYYY-MM-DD'), inclusive. */
  from: string;
  to: string;
  question?: string;
  flagged?: FlaggedFilter;
}

/**
 * The daily answer cells as stored (one per unit, day, version, answer and flagged or not), in
 * no particular order: for reads that add them up themselves, such as every unit's chart on a
 * large trust's dashboard, where summing and sorting 27,000 cells in the database cost more than
 * reading them (PostgreSQL: 100 ms summed and sorted, 50 ms summed, 20 ms as stored).
 */
export function answerCellsQuery(q: AnswerCellQuery): SQL {
  return sql`SELECT unit_code AS "unitCode", day AS "day", question AS "question", answer AS "answer", flagged AS "flagged", count AS "count"
    FROM rollup_answers_daily
    WHERE unit_code IN ${inList(q.unitCodes)} AND day >= ${q.from} AND day <= ${q.to}
    ${q.question ? sql`AND question = ${q.question}` : sql``}
    ${flaggedWhere(q.flagged)}`;
}

export interface FirstAnswerQuery {
  unitCodes: string[];
  question?: string;
  flagged?: FlaggedFilter;
}

/**
 * Each unit's earliest day with answers, ever (null for a unit without any): where a chart learns
 * that a unit began collecting part-way through a week or month. Read per unit as the first row
 * down the rollup's (unit, day, …) key, so both databases stop at the first match rather than
 * reading every day since.
 */
export function firstAnswerDaysQuery(q: FirstAnswerQuery): SQL {
  const flagged = q.flagged === 'exclude' ? sql`AND r.flagged = FALSE` : q.flagged === 'only' ? sql`AND r.flagged = TRUE` : sql``;
  return sql`SELECT u.code AS "unitCode",
      (SELECT r.day FROM rollup_answers_daily r
        WHERE r.unit_code = u.code AND r.count > 0 ${q.question ? sql`AND r.question = ${q.question}` : sql``} ${flagged}
        ORDER BY r.day LIMIT 1) AS "day"
    FROM units u WHERE u.code IN ${inList(q.unitCodes)}
    ORDER BY u.code`;
}

/** The units that have a first day (see firstAnswerDaysQuery). */
export function toFirstAnswerDays(rows: { unitCode: string; day: string | null }[]): { unitCode: string; day: string }[] {
  return rows.filter((r): r is { unitCode: string; day: string } => r.day !== null);
}

export const BREAKDOWN_COLUMNS = {
  age: 'age_band',
  sex: 'sex',
  ethnicity: 'ethnicity',
  disability: 'disability',
  mode: 'mode',
  channel: 'channel',
  language: 'language',
} as const;
export type BreakdownBy = keyof typeof BREAKDOWN_COLUMNS;

export interface BreakdownQuery {
  unitCodes: string[];
  from: string;
  to: string;
  question: string;
  by: BreakdownBy;
  flagged?: FlaggedFilter;
}

export interface BreakdownRow {
  group: string | null;
  answer: number;
  count: number;
}

/** Answer counts per equality group (or mode, channel, language), from the responses themselves. */
export function breakdownQuery(q: BreakdownQuery): SQL {
  const column = sql.raw(BREAKDOWN_COLUMNS[q.by]);
  return sql`SELECT ${column} AS "group", answer AS "answer", COUNT(*) AS "count"
    FROM responses
    WHERE unit_code IN ${inList(q.unitCodes)} AND answered_day >= ${q.from} AND answered_day <= ${q.to} AND question = ${q.question}
    ${flaggedWhere(q.flagged)}
    GROUP BY ${column}, answer
    ORDER BY ${column}, answer`;
}

export function toBreakdownRow(r: Record<string, unknown>): BreakdownRow {
  return { group: (r.group as string | null) ?? null, answer: Number(r.answer), count: Number(r.count) };
}

export interface CommentQuery {
  unitCodes: string[];
  from: string;
  to: string;
  theme?: string;
  sentiment?: number;
  /** true: only comments flagged as a serious concern; false: only those not flagged; unset: all. */
  concern?: boolean;
  /** Words to find in the (redacted) comment, case-insensitive: each of them, anywhere in it, in any order. */
  search?: string;
  /**
   * Which redacted text `search` looks in: the one the reader is shown — `internal` (staff names
   * kept) or `public` (staff names redacted too, when the admin has chosen that for staff views),
   * so a search for a name cannot find comments that show it as [NAME]. Default `internal`.
   */
  searchIn?: 'internal' | 'public';
  limit: number;
  offset: number;
}

function commentWhere(q: CommentQuery): SQL {
  // Each word on its own, not the words as one phrase: a search for "noisy night" finds "noisy at
  // night", as someone typing words into a search box expects.
  const likes = (q.search ?? '').toLowerCase().split(/\s+/).filter(Boolean).map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const redacted = q.searchIn === 'public' ? sql`lower(a.redacted_public)` : sql`lower(a.redacted_internal)`;
  // A theme, sentiment or concern is looked for in its own table's index over the units and days
  // asked for (both tables carry the response's unit and day, written with the analysis), not
  // looked up for every comment of the range: a trust's year took 1.2-1.9 s (bench/trust.ts).
  // Not analysed yet is not a concern: that one stays on the join.
  const units = inList(q.unitCodes);
  const analysed = [
    ...(q.sentiment ? [sql`AND s.sentiment = ${q.sentiment}`] : []),
    ...(q.concern === true ? [sql`AND s.concern IS NOT NULL`] : []),
  ];
  return sql`r.unit_code IN ${units} AND r.answered_day >= ${q.from} AND r.answered_day <= ${q.to} AND r.comment IS NOT NULL
    ${q.theme ? sql`AND r.id IN (SELECT l.response_id FROM comment_labels l WHERE l.unit_code IN ${units} AND l.sub_category = ${q.theme} AND l.day >= ${q.from} AND l.day <= ${q.to})` : sql``}
    ${analysed.length ? sql`AND r.id IN (SELECT s.response_id FROM comment_analysis s WHERE s.unit_code IN ${units} AND s.day >= ${q.from} AND s.day <= ${q.to} ${sql.join(analysed, sql` `)})` : sql``}
    ${q.concern === false ? sql`AND a.concern IS NULL` : sql``}
    ${sql.join(likes.map((like) => sql`AND ${redacted} LIKE ${like} ESCAPE '\\'`), sql` `)}`;
}

/** The analysis beside each comment, when the filters read it (not a lookup per comment otherwise). */
function analysisJoin(q: CommentQuery): SQL {
  return q.concern === false || q.search ? sql`LEFT JOIN comment_analysis a ON a.response_id = r.id` : sql``;
}

/**
 * A page of comments, newest first, with what the models made of each. `instant`: the dialect's
 * expression for `r.answered_at` as a moment in time — the text keeps the client's offset
 * (`09:00-08:00` is after `12:00Z`), so it cannot be sorted as written.
 */
export function commentsQuery(q: CommentQuery, instant: SQL): SQL {
  const order = sql`ORDER BY r.answered_day DESC, ${instant} DESC, r.answered_at DESC, r.id DESC`;
  // The page's ids first, from the comments index alone (it holds every column they are chosen
  // and ordered by), then the rows of just those: sorting a year of whole rows to keep 50 read
  // every response of the year (bench/trust.ts).
  return sql`SELECT r.id AS "id", r.unit_code AS "unitCode", r.answered_at AS "answeredAt", r.answered_day AS "answeredDay", r.answer AS "answer",
      r.question AS "question", r.channel AS "channel", r.flagged AS "flagged", r.comment AS "comment",
      a.labels AS "labels", a.categories AS "categories", a.sentiment AS "sentiment", a.concern AS "concern",
      a.redacted_internal AS "redactedInternal", a.redacted_public AS "redactedPublic"
    FROM responses r LEFT JOIN comment_analysis a ON a.response_id = r.id
    WHERE r.id IN (SELECT r.id FROM responses r ${analysisJoin(q)} WHERE ${commentWhere(q)} ${order} LIMIT ${q.limit} OFFSET ${q.offset})
    ${order}`;
}

export function commentCountQuery(q: CommentQuery): SQL {
  return sql`SELECT COUNT(*) AS "n" FROM responses r ${analysisJoin(q)} WHERE ${commentWhere(q)}`;
}

/** Comments per theme, day and sentiment. */
export function themeCountsQuery(q: { unitCodes: string[]; from: string; to: string }): SQL {
  return sql`SELECT day AS "day", sub_category AS "subCategory", category AS "category", sentiment AS "sentiment", COUNT(*) AS "count"
    FROM comment_labels
    WHERE unit_code IN ${inList(q.unitCodes)} AND day >= ${q.from} AND day <= ${q.to}
    GROUP BY day, sub_category, category, sentiment
    ORDER BY day, sub_category, sentiment`;
}
