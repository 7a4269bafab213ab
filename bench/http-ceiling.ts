/**
 * What this machine's HTTP stack allows before any service code runs: a bare node:http server
 * (no framework, no database) in its own process, answering `GET` with a constant JSON body and
 * `POST` by reading the same JSON body bench/ingest sends, parsing it and answering a constant.
 * autocannon on loopback as in bench/ingest. The POST/GET ratio is the most any ingestion could
 * reach against a constant `GET` on this machine, had storing a response cost nothing at all.
 * Prints figures; asserts nothing.
 *
 *   npx tsx bench/http-ceiling.ts [--duration 10] [--connections 50]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { startBareServer } from './lib/bare-http.ts';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } } });
const duration = Number(values.duration);
const connections = Number(values.connections);

const server = await startBareServer();
const url = server.url;
// The body bench/ingest posts, with its headers.
const body = JSON.stringify({ unit: 'W1', answer: 1, channel: 'kiosk' });
const post = { url, connections, method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer fft_0123456789abcdef0123456789abcdef' }, body };

interface Result {
  requests: { average: number };
  non2xx: number;
}
const run = (opts: Record<string, unknown>) => autocannon(opts) as Promise<Result>;

await run({ url, connections, duration: 2 });
await run({ ...post, duration: 2 });
const get = await run({ url, connections, duration });
const posted = await run({ ...post, duration });
await server.stop();

console.log(`bench/http-ceiling — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${duration}s each, ${connections} connections, bare node:http`);
console.log(`  GET  constant                     ${get.requests.average.toFixed(0).padStart(7)} req/s  non-2xx ${get.non2xx}`);
console.log(`  POST same body, read and parsed   ${posted.requests.average.toFixed(0).padStart(7)} req/s  non-2xx ${posted.non2xx}`);
console.log(`  ratio POST/GET                    ${(posted.requests.average / get.requests.average).toFixed(2)}  (the most any ingestion could reach against a constant GET here)`);
