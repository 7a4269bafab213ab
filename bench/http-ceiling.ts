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
import { spawn } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';

const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  const reply = (status) => { res.writeHead(status, { 'content-type': 'application/json', 'content-length': 11 }); res.end('{"ok":true}'); };
  if (req.method !== 'POST') return reply(200);
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => { JSON.parse(Buffer.concat(chunks).toString('utf8')); reply(201); });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } } });
const duration = Number(values.duration);
const connections = Number(values.connections);

const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
const url = `http://127.0.0.1:${port}/`;
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
child.kill();

console.log(`bench/http-ceiling — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${duration}s each, ${connections} connections, bare node:http`);
console.log(`  GET  constant                     ${get.requests.average.toFixed(0).padStart(7)} req/s  non-2xx ${get.non2xx}`);
console.log(`  POST same body, read and parsed   ${posted.requests.average.toFixed(0).padStart(7)} req/s  non-2xx ${posted.non2xx}`);
console.log(`  ratio POST/GET                    ${(posted.requests.average / get.requests.average).toFixed(2)}  (the most any ingestion could reach against a constant GET here)`);
