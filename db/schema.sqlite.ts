/**
 * SQLite tables. Same table and column names as `schema.pg.ts`: the store contract suite
 * runs against both, so any drift shows up as a failing test.
 */
import { sqliteTable, text, integer, real, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

export const icbs = sqliteTable('icbs', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

export const trusts = sqliteTable('trusts', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  icbCode: text('icb_code').notNull().references(() => icbs.code),
});

export const sites = sqliteTable('sites', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  trustCode: text('trust_code').notNull().references(() => trusts.code),
});

export const units = sqliteTable(
  'units',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    siteCode: text('site_code').notNull().references(() => sites.code),
    setting: text('setting').notNull(),
    specialty1: text('specialty_1'),
    specialty2: text('specialty_2'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    question: text('question').notNull().default('fft-2020'),
    /** Share negative (0–1) on a day above which the matron is alerted; null = the service default. */
    negativeThreshold: real('negative_threshold'),
    /**
     * The London month ('YYYY-MM') the unit was first stored in; null for a unit stored before this
     * column or without a month: it existed all along. A month's return before it leaves the unit out
     * unless it has answers or an eligible count there (back data loaded for months before it).
     */
    addedMonth: text('added_month'),
  },
  (t) => [index('units_site_idx').on(t.siteCode)],
);

/**
 * Each unit's setting over time: a row per month its setting changed in ('YYYY-MM', or
 * '0000-01' for the setting it came with), so a monthly return or a trend reads a unit in the
 * setting it had at the end of that month, not the one it has now. `units.setting` is the latest.
 */
export const unitSettings = sqliteTable(
  'unit_settings',
  {
    unitCode: text('unit_code').notNull().references(() => units.code),
    fromMonth: text('from_month').notNull(),
    setting: text('setting').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.fromMonth] })],
);

export const responses = sqliteTable(
  'responses',
  {
    id: text('id').primaryKey(),
    unitCode: text('unit_code').notNull().references(() => units.code),
    question: text('question').notNull(),
    answer: integer('answer').notNull(),
    comment: text('comment'),
    channel: text('channel').notNull(),
    mode: text('mode').notNull(),
    answeredAt: text('answered_at').notNull(),
    answeredDay: text('answered_day').notNull(),
    receivedAt: text('received_at').notNull(),
    language: text('language').notNull().default('en'),
    ageBand: text('age_band'),
    sex: text('sex'),
    ethnicity: text('ethnicity'),
    disability: text('disability'),
    completedBy: text('completed_by'),
    /** The kiosk that sent it (a device, never a person), for the burst check. */
    deviceId: text('device_id'),
    /** Part of a burst faster than patients answer: stored, shown, and left out of scores when the admin says so. */
    flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('responses_unit_day_idx').on(t.unitCode, t.answeredDay),
    // Comments only, with what their list is ordered by: a trust's year of comments is counted
    // and paged from this index instead of reading every response of the year (bench/trust.ts).
    index('responses_comments_idx').on(t.unitCode, t.answeredDay, t.answeredAt, t.id).where(sql`comment IS NOT NULL`),
  ],
);

export const rollupDaily = sqliteTable(
  'rollup_daily',
  {
    unitCode: text('unit_code').notNull().references(() => units.code),
    day: text('day').notNull(),
    question: text('question').notNull(),
    answer: integer('answer').notNull(),
    mode: text('mode').notNull(),
    flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.day, t.question, t.answer, t.mode, t.flagged] })],
);

/**
 * Answer counts by calendar month (London), so month, quarter and year series read a few rows
 * per unit. No mode here: the series never need it, and leaving it out makes a trust's year
 * a quarter of the rows (bench/scale); per-mode monthly totals come from the daily cells.
 */
export const rollupMonthly = sqliteTable(
  'rollup_monthly',
  {
    unitCode: text('unit_code').notNull().references(() => units.code),
    month: text('month').notNull(),
    question: text('question').notNull(),
    answer: integer('answer').notNull(),
    flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.month, t.question, t.answer, t.flagged] })],
);

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  scopes: text('scopes').notNull().default('[]'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: text('locked_until'),
  createdAt: text('created_at').notNull(),
  /** Raised when an admin changes the user's password, role or standing: device cookies issued before are no longer trusted. */
  deviceGeneration: integer('device_generation').notNull().default(0),
});

export const apiTokens = sqliteTable('api_tokens', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  role: text('role').notNull(),
  scopes: text('scopes').notNull().default('[]'),
  label: text('label'),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
});

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    detail: text('detail'),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);

/** Patients who could have answered (e.g. discharges) per unit and calendar month: the response-rate denominator. */
export const eligible = sqliteTable(
  'eligible',
  {
    unitCode: text('unit_code').notNull().references(() => units.code),
    month: text('month').notNull(),
    count: integer('count').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.month] })],
);

/** Alerts for the matron: an SPC signal or a bad day, raised once per signal (`key`). */
export const alerts = sqliteTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull(),
    unitCode: text('unit_code').notNull().references(() => units.code),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    reason: text('reason').notNull(),
    detail: text('detail'),
    raisedAt: text('raised_at').notNull(),
    acknowledgedAt: text('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
  },
  (t) => [uniqueIndex('alerts_key_idx').on(t.key), index('alerts_unit_idx').on(t.unitCode, t.raisedAt)],
);

/** A ward tablet: paired once with a one-time code, then known by its device token. */
export const kiosks = sqliteTable(
  'kiosks',
  {
    id: text('id').primaryKey(),
    unitCode: text('unit_code').notNull().references(() => units.code),
    label: text('label'),
    pairingCodeHash: text('pairing_code_hash'),
    pairingExpiresAt: text('pairing_expires_at'),
    tokenId: text('token_id'),
    pairedAt: text('paired_at'),
    lastSeenAt: text('last_seen_at'),
    unsent: integer('unsent').notNull().default(0),
    revokedAt: text('revoked_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('kiosks_pairing_idx').on(t.pairingCodeHash), index('kiosks_token_idx').on(t.tokenId), index('kiosks_unit_idx').on(t.unitCode)],
);

/** "You said, we did": what patients asked for and what the ward changed, shown where patients see it. */
export const youSaidWeDid = sqliteTable(
  'you_said_we_did',
  {
    id: text('id').primaryKey(),
    unitCode: text('unit_code').notNull().references(() => units.code),
    youSaid: text('you_said').notNull(),
    weDid: text('we_did').notNull(),
    status: text('status').notNull().default('planned'),
    owner: text('owner'),
    dueDate: text('due_date'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('you_said_unit_idx').on(t.unitCode, t.updatedAt)],
);

/** Service-wide settings an admin changes (JSON values by key). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** What the comment models made of a response's comment: themes, sentiment, redacted text, a serious concern. */
export const commentAnalysis = sqliteTable(
  'comment_analysis',
  {
    responseId: text('response_id').primaryKey().references(() => responses.id),
    unitCode: text('unit_code').notNull().references(() => units.code),
    day: text('day').notNull(),
    labels: text('labels').notNull(),
    categories: text('categories').notNull(),
    sentiment: integer('sentiment').notNull(),
    /** The reason when the comment may need action today; null otherwise. */
    concern: text('concern'),
    /** Personal data replaced, staff names kept (for internal views when the trust allows it). */
    redactedInternal: text('redacted_internal').notNull(),
    /** Every name replaced too (exports, public pages, and internal views by default setting). */
    redactedPublic: text('redacted_public').notNull(),
    modelVersion: text('model_version').notNull(),
    analysedAt: text('analysed_at').notNull(),
  },
  (t) => [
    index('comment_analysis_unit_day_idx').on(t.unitCode, t.day),
    // The comments list filtered by sentiment or concern starts from these rather than looking up
    // every comment of the range (a trust's year, bench/trust.ts).
    index('comment_analysis_sentiment_idx').on(t.unitCode, t.sentiment, t.day, t.responseId),
    index('comment_analysis_concern_idx').on(t.unitCode, t.day, t.responseId).where(sql`concern IS NOT NULL`),
  ],
);

/** One row per theme of a comment, so theme counts are a plain GROUP BY on either database. */
export const commentLabels = sqliteTable(
  'comment_labels',
  {
    responseId: text('response_id').notNull().references(() => responses.id),
    unitCode: text('unit_code').notNull(),
    day: text('day').notNull(),
    subCategory: text('sub_category').notNull(),
    category: text('category').notNull(),
    sentiment: integer('sentiment').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.subCategory] }),
    index('comment_labels_unit_day_idx').on(t.unitCode, t.day),
    // The comments list filtered by theme starts from this (see comment_analysis_sentiment_idx).
    index('comment_labels_theme_idx').on(t.unitCode, t.subCategory, t.day, t.responseId),
  ],
);

/** Daily answer counts without the mode: what every series reads (a third of the daily cells). */
export const rollupAnswersDaily = sqliteTable(
  'rollup_answers_daily',
  {
    unitCode: text('unit_code').notNull().references(() => units.code),
    day: text('day').notNull(),
    question: text('question').notNull(),
    answer: integer('answer').notNull(),
    flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.day, t.question, t.answer, t.flagged] })],
);

/**
 * Monthly answer counts for whole sites, trusts and ICBs, kept in the same transaction, so a
 * trust's year reads 12 months' cells instead of every unit's. An org import that moves a unit,
 * site or trust rebuilds it, so a unit's whole history counts towards its current parents, as its
 * days do (see org-rollup.ts).
 */
export const rollupOrgMonthly = sqliteTable(
  'rollup_org_monthly',
  {
    level: text('level').notNull(),
    code: text('code').notNull(),
    month: text('month').notNull(),
    question: text('question').notNull(),
    answer: integer('answer').notNull(),
    flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.code, t.month, t.question, t.answer, t.flagged] })],
);

/* ---- SMS channel (issue 5) ---- */

/**
 * One patient invited by text. The phone number is kept only while the conversation is open
 * (erased after the retention period, with the response link); what stays is the keyed hash
 * used for throttling and opt-out.
 */
export const smsInvitations = sqliteTable(
  'sms_invitations',
  {
    id: text('id').primaryKey(),
    unitCode: text('unit_code').notNull().references(() => units.code),
    /** E.164; null once erased. */
    phone: text('phone'),
    /** HMAC-SHA256 of the E.164 number with FFT_SECRET. */
    phoneHash: text('phone_hash').notNull(),
    question: text('question').notNull(),
    language: text('language').notNull(),
    visitDate: text('visit_date').notNull(),
    /** queued, sending, sent, failed, undeliverable, skipped-opted-out, closed */
    status: text('status').notNull(),
    /** awaiting-answer, awaiting-comment, done */
    conversation: text('conversation').notNull().default('awaiting-answer'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastError: text('last_error'),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    helpSent: integer('help_sent', { mode: 'boolean' }).notNull().default(false),
    /** The response the answer made; cleared with the phone number. */
    responseId: text('response_id'),
    answeredAt: text('answered_at'),
    commentedAt: text('commented_at'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    /** When the phone number (and response link) must be erased. */
    eraseAfter: text('erase_after').notNull(),
    erasedAt: text('erased_at'),
  },
  (t) => [
    index('sms_inv_hash_idx').on(t.phoneHash, t.unitCode, t.createdAt),
    index('sms_inv_due_idx').on(t.status, t.nextAttemptAt),
    index('sms_inv_phone_idx').on(t.phone),
    index('sms_inv_erase_idx').on(t.eraseAfter),
  ],
);

/**
 * Numbers that replied STOP (by keyed hash only): never messaged again while `optedInAt` is
 * null. A START from the number sets `optedInAt` (the row stays, as the record of both); a
 * later STOP sets `at` afresh and clears it.
 */
export const smsOptOuts = sqliteTable('sms_opt_outs', {
  phoneHash: text('phone_hash').primaryKey(),
  at: text('at').notNull(),
  optedInAt: text('opted_in_at'),
});

/** Inbound provider message ids already handled: a provider's retry changes nothing. */
export const smsInbound = sqliteTable(
  'sms_inbound',
  {
    provider: text('provider').notNull(),
    messageId: text('message_id').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.messageId] }), index('sms_inbound_at_idx').on(t.receivedAt)],
);

/* ---- Staff web app (issue 7) ---- */

/** A signed-in staff member's session: the cookie carries the id, only its hash is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Wrong passwords in a row from a browser holding a device cookie, and its lockout (OWASP's
 * "lockout list"), by the cookie's random nonce: such a browser is counted and locked on its own,
 * apart from the account's lock that guesses from everywhere else cause.
 */
export const deviceLockouts = sqliteTable('device_lockouts', {
  nonce: text('nonce').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: text('locked_until'),
  /** The last wrong password counted: a row with no lock left and none within the lock window is swept. */
  lastFailureAt: text('last_failure_at'),
});

/** Each monthly return downloaded, with its rows, so a later change to that month shows as a diff. */
export const exportsLog = sqliteTable(
  'exports',
  {
    id: text('id').primaryKey(),
    month: text('month').notNull(),
    setting: text('setting').notNull(),
    variant: text('variant').notNull(),
    format: text('format').notNull(),
    actor: text('actor').notNull(),
    createdAt: text('created_at').notNull(),
    /** JSON: the return's rows as exported. */
    content: text('content').notNull(),
  },
  (t) => [index('exports_month_idx').on(t.month, t.setting, t.createdAt)],
);
