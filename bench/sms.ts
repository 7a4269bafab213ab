/**
 * Inbound SMS throughput against the HTTP ceiling: in one run, the same server's constant
 * `GET /healthz` and `POST /sms/twilio` with correctly signed Twilio webhooks, over loopback
 * with autocannon. Each webhook is a new message (a new MessageSid) from one of a pool of
 * invited patients: their first text is an answer (a response stored, rollups and all), the
 * second the comment (attached and classified in the same process), later ones further
 * parts of it. Prints both rates and their ratio; asserts nothing about time.
 *
 *   npx tsx bench/sms.ts [--duration 10] [--connections 50] [--patients 5000] [--cpu-prof DIR]
 */
import { createHmac } from 'node:crypto';
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import os from 'node:os';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { openStore } from '../db/index.ts';
import { newId } from '../server/ids.ts';
import { phoneHash } from '../server/sms/keyed-hash.ts';
import { refusedUrl } from '../server/sms/testing.ts';
import { startServerProcess } from './lib/server.ts';
import { freshSqlite } from './lib/setup.ts';

interface Result {
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  latency: { p50: number; p99: number };
}

const run = (opts: Record<string, unknown>): Promise<Result> => autocannon(opts) as Promise<Result>;

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, patients: { type: 'string', default: '5000' }, 'cpu-prof': { type: 'string' } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const patients = Number(values.patients);

const SECRET = 'bench-sms-secret-0123456789abcdef';
const AUTH_TOKEN = 'bench-twilio-auth-token';
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const PUBLIC_URL = 'https://fft.example.nhs.uk';
const UNITS = ['W1', 'ED', 'DN'];
const number = (i: number) => `+4474${String(i).padStart(8, '0')}`;

// A pool of patients whose invitations have gone out, stored as the sender would leave them.
const { dir, path } = await freshSqlite();
{
  const store = openStore(path);
  const now = new Date();
  const rows = Array.from({ length: patients }, (_, i) => ({
    id: newId(),
    unitCode: UNITS[i % UNITS.length]!,
    phone: number(i),
    phoneHash: phoneHash(SECRET, number(i)),
    question: i % UNITS.length === 2 ? 'fft-2013' : 'fft-2020',
    language: 'en',
    visitDate: now.toISOString().slice(0, 10),
    sendAt: new Date(now.getTime() - 60_000).toISOString(),
    createdAt: now.toISOString(),
    eraseAfter: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
  }));
  await store.createSmsInvitations(rows, { throttleSince: new Date(now.getTime() - 30 * 86_400_000).toISOString() });
  for (const invitation of await store.claimDueSmsInvitations({ now: now.toISOString(), leaseUntil: new Date(now.getTime() + 3_600_000).toISOString(), limit: patients })) {
    await store.recordSmsSend(invitation.id, { kind: 'sent', at: now.toISOString(), provider: 'twilio', providerMessageId: `SM-${invitation.id}` });
  }
  await store.close();
}

const server = await startServerProcess({
  FFT_DB: path,
  FFT_SECRET: SECRET,
  FFT_PUBLIC_URL: PUBLIC_URL,
  FFT_SMS_PROVIDER: 'twilio',
  FFT_TWILIO_ACCOUNT_SID: ACCOUNT,
  FFT_TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  FFT_TWILIO_FROM: '+447700900999',
  // Nothing is queued, but should anything be, it must not leave the machine.
  FFT_TWILIO_BASE_URL: await refusedUrl(),
  // Whatever the hour, so the sender's loop runs as it would by day.
  FFT_SMS_WINDOW: '00:00-23:59',
}, values['cpu-prof'] ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] } : {});

const TEXTS = ['2', 'The nurses were kind and explained everything, but the wait in the corridor was long.', 'Also the car park was full.'];
let sent = 0;
/** The next patient text: a fresh MessageSid, signed exactly as Twilio signs it. */
function nextWebhook(request: Record<string, unknown>) {
  const n = sent++;
  const sid = `SM${String(n).padStart(32, '0')}`;
  const round = Math.floor(n / patients);
  const params: Record<string, string> = {
    AccountSid: ACCOUNT,
    ApiVersion: '2010-04-01',
    Body: round === 0 ? String((n % 6) + 1) : TEXTS[Math.min(round, TEXTS.length - 1)]!,
    From: number(n % patients),
    MessageSid: sid,
    NumMedia: '0',
    NumSegments: '1',
    SmsMessageSid: sid,
    SmsSid: sid,
    SmsStatus: 'received',
    To: '+447700900999',
    ToCountry: 'GB',
  };
  let data = `${PUBLIC_URL}/sms/twilio`;
  for (const name of Object.keys(params).sort()) data += name + params[name];
  const signature = createHmac('sha1', AUTH_TOKEN).update(data).digest('base64');
  return {
    ...request,
    method: 'POST',
    path: '/sms/twilio',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  };
}
const webhook = (seconds: number) => run({ url: server.url, connections, duration: seconds, requests: [{ setupRequest: nextWebhook }] });

console.log(`bench/sms — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${duration}s per route, ${connections} connections, ${patients} invited patients`);
// Warm both routes (JIT, SQLite page cache) before measuring.
await run({ url: `${server.url}/healthz`, connections, duration: 2 });
const warm = await webhook(2);
const constant = await run({ url: `${server.url}/healthz`, connections, duration });
const before = sent;
const inbound = await webhook(duration);
await server.stop();

const store = openStore(path);
const stored = await store.countResponses();
const consistent = JSON.stringify(await store.dailyCounts()) === JSON.stringify(await store.recountDaily());
const withComment = (await store.commentsAfter(null, patients + 1)).length;
await store.close();
rmSync(dir, { recursive: true, force: true });

const ratio = inbound.requests.average / constant.requests.average;
const measured = sent - before;
console.log(`  GET  /healthz      ${constant.requests.average.toFixed(0).padStart(7)} req/s  p50 ${constant.latency.p50} ms  p99 ${constant.latency.p99} ms  non-2xx ${constant.non2xx}`);
console.log(`  POST /sms/twilio   ${inbound.requests.average.toFixed(0).padStart(7)} req/s  p50 ${inbound.latency.p50} ms  p99 ${inbound.latency.p99} ms  non-2xx ${inbound.non2xx}  errors ${inbound.errors}`);
console.log(`  ratio inbound/constant  ${ratio.toFixed(2)}`);
console.log(`  ${warm.requests.total + inbound.requests.total} signed webhooks answered (${measured} measured, texts ${before + 1}–${sent}: the first ${patients} of all are answers, then comments, then further parts)`);
console.log(`  stored ${stored} responses, ${withComment} with a comment; rollups ${consistent ? 'equal' : 'DIFFER from'} a recount`);
