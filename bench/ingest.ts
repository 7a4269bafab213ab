/**
 * Ingestion throughput against the HTTP ceiling: in one run, the same server's constant
 * `GET /healthz` and `POST /api/v1/responses` of one new response each, over loopback with
 * autocannon. Prints both rates and their ratio; asserts nothing about time.
 *
 *   npx tsx bench/ingest.ts [--duration 10] [--connections 50] [--synchronous NORMAL|FULL|both] [--comment yes|no|both]
 */
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import os from 'node:os';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { openStore } from '../db/index.ts';
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

async function measure(synchronous: 'NORMAL' | 'FULL', duration: number, connections: number, withComment: boolean) {
  const { dir, path, token } = await freshSqlite();
  const server = await startServerProcess({ FFT_DB: path, FFT_SQLITE_SYNCHRONOUS: synchronous });
  // With a comment, each response is also classified, redacted and checked for concerns a
  // moment after its commit, in the same process.
  const body = JSON.stringify({ unit: 'W1', answer: 1, channel: 'kiosk', ...(withComment ? { comment: 'The nurses were kind and the ward was clean.' } : {}) });
  // Warm both routes (JIT, SQLite page cache) before measuring.
  await run({ url: `${server.url}/healthz`, connections, duration: 2 });
  await run({ url: `${server.url}/api/v1/responses`, connections, duration: 2, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  const constant = await run({ url: `${server.url}/healthz`, connections, duration });
  // Context, not the target: what the same POST (headers and body) costs when the answer is a
  // constant (the router's 404), i.e. the HTTP cost of a request with a body.
  const constantPost = await run({ url: `${server.url}/constant-404`, connections, duration, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  const ingest = await run({
    url: `${server.url}/api/v1/responses`,
    connections,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  await server.stop();
  const store = openStore(path);
  const stored = await store.countResponses();
  const consistent = JSON.stringify(await store.dailyCounts()) === JSON.stringify(await store.recountDaily());
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { constant, constantPost, ingest, stored, consistent };
}

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, synchronous: { type: 'string', default: 'both' }, comment: { type: 'string', default: 'both' } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const modes = values.synchronous === 'both' ? (['NORMAL', 'FULL'] as const) : ([values.synchronous!.toUpperCase()] as ('NORMAL' | 'FULL')[]);

console.log(`bench/ingest — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${duration}s per route, ${connections} connections`);
const comments = values.comment === 'both' ? [false, true] : [values.comment === 'yes'];
for (const mode of modes) for (const withComment of comments) {
  const { constant, constantPost, ingest, stored, consistent } = await measure(mode, duration, connections, withComment);
  const ratio = ingest.requests.average / constant.requests.average;
  console.log(`\nsynchronous=${mode}, ${withComment ? 'each response with a comment (analysed in the same process)' : 'no comment'}`);
  console.log(`  GET  /healthz            ${constant.requests.average.toFixed(0).padStart(7)} req/s  p50 ${constant.latency.p50} ms  p99 ${constant.latency.p99} ms  non-2xx ${constant.non2xx}`);
  console.log(`  POST /api/v1/responses   ${ingest.requests.average.toFixed(0).padStart(7)} req/s  p50 ${ingest.latency.p50} ms  p99 ${ingest.latency.p99} ms  non-2xx ${ingest.non2xx}  errors ${ingest.errors}`);
  console.log(`  ratio ingest/constant    ${ratio.toFixed(2)}  (target ≥ ${mode === 'NORMAL' ? '0.8' : '0.6'})`);
  console.log(`  context: POST of the same request to a constant 404  ${constantPost.requests.average.toFixed(0)} req/s; ingest/that ${(ingest.requests.average / constantPost.requests.average).toFixed(2)}`);
  console.log(`  stored ${stored} responses; rollups ${consistent ? 'equal' : 'DIFFER from'} a recount`);
}
