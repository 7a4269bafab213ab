/**
 * Ingestion throughput against the HTTP ceiling: in one run, the same server's constant
 * `GET /healthz` and `POST /api/v1/responses` of one new response each, over loopback with
 * autocannon. Prints both rates and their ratio; asserts nothing about time.
 *
 * The routes are measured in turn, `--rounds` times over (GET, the same POST to a bare node:http
 * server, ingestion; again), and each round gives its own ratio: a VM's speed can drift from one minute to the
 * next, and one GET measured a minute before one POST moved the ratio by ±0.15 on its own.
 * The summary is the median round, with the lowest and highest beside it.
 *
 *   npx tsx bench/ingest.ts [--duration 10] [--rounds 3] [--connections 50] [--synchronous NORMAL|FULL|both] [--comment yes|no|both]
 */
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import os from 'node:os';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { openStore } from '../db/index.ts';
import { startBareServer } from './lib/bare-http.ts';
import { startServerProcess } from './lib/server.ts';
import { freshSqlite } from './lib/setup.ts';

interface Result {
  requests: { average: number };
  non2xx: number;
  errors: number;
  latency: { p50: number; p99: number };
}

function run(opts: Record<string, unknown>): Promise<Result> {
  return autocannon(opts) as Promise<Result>;
}

interface Round {
  constant: Result;
  barePost: Result;
  ingest: Result;
}

async function measure(synchronous: 'NORMAL' | 'FULL', duration: number, rounds: number, connections: number, withComment: boolean) {
  const { dir, path, token } = await freshSqlite();
  // Context, not the target: a bare node:http server (no framework, no storage) reading and
  // parsing the same POST, i.e. what this machine's HTTP stack costs for a request with this body.
  // Started first, so that if it fails no service process is left running.
  const bare = await startBareServer();
  const server = await startServerProcess({ FFT_DB: path, FFT_SQLITE_SYNCHRONOUS: synchronous }).catch(async (e) => {
    await bare.stop();
    throw e;
  });
  // With a comment, each response is also classified, redacted and checked for concerns a
  // moment after its commit, on the server's analysis thread.
  const body = JSON.stringify({ unit: 'W1', answer: 1, channel: 'kiosk', ...(withComment ? { comment: 'The nurses were kind and the ward was clean.' } : {}) });
  const post = { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body };
  // Warm each route (JIT, SQLite page cache) before measuring.
  await run({ url: `${server.url}/healthz`, connections, duration: 2 });
  await run({ url: bare.url, connections, duration: 2, ...post });
  await run({ url: `${server.url}/api/v1/responses`, connections, duration: 2, ...post });
  const results: Round[] = [];
  for (let round = 0; round < rounds; round++) {
    const constant = await run({ url: `${server.url}/healthz`, connections, duration });
    const barePost = await run({ url: bare.url, connections, duration, ...post });
    const ingest = await run({ url: `${server.url}/api/v1/responses`, connections, duration, ...post });
    results.push({ constant, barePost, ingest });
  }
  await server.stop();
  await bare.stop();
  const store = openStore(path);
  const stored = await store.countResponses();
  const consistent = JSON.stringify(await store.dailyCounts()) === JSON.stringify(await store.recountDaily());
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { results, stored, consistent };
}

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, rounds: { type: 'string', default: '3' }, connections: { type: 'string', default: '50' }, synchronous: { type: 'string', default: 'both' }, comment: { type: 'string', default: 'both' } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const rounds = Math.max(1, Number(values.rounds));
const modes = values.synchronous === 'both' ? (['NORMAL', 'FULL'] as const) : ([values.synchronous!.toUpperCase()] as ('NORMAL' | 'FULL')[]);

console.log(`bench/ingest — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${duration}s per route per round, ${rounds} round(s), ${connections} connections`);
const comments = values.comment === 'both' ? [false, true] : [values.comment === 'yes'];
const rate = (r: Result) => r.requests.average;
const fmt = (x: number) => x.toFixed(0).padStart(7);
/** The middle value (the lower middle of an even count), so it is one that was measured. */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

for (const mode of modes) for (const withComment of comments) {
  const { results, stored, consistent } = await measure(mode, duration, rounds, connections, withComment);
  console.log(`\nsynchronous=${mode}, ${withComment ? 'each response with a comment (analysed on the server\'s analysis thread)' : 'no comment'}`);
  results.forEach(({ constant, barePost, ingest }, i) => {
    console.log(`  round ${i + 1}: GET /healthz ${fmt(rate(constant))} req/s (p50 ${constant.latency.p50} ms, p99 ${constant.latency.p99} ms, non-2xx ${constant.non2xx})` +
      `  POST /api/v1/responses ${fmt(rate(ingest))} req/s (p50 ${ingest.latency.p50} ms, p99 ${ingest.latency.p99} ms, non-2xx ${ingest.non2xx}, errors ${ingest.errors})` +
      `  ratio ${(rate(ingest) / rate(constant)).toFixed(2)}  [bare node:http POST ${rate(barePost).toFixed(0)}; ingest/that ${(rate(ingest) / rate(barePost)).toFixed(2)}]`);
  });
  const ratios = results.map((r) => rate(r.ingest) / rate(r.constant));
  const toThat = results.map((r) => rate(r.ingest) / rate(r.barePost));
  console.log(`  GET  /healthz            ${fmt(median(results.map((r) => rate(r.constant))))} req/s (median round)`);
  console.log(`  POST /api/v1/responses   ${fmt(median(results.map((r) => rate(r.ingest))))} req/s (median round)`);
  console.log(`  ratio ingest/constant    ${median(ratios).toFixed(2)} median of ${rounds} (lowest ${Math.min(...ratios).toFixed(2)}, highest ${Math.max(...ratios).toFixed(2)})  (target ≥ ${mode === 'NORMAL' ? '0.8' : '0.6'})`);
  console.log(`  context: ingest / the same POST to bare node:http (no framework, no storage)  ${median(toThat).toFixed(2)} median (lowest ${Math.min(...toThat).toFixed(2)}, highest ${Math.max(...toThat).toFixed(2)})`);
  console.log(`  stored ${stored} responses; rollups ${consistent ? 'equal' : 'DIFFER from'} a recount`);
}
