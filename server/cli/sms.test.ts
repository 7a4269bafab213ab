/** `fft sms invite` as an operator runs it: a real process, a real database file. */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, londonDay } from '../../analytics/periods.ts';
import { FFT_BIN } from '../../bench/lib/server.ts';
import { ORG } from '../../db/store.contract.ts';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import { phoneHash } from '../sms/keyed-hash.ts';
import { systemClock } from '../clock.ts';
import { createSettings } from '../settings.ts';

const exec = promisify(execFile);
const SECRET = 'cli-sms-test-secret-0123456789abcdef';
let db: TestDb;

async function fft(args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [FFT_BIN, ...args], { env: { ...process.env, FFT_DB: db.target, FFT_SECRET: SECRET } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  db = tempSqlite();
  const store = db.open();
  await store.migrate();
  await store.upsertOrg(ORG);
  await store.close();
});
afterAll(async () => {
  await db.cleanup();
});

describe('fft sms invite', () => {
  it('queues the good lines, reports each bad one with its line number, and prints a summary', async () => {
    const yesterday = addDays(londonDay(new Date()), -1);
    const file = join(db.target, '..', 'invite.csv');
    writeFileSync(
      file,
      [
        'phone,unit,visit_date,language',
        `07700 900501,W1,${yesterday},`,
        `01632 960000,W1,${yesterday},`,
        `+44 7700 900502,NOPE,${yesterday},pl`,
        `07700 900501,W1,${yesterday},en`,
        `"+44 (0)7700 900503",DN,not-a-date,cy`,
        `447700900504,ED,${yesterday},pl`,
      ].join('\n'),
    );
    const res = await fft(['sms', 'invite', '--file', file]);
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual([
      `${file}:3: phone: This is a landline number (01, 02 or 03), which cannot receive texts.`,
      `${file}:4: unit: no unit \u2068NOPE\u2069 that you can invite patients for`,
      `${file}:5: not invited: this number was invited by the same unit in the last 30 days`,
      `${file}:6: visit_date: visit_date must be a date YYYY-MM-DD`,
    ]);
    expect(res.stdout.trim().split('\n').at(-1)).toBe('queued 2, throttled 1, opted out 0, invalid 3');

    const store = db.open();
    const queued = await store.claimDueSmsInvitations({ now: '2100-01-01T00:00:00.000Z', leaseUntil: '2100-01-02T00:00:00.000Z', limit: 10 });
    expect(queued.map((q) => [q.phone, q.phoneHash, q.unitCode, q.language, q.visitDate]).sort()).toEqual([
      ['+447700900501', phoneHash(SECRET, '+447700900501'), 'W1', 'en', yesterday],
      ['+447700900504', phoneHash(SECRET, '+447700900504'), 'ED', 'pl', yesterday],
    ]);
    expect((await store.listAudit(5)).find((a) => a.action === 'sms.invite')).toMatchObject({ actor: 'cli', target: file, detail: { queued: 2, throttled: 1, optedOut: 0, invalid: 3 } });
    await store.close();
  });

  it('accepts a file without the language column; refuses a wrong header, a missing file or no --file', async () => {
    const dir = join(db.target, '..');
    const plain = join(dir, 'plain.csv');
    writeFileSync(plain, `phone,unit,visit_date\n07700 900601,ED,${addDays(londonDay(new Date()), -2)}\n`);
    const ok = await fft(['sms', 'invite', '--file', plain]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toBe('queued 1, throttled 0, opted out 0, invalid 0');

    const wrong = join(dir, 'wrong.csv');
    writeFileSync(wrong, 'mobile,ward,date\n07700 900602,ED,2026-01-01\n');
    const refused = await fft(['sms', 'invite', '--file', wrong]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${wrong}:1: the header must be phone,unit,visit_date or phone,unit,visit_date,language`);

    expect((await fft(['sms', 'invite', '--file', join(dir, 'nope.csv')])).stderr).toMatch(/no such file/);
    const usage = await fft(['sms', 'invite']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/fft sms invite --file FILE\.csv/);
  });

  it('reads a file as a spreadsheet or a patient system saves it: quoted header, CRLF, empty columns and rows', async () => {
    const day = addDays(londonDay(new Date()), -3);
    const file = join(db.target, '..', 'saved.csv');
    writeFileSync(file, `\uFEFF"phone","unit","visit_date","language",\r\n"07700 900801","W1","${day}","en",\r\n,,,,\r\n"07700 900802","ED","${day}","",\r\n`);
    const res = await fft(['sms', 'invite', '--file', file]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe('queued 2, throttled 0, opted out 0, invalid 0');
  });

  it('schedules in the send window an admin set at /admin/settings', async () => {
    // A half-hour window opening about three hours from now (London time), so not open now.
    const londonHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    const start = `${String((londonHour + 3) % 24).padStart(2, '0')}:00`;
    const store = db.open();
    await createSettings(store, systemClock).set({ smsWindow: { start, end: start.replace(':00', ':30') } });
    const file = join(db.target, '..', 'window.csv');
    writeFileSync(file, `phone,unit,visit_date\n07700 900701,W1,${addDays(londonDay(new Date()), -1)}\n`);
    expect((await fft(['sms', 'invite', '--file', file])).code).toBe(0);
    const due = async (hours: number) => {
      const at = new Date(Date.now() + hours * 3_600_000);
      const claimed = await store.claimDueSmsInvitations({ now: at.toISOString(), leaseUntil: new Date(at.getTime() + 60_000).toISOString(), limit: 50 });
      return claimed.some((c) => c.phone === '+447700900701');
    };
    expect(await due(2)).toBe(false);
    expect(await due(4.5)).toBe(true);
    await createSettings(store, systemClock).set({ smsWindow: null });
    await store.close();
  });
});
