/**
 * The staff read paths at the size of a large trust: one trust of 150 units on 4 sites, two
 * years of responses (bulk path), a quarter with comments analysed as on arrival (themes,
 * sentiment, redaction, concern alerts). Serves it with the real server and times, one request
 * at a time, the pages a matron, an admin and a commissioner open (signed in through the form),
 * the comments, themes and alerts API, and the monthly return downloads: the first (cold)
 * request, then p50/p95 over the rest, with the server's resident memory. Asserts nothing.
 *
 *   npx tsx bench/trust.ts prepare --dir DIR [--responses 1500000] [--days 730]
 *   npx tsx bench/trust.ts copy --dir DIR --pg postgres://postgres@127.0.0.1:5432/DB   (the same data into PostgreSQL)
 *   npx tsx bench/trust.ts measure --dir DIR [--pg URL] [--requests 10] [--port 3400] [--only NAME,…]
 */
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import Database from 'better-sqlite3';
import pg from 'pg';
import cliProgress from 'cli-progress';
import { addDays, londonDayBounds, today as londonToday } from '../analytics/periods.ts';
import type { Mode, Setting } from '../analytics/fft.ts';
import { newId } from '../server/ids.ts';
import { openStore } from '../db/index.ts';
import { bulkLoadSqlite } from '../db/bulk.ts';
import type { NewResponse, OrgRow } from '../db/store.ts';
import { issueToken } from '../server/auth/tokens.ts';
import { hashPassword } from '../server/auth/passwords.ts';
import { systemClock } from '../server/clock.ts';
import { createLogger } from '../server/logger.ts';
import { seededRandom } from '../server/demo/generate.ts';
import { CRITICISM, MIXED, NON_ANSWERS, PRAISE } from '../server/demo/comments.ts';
import { createCommentAnalyser } from '../server/comments/analyser.ts';
import { startServerProcess } from './lib/server.ts';

const SITES = 4;
const UNITS = 150;
export const TRUST = 'RXL';
const SETTINGS: Setting[] = ['inpatient', 'inpatient', 'inpatient', 'inpatient', 'outpatient', 'outpatient', 'ae', 'community', 'maternity-birth', 'maternity-antenatal'];
const MODES: Mode[] = ['electronic-discharge', 'sms', 'paper-discharge', 'online'];
/** Relative daily volume by setting: an emergency department answers far more than a ward. */
const VOLUME: Partial<Record<Setting, number>> = { ae: 5, outpatient: 2.5, community: 1, inpatient: 1, 'maternity-birth': 0.7, 'maternity-antenatal': 0.7 };
/** Rare sentences the concern rules should catch (a few per thousand comments). */
const CONCERNING = [
  'A nurse shouted at my mother and pushed her back into bed.',
  'I told them I wanted to kill myself and nobody came back.',
  'My dad was left lying in urine all night, this is neglect.',
  'A man on the ward threatened to stab me and staff did nothing.',
];
const NAMES = ['Sister Jones', 'Dr Patel', 'Nurse Kelly', 'Ahmed on reception', 'the physio Sarah', 'Tom the HCA'];
export const PASSWORD = 'bench-trust-Password-1';
export const USERS = {
  admin: 'admin@bench.nhs.uk',
  matron: 'matron@bench.nhs.uk',
  commissioner: 'commissioner@bench.nhs.uk',
};

export function trustOrg(): OrgRow[] {
  const rows: OrgRow[] = [];
  for (let u = 0; u < UNITS; u++) {
    const s = (u % SITES) + 1;
    const site = `${TRUST}0${s}`;
    rows.push({
      icbCode: 'QBX', icbName: 'Bench ICB', trustCode: TRUST, trustName: 'Bench Teaching Hospitals',
      siteCode: site, siteName: `Site ${s}`, unitCode: `${site}-U${String(u + 1).padStart(3, '0')}`, unitName: `Unit ${u + 1}`,
      setting: SETTINGS[u % SETTINGS.length]!, specialty1: null, specialty2: null, question: 'fft-2020',
    });
  }
  return rows;
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** One to three sentences in the voice of FFT comments, sometimes naming staff, rarely a concern. */
function commentFor(rand: () => number, answer: number): string {
  if (rand() < 0.05) return pick(rand, NON_ANSWERS);
  const pool = answer <= 2 ? PRAISE : answer >= 4 && answer <= 5 ? CRITICISM : MIXED;
  const parts = [pick(rand, pool)];
  if (rand() < 0.5) parts.push(pick(rand, rand() < 0.7 ? pool : MIXED));
  if (rand() < 0.2) parts.push(`Thank you to ${pick(rand, NAMES)}.`);
  if (rand() < 0.003) parts.push(pick(rand, CONCERNING));
  return parts.join(' ');
}

function* generate(units: OrgRow[], total: number, days: number, lastDay: string, rand: () => number): Generator<NewResponse[]> {
  const weights = units.map((u) => VOLUME[u.setting] ?? 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w, i) => (cumulative[i] = acc + w / sum), 0);
  const perDay = total / days;
  let made = 0;
  for (let d = days - 1; d >= 0; d--) {
    const day = addDays(lastDay, -d);
    const [start] = londonDayBounds(day);
    const target = Math.round(perDay * (days - d)) - made;
    const rows: NewResponse[] = [];
    for (let i = 0; i < target; i++) {
      const r0 = rand();
      const unit = units[Math.max(0, cumulative.findIndex((c) => c >= r0))]!;
      const at = start.getTime() + (8 + rand() * 12) * 3_600_000;
      const r = rand();
      const answer = r < 0.7 ? 1 : r < 0.88 ? 2 : r < 0.92 ? 3 : r < 0.95 ? 4 : r < 0.98 ? 5 : 6;
      rows.push({
        id: newId(),
        unitCode: unit.unitCode, question: 'fft-2020', answer, comment: rand() < 0.25 ? commentFor(rand, answer) : null,
        channel: 'kiosk', mode: MODES[Math.floor(rand() * MODES.length)]!, answeredAt: new Date(at).toISOString(), answeredDay: day,
        receivedAt: new Date(at + 1000).toISOString(), language: 'en', ageBand: null, sex: null, ethnicity: null, disability: null, completedBy: null, deviceId: null, flagged: false,
      });
    }
    made += rows.length;
    yield rows;
  }
}

interface Meta { token: string; lastDay: string; responses: number; comments: number }

async function prepare(dir: string, total: number, days: number) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'trust.sqlite');
  if (existsSync(path)) throw new Error(`${path} exists`);
  const store = openStore(path);
  await store.migrate();
  const org = trustOrg();
  await store.upsertOrg(org);
  const { token } = await issueToken(store, systemClock, { role: 'admin', label: 'bench' });
  const passwordHash = await hashPassword(PASSWORD);
  const now = new Date().toISOString();
  const mine = org.filter((u) => u.siteCode === `${TRUST}01`).slice(0, 8).map((u) => `unit:${u.unitCode}`);
  for (const [role, email] of Object.entries(USERS)) {
    const scopes = role === 'matron' ? mine : role === 'commissioner' ? ['icb:QBX'] : [];
    await store.createUser({ id: newId(), email, role: role as 'admin', scopes, passwordHash, active: true, failedSignIns: 0, lockedUntil: null, createdAt: now });
  }
  await store.close();
  const lastDay = londonToday(new Date());
  const bar = new cliProgress.SingleBar({ format: `generating ${total} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  let t0 = performance.now();
  const loaded = bulkLoadSqlite(path, generate(org, total, days, lastDay, seededRandom(total)), (n) => bar.update(n));
  bar.stop();
  console.log(`loaded ${loaded} responses in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // Analysed as the service does it when a stored comment has none yet (the sweep), here on this thread.
  const analysing = openStore(path);
  const analyser = createCommentAnalyser({ store: analysing, clock: systemClock, logger: createLogger('error') });
  t0 = performance.now();
  const comments = await analyser.sweep();
  console.log(`analysed ${comments} comments in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await analysing.close();
  const meta: Meta = { token, lastDay, responses: loaded, comments };
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
}

/** Every table of the SQLite database into a freshly migrated PostgreSQL one, batch by batch. */
async function copy(dir: string, url: string) {
  const store = openStore(url);
  await store.migrate();
  await store.close();
  const lite = new Database(join(dir, 'trust.sqlite'), { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tables = (lite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`).all() as { name: string }[]).map((t) => t.name);
  // Parents before children (foreign keys).
  const order = ['icbs', 'trusts', 'sites', 'units', 'users', 'responses'];
  tables.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  for (const table of tables) {
    const n = (lite.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    if (n === 0) continue;
    const types = new Map((await client.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1`, [table])).rows.map((r) => [r.column_name as string, r.data_type as string]));
    const t0 = performance.now();
    await client.query(`TRUNCATE "${table}" CASCADE`);
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const cols = Object.keys(batch[0]!);
      const values: unknown[] = [];
      const tuples = batch.map((row) => `(${cols.map((c) => {
        const v = row[c];
        values.push(types.get(c) === 'boolean' && v !== null ? Boolean(v) : v);
        return `$${values.length}`;
      }).join(',')})`);
      await client.query(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(',')}) VALUES ${tuples.join(',')}`, values);
      batch = [];
    };
    for (const row of lite.prepare(`SELECT * FROM "${table}"`).iterate() as Iterable<Record<string, unknown>>) {
      batch.push(row);
      if (batch.length * Object.keys(row).length >= 30_000) await flush();
    }
    await flush();
    console.log(`  ${table}: ${n} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  await client.query('ANALYZE');
  await client.end();
  lite.close();
}

interface Call { name: string; path: string; as: 'admin' | 'matron' | 'commissioner' | 'token'; expect?: number }

function calls(meta: Meta, org: OrgRow[]): Call[] {
  const to = meta.lastDay;
  const yearAgo = addDays(to, -364);
  const month = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 7) === to.slice(0, 7) ? addDays(to, -35).slice(0, 7) : addDays(to, -20).slice(0, 7);
  const busy = org.find((u) => u.setting === 'ae' && u.siteCode === `${TRUST}01`)!.unitCode;
  const ward = org.find((u) => u.setting === 'inpatient' && u.siteCode === `${TRUST}01`)!.unitCode;
  const trust = `level=trust&code=${TRUST}`;
  const api = (p: string) => `/api/v1/${p}`;
  return [
    { name: 'page: dashboard (matron, 8 units)', path: '/dashboard', as: 'matron' },
    { name: 'page: dashboard (admin, 150 units)', path: '/dashboard', as: 'admin' },
    { name: 'page: dashboard (commissioner, 150)', path: '/dashboard', as: 'commissioner' },
    { name: 'page: dashboard pulse (admin)', path: '/dashboard/pulse', as: 'admin' },
    { name: 'page: ward (A&E unit)', path: `/dashboard/unit/${busy}`, as: 'admin' },
    { name: 'page: ward (inpatient, matron)', path: `/dashboard/unit/${ward}`, as: 'matron' },
    { name: 'page: ward q=kind', path: `/dashboard/unit/${busy}?q=kind`, as: 'admin' },
    { name: 'page: ward theme=Staff attitude', path: `/dashboard/unit/${busy}?theme=${encodeURIComponent('Staff manner & personal attributes')}`, as: 'admin' },
    { name: 'page: ward criticism page 1', path: `/dashboard/unit/${busy}?sentiment=criticism`, as: 'admin' },
    { name: 'page: ward praise page 100', path: `/dashboard/unit/${busy}?sentiment=praise&page=100`, as: 'admin' },
    { name: 'page: ward praise page 500', path: `/dashboard/unit/${busy}?sentiment=praise&page=500`, as: 'admin' },
    { name: 'page: returns (commissioner, inpatient)', path: `/returns?month=${month}&setting=inpatient`, as: 'commissioner' },
    { name: 'page: returns (admin, ae)', path: `/returns?month=${month}&setting=ae`, as: 'admin' },
    { name: 'page: returns trends (12 months)', path: '/returns/trends', as: 'commissioner' },
    { name: 'download: return CSV (inpatient)', path: `/returns/download?month=${month}&setting=inpatient&format=csv`, as: 'commissioner' },
    { name: 'download: return XLSX (inpatient)', path: `/returns/download?month=${month}&setting=inpatient&format=xlsx`, as: 'commissioner' },
    { name: 'page: admin audit', path: '/admin/audit', as: 'admin' },
    { name: 'api: comments trust year p1', path: api(`comments?${trust}&from=${yearAgo}&to=${to}`), as: 'token' },
    { name: 'api: comments trust year q=rude', path: api(`comments?${trust}&from=${yearAgo}&to=${to}&q=rude`), as: 'token' },
    { name: 'api: comments trust year q=zzzz', path: api(`comments?${trust}&from=${yearAgo}&to=${to}&q=zzzz`), as: 'token' },
    { name: 'api: comments trust year theme', path: api(`comments?${trust}&from=${yearAgo}&to=${to}&theme=${encodeURIComponent('Staff manner & personal attributes')}`), as: 'token' },
    { name: 'api: comments trust year sentiment=5', path: api(`comments?${trust}&from=${yearAgo}&to=${to}&sentiment=5`), as: 'token' },
    { name: 'api: comments trust year concern=1', path: api(`comments?${trust}&from=${yearAgo}&to=${to}&concern=1`), as: 'token' },
    { name: 'api: comments trust year page 1000', path: api(`comments?${trust}&from=${yearAgo}&to=${to}&page=1000`), as: 'token' },
    { name: 'api: comments trust 2y page 3000x200', path: api(`comments?${trust}&from=${addDays(to, -729)}&to=${to}&page=1500&pageSize=200`), as: 'token' },
    { name: 'api: comments unit 90d', path: api(`comments?level=unit&code=${busy}&from=${addDays(to, -89)}&to=${to}`), as: 'token' },
    { name: 'api: themes trust year by week', path: api(`themes?${trust}&from=${yearAgo}&to=${to}&period=week`), as: 'token' },
    { name: 'api: themes trust year by day', path: api(`themes?${trust}&from=${yearAgo}&to=${to}&period=day`), as: 'token' },
    { name: 'api: themes unit 90d by week', path: api(`themes?level=unit&code=${busy}&from=${addDays(to, -89)}&to=${to}&period=week`), as: 'token' },
    { name: 'api: alerts (all)', path: api('alerts'), as: 'token' },
    { name: 'api: alerts open, trust', path: api(`alerts?${trust}&open=1`), as: 'token' },
    { name: 'api: export monthly csv inpatient', path: api(`exports/monthly?month=${month}&setting=inpatient&format=csv`), as: 'token' },
    { name: 'api: export monthly xlsx inpatient', path: api(`exports/monthly?month=${month}&setting=inpatient&format=xlsx`), as: 'token' },
    { name: 'api: export monthly xlsx ae', path: api(`exports/monthly?month=${month}&setting=ae&format=xlsx`), as: 'token' },
    { name: 'api: export validation inpatient', path: api(`exports/validation?month=${month}&setting=inpatient`), as: 'token' },
    { name: 'api: export trends 24 months csv', path: api(`exports/trends?from=${addDays(to, -700).slice(0, 7)}&to=${month}&format=csv`), as: 'token' },
  ];
}

/** Signs in through the form, as a person does, and returns the session cookie. */
async function signIn(base: string, email: string): Promise<string> {
  const form = await fetch(`${base}/signin`);
  const cookies = (form.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const html = await form.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const res = await fetch(`${base}/signin`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies, origin: base, 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ csrf, email, password: PASSWORD }).toString(),
  });
  if (res.status !== 303) throw new Error(`sign-in of ${email} → ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return [...(res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]), cookies].filter(Boolean).join('; ');
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024, hwm: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024 };
}

async function measure(dir: string, options: { pg?: string; requests: number; port: number; only?: string[]; nodeArgs?: string[] }) {
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
  const db = options.pg ?? join(dir, 'trust.sqlite');
  const server = await startServerProcess({ FFT_DB: db }, { port: options.port, nodeArgs: options.nodeArgs });
  const pid = server.process.pid!;
  console.log(`${options.pg ? 'PostgreSQL' : 'SQLite'}: ${meta.responses.toLocaleString('en-GB')} responses, ${meta.comments.toLocaleString('en-GB')} comments; server RSS at start ${rssOf(pid).rss.toFixed(0)} MB`);
  const auth: Record<string, Record<string, string>> = { token: { authorization: `Bearer ${meta.token}` } };
  for (const role of ['admin', 'matron', 'commissioner'] as const) auth[role] = { cookie: await signIn(server.url, USERS[role]), 'sec-fetch-site': 'same-origin' };
  const list = calls(meta, trustOrg()).filter((c) => !options.only || options.only.some((o) => c.name.includes(o)));
  console.log(`${'call'.padEnd(42)} ${'cold'.padStart(8)} ${'p50'.padStart(8)} ${'p95'.padStart(8)}   bytes   RSS MB`);
  for (const call of list) {
    const times: number[] = [];
    let bytes = 0;
    process.stdout.write(call.name.padEnd(42));
    // A call of many seconds is timed twice, not a dozen times.
    for (let i = 0; i <= (times[0] !== undefined && times[0] > 5000 ? 1 : options.requests); i++) {
      const t0 = performance.now();
      const res = await fetch(server.url + call.path, { headers: auth[call.as], signal: AbortSignal.timeout(300_000) });
      const body = await res.arrayBuffer();
      times.push(performance.now() - t0);
      bytes = body.byteLength;
      if (res.status !== (call.expect ?? 200)) throw new Error(`${call.path} → ${res.status}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
    }
    const [cold, ...rest] = times;
    rest.sort((a, b) => a - b);
    const { rss } = rssOf(pid);
    console.log(` ${cold!.toFixed(0).padStart(8)} ${quantile(rest, 0.5).toFixed(0).padStart(8)} ${quantile(rest, 0.95).toFixed(0).padStart(8)} ${String(bytes).padStart(8)} ${rss.toFixed(0).padStart(6)}`);
  }
  const { rss, hwm } = rssOf(pid);
  console.log(`server RSS at end ${rss.toFixed(0)} MB, peak ${hwm.toFixed(0)} MB`);
  await server.stop();
}

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    dir: { type: 'string', default: join(os.tmpdir(), 'fft-trust') },
    responses: { type: 'string', default: '1500000' },
    days: { type: 'string', default: '730' },
    pg: { type: 'string' },
    requests: { type: 'string', default: '10' },
    port: { type: 'string', default: '0' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
console.log(`bench/trust ${command} — ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}`);
if (command === 'prepare') await prepare(values.dir!, Number(values.responses), Number(values.days));
else if (command === 'copy') await copy(values.dir!, values.pg!);
else if (command === 'measure') {
  await measure(values.dir!, {
    pg: values.pg, requests: Number(values.requests), port: Number(values.port), only: values.only?.split(','),
    nodeArgs: values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : undefined,
  });
} else {
  console.error('usage: bench/trust.ts prepare|copy|measure --dir DIR [--pg URL]');
  process.exit(2);
}
