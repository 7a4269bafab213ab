/** The `fft` command as an operator runs it: a real process, a real database file. */
import { execFile, spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FFT_BIN } from '../../bench/lib/server.ts';
import { pgTestUrl, tempSqlite, type TestDb } from '../../db/testing.ts';
import { ORG_HEADER } from '../org/csv.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { hashToken } from '../auth/tokens.ts';
import { addDays, today } from '../../analytics/periods.ts';
import { response } from '../../db/store.contract.ts';
import { BACKFILL_ALERT_DAYS } from '../comments/analyser.ts';

const exec = promisify(execFile);
let db: TestDb;

async function fft(args: string[], env: Record<string, string> = {}, stdin = '', timeout = 0) {
  try {
    const run = exec(process.execPath, [FFT_BIN, ...args], { env: { ...process.env, FFT_DB: db.target, ...env }, timeout });
    run.child.stdin?.end(stdin);
    const { stdout, stderr } = await run;
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(() => {
  db = tempSqlite();
});
afterAll(async () => {
  await db.cleanup();
});

describe('fft CLI', () => {
  it('migrates, imports an org file, and refuses a bad one without applying it', async () => {
    expect((await fft(['migrate'])).stdout).toMatch(/up to date \(sqlite\)/);
    const dir = join(db.target, '..');
    const good = join(dir, 'org.csv');
    writeFileSync(good, `${ORG_HEADER.join(',')}\nQAA,Test ICB,RAA,Test Trust,RAA01,General,W1,Ward 1,inpatient,300,,\n`);
    const ok = await fft(['org', 'import', good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/1 units created/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${ORG_HEADER.join(',')}\nQAA,Test ICB,RAA,Test Trust,RAA01,General,W2,Ward 2,inpatient,,,\nQAA,Test ICB,RAA,Test Trust,RAA01,General,W3,Ward 3,spa,,,\n`);
    const refused = await fft(['org', 'import', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/bad\.csv:3: setting/);
    const store = db.open();
    expect(await store.getUnit('W2')).toBeUndefined();
    await store.close();
    // As a spreadsheet may save it: a BOM, Windows line endings, the columns in another order.
    const order = [...ORG_HEADER].reverse();
    const row: Record<string, string> = { icb_code: 'QAA', icb_name: 'Test ICB', trust_code: 'RAA', trust_name: 'Test Trust', site_code: 'RAA01', site_name: 'General', unit_code: 'W1', unit_name: 'Ward One', setting: 'inpatient', specialty_1: '300', specialty_2: '', question: '' };
    const saved = join(dir, 'saved-from-excel.csv');
    writeFileSync(saved, `\uFEFF${order.join(',')}\r\n${order.map((h) => row[h]).join(',')}\r\n`);
    const resaved = await fft(['org', 'import', saved]);
    expect(resaved.stderr).toBe('');
    expect(resaved.stdout).toMatch(/0 units created, 1 updated/);
    const renamed = db.open();
    expect((await renamed.getUnit('W1'))?.name).toBe('Ward One');
    await renamed.close();
    // A new setting holds from the month of the import: the months before keep the old one.
    const daycase = join(dir, 'daycase.csv');
    writeFileSync(daycase, `${ORG_HEADER.join(',')}\nQAA,Test ICB,RAA,Test Trust,RAA01,General,W1,Ward One,daycase,300,,\n`);
    expect((await fft(['org', 'import', daycase])).stdout).toMatch(/a new setting from this month, earlier months keeping the old one: W1$/m);
    const resettled = db.open();
    expect((await resettled.getUnit('W1'))?.setting).toBe('daycase');
    expect(await resettled.unitSettings({ fromMonth: '2026-01', toMonth: '2026-01' })).toEqual([{ unitCode: 'W1', month: '2026-01', setting: 'inpatient' }]);
    await resettled.close();
  });

  it('imports eligible counts, and refuses a file with a bad line or an unknown unit', async () => {
    const dir = join(db.target, '..');
    const good = join(dir, 'eligible.csv');
    writeFileSync(good, 'unit_code,month,eligible\nW1,2026-10,120\nW1,2026-11,131\n');
    const ok = await fft(['eligible', 'import', good]);
    expect(ok.stdout).toMatch(/imported 2 eligible counts/);
    const bad = join(dir, 'eligible-bad.csv');
    writeFileSync(bad, 'unit_code,month,eligible\nW1,2026-12,5\nW1,2026-13,5\nW1,2026-09,lots\n');
    const unknown = join(dir, 'eligible-unknown.csv');
    writeFileSync(unknown, 'unit_code,month,eligible\nW1,2026-12,5\nNOPE,2026-12,5\n');
    // A month still to come (the real clock here, as an operator runs it) is refused with its line; the current month is not.
    const current = today(new Date()).slice(0, 7);
    const [y, m] = current.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    const future = join(dir, 'eligible-future.csv');
    writeFileSync(future, `unit_code,month,eligible\nW1,${current},5\nW1,${next},5\n`);
    // Each file is refused whole, so the three run side by side (each is a process start).
    const [refused, unknownUnit, early] = await Promise.all([bad, unknown, future].map((file) => fft(['eligible', 'import', file])));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/eligible-bad\.csv:3: month/);
    expect(refused.stderr).toMatch(/eligible-bad\.csv:4: eligible/);
    expect(unknownUnit.stderr).toMatch(/eligible-unknown\.csv:3: there is no unit with code \u2068NOPE\u2069/);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`eligible-future.csv:3: month ${next} has not started yet`);
    expect(early.stderr).not.toMatch(/eligible-future\.csv:2/);
    const store = db.open();
    expect(await store.eligibleCounts({ unitCodes: ['W1'], fromMonth: '2026-01', toMonth: '2026-12' })).toEqual([
      { unitCode: 'W1', month: '2026-10', count: 120 },
      { unitCode: 'W1', month: '2026-11', count: 131 },
    ]);
    await store.close();
  });

  it('prints a new token alone on the last line of stdout, and it works', async () => {
    const res = await fft(['token', 'create', '--role', 'kiosk', '--unit', 'W1', '--label', 'bay tablet']);
    expect(res.code).toBe(0);
    const token = res.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^fft_[\w-]{40,}$/);
    const store = db.open();
    expect(await store.findTokenByHash(hashToken(token))).toMatchObject({ role: 'kiosk', scopes: ['unit:W1'], label: 'bay tablet' });
    await store.close();
    // Places that exist, and scopes that fit the role, as on the admin pages.
    const places = [
      [['--role', 'matron', '--trust', 'NOPE'], /no trust with code NOPE/],
      [['--role', 'commissioner', '--icb', 'NOPE'], /no icb with code NOPE/],
      [['--role', 'integration', '--site', 'NOPE'], /no site with code NOPE/],
      [['--role', 'matron'], /a matron needs at least one --unit or --site/],
      [['--role', 'commissioner', '--unit', 'W1'], /a commissioner's scopes are --trust or --icb, not --unit/],
      [['--role', 'admin', '--unit', 'W1'], /an admin sees everything/],
    ] as const;
    // Refusals change nothing, so they run side by side: each is a process start, most of its cost.
    const [noUnit, unknownUnit, wizard, ...refused] = await Promise.all(
      [['--role', 'kiosk'], ['--role', 'kiosk', '--unit', 'NOPE'], ['--role', 'wizard'], ...places.map(([args]) => args)].map((args) => fft(['token', 'create', ...args])),
    );
    expect(noUnit.code).toBe(2);
    expect(unknownUnit.stderr).toMatch(/no unit with code NOPE/);
    expect(wizard.code).toBe(2);
    places.forEach(([args, message], i) => {
      expect(refused[i].code, args.join(' ')).toBe(2);
      expect(refused[i].stderr, args.join(' ')).toMatch(message);
    });
  });

  it('creates a kiosk, printing its one-time pairing link alone on the last line', async () => {
    const res = await fft(['kiosk', 'create', '--unit', 'W1', '--label', 'Bay 3'], { FFT_PUBLIC_URL: 'https://fft.example.nhs.uk', FFT_SECRET: 'cli-test-secret-0123456789abcdef' });
    expect(res.code).toBe(0);
    const link = res.stdout.trim().split('\n').at(-1)!;
    expect(link).toMatch(/^https:\/\/fft\.example\.nhs\.uk\/kiosk\/#pair=[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const store = db.open();
    const { pair } = await import('../kiosk/pairing.ts');
    const paired = await pair(store, () => new Date(), link.split('#pair=')[1]!, '127.0.0.1');
    expect(paired?.unit.code).toBe('W1');
    expect((await fft(['kiosk', 'revoke', paired!.kiosk.id])).code).toBe(0);
    const log = (await store.findAudit({ action: 'kiosk', limit: 10 })).filter((a) => a.target === paired!.kiosk.id).reverse();
    expect(log.map(({ actor, action, detail }) => ({ actor, action, detail }))).toEqual([
      { actor: 'cli', action: 'kiosk.create', detail: { unit: 'W1' } },
      { actor: `token:${paired!.kiosk.tokenId}`, action: 'kiosk.paired', detail: { unit: 'W1', address: '127.0.0.1' } },
      { actor: 'cli', action: 'kiosk.revoke', detail: { unit: 'W1' } },
    ]);
    await store.close();
    expect((await fft(['kiosk', 'create', '--unit', 'NOPE'])).code).toBe(2);
  });

  it('adds a user with a scrypt-hashed password from FFT_PASSWORD, and refuses a short one', async () => {
    const res = await fft(['user', 'add', '--email', 'Sister.Jones@Trust.NHS.uk', '--role', 'matron', '--unit', 'W1'], { FFT_PASSWORD: 'a long enough passphrase' });
    expect(res.code).toBe(0);
    const store = db.open();
    const user = await store.findUserByEmail('sister.jones@trust.nhs.uk');
    expect(user).toMatchObject({ role: 'matron', scopes: ['unit:W1'] });
    expect(user!.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('a long enough passphrase', user!.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong', user!.passwordHash)).toBe(false);
    await store.close();
    // Refusals, so side by side (each is a process start). Long enough, but among the first a
    // guesser tries, or holding the address: refused, saying why, and nobody added.
    const [short, guessable, own] = await Promise.all([
      fft(['user', 'add', '--email', 'x@trust.nhs.uk', '--role', 'admin'], { FFT_PASSWORD: 'short' }),
      fft(['user', 'add', '--email', 'x@trust.nhs.uk', '--role', 'admin'], { FFT_PASSWORD: 'qwertyuiopas' }),
      fft(['user', 'add', '--email', 'Ward.Sister@trust.nhs.uk', '--role', 'admin'], { FFT_PASSWORD: 'ward.sister-2026' }),
    ]);
    expect(short.code).toBe(2);
    expect(guessable.code).toBe(2);
    expect(guessable.stderr).toBe('fft: the password must not be letters, digits or keys in order (like 123456789012, abcdefghijkl or qwertyuiopas)\n');
    expect(own.code).toBe(2);
    expect(own.stderr).toBe('fft: the password must not contain the part of the email address before the @\n');
    const check = db.open();
    expect(await check.findUserByEmail('x@trust.nhs.uk')).toBeUndefined();
    expect(await check.findUserByEmail('ward.sister@trust.nhs.uk')).toBeUndefined();
    await check.close();
  });

  it('adds an admin (no scopes), and says so when no password came at all', async () => {
    const res = await fft(['user', 'add', '--email', 'head.of.patient.experience@trust.nhs.uk', '--role', 'admin'], { FFT_PASSWORD: 'a long enough passphrase' });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const none = await fft(['user', 'add', '--email', 'nobody@trust.nhs.uk', '--role', 'admin'], { FFT_PASSWORD: '' });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no password given: set FFT_PASSWORD/);
    const piped = await fft(['user', 'add', '--email', 'piped@trust.nhs.uk', '--role', 'admin'], { FFT_PASSWORD: '' }, 'a passphrase sent down a pipe\n');
    expect(piped.code).toBe(0);
  });

  it('asks for the password twice on a terminal without showing it, and adds nobody if the two differ', async () => {
    const bin = `${process.execPath} ${FFT_BIN}`;
    const onTerminal = (email: string, answers: string[]) =>
      new Promise<{ screen: string; code: number | null }>((resolve) => {
        // script(1) gives the command a real terminal, as an admin at a console has
        const child = spawn('script', ['-q', '-e', '-c', `${bin} user add --email ${email} --role matron --unit W1`, '/dev/null'], {
          env: { ...process.env, FFT_DB: db.target, FFT_PASSWORD: '' },
        });
        let screen = '';
        const pending = [...answers];
        child.stdout.on('data', (d: Buffer) => {
          screen += d.toString('utf8');
          const prompts = screen.match(/Password( again)?: /g)?.length ?? 0;
          if (pending.length && prompts === answers.length - pending.length + 1) child.stdin.write(`${pending.shift()}\r`);
        });
        child.on('close', (code) => resolve({ screen, code }));
      });
    const ok = await onTerminal('nurse.in.charge@trust.nhs.uk', ['typed at the console', 'typed at the console']);
    expect(ok.code).toBe(0);
    expect(ok.screen).toMatch(/Password: [\s\S]*Password again: [\s\S]*added matron/);
    expect(ok.screen).not.toContain('typed');
    const differ = await onTerminal('second.nurse@trust.nhs.uk', ['one long passphrase', 'another long passphrase']);
    expect(differ.code).toBe(2);
    expect(differ.screen).toMatch(/the two passwords differ/);
    const store = db.open();
    expect(await verifyPassword('typed at the console', (await store.findUserByEmail('nurse.in.charge@trust.nhs.uk'))!.passwordHash)).toBe(true);
    expect(await store.findUserByEmail('second.nurse@trust.nhs.uk')).toBeUndefined();
    await store.close();
  }, 30_000);

  it('loads the demo trust, and loading it again adds nothing', async () => {
    const first = await fft(['demo', '--days', '5']);
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n').at(-1)).toMatch(/^fft_/);
    const store = db.open();
    const units = await store.listUnits();
    expect(units.filter((u) => u.trustCode === 'RZZ')).toHaveLength(21);
    expect(new Set(units.map((u) => u.setting))).toEqual(new Set(['inpatient', 'daycase', 'ae', 'outpatient', 'maternity-antenatal', 'maternity-birth', 'maternity-postnatal-ward', 'maternity-postnatal-community', 'community']));
    const count = await store.countResponses();
    expect(count).toBeGreaterThan(500);
    expect(await store.dailyCounts()).toEqual(await store.recountDaily());
    const cells = await store.dailyCounts();
    expect(new Set(cells.map((c) => c.question))).toEqual(new Set(['fft-2020', 'fft-2013']));
    expect(new Set(cells.map((c) => c.mode)).size).toBeGreaterThanOrEqual(7);
    // Staff to sign in as, with the printed password (a new one each load).
    const password = first.stdout.match(/password (demo-\S+) for each of/)![1]!;
    const admin = await store.findUserByEmail('admin@demo.nhs.uk');
    expect(admin?.role).toBe('admin');
    expect(await verifyPassword(password, admin!.passwordHash)).toBe(true);
    expect((await store.findUserByEmail('matron@demo.nhs.uk'))?.scopes).toContain('unit:RZZ01-W04');
    const again = await fft(['demo', '--days', '5']);
    // Every response of the first load is recognised as already there. The demo runs up to the
    // moment it is loaded, so answers timed between the two loads (daytime, a few a minute) are new.
    const [, added, already] = again.stdout.match(/ (\d+) new responses over 5 days \((\d+) already there\)/)!;
    expect(Number(already)).toBe(count);
    expect(await store.countResponses()).toBe(count + Number(added));
    expect(Number(added)).toBeLessThan(50);
    const second = again.stdout.match(/password (demo-\S+) for each of/)![1]!;
    expect(second).not.toBe(password);
    expect(await verifyPassword(second, (await store.findUserByEmail('matron@demo.nhs.uk'))!.passwordHash)).toBe(true);
    await store.close();
  });

  it('analyses a CSV of comments, and re-classifies every stored comment', async () => {
    const dir = join(db.target, '..');
    const input = join(dir, 'comments.csv');
    writeFileSync(input, 'comment_id,comment,fft_answer,question\n7,"I was left in pain for hours, ring me on 07700 900123",5,FFT Why?\n8,The staff were kind,1,What was good?\n');
    const out = join(dir, 'analysed.csv');
    const res = await fft(['comments', 'analyse', '--in', input, '--out', out]);
    expect(res.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('comment_id,labels,categories,sentiment,redacted,concern');
    expect(lines[1]).toMatch(/^7,.*\[PHONE\].*,unsafe-care$/);
    expect(lines[2]).toMatch(/^8,/);
    // A comment of last month whose concern only a new model sees: flagged by the re-run, but no
    // alert that it "may need action today"; one of this week alerts.
    const before = db.open();
    const day = (ago: number) => addDays(today(new Date()), -ago);
    const lastMonth = response({ unitCode: 'W1', comment: 'I was left in pain for hours and nobody came', answer: 5, answeredDay: day(30), answeredAt: `${day(30)}T12:00:00.000Z` });
    const thisWeek = response({ unitCode: 'W1', comment: 'I was left in pain all night and nobody came', answer: 5, answeredDay: day(2), answeredAt: `${day(2)}T12:00:00.000Z` });
    await before.insertResponses([lastMonth, thisWeek]);
    await before.close();
    const again = await fft(['comments', 'reclassify']);
    expect(again.code).toBe(0);
    const n = /re-classified (\d+) comments/.exec(again.stdout)?.[1];
    expect(Number(n)).toBeGreaterThan(0);
    // Not a terminal here: the progress is still written, against the real total, ending at 100%.
    expect(again.stderr).toMatch(new RegExp(`Re-classifying comments .*\\| 0/${n}\\b`));
    expect(again.stderr).toMatch(new RegExp(`Re-classifying comments .*100% \\| ${n}/${n}\\b`));
    const store = db.open();
    const stored = await store.listComments({ unitCodes: (await store.listUnits()).map((u) => u.code), from: '2000-01-01', to: '2100-01-01', limit: 5, offset: 0 });
    expect(stored.total).toBeGreaterThan(0);
    expect(stored.comments.every((c) => c.analysis !== null)).toBe(true);
    expect(again.stdout).toMatch(new RegExp(`\\b\\d+ comments answered before ${day(BACKFILL_ALERT_DAYS)} are flagged as a possible serious concern without an alert`));
    const alerted = new Set((await store.listAlerts({ unitCodes: ['W1'] })).map((a) => (a.detail as { responseId?: string }).responseId));
    expect(alerted.has(thisWeek.id)).toBe(true);
    expect(alerted.has(lastMonth.id)).toBe(false);
    const flagged = await store.listComments({ unitCodes: ['W1'], from: day(40), to: day(0), concern: true, limit: 50, offset: 0 });
    expect(flagged.comments.map((c) => c.id)).toEqual(expect.arrayContaining([lastMonth.id, thisWeek.id]));
    await store.close();
  });

  it('says what is wrong, without a stack trace, when a path, a number or the database is wrong', async () => {
    const dir = join(db.target, '..');
    const notDb = join(dir, 'not-a-database.sqlite');
    writeFileSync(notDb, 'unit_code,unit_name\nW1,Ward 1\n'.repeat(100));
    // Each is refused with nothing written, so they run side by side (each is a process start).
    const [folder, days, seed, data, bad] = await Promise.all([
      fft(['export', '--month', '2026-10', '--setting', 'inpatient', '--format', 'csv', '--out', dir]),
      fft(['demo', '--days', 'abc']),
      fft(['demo', '--seed', 'x']),
      fft(['comments', 'evaluate', '--data', join(dir, 'no-such-folder')]),
      fft(['migrate'], { FFT_DB: notDb }),
    ]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/it is a folder; give a file name/);
    expect(days.code).toBe(2);
    expect(days.stderr.trim()).toBe('fft: --days must be a whole number of days from 1 to 365');
    expect(seed.code).toBe(2);
    expect(seed.stderr.trim()).toBe('fft: --seed must be a whole number');
    expect(data.code).toBe(1);
    expect(data.stderr).toMatch(/^fft: ENOENT: no such file or directory/);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(`fft: the database FFT_DB=${notDb}: file is not a database`);
    for (const run of [folder, days, seed, data, bad]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops at once with one line naming the variable when the environment holds a value it cannot use', async () => {
    // One of each kind of check, end to end (each is a process start, ~1.5 s, so they run side by
    // side: each is refused before anything is opened); every variable's own messages are tested in
    // server/config.test.ts and server/sms/config.test.ts.
    const checks = [
      [{ PORT: 'abc' }, 'PORT must be a port number (0 to 65535), not "abc"'],
      [{ FFT_SMS_WINDOW: 'nine' }, 'FFT_SMS_WINDOW must be HH:MM-HH:MM in London time (e.g. 09:00-20:00), not "nine"'],
      [{ FFT_SMS_PROVIDER: 'pigeon' }, 'FFT_SMS_PROVIDER must be notify, twilio or log, not "pigeon"'],
      [{ FFT_PUBLIC_URL: 'https://fft.example.nhs.uk' }, 'FFT_SECRET must be set when FFT_PUBLIC_URL is https (a real deployment): make one with `openssl rand -hex 32`'],
    ] as const;
    // Taking texts in (a webhook secret set), the spool must be writable: here a file stands where its folder would be made.
    const notAFolder = join(db.target, '..', 'not-a-folder');
    writeFileSync(notAFolder, '');
    const spool = join(notAFolder, 'spool');
    const [serve, unwritable, ...runs] = await Promise.all([
      fft(['serve', '--port', '0', '--host', '127.0.0.1'], { FFT_LOG_LEVEL: 'loud' }, '', 30_000),
      fft(['serve', '--port', '0', '--host', '127.0.0.1'], { FFT_TWILIO_AUTH_TOKEN: 'twilio-token', FFT_SPOOL_DIR: spool }, '', 30_000),
      ...checks.map(([env]) => fft(['migrate'], env)),
    ]);
    checks.forEach(([, message], i) => {
      expect(runs[i].code, message).toBe(2);
      expect(runs[i].stderr, message).toBe(`fft: ${message}\n`);
    });
    // Serving: refused before anything is opened (FFT_LOG_LEVEL was a stack trace from the logger).
    expect(serve.code).toBe(2);
    expect(serve.stderr).toBe('fft: FFT_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud"\n');
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toBe(`fft: FFT_SPOOL_DIR must be a directory the service can write to (texts that come while the database is unavailable are kept there): ENOTDIR: not a directory, mkdir '${spool}'\n`);
  });

  it('exits, saying so, when the port to serve on is taken, rather than run on serving nothing', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      // Without the fix the process printed the error and ran on: the timeout ends it (no exit code).
      const run = await fft(['serve', '--port', String(port), '--host', '127.0.0.1'], {}, '', 30_000);
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(`fft: listen EADDRINUSE: address already in use 127.0.0.1:${port}`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('serves on --port as on PORT: links it prints name that port when FFT_PUBLIC_URL is unset', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const org = join(db.target, '..', 'org-port.csv');
    writeFileSync(org, `${ORG_HEADER.join(',')}\nQAA,Test ICB,RAA,Test Trust,RAA01,General,P1,Port ward,inpatient,300,,\n`);
    expect((await fft(['org', 'import', org])).code).toBe(0);
    const admin = (await fft(['token', 'create', '--role', 'admin'])).stdout.trim().split('\n').at(-1)!;
    const env: Record<string, string> = { ...process.env, FFT_DB: db.target, FFT_ANALYSIS_THREAD: '0' };
    delete env.PORT;
    delete env.FFT_PUBLIC_URL;
    const server = spawn(process.execPath, [FFT_BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], { env, stdio: 'ignore' });
    try {
      for (let tries = 0; !(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)); tries++) {
        expect(server.exitCode, 'fft serve exited').toBeNull();
        expect(tries).toBeLessThan(300);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/kiosks`, {
        method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ unit: 'P1', label: 'port test' }),
      });
      expect(res.status).toBe(201);
      // Without the fix the link was built on the default port: http://localhost:3000/kiosk/…
      expect(((await res.json()) as { link: string }).link).toMatch(new RegExp(`^http://localhost:${port}/kiosk/#pair=`));
    } finally {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
  });

  it('shows a command\'s usage for --help, and does nothing else', async () => {
    // A comment not yet analysed: `comments reclassify` (run, not helped) would analyse it.
    const store = db.open();
    const waiting = response({ unitCode: 'W1', comment: 'Kind staff on the ward', answer: 1 });
    await store.insertResponses([waiting]);
    await store.close();
    const helps = [['comments', 'reclassify', '--help'], ['org', 'import', '--help'], ['token', 'list', '-h'], ['help', 'token']];
    const runs = await Promise.all(helps.map((args) => fft(args)));
    for (const [i, args] of helps.entries()) {
      const run = runs[i];
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stderr, args.join(' ')).toBe('');
      expect(run.stdout, args.join(' ')).toMatch(new RegExp(`^Usage:\n  fft ${args[0] === 'help' ? args[1] : args[0]} `));
      expect(run.stdout, args.join(' ')).not.toMatch(/fft serve/);
    }
    const after = db.open();
    const { comments } = await after.listComments({ unitCodes: ['W1'], from: '2000-01-01', to: '2100-01-01', limit: 500, offset: 0 });
    expect(comments.find((c) => c.id === waiting.id)?.analysis).toBeNull();
    await after.close();
  });

  it.skipIf(!pgTestUrl())('says which PostgreSQL database is missing or not answering, without a stack trace or its password', async () => {
    const missing = new URL(pgTestUrl()!);
    missing.password = 'secret-pw';
    missing.pathname = '/fft_no_such_database';
    const none = await fft(['migrate'], { FFT_DB: missing.toString() });
    expect(none.code).toBe(1);
    expect(none.stderr.trim()).toBe(`fft: the database FFT_DB=${missing.toString().replace('secret-pw', '***')}: database "fft_no_such_database" does not exist`);
    const closed = await fft(['migrate'], { FFT_DB: 'postgres://postgres@127.0.0.1:1/fft' });
    expect(closed.code).toBe(1);
    expect(closed.stderr.trim()).toBe('fft: the database FFT_DB=postgres://postgres@127.0.0.1:1/fft: connect ECONNREFUSED 127.0.0.1:1');
    for (const run of [none, closed]) expect(run.stderr).not.toMatch(/\n\s+at |secret-pw/);
  });

  it('explains itself', async () => {
    const [help, unknown] = await Promise.all([fft(['help']), fft(['frobnicate'])]);
    expect(help.stdout).toMatch(/fft serve/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command/);
  });
});
