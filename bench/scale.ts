/**
 * Read speed at scale: generate 100k and 10M responses across 500 units and 3 years (bulk
 * path), serve each with the real server, and time the matron's `today`, a unit's 90-day daily
 * series, a trust's monthly series for a year, and the SPC call. Prints p50/p95 per size, the
 * 10M/100k ratio of each, and the server's resident memory. Asserts nothing about time.
 *
 *   npx tsx bench/scale.ts [--sizes 100000,10000000] [--requests 200] [--keep DIR]
 */
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import cliProgress from 'cli-progress';
import { addDays, londonDayBounds, today as londonToday } from '../analytics/periods.ts';
import { newId } from '../server/ids.ts';
import type { Mode, Setting } from '../analytics/fft.ts';
import { openStore } from '../db/index.ts';
import { bulkLoadSqlite } from '../db/bulk.ts';
import type { NewResponse, OrgRow } from '../db/store.ts';
import { issueToken } from '../server/auth/tokens.ts';
import { systemClock } from '../server/clock.ts';
import { seededRandom } from '../server/demo/generate.ts';
import { startServerProcess } from './lib/server.ts';

const TRUSTS = 5;
const SITES = 4;
const UNITS_PER_SITE = 25;
const YEARS = 3;
const SETTINGS: Setting[] = ['inpatient', 'inpatient', 'inpatient', 'ae', 'outpatient', 'community', 'maternity-birth'];
const MODES: Mode[] = ['electronic-discharge', 'sms', 'paper-discharge', 'online'];

export function scaleOrg(): OrgRow[] {
  const rows: OrgRow[] = [];
  for (let t = 1; t <= TRUSTS; t++)
    for (let s = 1; s <= SITES; s++)
      for (let u = 1; u <= UNITS_PER_SITE; u++) {
        const trust = `RT${t}`;
        rows.push({
          icbCode: 'QSC', icbName: 'Scale ICB', trustCode: trust, trustName: `Scale Trust ${t}`,
          siteCode: `${trust}0${s}`, siteName: `Site ${s}`, unitCode: `${trust}0${s}-U${String(u).padStart(2, '0')}`, unitName: `Unit ${u}`,
          setting: SETTINGS[u % SETTINGS.length]!, specialty1: null, specialty2: null, question: 'fft-2020',
        });
      }
  return rows;
}

function* generate(units: OrgRow[], total: number, lastDay: string, rand: () => number): Generator<NewResponse[]> {
  const days = YEARS * 365;
  const perDay = total / days;
  let made = 0;
  for (let d = days - 1; d >= 0; d--) {
    const day = addDays(lastDay, -d);
    const [start] = londonDayBounds(day);
    const target = Math.round(perDay * (days - d)) - made;
    const rows: NewResponse[] = [];
    for (let i = 0; i < target; i++) {
      const unit = units[Math.floor(rand() * units.length)]!;
      // 08:00–20:00 London time.
      const at = start.getTime() + (8 + rand() * 12) * 3_600_000;
      const r = rand();
      const answer = r < 0.7 ? 1 : r < 0.88 ? 2 : r < 0.92 ? 3 : r < 0.95 ? 4 : r < 0.98 ? 5 : 6;
      rows.push({
        id: newId(),
        unitCode: unit.unitCode, question: 'fft-2020', answer, comment: rand() < 0.3 ? 'Staff were kind and the ward was clean.' : null,
        channel: 'kiosk', mode: MODES[Math.floor(rand() * MODES.length)]!, answeredAt: new Date(at).toISOString(), answeredDay: day,
        receivedAt: new Date(at + 1000).toISOString(), language: 'en', ageBand: null, sex: null, ethnicity: null, disability: null, completedBy: null, deviceId: null, flagged: false,
      });
    }
    made += rows.length;
    yield rows;
  }
}

async function prepare(dir: string, size: number, lastDay: string): Promise<{ path: string; token: string }> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `scale-${size}.sqlite`);
  const tokenFile = `${path}.token`;
  if (existsSync(path) && existsSync(tokenFile)) return { path, token: readFileSync(tokenFile, 'utf8') };
  rmSync(path, { force: true });
  const store = openStore(path);
  await store.migrate();
  const org = scaleOrg();
  await store.upsertOrg(org);
  const { token } = await issueToken(store, systemClock, { role: 'admin', label: 'bench' });
  await store.close();
  const bar = new cliProgress.SingleBar({ format: `generating ${size} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(size, 0);
  const started = performance.now();
  bulkLoadSqlite(path, generate(org, size, lastDay, seededRandom(size)), (n) => bar.update(n));
  bar.stop();
  console.log(`  generated ${size} responses in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  (await import('node:fs')).writeFileSync(tokenFile, token);
  return { path, token };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function measure(path: string, token: string, requests: number, lastDay: string) {
  const server = await startServerProcess({ FFT_DB: path });
  const calls: Record<string, string> = {
    'matron today (site, 25 units)': `/api/v1/scores/today?level=site&code=RT102`,
    'unit 90-day daily series': `/api/v1/scores?level=unit&code=RT101-U07&period=day&from=${addDays(lastDay, -89)}&to=${lastDay}`,
    'trust monthly series, 1 year': `/api/v1/scores?level=trust&code=RT3&period=month&from=${addDays(lastDay, -364)}&to=${lastDay}`,
    'unit SPC (90 days)': `/api/v1/spc?level=unit&code=RT204-U11&period=day&measure=positive`,
  };
  const results: Record<string, { p50: number; p95: number }> = {};
  for (const [name, url] of Object.entries(calls)) {
    const times: number[] = [];
    for (let i = 0; i < requests + 20; i++) {
      const t0 = performance.now();
      const res = await fetch(server.url + url, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
      if (i >= 20) times.push(performance.now() - t0); // the first 20 warm up
    }
    times.sort((a, b) => a - b);
    results[name] = { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
  }
  const status = readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
  const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  const hwmMb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  await server.stop();
  return { results, rssMb, hwmMb };
}

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100000,10000000' }, requests: { type: 'string', default: '200' }, keep: { type: 'string' } } });
const sizes = values.sizes!.split(',').map(Number);
const requests = Number(values.requests);
const dir = values.keep ?? join(os.tmpdir(), 'fft-scale');
const lastDay = londonToday(new Date());
console.log(`bench/scale — ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, ${TRUSTS * SITES * UNITS_PER_SITE} units, ${YEARS} years, ${requests} requests per call`);
const bySize: Record<number, Awaited<ReturnType<typeof measure>>> = {};
for (const size of sizes) {
  const { path, token } = await prepare(dir, size, lastDay);
  bySize[size] = await measure(path, token, requests, lastDay);
  console.log(`\n${size.toLocaleString('en-GB')} responses: server RSS ${bySize[size].rssMb.toFixed(0)} MB (peak ${bySize[size].hwmMb.toFixed(0)} MB)`);
  for (const [name, r] of Object.entries(bySize[size].results)) console.log(`  ${name.padEnd(32)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms`);
}
if (sizes.length === 2) {
  const [small, large] = sizes as [number, number];
  console.log(`\nratio ${large.toLocaleString('en-GB')} / ${small.toLocaleString('en-GB')} (p95; target ≤ 1.5, and p95 < 50 ms at the larger size)`);
  for (const name of Object.keys(bySize[small]!.results)) {
    const a = bySize[small]!.results[name]!;
    const b = bySize[large]!.results[name]!;
    console.log(`  ${name.padEnd(32)} p50 ${(b.p50 / a.p50).toFixed(2)}  p95 ${(b.p95 / a.p95).toFixed(2)}`);
  }
}
if (!values.keep) rmSync(dir, { recursive: true, force: true });
