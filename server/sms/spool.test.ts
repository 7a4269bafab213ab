import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import type { InboundSms } from './inbound.ts';
import { ConfigError } from '../config.ts';
import { ABANDONED_WRITE_MS, checkSpoolWritable, createInboundSpool, SET_ASIDE_KEEP_MS } from './spool.ts';

let root: string;
let logs: { level: number; msg: string; file?: string }[];
const clock = fixedClock('2026-11-23T10:00:00.000Z');
const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'fft-spool-'));
  logs = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const text = (id: string, body = '1'): InboundSms => ({
  provider: 'twilio',
  providerMessageId: id,
  from: '+447700900123',
  to: '+447700900999',
  text: body,
  receivedAt: new Date('2026-11-23T09:59:58.123Z'),
});

/** A file as a write cut short would leave it, last touched `ageMs` ago. */
function leftBehind(dir: string, name: string, content: string, ageMs: number) {
  const path = join(dir, name);
  writeFileSync(path, content);
  const at = (Date.now() - ageMs) / 1000;
  utimesSync(path, at, at);
}

describe('the inbound spool', () => {
  it('is made and written to at start, leaving nothing behind, or refused in one line naming FFT_SPOOL_DIR', async () => {
    const dir = join(root, 'data', 'spool');
    await checkSpoolWritable(dir);
    expect(readdirSync(dir)).toEqual([]);
    // A file where a folder should be: refused even as root, which permissions would not stop.
    writeFileSync(join(root, 'a-file'), '');
    const refused = checkSpoolWritable(join(root, 'a-file', 'spool'));
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(/^FFT_SPOOL_DIR must be a directory the service can write to \(texts that come while the database is unavailable are kept there\): ENOTDIR: not a directory, mkdir '.*a-file\/spool'$/);
  });

  it('keeps each text whole in a file of its own, readable by this process only, and gives them back in arrival order', async () => {
    const dir = join(root, 'data', 'spool');
    const spool = createInboundSpool({ dir, clock, logger });
    // Nothing is made before a text needs keeping.
    expect(await spool.waiting()).toEqual([]);
    expect(existsSync(join(root, 'data'))).toBe(false);
    await spool.append(text('SM1', '2'));
    await spool.append(text('SM2', 'Kind nurses, “brilliant” 👍\nthank you'));
    clock.advance(1);
    await spool.append(text('SM3', 'STOP'));
    const names = await spool.waiting();
    expect(names).toHaveLength(3);
    expect(readdirSync(dir).sort()).toEqual(names);
    expect(statSync(join(dir, names[0]!)).mode & 0o777).toBe(0o600);
    expect(await Promise.all(names.map((n) => spool.read(n)))).toEqual([text('SM1', '2'), text('SM2', 'Kind nurses, “brilliant” 👍\nthank you'), text('SM3', 'STOP')]);
    // Another spool on the same directory (another process, or the next run) sees them, in the same order, and adds after them.
    clock.advance(1);
    const other = createInboundSpool({ dir, clock, logger });
    await other.append(text('SM4'));
    expect((await Promise.all((await other.waiting()).map((n) => other.read(n)))).map((s) => s?.providerMessageId)).toEqual(['SM1', 'SM2', 'SM3', 'SM4']);
    await spool.remove(names[0]!);
    expect(await spool.waiting()).toEqual([...names.slice(1), expect.any(String)]);
  });

  it('takes in a text whose write was cut short once it is stale, sets aside a line cut short with a log, and leaves a write in flight alone', async () => {
    const dir = join(root, 'spool');
    const spool = createInboundSpool({ dir, clock, logger });
    await spool.append(text('SM1'));
    const line = readFileSync(join(dir, (await spool.waiting())[0]!), 'utf8');
    const stale = ABANDONED_WRITE_MS + 5_000;
    // The whole text reached the disk before the crash (not renamed), or only part of the line.
    leftBehind(dir, '001700000000000-dead0001-000000000.tmp', line.replace('SM1', 'SM0'), stale);
    leftBehind(dir, '001700000000000-dead0001-000000001.tmp', line.slice(0, 40), stale);
    // Another process's write under way.
    leftBehind(dir, '001700000000000-beef0002-000000000.tmp', line.slice(0, 40), 0);
    // Renamed, yet cut short (a file system that does not keep the order of writes).
    leftBehind(dir, '001700000000000-dead0001-000000002.json', '{"provider":"twilio","providerMes', stale);

    const names = await spool.waiting();
    expect(names).toHaveLength(4);
    const read = await Promise.all(names.map((n) => spool.read(n)));
    expect(read.map((s) => s?.providerMessageId)).toEqual(['SM0', undefined, undefined, 'SM1']);
    expect(readdirSync(dir).sort()).toEqual([
      '001700000000000-beef0002-000000000.tmp',
      '001700000000000-dead0001-000000000.json',
      '001700000000000-dead0001-000000001.corrupt',
      '001700000000000-dead0001-000000002.corrupt',
      names[3],
    ]);
    // The four were read at once: their logs come in whichever order the reads finished.
    expect(logs.filter((l) => l.msg === 'spooled file does not hold a whole text: set aside').map((l) => l.file).sort()).toEqual([
      join(dir, '001700000000000-dead0001-000000001.json'),
      join(dir, '001700000000000-dead0001-000000002.json'),
    ]);
    expect(logs.some((l) => l.msg === 'spooled text whose write was cut short taken in')).toBe(true);
  });

  it('refuses a file that is whole JSON but not a text (a field missing or of the wrong kind)', async () => {
    const dir = join(root, 'spool');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.json'), `${JSON.stringify({ ...text('SM1'), receivedAt: 'yesterday' })}\n`);
    writeFileSync(join(dir, 'b.json'), `${JSON.stringify({ provider: 'twilio', from: '+447700900123' })}\n`);
    const spool = createInboundSpool({ dir, clock, logger });
    expect(await spool.read('a.json')).toBeUndefined();
    expect(await spool.read('b.json')).toBeUndefined();
    expect(readdirSync(dir).sort()).toEqual(['a.corrupt', 'b.corrupt']);
  });

  it('deletes texts set aside once they are as old as a phone number is ever kept, and nothing else', async () => {
    const dir = join(root, 'spool');
    mkdirSync(dir);
    const day = 24 * 60 * 60 * 1000;
    leftBehind(dir, 'old.failed', '{}', SET_ASIDE_KEEP_MS + day);
    leftBehind(dir, 'old.corrupt', '{', SET_ASIDE_KEEP_MS + day);
    leftBehind(dir, 'recent.failed', '{}', SET_ASIDE_KEEP_MS - day);
    leftBehind(dir, 'waiting.json', '{}', SET_ASIDE_KEEP_MS + day);
    leftBehind(dir, 'writing.tmp', '{}', SET_ASIDE_KEEP_MS + day);
    const spool = createInboundSpool({ dir, clock, logger });
    expect(await spool.purgeSetAside()).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['recent.failed', 'waiting.json', 'writing.tmp']);
    expect(logs.filter((l) => l.msg.includes('deleted')).map((l) => l.file?.split('/').at(-1)).sort()).toEqual(['old.corrupt', 'old.failed']);
    expect(await createInboundSpool({ dir: join(root, 'never-made'), clock, logger }).purgeSetAside()).toBe(0);
  });

  it('treats a text another process has already taken (its file gone) as nothing to do', async () => {
    const dir = join(root, 'spool');
    const spool = createInboundSpool({ dir, clock, logger });
    await spool.append(text('SM1'));
    const [name] = await spool.waiting();
    rmSync(join(dir, name!));
    expect(await spool.read(name!)).toBeUndefined();
    await spool.remove(name!);
    await spool.setAside(name!, 'failed');
    expect(readdirSync(dir)).toEqual([]);
  });
});
