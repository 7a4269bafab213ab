/**
 * Fuzzing every route the app registers (ingestion has its own, `collect/fuzz.test.ts`): the
 * routes are read from the app itself (`inspectRoutes`), so one added later is fuzzed too, with
 * every query and body field known to the tables below (or, for a route they do not list, with
 * all of them). A request is its method, path parameters, query, body, principal (no one, each
 * role's bearer token, a signed-in admin, matron or commissioner, a patient's browser, a webhook
 * provider), CSRF token and headers: right in every way, wrong in one or two of them, or wrong
 * in all, so that most reach the handlers' own checks. The house rule, checked on every one:
 *
 * - no 5xx for anything a client sent, nothing logged as an error, nothing thrown unhandled;
 * - under the JSON APIs (`/api/`, the tablet's, the SMS webhooks), every 4xx is
 *   `{"error": {"code", "message", "issues"}}`, and a 400 names the field;
 * - a refused write (a 4xx to POST/PUT/PATCH/DELETE, the API's and the pages') leaves every
 *   table exactly as it was.
 *
 * On SQLite and PostgreSQL (fewer runs there). Deterministic: a seed per route from
 * `FFT_FUZZ_SEED`; a failure names the route and the request, with fast-check's seed and path.
 * For a longer hunt: `FFT_FUZZ_SCALE=10` (runs), `FFT_FUZZ_VERBOSE=1` (statuses per route).
 */
import { createHash } from 'node:crypto';
import { readdirSync, type Dirent } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { inspectRoutes } from 'hono/dev';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { ALERT_KINDS } from '../analytics/alerts.ts';
import { AGE_BANDS, COMPLETED_BY, DISABILITY, ETHNIC_CODES, QUESTIONS, ROLES, SETTINGS, SEXES } from '../analytics/fft.ts';
import { addDays, addMonths, PERIOD_KINDS } from '../analytics/periods.ts';
import { RETURN_SETTINGS, RETURN_VARIANTS } from '../analytics/returns.ts';
import { BREAKDOWN_COLUMNS } from '../db/queries.ts';
import { pgTestUrl, tempPostgres, tempSqlite, type TestDb } from '../db/testing.ts';
import { issueToken, verifyBearer } from './auth/tokens.ts';
import { EXPORT_FORMATS } from './exports/monthly.ts';
import { KIOSK_APP_DIR, NHSUK_DIR, PAGES_STATIC_DIR } from './kiosk/index.ts';
import { REPO_ROOT } from '../repo.ts';
import { csrfTokenFor } from './pages/csrf.ts';
import { LANGUAGES } from './pages/strings.ts';
import { LEVELS } from './reads/node.ts';
import { SPC_MEASURES } from './reads/scores.ts';
import { DEFAULT_SMS_SETTINGS } from './sms/config.ts';
import { twilioSignature } from './sms/twilio-signature.ts';
import { TEST_NOW, testApp } from './testing.ts';
import { ENTRY_MODES } from './web/entry.tsx';
import { hashSessionId } from './web/session.ts';
import { addUser, browser, TEST_PASSWORD } from './web/testing.ts';

const SECRET = 'development-secret-change-me';
const PUBLIC_URL = 'http://localhost:3000';
const NOTIFY_TOKEN = 'notify-inbound-token-for-the-fuzz-test';
const TWILIO_TOKEN = 'twilio-auth-token-for-the-fuzz-test';
const BASE_SEED = Number(process.env.FFT_FUZZ_SEED ?? 20261122);
/** More runs for a longer hunt (`FFT_FUZZ_SCALE=10`); CI runs the default. */
const SCALE = Number(process.env.FFT_FUZZ_SCALE ?? 1);
/** Fuzzed elsewhere, with 10,000 bodies of its own. */
const FUZZED_ELSEWHERE = new Set(['POST /api/v1/responses']);

const TODAY = TEST_NOW.slice(0, 10);
const THIS_MONTH = TODAY.slice(0, 7);
const UNITS = ['W1', 'ED', 'DN'];
const CODES = [...UNITS, 'RAA01', 'RAA02', 'RAA', 'QAA', 'RBB'];

// ---------------------------------------------------------------------------------------------
// Values: for each thing a route reads, the values it should take and the ones it should refuse.

type Pair = [string, string];
/** A field's values: `good` ones a handler should take, `bad` ones it should refuse. */
interface Field<T> {
  good: fc.Arbitrary<T>;
  bad: fc.Arbitrary<T>;
}

const wildText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', '%', '%00', '%zz', '%E0%A4%A', '..', '../..', '\u0000', '\u202e', '😀', "' OR 1=1 --", '<script>x</script>', 'null', 'undefined', '__proto__', 'constructor', 'toString', 'NaN', '-1', '1e400', 'x'.repeat(300)),
);
const wildJson: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, '', [], {}), wildText, fc.jsonValue({ maxDepth: 2 }));
const uuid = fc.uuid();
const pastDay = fc.integer({ min: -700, max: 0 }).map((n) => addDays(TODAY, n));
const recentDay = fc.integer({ min: -30, max: 0 }).map((n) => addDays(TODAY, n));
const badDay = fc.oneof(
  fc.constantFrom('2026-02-30', '2026-13-01', '2026-00-10', '1899-12-31', '2100-01-01', '0000-01-01', '9999-12-31', '2026-1-1', '20261122', '2026-11-22T00:00:00Z', ' 2026-11-22', '', 'today', '+002026-11-22', '2026-W47', '2026-11'),
  fc.integer({ min: 1, max: 900 }).map((n) => addDays(TODAY, n)),
  wildText,
);
const pastMonth = fc.integer({ min: -30, max: 0 }).map((n) => addMonths(THIS_MONTH, n));
const badMonth = fc.oneof(
  fc.constantFrom('2026-13', '2026-00', '1899-12', '2100-01', '2026-1', '202611', '2026-11-01', '', '0000-00', '2026-11 ', 'November'),
  fc.integer({ min: 1, max: 30 }).map((n) => addMonths(THIS_MONTH, n)),
  wildText,
);
const goodText = (max: number) => fc.string({ unit: 'grapheme', maxLength: Math.min(max, 60) }).map((s) => `Said ${s}`.slice(0, max));
const badText = (max: number) => fc.constantFrom('', '   ', 'x'.repeat(max + 1), '\u0000\u0001');
const staffLine = fc.constantFrom('Sister Jones was kind; call 07700 900123', 'Mrs Ann Lee, NHS 943 476 5919, SW1A 1AA');
const time = fc.integer({ min: 0, max: 23 * 60 + 59 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
const orderedTimes = fc.tuple(time, time).filter(([a, b]) => a !== b).map(([a, b]): [string, string] => (a < b ? [a, b] : [b, a]));
const badTime = fc.constantFrom('25:00', '9am', '24:00', '9:00', '12:60', 'noon');
/** Characters no field takes, put into right values: NUL (which PostgreSQL cannot hold in text), other controls, a lone surrogate. */
const control = fc.constantFrom('\u0000', '\u0007', '\u001b', '\ud800', '\u202e');

/** One query or form parameter, named `name`: its right values, and wrong, left out or repeated. */
function param(name: string, good: fc.Arbitrary<string>, bad: fc.Arbitrary<string>): Field<Pair[]> {
  return {
    good: good.map((v) => [[name, v]]),
    bad: fc.oneof(
      { weight: 5, arbitrary: fc.oneof(bad, wildText).map((v): Pair[] => [[name, v]]) },
      { weight: 1, arbitrary: fc.tuple(good, control).map(([v, c]): Pair[] => [[name, `${v}${c}`]]) },
      { weight: 1, arbitrary: fc.constant<Pair[]>([]) },
      { weight: 1, arbitrary: fc.tuple(good, fc.oneof(good, bad)).map(([a, b]): Pair[] => [[name, a], [name, b]]) },
    ),
  };
}
/** Several parameters that go together (level and code, from and to): right together, or not. */
function params(good: fc.Arbitrary<Pair[]>, bad: fc.Arbitrary<Pair[]>): Field<Pair[]> {
  return { good, bad: fc.oneof(bad, good.map((pairs) => pairs.slice(1)), good.map((pairs) => pairs.slice(0, -1))) };
}

const NODES: Pair[] = [['unit', 'W1'], ['unit', 'ED'], ['unit', 'DN'], ['site', 'RAA01'], ['site', 'RAA02'], ['trust', 'RAA'], ['icb', 'QAA']];
const level = fc.constantFrom<string>(...LEVELS);
const code = fc.constantFrom(...CODES);
const node = params(
  fc.constantFrom(...NODES).map(([l, c]): Pair[] => [['level', l], ['code', c]]),
  fc.oneof(
    fc.tuple(level, code).map(([l, c]): Pair[] => [['level', l], ['code', c]]),
    fc.tuple(fc.oneof(level, wildText, fc.constantFrom('UNIT', 'ward', '', 'nation')), fc.oneof(code, wildText, fc.constant('c'.repeat(65)))).map(([l, c]): Pair[] => [['level', l], ['code', c]]),
  ),
);
const range = (value: fc.Arbitrary<string>, good: fc.Arbitrary<[string, string]>, bad: fc.Arbitrary<string>, huge: [string, string]) =>
  params(
    good.map(([from, to]): Pair[] => [['from', from], ['to', to]]),
    fc.oneof(
      good.filter(([a, b]) => a !== b).map(([from, to]): Pair[] => [['from', to], ['to', from]]),
      fc.constant<Pair[]>([['from', huge[0]], ['to', huge[1]]]),
      fc.tuple(fc.oneof(value, bad), fc.oneof(value, bad)).map(([from, to]): Pair[] => [['from', from], ['to', to]]),
    ),
  );
const days = range(pastDay, fc.tuple(pastDay, fc.integer({ min: 0, max: 120 })).map(([to, span]): [string, string] => [addDays(to, -span), to]), badDay, ['1900-01-01', '2099-12-31']);
const months = range(pastMonth, fc.tuple(pastMonth, fc.integer({ min: 0, max: 24 })).map(([to, span]): [string, string] => [addMonths(to, -span), to]), badMonth, ['1900-01', '2099-12']);
const flag = (name: string) => param(name, fc.constantFrom('0', '1'), fc.constantFrom('true', '2', '', 'yes'));
const pageNumber = fc.constantFrom('-1', '0', '100001', '1e9', 'NaN', 'Infinity', '0x10', '2.5', '99999999999999999999', ' ', 'abc', '');

const QUERY: Record<string, Field<Pair[]>> = {
  node,
  days,
  months,
  setting: param('setting', fc.constantFrom(...SETTINGS, ...RETURN_SETTINGS), fc.constantFrom('INPATIENT', '', 'maternity-q1', 'spa')),
  question: param('question', fc.constantFrom(...QUESTIONS), fc.constantFrom('fft-2030', '')),
  period: param('period', fc.constantFrom(...PERIOD_KINDS), fc.constantFrom('fortnight', '', 'Day', 'days')),
  measure: param('measure', fc.constantFrom(...SPC_MEASURES), fc.constantFrom('mean', '')),
  by: param('by', fc.constantFrom(...Object.keys(BREAKDOWN_COLUMNS)), fc.constantFrom('age ', 'postcode', '__proto__', 'constructor', 'toString', 'hasOwnProperty')),
  month: param('month', pastMonth, badMonth),
  returnSetting: param('setting', fc.constantFrom(...RETURN_SETTINGS), fc.constantFrom(...SETTINGS, 'INPATIENT', '')),
  format: param('format', fc.constantFrom(...EXPORT_FORMATS), fc.constantFrom('pdf', 'CSV', '')),
  variant: param('variant', fc.constantFrom(...RETURN_VARIANTS), fc.constantFrom('partial', '')),
  sheet: param('sheet', fc.constantFrom('Trusts', 'Sites', 'Wards', 'Q1'), fc.constantFrom('s'.repeat(65), 'Nope', '')),
  theme: param('theme', fc.constantFrom('Staff', 'Communication', 'Waiting time', 'Food & drink'), fc.constantFrom('t'.repeat(101), '')),
  sentiment: param('sentiment', fc.constantFrom('1', '2', '3', '4', '5'), fc.constantFrom('0', '6', '1.5', '-1', 'x', '1e3', ' 3', '0x3', '')),
  wardSentiment: param('sentiment', fc.constantFrom('praise', 'criticism', 'neutral'), fc.constantFrom('1', 'PRAISE', '')),
  concern: flag('concern'),
  open: flag('open'),
  alertKind: param('kind', fc.constantFrom(...ALERT_KINDS), fc.constantFrom('SERIOUS-CONCERN', 'loud', '')),
  alertPageSize: param('pageSize', fc.constantFrom('1', '200', '500'), fc.constantFrom('501', '0', 'NaN')),
  original: flag('original'),
  q: param('q', fc.constantFrom('staff', 'pain', 'nurse kind', '%', '_', '\\', "'", ' '), fc.constant('q'.repeat(201))),
  page: param('page', fc.constantFrom('1', '2', '3'), pageNumber),
  pageSize: param('pageSize', fc.constantFrom('1', '10', '50', '200'), fc.constantFrom('201', ...['-1', '0', '1e9', 'NaN', '2.5', 'abc'])),
  lang: param('lang', fc.constantFrom(...LANGUAGES), fc.constantFrom('xx', 'EN', 'en-GB', '', '__proto__')),
  easy: param('easy', fc.constantFrom('1', '0'), fc.constantFrom('yes', '')),
  m: param('m', fc.constant('home'), fc.constantFrom('HOME', 'sms', '')),
  next: param('next', fc.constantFrom('/dashboard', '/admin/users', '/returns?month=2026-10'), fc.constantFrom('//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/..//evil.example', '/\t/evil', '/'.padEnd(600, 'x'))),
  done: param('done', fc.constantFrom('saved', 'imported', 'added', 'role', 'created', 'revoked', 'unit-added', 'site-added'), fc.constantFrom('x', '__proto__', 'constructor')),
  n: param('n', fc.integer({ min: 0, max: 50 }).map(String), fc.constantFrom('-1', '1.5', 'abc', '1e400')),
  created: param('created', fc.integer({ min: 0, max: 50 }).map(String), fc.constantFrom('-1', 'abc')),
  updated: param('updated', fc.integer({ min: 0, max: 50 }).map(String), fc.constantFrom('-1', 'abc')),
  from: param('from', pastMonth, badMonth),
  action: param('action', fc.constantFrom('user', 'entry.card', 'export', 'sms.invite'), fc.constantFrom('USER', 'a'.repeat(65), '.')),
  entry: params(
    fc.tuple(fc.constantFrom(...UNITS), fc.constantFrom(...ENTRY_MODES), recentDay).map(([u, m, d]): Pair[] => [['unit', u], ['mode', m], ['date', d]]),
    fc.tuple(fc.oneof(fc.constantFrom(...UNITS), fc.constantFrom('NOPE', '')), fc.oneof(fc.constantFrom(...ENTRY_MODES), fc.constantFrom('fax', '')), fc.oneof(recentDay, badDay, pastDay)).map(([u, m, d]): Pair[] => [['unit', u], ['mode', m], ['date', d]]),
  ),
  change: param('change', fc.constantFrom('1', '0'), fc.constant('')),
  saved: param('saved', fc.constantFrom('card', 'tally', 'undone', 'already'), fc.constant('x')),
};

/** The query each route reads (`?`: may be left out); a route not listed is sent any of them. */
const NODE_QUERY = ['node', 'setting?'];
const ROUTE_QUERY: Record<string, string[]> = {
  'GET /api/v1/scores': [...NODE_QUERY, 'days', 'question?', 'period'],
  'GET /api/v1/scores/today': NODE_QUERY,
  'GET /api/v1/spc': [...NODE_QUERY, 'measure?', 'period?', 'days?', 'question?'],
  'GET /api/v1/breakdown': [...NODE_QUERY, 'days', 'question?', 'by'],
  'GET /api/v1/themes': [...NODE_QUERY, 'days', 'period?'],
  'GET /api/v1/comments': [...NODE_QUERY, 'days', 'theme?', 'sentiment?', 'q?', 'concern?', 'page?', 'pageSize?', 'original?'],
  'GET /api/v1/eligible': [...NODE_QUERY, 'months'],
  'GET /api/v1/alerts': ['node?', 'setting?', 'open?', 'alertKind?', 'page?', 'alertPageSize?'],
  'GET /api/v1/kiosks': NODE_QUERY,
  'GET /api/v1/you-said': NODE_QUERY,
  'GET /api/v1/settings': [],
  'GET /api/v1/exports/monthly': ['month', 'returnSetting', 'format?', 'variant?', 'sheet?'],
  'GET /api/v1/exports/validation': ['month', 'returnSetting'],
  'GET /api/v1/exports/trends': ['months', 'format?', 'setting?'],
  'GET /f/:code': ['lang?', 'easy?', 'm?'],
  'POST /f/:code': ['lang?', 'easy?', 'm?'],
  'GET /f/:code/thanks': ['lang?', 'easy?', 'm?'],
  'GET /signin': ['next?'],
  'POST /signin': ['next?'],
  'GET /admin/audit': ['action?', 'page?'],
  'GET /admin/eligible': ['month?', 'done?', 'n?', 'from?'],
  'GET /admin/org': ['done?', 'created?', 'updated?'],
  'GET /entry': ['entry?', 'change?', 'saved?'],
  'GET /dashboard/unit/:code': ['done?', 'theme?', 'wardSentiment?', 'q?', 'page?'],
  'GET /returns': ['month?', 'returnSetting?', 'variant?'],
  'GET /returns/download': ['month', 'returnSetting', 'variant?', 'format', 'sheet?'],
  'GET /returns/trends': ['months?', 'setting?'],
};
for (const path of ['/admin/kiosks', '/admin/users', '/admin/tokens', '/admin/settings', '/admin/thresholds']) ROUTE_QUERY[`GET ${path}`] = ['done?'];

/** Pairing codes handed out when the world was made (each pairs one tablet, once). */
const PAIRING_CODES: string[] = [];

/** JSON bodies: each field the JSON API reads. */
const unitCode: Field<unknown> = { good: fc.constantFrom(...UNITS), bad: fc.oneof(fc.constantFrom('NOPE', 'w1', ' W1 ', 'RAA01', '', 5, null, 'u'.repeat(65)), wildJson) };
const jsonField = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>): Field<unknown> => ({
  good,
  bad: fc.oneof({ weight: 4, arbitrary: bad }, { weight: 1, arbitrary: wildJson }, { weight: 1, arbitrary: fc.tuple(good, control).map(([v, c]) => (typeof v === 'string' ? `${c}${v}` : v)) }),
});
const eligibleCount = jsonField(fc.integer({ min: 0, max: 20_000 }), fc.constantFrom(-1, 1.5, '10', 1e12, null, 10_000_001));
const JSON_FIELDS: Record<string, Field<unknown>> = {
  unit: unitCode,
  month: jsonField(pastMonth, badMonth),
  eligible: eligibleCount,
  items: jsonField(
    fc.array(fc.record({ unit: unitCode.good, month: pastMonth, eligible: eligibleCount.good }), { minLength: 1, maxLength: 4 }),
    fc.oneof(fc.constant([]), fc.array(fc.record({ unit: fc.oneof(unitCode.good, unitCode.bad), month: fc.oneof(pastMonth, badMonth), eligible: fc.oneof(eligibleCount.good, eligibleCount.bad) }), { minLength: 1, maxLength: 3 }), fc.constant(Array.from({ length: 10_001 }, () => ({ unit: 'W1', month: THIS_MONTH, eligible: 1 })))),
  ),
  negativeThreshold: jsonField(fc.oneof(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.constant(null)), fc.constantFrom(0, 1, -0.1, 1.5, '0.2', true)),
  excludeFlagged: jsonField(fc.boolean(), fc.constantFrom('true', 1, null)),
  burstCount: jsonField(fc.integer({ min: 2, max: 1000 }), fc.constantFrom(1, 1001, 2.5, -5, '10', null)),
  burstSeconds: jsonField(fc.integer({ min: 1, max: 3600 }), fc.constantFrom(0, 3601, 1.5, '30')),
  staffNamesInternal: jsonField(fc.constantFrom('keep', 'redact'), fc.constantFrom('KEEP', '', null)),
  smsWindow: jsonField(fc.oneof(orderedTimes.map(([start, end]) => ({ start, end })), fc.constant(null)), fc.oneof(orderedTimes.map(([start, end]) => ({ start: end, end: start })), badTime.map((start) => ({ start, end: '20:00' })), fc.constantFrom({}, '09:00-20:00', { start: '09:00', end: '20:00', x: 1 }))),
  smsPaused: jsonField(fc.boolean(), fc.constantFrom('yes', 0)),
  label: jsonField(fc.string({ maxLength: 40 }), fc.constantFrom('l'.repeat(101), 5, null)),
  youSaid: jsonField(fc.oneof(goodText(1000), staffLine), badText(1000)),
  weDid: jsonField(fc.oneof(goodText(1000), staffLine), badText(1000)),
  status: jsonField(fc.constantFrom('planned', 'in-progress', 'done'), fc.constantFrom('finished', '', null)),
  owner: jsonField(fc.oneof(goodText(200), fc.constant(null)), badText(200)),
  dueDate: jsonField(fc.oneof(pastDay, fc.constant(null)), badDay),
  invitations: jsonField(
    fc.array(fc.record({ phone: fc.constantFrom('07700900123', '+447700900456', '07700 900 789'), unit: unitCode.good, visitDate: recentDay, language: fc.constantFrom('en', 'pl', 'cy-GB') }, { requiredKeys: ['phone', 'unit', 'visitDate'] }), { minLength: 1, maxLength: 3 }),
    fc.oneof(
      fc.constant([]),
      fc.array(fc.record({ phone: fc.constantFrom('07700900123', '999', '+1', '', 'p'.repeat(65), 5 as never), unit: fc.oneof(unitCode.good, unitCode.bad), visitDate: fc.oneof(recentDay, badDay), language: fc.constantFrom('en', 'english', '', 'en_GB') }, { requiredKeys: [] }), { minLength: 1, maxLength: 3 }),
      fc.array(wildJson, { minLength: 1, maxLength: 2 }),
      fc.constant(Array.from({ length: 5001 }, () => ({}))),
    ),
  ),
  code: jsonField(fc.oneof(fc.integer({ min: 0, max: 9 }).map((i) => PAIRING_CODES[i % PAIRING_CODES.length] ?? 'NO-CODES'), fc.string({ minLength: 4, maxLength: 12 })), fc.constantFrom('', 'abc', 'c'.repeat(33), 5, null)),
  unsent: jsonField(fc.integer({ min: 0, max: 100 }), fc.constantFrom(-1, 1.5, 1e9, '3', null)),
  id: jsonField(uuid.map((u) => `notify-${u}`), fc.constantFrom('', 5, null)),
  source_number: jsonField(fc.constantFrom('447700900123', '07700900456', '+447700900789'), fc.constantFrom('', '999', 'not a number', 5)),
  destination_number: jsonField(fc.constant('07700900000'), fc.constantFrom(5, null)),
  message: jsonField(fc.oneof(fc.constantFrom('1', '2', '6', 'STOP', 'START', 'UNSTOP'), goodText(200)), fc.constantFrom(5, null, 'x'.repeat(5001))),
  date_received: jsonField(fc.constantFrom('2026-11-22T09:59:00.000000Z', '2026-11-22T09:00:00Z'), fc.oneof(badDay, fc.constantFrom('2026-11-22T10:10:00Z', '2025-01-01T00:00:00Z'))),
};
/** The fields each JSON route reads, as alternatives (`?`: may be left out); `[[]]`: no body. */
const YOU_SAID = ['youSaid', 'weDid', 'status?', 'owner?', 'dueDate?'];
const ROUTE_JSON: Record<string, string[][]> = {
  'PUT /api/v1/settings': [['excludeFlagged?', 'burstCount?', 'burstSeconds?', 'staffNamesInternal?', 'smsWindow?', 'smsPaused?']],
  'PUT /api/v1/eligible': [['unit', 'month', 'eligible'], ['items']],
  'PATCH /api/v1/units/:code': [['negativeThreshold']],
  'POST /api/v1/kiosks': [['unit', 'label?']],
  'POST /api/v1/you-said': [['unit', ...YOU_SAID]],
  'PATCH /api/v1/you-said/:id': [YOU_SAID.map((k) => (k.endsWith('?') ? k : `${k}?`))],
  'POST /api/v1/sms/invitations': [['invitations']],
  'POST /api/v1/alerts/:id/acknowledge': [[]],
  'POST /api/v1/kiosks/:id/pairing': [[]],
  'DELETE /api/v1/kiosks/:id': [[]],
  'POST /kiosk/api/pair': [['code']],
  'POST /kiosk/api/heartbeat': [['unsent']],
  'POST /sms/notify': [['id', 'source_number', 'destination_number', 'message', 'date_received?']],
};

/** Form fields: each field the pages read (the CSRF field is the principal's). */
const orgRow = (row: { icb: string; trust: string; site: string; unit: string; setting: string; question: string }) => `${row.icb},ICB,${row.trust},Trust,${row.site},Site,${row.unit},Unit ${row.unit},${row.setting},300,,${row.question}`;
const ORG_HEADER = 'icb_code,icb_name,trust_code,trust_name,site_code,site_name,unit_code,unit_name,setting,specialty_1,specialty_2,question';
const orgCsv = (rows: fc.Arbitrary<{ icb: string; trust: string; site: string; unit: string; setting: string; question: string }>) => fc.array(rows, { minLength: 1, maxLength: 3 }).map((r) => [ORG_HEADER, ...r.map(orgRow)].join('\n'));
const goodOrgRow = fc.record({ icb: fc.constant('QAA'), trust: fc.constant('RAA'), site: fc.constantFrom('RAA01', 'RAA03'), unit: fc.stringMatching(/^U[0-9]{2,3}$/), setting: fc.constantFrom(...SETTINGS), question: fc.constantFrom(...QUESTIONS) });
const anyOrgRow = fc.record({ icb: fc.constantFrom('QAA', 'QBB', ''), trust: fc.constantFrom('RAA', 'RBB', ''), site: fc.constantFrom('RAA01', 'RAA03', 'RBB01', 'raa01'), unit: fc.constantFrom('W1', 'w1', 'U1', 'bad code', ''), setting: fc.constantFrom(...SETTINGS, 'x', ''), question: fc.constantFrom(...QUESTIONS, 'x') });
const eligibleCsv = (row: fc.Arbitrary<[string, string, string]>) => fc.array(row, { minLength: 1, maxLength: 4 }).map((rows) => ['unit_code,month,eligible', ...rows.map((r) => r.join(','))].join('\n'));
const digits = (max: number) => fc.integer({ min: 0, max }).map(String);
const badCount = fc.constantFrom('-1', '1.5', 'abc', '', ' 3', '0x10', '1e3', '99999999999');
const percent = { good: fc.constantFrom('20', '12.5%', '35', ''), bad: fc.constantFrom('0', '100', '-5', 'abc', '1e2', '20.001', '150%') };
const STRONG = ['Tangerine-Ladder-Quartz-91', 'Violet+Harbour+Mosaic+47', 'plover marble kettle 7392'];

const FORM: Record<string, Field<Pair[]>> = {
  'email@staff': param('email', fc.constantFrom('admin@nhs.test', 'matron@nhs.test', 'commissioner@nhs.test'), fc.constantFrom('nobody@nhs.test', 'not-an-email', '', `${'e'.repeat(200)}@nhs.net`)),
  'password@staff': param('password', fc.constant(TEST_PASSWORD), fc.constantFrom('wrong password here', '', 'p'.repeat(2000))),
  email: param('email', fc.stringMatching(/^[a-z]{3,8}\.[a-z]{3,8}@nhs\.net$/), fc.constantFrom('admin@nhs.test', 'not-an-email', '', `${'e'.repeat(200)}@nhs.net`)),
  password: param('password', fc.constantFrom(...STRONG), fc.constantFrom('', 'short', 'password123456', 'qwertyuiopasdf', 'aaaaaaaaaaaaaaaa', 'p'.repeat(2000))),
  answer: param('answer', fc.integer({ min: 1, max: 6 }).map(String), fc.constantFrom('0', '7', '', 'one', ' 1', '1.0', '-1', '99', '1e0')),
  comment: param('comment', fc.oneof(goodText(200), staffLine), fc.constant('y'.repeat(5001))),
  id: param('id', uuid, fc.constantFrom('x', '', '00000000-0000-0000-0000-00000000000g')),
  website: param('website', fc.constant(''), fc.constant('http://spam.example')),
  ageBand: param('ageBand', fc.constantFrom(...AGE_BANDS), fc.constant('old')),
  sex: param('sex', fc.constantFrom(...SEXES), fc.constant('x')),
  ethnicity: param('ethnicity', fc.constantFrom(...ETHNIC_CODES), fc.constant('Y')),
  disability: param('disability', fc.constantFrom(...DISABILITY), fc.constant('maybe')),
  completedBy: param('completedBy', fc.constantFrom(...COMPLETED_BY), fc.constant('dog')),
  From: param('From', fc.constantFrom('+447700900123', '07700900456'), fc.constantFrom('', 'x', '999')),
  To: param('To', fc.constant('+447700900000'), fc.constant('')),
  Body: param('Body', fc.oneof(fc.constantFrom('1', '5', 'STOP', 'START'), goodText(200)), fc.constant('b'.repeat(5001))),
  MessageSid: param('MessageSid', fc.stringMatching(/^SM[0-9a-f]{32}$/), fc.constantFrom('', 'x')),
  'csv@org': param('csv', orgCsv(goodOrgRow), fc.oneof(orgCsv(anyOrgRow), fc.constantFrom('', 'unit_code\nW1', ORG_HEADER))),
  'csv@eligible': param('csv', eligibleCsv(fc.tuple(fc.constantFrom(...UNITS), pastMonth, digits(5000))), eligibleCsv(fc.tuple(fc.constantFrom(...UNITS, 'NOPE', ''), fc.oneof(pastMonth, badMonth), fc.oneof(digits(5000), badCount)))),
  trust: param('trust', fc.constant('RAA'), fc.constantFrom('RBB', 'NOPE', '')),
  'code@site': param('code', fc.stringMatching(/^S[0-9]{2,4}$/), fc.constantFrom('a b', '', 'c'.repeat(65), 'RAA01', 'raa01', '../x')),
  'code@unit': param('code', fc.stringMatching(/^U[0-9]{2,4}$/), fc.constantFrom('a b', '', 'c'.repeat(65), 'W1', 'w1', '../x')),
  name: param('name', goodText(100), badText(200)),
  site: param('site', fc.constantFrom('RAA01', 'RAA02'), fc.constantFrom('NOPE', '')),
  setting: param('setting', fc.constantFrom(...SETTINGS), fc.constantFrom('x', '')),
  specialty1: param('specialty1', fc.constantFrom('300', '', '420'), fc.constantFrom('abc', '9999')),
  specialty2: param('specialty2', fc.constantFrom('', '320'), fc.constantFrom('abc', '9999')),
  question: param('question', fc.constantFrom(...QUESTIONS), fc.constantFrom('x', '')),
  threshold: param('threshold', percent.good, percent.bad),
  active: param('active', fc.constantFrom('1', '0'), fc.constantFrom('', 'yes')),
  role: params(
    fc.constantFrom<[string, string]>(['admin', ''], ['matron', 'unit:W1'], ['matron', 'unit:W1 unit:ED'], ['commissioner', 'trust:RAA'], ['commissioner', 'icb:QAA'], ['integration', ''], ['integration', 'site:RAA01'], ['kiosk', 'unit:W1']).map(([role, scopes]): Pair[] => [['role', role], ['scopes', scopes]]),
    fc.tuple(fc.constantFrom(...ROLES, 'root', ''), fc.constantFrom('', 'unit:W1', 'trust:RAA', 'unit:NOPE', 'garbage', 'trust:', 'UNIT:w1', 'unit:W1,,;trust:RAA', 'unit:W1 unit:ED')).map(([role, scopes]): Pair[] => [['role', role], ['scopes', scopes]]),
  ),
  label: param('label', fc.string({ maxLength: 40 }), fc.constant('l'.repeat(101))),
  unit: param('unit', fc.constantFrom(...UNITS), fc.constantFrom('NOPE', '', 'w1')),
  month: param('month', pastMonth, badMonth),
  eligible: param('eligible', digits(100_000), badCount),
  excludeFlagged: param('excludeFlagged', fc.constantFrom('yes', 'no'), fc.constantFrom('maybe', '')),
  burstCount: param('burstCount', fc.integer({ min: 2, max: 1000 }).map(String), fc.constantFrom('1', '1001', ...['-1', '1.5', 'abc', ''])),
  burstSeconds: param('burstSeconds', fc.integer({ min: 1, max: 3600 }).map(String), fc.constantFrom('0', '3601', 'abc', '')),
  staffNamesInternal: param('staffNamesInternal', fc.constantFrom('keep', 'redact'), fc.constantFrom('x', '')),
  smsPaused: param('smsPaused', fc.constantFrom('yes', 'no'), fc.constantFrom('1', '')),
  smsWindow: params(
    fc.oneof(orderedTimes.map(([a, b]): Pair[] => [['smsWindowStart', a], ['smsWindowEnd', b]]), fc.constant<Pair[]>([['smsWindowStart', ''], ['smsWindowEnd', '']])),
    fc.oneof(orderedTimes.map(([a, b]): Pair[] => [['smsWindowStart', b], ['smsWindowEnd', a]]), fc.tuple(fc.oneof(time, badTime, fc.constant('')), fc.oneof(time, badTime, fc.constant(''))).map(([a, b]): Pair[] => [['smsWindowStart', a], ['smsWindowEnd', b]])),
  ),
  thresholds: params(
    fc.tuple(...UNITS.map(() => percent.good)).map((values): Pair[] => UNITS.map((u, i) => [`threshold-${u}`, values[i]!])),
    fc.tuple(...UNITS.map(() => fc.oneof(percent.good, percent.bad))).map((values): Pair[] => UNITS.map((u, i) => [`threshold-${u}`, values[i]!])),
  ),
  entry: QUERY.entry!,
  'answer@card': param('answer', fc.integer({ min: 1, max: 6 }).map(String), fc.constantFrom('0', '7', '', 'one', ' 1', '10', '-1')),
  tally: params(
    fc.tuple(...[1, 2, 3, 4, 5, 6].map(() => fc.option(digits(20), { nil: null }))).map((counts): Pair[] => counts.flatMap((n, i): Pair[] => (n === null ? [] : [[`n-${i + 1}`, n]]))),
    fc.tuple(...[0, 1, 2, 3, 4, 5, 6, 7].map(() => fc.option(fc.oneof(digits(20), badCount, fc.constantFrom('1000', '1001', '9999')), { nil: null }))).map((counts): Pair[] => counts.flatMap((n, i): Pair[] => (n === null ? [] : [[`n-${i}`, n]]))),
  ),
  'entry@undo': param('entry', uuid, fc.constantFrom('', 'x')),
  youSaid: param('youSaid', fc.oneof(goodText(1000), staffLine), badText(1000)),
  weDid: param('weDid', fc.oneof(goodText(1000), staffLine), badText(1000)),
  status: param('status', fc.constantFrom('planned', 'in-progress', 'done'), fc.constantFrom('finished', '')),
  owner: param('owner', fc.oneof(goodText(200), fc.constant('')), badText(200).filter((s) => s.trim() !== '')),
  dueDate: param('dueDate', fc.oneof(pastDay, fc.constant('')), badDay),
};
const YOU_SAID_FORM = ['youSaid', 'weDid', 'status', 'owner?', 'dueDate?'];
const UNIT_FORM = ['name', 'setting', 'specialty1?', 'specialty2?', 'question', 'threshold?'];
const ROUTE_FORM: Record<string, string[]> = {
  'POST /signin': ['email@staff', 'password@staff'],
  'POST /signout': [],
  'POST /f/:code': ['answer', 'comment?', 'id?', 'website?', 'ageBand?', 'sex?', 'ethnicity?', 'disability?', 'completedBy?'],
  'POST /sms/twilio': ['From', 'To', 'Body', 'MessageSid'],
  'POST /admin/org/import': ['csv@org'],
  'POST /admin/org/sites': ['trust', 'code@site', 'name'],
  'POST /admin/org/sites/:code': ['name'],
  'POST /admin/org/units': ['site', 'code@unit', ...UNIT_FORM],
  'POST /admin/org/units/:code': UNIT_FORM,
  'POST /admin/org/units/:code/active': ['active'],
  'POST /admin/kiosks': ['unit', 'label?', 'id?'],
  'POST /admin/kiosks/:id/pairing': [],
  'POST /admin/kiosks/:id/revoke': [],
  'POST /admin/users': ['email', 'role', 'password'],
  'POST /admin/users/:id/role': ['role'],
  'POST /admin/users/:id/active': ['active'],
  'POST /admin/users/:id/unlock': [],
  'POST /admin/users/:id/password': ['password'],
  'POST /admin/tokens': ['role', 'label?'],
  'POST /admin/tokens/:id/revoke': [],
  'POST /admin/eligible': ['unit', 'month', 'eligible'],
  'POST /admin/eligible/import': ['csv@eligible'],
  'POST /admin/settings': ['excludeFlagged', 'burstCount', 'burstSeconds', 'staffNamesInternal', 'smsPaused', 'smsWindow'],
  'POST /admin/thresholds': ['thresholds'],
  'POST /entry/card': ['entry', 'answer@card', 'comment?', 'id?'],
  'POST /entry/tally': ['entry', 'tally', 'id?'],
  'POST /entry/undo': ['entry', 'entry@undo'],
  'POST /dashboard/unit/:code/you-said': YOU_SAID_FORM,
  'POST /dashboard/unit/:code/you-said/:id': YOU_SAID_FORM,
  'POST /dashboard/unit/:code/alerts/:id/acknowledge': [],
};

// ---------------------------------------------------------------------------------------------
// Putting fields together: all right, one wrong, or anything.

const optional = (key: string) => key.endsWith('?');
const bare = (key: string) => key.replace(/\?$/, '');

/**
 * The fields `keys` of `table`, as `Pair[]`s: every required one right and each optional one
 * there or not (`wrong` = -1), or the same with field number `wrong` wrong (left out, repeated
 * or a wrong value).
 */
function fieldsOf<T>(table: Record<string, Field<T>>, keys: string[], wrong: number): fc.Arbitrary<T[]> {
  return fc
    .tuple(...keys.map((key, i) => {
      const f = table[bare(key)]!;
      if (i === wrong) return f.bad.map((v) => [v]);
      return optional(key) ? fc.option(f.good.map((v) => [v]), { nil: [] }) : f.good.map((v) => [v]);
    }))
    .map((parts) => parts.flat());
}

/** Each of `keys` there or not, right or wrong, independently. */
function anyFieldsOf<T>(table: Record<string, Field<T>>, keys: string[], presence: number): fc.Arbitrary<T[]> {
  return fc.tuple(...keys.map((key) => fc.option(fc.oneof(table[bare(key)]!.good, table[bare(key)]!.bad), { freq: presence, nil: null }))).map((parts) => parts.filter((p): p is T => p !== null));
}

/** Which one of `count` fields is wrong (-1, none, if there are none). */
const wrongOne = (count: number) => (count > 0 ? fc.integer({ min: 0, max: count - 1 }) : fc.constant(-1));

const ALL_QUERY = Object.keys(QUERY);
const extraPairs = fc.array(fc.oneof(fc.constantFrom(...ALL_QUERY).chain((k) => fc.oneof(QUERY[k]!.good, QUERY[k]!.bad)), fc.tuple(wildText, wildText).map((p): Pair[] => [p])), { minLength: 1, maxLength: 2 }).map((x) => x.flat());

function encodeQuery(pairs: Pair[], encoded: boolean): string {
  // Not encoded: sent as typed, % and all (only what would end a parameter is escaped).
  // A lone surrogate has no UTF-8 to encode: it goes as U+FFFD, as a browser sends it.
  const enc = encoded ? (s: string) => encodeURIComponent(s.toWellFormed()) : (s: string) => s.replace(/[#&=\s]/g, encodeURIComponent);
  return pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
}

/** A query string: the route's own parameters all right, or one wrong, or extra or unknown ones, or anything. */
function queryArb(route: Route, perturbed: boolean): fc.Arbitrary<string> {
  const keys = ROUTE_QUERY[route.key];
  if (!keys) return fc.tuple(anyFieldsOf(QUERY, ALL_QUERY, 1), fc.boolean()).map(([pairs, encoded]) => encodeQuery(pairs.flat(), encoded));
  if (!perturbed) return fieldsOf(QUERY, keys, -1).map((pairs) => encodeQuery(pairs.flat(), true));
  return fc.oneof(
    { weight: keys.length ? 4 : 0, arbitrary: wrongOne(keys.length).chain((i) => fieldsOf(QUERY, keys, i)).map((pairs) => encodeQuery(pairs.flat(), true)) },
    { weight: 2, arbitrary: fc.tuple(fieldsOf(QUERY, keys, -1), extraPairs, fc.boolean()).map(([pairs, extra, encoded]) => encodeQuery([...pairs.flat(), ...extra], encoded)) },
    { weight: 2, arbitrary: fc.tuple(anyFieldsOf(QUERY, keys, 2), fc.option(extraPairs, { nil: [] }), fc.boolean()).map(([pairs, extra, encoded]) => encodeQuery([...pairs.flat(), ...extra], encoded)) },
    { weight: 1, arbitrary: fc.constantFrom('&&&', '=', 'level', 'level=unit&level=site&code=W1&code=ED', '%', 'a=%E0%A4%A', 'from[]=2026-01-01', 'page=1&page=2', '__proto__=1&constructor=1', 'x=%zz&y=%') },
  );
}

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; type: string | null }
  | { kind: 'raw'; text: string; type: string | null }
  | { kind: 'bytes'; bytes: number[]; type: string | null }
  | { kind: 'form'; fields: Pair[]; type: string | null }
  | { kind: 'multipart'; fields: Pair[]; file: string | null };

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';
const wrongJsonType = fc.constantFrom('application/json; charset=utf-8', 'application/json; charset=latin1', 'application/problem+json', 'text/plain', FORM_TYPE, 'application/jsonx', null);
const wrongFormType = fc.constantFrom('application/x-www-form-urlencoded; charset=utf-8', 'multipart/form-data', 'multipart/form-data; boundary=x', 'text/plain', JSON_TYPE, null);
const anyType = fc.constantFrom(JSON_TYPE, FORM_TYPE, 'multipart/form-data; boundary=----x', 'text/plain', 'text/csv', null);
const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
/** Bodies no handler should take: not JSON, not a form, garbled, huge, nested deep. */
const wildBody: fc.Arbitrary<Body> = fc.oneof(
  fc.record({ kind: fc.constant('raw' as const), text: fc.oneof(fc.constantFrom('', ' ', '{', '{"unit":', '[]', 'null', '""', '0', '\u0000', 'a=1&a=2', '------x\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nx\r\n------x--', deep(5_000)), wildText, fc.json()), type: anyType }),
  fc.record({ kind: fc.constant('bytes' as const), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }), type: anyType }),
  fc.record({ kind: fc.constant('raw' as const), text: fc.constantFrom('x'.repeat(70_000), JSON.stringify({ comment: 'y'.repeat(70_000) }), deep(60_000)), type: anyType }),
  fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 3 }), type: fc.constant(JSON_TYPE) }),
);
const extraJson = fc.array(fc.tuple(fc.oneof(wildText, fc.constantFrom('__proto__', 'constructor', 'csrf', 'responses')), wildJson), { minLength: 1, maxLength: 2 });

/** A JSON body: the route's fields all right; or one wrong or left out, extra ones, a wrong type, an array, a form, or anything. */
function jsonBodyArb(route: Route, perturbed: boolean): fc.Arbitrary<Body> {
  const alternatives = ROUTE_JSON[route.key] ?? [Object.keys(JSON_FIELDS).map((k) => `${k}?`)];
  const record = (keys: string[], wrong: number) =>
    fc.tuple(...keys.map((key, i) => {
      const f = JSON_FIELDS[bare(key)]!;
      const value = i === wrong ? fc.oneof({ weight: 4, arbitrary: f.bad }, { weight: 1, arbitrary: fc.constant(undefined) }) : optional(key) ? fc.option(f.good, { nil: undefined }) : f.good;
      return value.map((v) => [bare(key), v] as const);
    })).map((entries) => Object.fromEntries(entries.filter(([, v]) => v !== undefined)));
  const clean = fc.constantFrom(...alternatives).chain((keys) => (keys.length ? record(keys, -1).map((value): Body => ({ kind: 'json', value, type: JSON_TYPE })) : fc.constantFrom<Body>({ kind: 'none' }, { kind: 'json', value: {}, type: JSON_TYPE })));
  if (!perturbed) return clean;
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...alternatives).chain((keys) => wrongOne(keys.length).chain((i) => record(keys, i))).map((value): Body => ({ kind: 'json', value, type: JSON_TYPE })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...alternatives).chain((keys) => record(keys, -1)), extraJson).map(([value, extra]): Body => ({ kind: 'json', value: { ...value, ...Object.fromEntries(extra) }, type: JSON_TYPE })) },
    { weight: 1, arbitrary: fc.tuple(clean, wrongJsonType).map(([b, type]): Body => (b.kind === 'json' ? { ...b, type } : b)) },
    { weight: 1, arbitrary: fc.constantFrom(...alternatives).chain((keys) => fc.array(record(keys, -1), { maxLength: 2 })).map((value): Body => ({ kind: 'json', value, type: JSON_TYPE })) },
    { weight: 2, arbitrary: wildBody },
    { weight: 1, arbitrary: formBodyArb(route, false) },
  );
}

/** A form (URL-encoded, or multipart with a file now and then): the route's fields all right; or one wrong, extra ones, a wrong type, JSON, or anything. */
function formBodyArb(route: Route, perturbed: boolean): fc.Arbitrary<Body> {
  const keys = ROUTE_FORM[route.key] ?? Object.keys(FORM).map((k) => `${k}?`);
  const file = fc.option(fc.oneof(orgCsv(goodOrgRow), eligibleCsv(fc.tuple(fc.constantFrom(...UNITS), pastMonth, digits(500))), fc.constant('\u00e9\u00ff'), wildText), { freq: 2, nil: null });
  const asBody = (fields: fc.Arbitrary<Pair[]>, types: fc.Arbitrary<string | null> | null) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(fields, types ?? fc.constant(FORM_TYPE)).map(([f, type]): Body => ({ kind: 'form', fields: f, type })) },
      { weight: types ? 0 : 1, arbitrary: fc.tuple(fields, file).map(([f, upload]): Body => ({ kind: 'multipart', fields: f, file: upload })) },
    );
  const clean = fieldsOf(FORM, keys, -1).map((p) => p.flat());
  if (!perturbed) return asBody(clean, null);
  return fc.oneof(
    { weight: 5, arbitrary: asBody(wrongOne(keys.length).chain((i) => fieldsOf(FORM, keys, i)).map((p) => p.flat()), null) },
    { weight: 1, arbitrary: asBody(fc.tuple(clean, fc.array(fc.tuple(wildText, wildText), { minLength: 1, maxLength: 2 })).map(([own, extra]) => [...own, ...extra]), null) },
    { weight: 1, arbitrary: asBody(clean, wrongFormType) },
    { weight: 1, arbitrary: asBody(anyFieldsOf(FORM, keys, 2).map((p) => p.flat()), null) },
    { weight: 2, arbitrary: wildBody },
    { weight: 1, arbitrary: jsonBodyArb(route, false) },
  );
}

// ---------------------------------------------------------------------------------------------
// Routes, as the app has them.

interface Route {
  key: string;
  method: string;
  path: string;
  api: boolean;
}

/** Every route with a handler (middleware left out), once each, but ingestion. */
function appRoutes(app: Hono<any, any, any>): Route[] {
  const routes = new Map<string, Route>();
  for (const r of inspectRoutes(app)) {
    const key = `${r.method} ${r.path}`;
    if (r.isMiddleware || FUZZED_ELSEWHERE.has(key) || routes.has(key)) continue;
    routes.set(key, { key, method: r.method, path: r.path, api: isJsonApi(r.path) });
  }
  return [...routes.values()];
}

/** Routes machines call, whose refusals are the JSON error shape. */
function isJsonApi(path: string): boolean {
  return /^\/(api|kiosk\/api|sms)\//.test(path);
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes that rightly write when they refuse, and why: the half-written check leaves them out. */
const WRITES_WHEN_REFUSED: Record<string, string> = { 'POST /signin': 'a wrong password is counted toward the lock (a 401 that writes)' };

// ---------------------------------------------------------------------------------------------
// Who sends it.

const TOKEN_ROLES = ['kiosk', 'integration', 'scopedIntegration', 'matron', 'commissioner', 'otherCommissioner', 'admin'] as const;
const STAFF = { admin: { email: 'admin@nhs.test', role: 'admin', scopes: [] as string[] }, matron: { email: 'matron@nhs.test', role: 'matron', scopes: ['unit:W1'] }, commissioner: { email: 'commissioner@nhs.test', role: 'commissioner', scopes: ['trust:RAA'] } } as const;
type StaffName = keyof typeof STAFF;
type Principal =
  | { kind: 'none' }
  | { kind: 'bearer'; role: (typeof TOKEN_ROLES)[number] }
  | { kind: 'bad-bearer'; header: string }
  | { kind: 'session'; who: StaffName }
  | { kind: 'patient' }
  | { kind: 'bad-session' }
  | { kind: 'notify' }
  | { kind: 'twilio' };
type Csrf = 'valid' | 'none' | 'wrong';

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const bearer = (role: (typeof TOKEN_ROLES)[number]) => fc.constant<Principal>({ kind: 'bearer', role });
const session = (who: StaffName) => fc.constant<Principal>({ kind: 'session', who });
const anyPrincipal = fc.oneof(
  fc.constantFrom(...TOKEN_ROLES).map((role): Principal => ({ kind: 'bearer', role })),
  fc.constantFrom<StaffName>('admin', 'matron', 'commissioner').map((who): Principal => ({ kind: 'session', who })),
  fc.constantFrom<Principal>({ kind: 'none' }, { kind: 'bad-session' }, { kind: 'patient' }, { kind: 'notify' }, { kind: 'twilio' }),
  fc.constantFrom('Bearer fft_nope', 'Basic YWRtaW46YWRtaW4=', 'Bearer', `Bearer ${'a'.repeat(300)}`, 'bearer  x  y').map((header): Principal => ({ kind: 'bad-bearer', header })),
);

/** Who would rightly send to this route: its own callers, the admin most. */
function rightfulPrincipal(route: Route): fc.Arbitrary<Principal> {
  if (route.path === '/sms/twilio') return fc.constant({ kind: 'twilio' });
  if (route.path === '/sms/notify') return fc.constant({ kind: 'notify' });
  if (route.path.startsWith('/kiosk/')) return bearer('kiosk');
  if (route.path.startsWith('/api/')) return fc.oneof(w(4, bearer('admin')), w(1, bearer('matron')), w(1, bearer('commissioner')), w(1, bearer('integration')), w(2, session('admin')), w(1, session('matron')));
  if (route.path.startsWith('/f/') || route.path.startsWith('/signin') || route.path.startsWith('/results')) return fc.oneof(w(4, fc.constant<Principal>({ kind: 'patient' })), w(1, session('admin')));
  return fc.oneof(w(4, session('admin')), w(1, session('matron')), w(1, session('commissioner')));
}

// ---------------------------------------------------------------------------------------------
// A request: right in every way, or wrong in one or two, or in all.

interface FuzzRequest {
  method: string;
  segments: string[];
  query: string;
  body: Body;
  principal: Principal;
  csrf: Csrf;
  csrfIn: 'field' | 'header';
  headers: Record<string, string>;
  address: string;
}

interface Pools {
  kiosks: string[];
  users: string[];
  tokens: string[];
  alerts: string[];
  youSaid: string[];
  /** Files the static routes serve, by their paths there and their names alone. */
  files: string[];
}

const weirdSegment = fc.oneof(
  fc.constantFrom('', '.', '..', '%', '%25', '%00', '%2F', '%2e%2e', '%E0%A4%A', '%zz', '%C0%AE', 'ü', '😀', '%F0%9F%98%80', 'W1%20', 'a;b', '__proto__', 'constructor', 'x'.repeat(5000)),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
  fc.string({ maxLength: 20 }).map((s) => s.replace(/[/?#]/g, '')),
);

/** A path segment for `:name` after `previous` (`kiosks/:id` takes a kiosk's id): the real thing, or another, unknown or malformed. */
function segmentArb(name: string, previous: string | undefined, pools: Pools, perturbed: boolean): fc.Arbitrary<string> {
  const idPool = { kiosks: pools.kiosks, users: pools.users, tokens: pools.tokens, alerts: pools.alerts, 'you-said': pools.youSaid }[previous ?? ''];
  const codesHere = previous === 'trust' ? ['RAA'] : previous === 'site' || previous === 'sites' ? ['RAA01', 'RAA02'] : previous === 'unit' || previous === 'units' || previous === 'f' ? UNITS : CODES;
  let real: fc.Arbitrary<string>;
  if (name === 'file') real = pastMonth.map((m) => `fft-${m}.csv`);
  else if (name === 'id') real = fc.constantFrom(...(idPool?.length ? idPool : Object.values(pools).flat()));
  else real = fc.constantFrom(...codesHere);
  if (!perturbed) return real;
  const spoilt = real.chain((v) => fc.constantFrom(`${v}%00`, `%00${v}`, `${v}%1B`));
  const other = name === 'file' ? fc.constantFrom('fft-2026-13.csv', `fft-${THIS_MONTH}.csv`, 'fft-1900-01.csv', 'x.csv', 'fft-2026-10.xlsx') : fc.oneof(fc.constantFrom(...CODES, 'w1', 'NOPE'), uuid, fc.constantFrom(...Object.values(pools).flat()));
  return fc.oneof(w(3, weirdSegment), w(2, other), w(1, spoilt));
}

const traversal = fc.constantFrom('', '../package.json', '..%2Fpackage.json', '%2e%2e/%2e%2e/package.json', '..%5c..%5cpackage.json', '.env', 'a/b/../../../package.json', '%00', 'x'.repeat(5000), 'ü.css', '%E0%A4%A', 'index.html%00.js', '/etc/passwd', '%2e%2e%2f%2e%2e%2fpackage.json');

const ASPECTS = ['method', 'segments', 'query', 'body', 'principal', 'csrf', 'headers'] as const;
type Aspect = (typeof ASPECTS)[number];

function requestArb(route: Route, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const parts = route.path.split('/').slice(1);
  const params = parts.flatMap((part, i) => (part.startsWith(':') || part === '*' ? [i] : []));
  const writes = route.method !== 'GET';
  const applicable = ASPECTS.filter((a) => (a !== 'segments' || params.length > 0) && (a !== 'csrf' || writes));
  const wrong = fc.oneof(
    w(3, fc.constant<Aspect[]>([])),
    w(6, fc.subarray([...applicable], { minLength: 1, maxLength: 2 })),
    w(1, fc.constant<Aspect[]>([...applicable])),
  );
  return wrong.chain((aspects) => {
    const off = (a: Aspect) => aspects.includes(a);
    const segmentsOff = off('segments') ? fc.integer({ min: 0, max: params.length - 1 }).map((k) => params[k]!) : fc.constant(-1);
    const segments = segmentsOff.chain((bad) =>
      fc.tuple(...parts.map((part, i) => {
        if (part === '*') return i === bad ? traversal : fc.constantFrom(...pools.files);
        if (part.startsWith(':')) return segmentArb(part.slice(1).replace(/[{?].*$/, ''), parts[i - 1], pools, i === bad);
        return fc.constant(part);
      })),
    );
    const cleanMethod = route.method === 'ALL' ? fc.constantFrom('GET', 'POST') : fc.constant(route.method);
    const method = off('method') ? fc.constantFrom(...['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => m !== route.method)) : cleanMethod;
    const body = !writes && !off('method')
      ? off('body') ? wildBody : fc.constant<Body>({ kind: 'none' })
      : route.api ? (route.path === '/sms/twilio' ? formBodyArb(route, off('body')) : jsonBodyArb(route, off('body'))) : formBodyArb(route, off('body'));
    return fc.record({
      method,
      segments,
      query: queryArb(route, off('query')),
      body,
      principal: off('principal') ? anyPrincipal : rightfulPrincipal(route),
      csrf: off('csrf') ? fc.constantFrom<Csrf>('none', 'wrong') : fc.constant<Csrf>('valid'),
      csrfIn: fc.constantFrom('field', 'field', 'header'),
      headers: off('headers')
        ? fc.record(
            {
              'sec-fetch-site': fc.constantFrom('same-origin', 'cross-site', 'same-site', 'none'),
              origin: fc.constantFrom('http://localhost', 'http://localhost:3000', 'https://evil.example', 'null', 'not a url'),
              accept: fc.constantFrom('text/html', JSON_TYPE, '*/*'),
              'x-forwarded-proto': fc.constant('https'),
              referer: fc.constantFrom('http://localhost/dashboard', 'https://evil.example/', '::'),
            },
            { requiredKeys: [] },
          )
        : fc.constantFrom<Record<string, string>>({}, { 'sec-fetch-site': 'same-origin' }, { accept: 'text/html' }),
      // An address of its own mostly, so the rate limits (pairing, the form, sign-in) let most through; some share one and meet them.
      address: fc.oneof(w(6, fc.integer({ min: 1, max: 60_000 }).map((n) => `10.${n >> 8}.${n & 255}.1`)), w(1, fc.constant('local'))),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The world each store runs in: an app, staff signed in, data to read and ids to aim at.

type TestApp = Awaited<ReturnType<typeof testApp>>;
interface SignedIn {
  userId: string;
  cookies: Map<string, string>;
}

async function makeWorld(db: TestDb) {
  const errors: { level: number; msg: string; err?: unknown }[] = [];
  const logger = pino({ level: 'error', base: undefined }, new Writable({ write(line, _enc, done) { errors.push(JSON.parse(String(line))); done(); } }));
  const t: TestApp = await testApp({ db, logger, sms: { settings: { ...DEFAULT_SMS_SETTINGS, notifyInboundToken: NOTIFY_TOKEN, twilioAuthToken: TWILIO_TOKEN } } });
  const staff = {} as Record<StaffName, SignedIn>;
  for (const [who, s] of Object.entries(STAFF) as [StaffName, (typeof STAFF)[StaffName]][]) {
    const userId = await addUser(t.store, s.email, s.role, [...s.scopes]);
    const b = browser(t.app);
    const res = await b.signIn(s.email);
    if (res.status !== 303) throw new Error(`sign-in of ${who} failed: ${res.status}`);
    staff[who] = { userId, cookies: new Map(b.jar) };
  }
  const patient = browser(t.app);
  await patient.request('/f/W1');
  const patientCookies = new Map(patient.jar);

  // Something to read, acknowledge, revoke and undo.
  const comments = ['The nurses were kind and caring', 'I was left in pain for hours and nobody came', 'Food was cold, Sister Jones was lovely'];
  for (let d = 0; d < 25; d++) {
    await t.give('ED', addDays(TODAY, -d), d === 1 ? [1, 1, 5, 5, 5, 5, 5, 5] : [1, 1, 1, 1, 1, 1, 1, 1, 1, 5]);
    await t.give('W1', addDays(TODAY, -d), [1, 2, 4], { comment: comments[d % 3] });
  }
  await t.give('DN', addDays(TODAY, -3), [1, 2, 3], { question: 'fft-2013' });
  await t.comments.flush();
  for (const unit of UNITS) await t.alerts.evaluate(unit);
  PAIRING_CODES.length = 0;
  for (const unit of ['W1', 'ED', 'W1', 'DN']) PAIRING_CODES.push((await t.send('POST', '/api/v1/kiosks', { unit, label: `${unit} tablet` })).body.pairingCode);
  for (const status of ['planned', 'done']) await t.send('POST', '/api/v1/you-said', { unit: 'W1', youSaid: 'Noisy at night', weDid: 'Quiet hours', status }, t.tokens.matron);
  await t.send('PUT', '/api/v1/eligible', { items: [{ unit: 'W1', month: addMonths(THIS_MONTH, -1), eligible: 120 }] });
  await t.get(`/api/v1/exports/monthly?month=${addMonths(THIS_MONTH, -1)}&setting=inpatient`);
  const pools: Pools = {
    kiosks: (await t.store.listKiosks(UNITS)).map((k) => k.id),
    users: (await t.store.listUsers()).map((u) => u.id),
    tokens: (await t.store.listTokens()).map((k) => k.id),
    alerts: (await t.store.listAlerts({ unitCodes: UNITS })).map((a) => a.id),
    youSaid: (await t.store.listYouSaid(UNITS)).map((y) => y.id),
    files: staticFiles(),
  };
  for (const [name, ids] of Object.entries(pools)) if (!ids.length) throw new Error(`no ${name} to aim at`);
  const tokens: Record<string, string> = { ...t.tokens };
  const tokenScopes: Record<string, { role: string; scopes: string[] }> = {};
  for (const role of TOKEN_ROLES) {
    const record = await verifyBearer(t.store, `Bearer ${tokens[role]}`);
    tokenScopes[role] = { role: record!.role, scopes: record!.scopes };
  }

  /**
   * Puts back what a fuzzed write may have taken away from the principals: a session ended (sign
   * out, a role or password changed), a user re-roled or deactivated, a token revoked, a test unit closed.
   */
  async function repair() {
    for (const [who, s] of Object.entries(staff) as [StaffName, SignedIn][]) {
      const want = STAFF[who];
      const user = await t.store.getUser(s.userId);
      if (!user || user.role !== want.role || user.scopes.join(' ') !== want.scopes.join(' ') || !user.active) {
        await t.store.updateUser(s.userId, { role: want.role, scopes: [...want.scopes], active: true });
      }
      const idHash = hashSessionId(s.cookies.get('fft_session')!);
      if (!(await t.store.findSession(idHash))) await t.store.createSession({ idHash, userId: s.userId, createdAt: TEST_NOW, lastSeenAt: TEST_NOW, expiresAt: `${addDays(TODAY, 1)}T00:00:00.000Z` });
    }
    for (const role of TOKEN_ROLES) {
      if (await verifyBearer(t.store, `Bearer ${tokens[role]}`)) continue;
      tokens[role] = (await issueToken(t.store, t.clock, { role: tokenScopes[role]!.role as never, scopes: tokenScopes[role]!.scopes })).token;
    }
    for (const unit of await t.store.listUnits()) if (UNITS.includes(unit.code) && !unit.active) await t.store.updateUnit(unit.code, { active: true });
  }

  /** Makes the request as its principal would send it. */
  async function send(r: FuzzRequest): Promise<{ url: string; init: RequestInit; res: Response }> {
    const path = `/${r.segments.join('/')}`;
    const url = r.query ? `${path}?${r.query}` : path;
    const headers = new Headers();
    for (const [k, v] of Object.entries(r.headers)) headers.set(k, v);
    const cookies = new Map<string, string>();
    let csrfToken = 'not-the-token';
    const p = r.principal;
    if (p.kind === 'bearer') headers.set('authorization', `Bearer ${tokens[p.role]}`);
    if (p.kind === 'bad-bearer') headers.set('authorization', p.header);
    if (p.kind === 'notify') headers.set('authorization', `Bearer ${NOTIFY_TOKEN}`);
    if (p.kind === 'bad-session') cookies.set('fft_session', 'no-such-session').set('fft_csrf', 'c'.repeat(32));
    if (p.kind === 'session' || p.kind === 'patient') {
      for (const [k, v] of p.kind === 'session' ? staff[p.who].cookies : patientCookies) cookies.set(k, v);
      if (r.csrf === 'valid') csrfToken = csrfTokenFor(SECRET, cookies.get('fft_csrf')!, cookies.get('fft_session'));
    }
    if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const withCsrf = r.csrf !== 'none';
    if (withCsrf && (r.csrfIn === 'header' || (r.body.kind !== 'form' && r.body.kind !== 'multipart'))) headers.set('x-csrf-token', csrfToken);
    const field = withCsrf && r.csrfIn === 'field' ? [['csrf', csrfToken] as Pair] : [];
    let body: BodyInit | undefined;
    const b = r.body;
    const type = (t: string | null) => {
      if (t !== null) headers.set('content-type', t);
    };
    if (b.kind === 'json') {
      body = JSON.stringify(b.value) ?? '';
      type(b.type);
    } else if (b.kind === 'raw') {
      body = b.text;
      type(b.type);
    } else if (b.kind === 'bytes') {
      body = new Uint8Array(b.bytes);
      type(b.type);
    } else if (b.kind === 'form') {
      body = new URLSearchParams([...field, ...b.fields]).toString();
      type(b.type);
    } else if (b.kind === 'multipart') {
      const form = new FormData();
      for (const [k, v] of [...field, ...b.fields]) form.append(k, v);
      if (b.file !== null) form.append('file', new Blob([b.file], { type: 'text/csv' }), 'upload.csv');
      body = form;
    }
    if (r.principal.kind === 'twilio' && b.kind === 'form') {
      const seen = new URL(url, PUBLIC_URL);
      headers.set('x-twilio-signature', twilioSignature(TWILIO_TOKEN, PUBLIC_URL + seen.pathname + seen.search, Object.fromEntries(new URLSearchParams(body as string))));
    }
    const init: RequestInit = { method: r.method, headers, ...(body !== undefined && r.method !== 'GET' && r.method !== 'HEAD' ? { body } : {}), redirect: 'manual' };
    const res = await t.app.request(url, init, { incoming: { socket: { remoteAddress: r.address } } });
    return { url, init, res };
  }

  /** Whatever the background (comment analysis, alerts, the group commit) still had to write, written. */
  async function settle() {
    await t.writer.drain();
    await t.comments.flush();
    await t.alerts.flush();
  }

  return { t, db, pools, errors, repair, send, settle };
}

/** What the static routes serve: each file by its path in its folder, and by its name alone (NHS.UK's own: its styles, scripts and images only). */
function staticFiles(): string[] {
  const files = (dir: string) => (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[]).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
  const ours = [KIOSK_APP_DIR, PAGES_STATIC_DIR, join(REPO_ROOT, 'server/web/static')].flatMap(files);
  const nhsuk = files(NHSUK_DIR).filter((p) => /^nhsuk-frontend[^/]*\.min\.(css|js)$|^assets\/images\//.test(p));
  return [...new Set([...ours, ...nhsuk, ...[...ours, ...nhsuk].map((p) => basename(p)), 'chart.umd.min.js', 'nhsuk-frontend.min.css', 'nhsuk-frontend.min.js'])].sort();
}

// ---------------------------------------------------------------------------------------------
// Every table, watched beside the app through connections of its own.

/**
 * `mark()` keeps the tables as they are (a read snapshot, held open); `changedSinceMark()` names
 * the tables whose rows differ now, and lets the snapshot go. Rows are compared only when the
 * database says something was committed since the mark (SQLite's `data_version`, PostgreSQL's
 * write-ahead log position), so a request that wrote nothing costs next to nothing.
 */
interface TableWatch {
  mark(): Promise<void>;
  changedSinceMark(): Promise<string[]>;
  release(): Promise<void>;
  close(): Promise<void>;
}

function differing(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]);
}

async function watchTables(db: TestDb): Promise<TableWatch> {
  if (db.target.startsWith('postgres')) {
    const [held, now] = [new pg.Client({ connectionString: db.target }), new pg.Client({ connectionString: db.target })];
    await held.connect();
    await now.connect();
    const names = (await now.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)).rows.map((r) => r.name);
    const sql = names.map((n) => `SELECT '${n}' AS name, count(*)::text || ':' || md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS hash FROM "${n}" x`).join(' UNION ALL ');
    const hashes = async (client: pg.Client) => Object.fromEntries((await client.query<{ name: string; hash: string }>(sql)).rows.map((r) => [r.name, r.hash]));
    // Moves with every write to the server's log (any database's): then, and only then, rows are compared.
    const lsn = async (client: pg.Client) => (await client.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]!.lsn;
    let marked: string | null = null;
    const release = async () => {
      if (marked !== null) await held.query('COMMIT');
      marked = null;
    };
    return {
      async mark() {
        await release();
        await held.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        marked = await lsn(held);
      },
      async changedSinceMark() {
        if (marked === null) throw new Error('no mark');
        if ((await lsn(now)) === marked) return release().then(() => []);
        const before = await hashes(held);
        await release();
        return differing(before, await hashes(now));
      },
      release,
      close: async () => {
        await release();
        await held.end();
        await now.end();
      },
    };
  }
  const [held, now] = [new Database(db.target, { readonly: true, fileMustExist: true }), new Database(db.target, { readonly: true, fileMustExist: true })];
  const names = (now.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1`).all() as { name: string }[]).map((r) => r.name);
  const hashes = (conn: Database.Database) => {
    const out: Record<string, string> = {};
    for (const name of names) {
      const rows = (conn.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[]).map((row) => JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('hex') : v))).sort();
      out[name] = `${rows.length}:${createHash('sha1').update(rows.join('\n')).digest('hex')}`;
    }
    return out;
  };
  // Changes whenever another connection (the app's) commits.
  const dataVersion = now.prepare('PRAGMA data_version').pluck();
  let marked: unknown = null;
  const release = async () => {
    if (held.inTransaction) held.exec('COMMIT');
    marked = null;
  };
  return {
    async mark() {
      await release();
      held.exec('BEGIN');
      held.prepare('SELECT count(*) FROM sqlite_master').get();
      marked = dataVersion.get();
    },
    async changedSinceMark() {
      if (marked === null) throw new Error('no mark');
      if (dataVersion.get() === marked) return release().then(() => []);
      const before = hashes(held);
      await release();
      return differing(before, hashes(now));
    },
    release,
    close: async () => {
      await release();
      held.close();
      now.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------

function seedOf(key: string): number {
  return (BASE_SEED ^ createHash('sha1').update(key).digest().readInt32BE(0)) | 0;
}

function describeRequest(method: string, url: string, r: FuzzRequest): string {
  const p = r.principal;
  const who = p.kind === 'bearer' ? `bearer ${p.role}` : p.kind === 'session' ? `session ${p.who}` : p.kind === 'bad-bearer' ? `Authorization: ${p.header.slice(0, 40)}` : p.kind;
  const body = r.body.kind === 'none' ? '' : ` body ${r.body.kind}: ${JSON.stringify(r.body).slice(0, 400)}`;
  return `${method} ${url.slice(0, 300)} as ${who} (csrf ${r.csrf} in ${r.csrfIn}, headers ${JSON.stringify(r.headers)}, from ${r.address})${body}`;
}

const stores: [string, (() => Promise<TestDb>) | null, number][] = [
  ['SQLite', async () => tempSqlite(), 30],
  ['PostgreSQL', pgTestUrl() ? () => tempPostgres(pgTestUrl()!) : null, 12],
];

describe.each(stores)('every route, fuzzed (%s)', (name, makeDb, runsPerRoute) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
  });

  it.skipIf(!makeDb)('never answers 5xx, answers the API in its error shape, and never half-writes a refused write', async () => {
    const world = await makeWorld(await makeDb!());
    const { t, pools, errors } = world;
    const tables = await watchTables(world.db);
    const routes = appRoutes(t.app);
    const tally = new Map<string, Map<number, number>>();
    const failures: string[] = [];
    const started = Date.now();
    try {
      // The routes must be there to be fuzzed: a broken enumeration would pass vacuously.
      expect(routes.length).toBeGreaterThan(80);
      for (const key of ['GET /api/v1/scores', 'PUT /api/v1/eligible', 'POST /admin/users/:id/role', 'POST /f/:code', 'GET /kiosk/*']) expect(routes.map((r) => r.key)).toContain(key);

      for (const route of routes) {
        const statuses = new Map<number, number>();
        tally.set(route.key, statuses);
        const runs = Math.ceil(runsPerRoute * SCALE * (route.api || WRITE_METHODS.has(route.method) ? 2 : 1));
        const property = fc.asyncProperty(requestArb(route, pools), async (r) => {
          const checksWrite = WRITE_METHODS.has(r.method) && !Object.hasOwn(WRITES_WHEN_REFUSED, `${r.method} ${route.path}`);
          if (checksWrite) await world.settle();
          if (checksWrite) await tables.mark();
          const logged = errors.length;
          const { url, res } = await world.send(r);
          const text = await res.text();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const what = () => `${describeRequest(r.method, url, r)}\n  → ${res.status} ${res.headers.get('content-type') ?? ''} ${text.slice(0, 300)}`;
          if (res.status >= 500) throw new Error(`5xx for ${what()}`);
          if (errors.length > logged) throw new Error(`logged an error for ${what()}\n  log: ${JSON.stringify(errors.slice(logged)).slice(0, 1000)}`);
          if (unhandled.length) throw new Error(`unhandled ${String(unhandled[0])} after ${what()}`);
          if (text.includes('"devDependencies"')) throw new Error(`served package.json for ${what()}`);
          // The API's routes answer in the error shape, and so does any other route that answers a 4xx in JSON.
          if ((route.api || (res.headers.get('content-type') ?? '').startsWith('application/json')) && res.status >= 400 && r.method !== 'HEAD') {
            let json: any;
            try {
              json = JSON.parse(text);
            } catch {
              throw new Error(`a ${res.status} that is not JSON for ${what()}`);
            }
            const e = json?.error;
            const shaped = e && typeof e.code === 'string' && typeof e.message === 'string' && Array.isArray(e.issues) && e.issues.every((i: any) => typeof i?.path === 'string' && typeof i?.message === 'string');
            if (!shaped) throw new Error(`a ${res.status} not in the error shape for ${what()}`);
            if (res.status === 400 && e.issues.length === 0) throw new Error(`a 400 naming no field for ${what()}`);
          }
          if (checksWrite && res.status >= 400) {
            await t.writer.drain();
            const changed = await tables.changedSinceMark();
            if (changed.length) throw new Error(`a refused write changed ${changed.join(', ')} for ${what()}`);
          } else if (checksWrite) await tables.release();
          if (WRITE_METHODS.has(r.method) && res.status < 400) await world.repair();
        });
        try {
          await fc.assert(property, { numRuns: runs, seed: seedOf(route.key), includeErrorInReport: true });
        } catch (e) {
          failures.push(`${route.key}: ${(e as Error).message}`);
          await world.repair();
        }
      }
      const reached = [...tally.values()].reduce((n, s) => n + [...s].filter(([status]) => status < 400).reduce((m, [, c]) => m + c, 0), 0);
      const total = [...tally.values()].reduce((n, s) => n + [...s.values()].reduce((m, c) => m + c, 0), 0);
      console.log(`${name}: ${total} requests over ${routes.length} routes in ${((Date.now() - started) / 1000).toFixed(1)} s, ${reached} answered below 400`);
      if (process.env.FFT_FUZZ_VERBOSE) for (const [key, s] of tally) console.log(key.padEnd(50), JSON.stringify(Object.fromEntries(s)));
      expect(failures, failures.join('\n\n')).toEqual([]);
      // The requests must reach the handlers, not only the guards in front of them.
      expect(reached / total).toBeGreaterThan(0.25);
    } finally {
      await tables.close();
      await t.cleanup();
    }
  }, 240_000);
});
