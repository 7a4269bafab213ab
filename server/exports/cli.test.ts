/** `fft export` as an operator runs it: a real process on a real database file. */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FFT_BIN } from '../../bench/lib/server.ts';
import { main } from '../cli/index.ts';
import { ORG, response } from '../../db/store.contract.ts';
import { tempSqlite, type TestDb } from '../../db/testing.ts';

const exec = promisify(execFile);
let db: TestDb;
let dir: string;

async function fft(args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [FFT_BIN, ...args], { env: { ...process.env, FFT_DB: db.target } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** The same command in this process (a process start costs seconds): exit code and what went to stderr. */
async function fftHere(args: string[]) {
  const previous = process.env.FFT_DB;
  process.env.FFT_DB = db.target;
  const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
  const stdout = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const code = await main(args);
    return { code, stderr: stderr.mock.calls.map((c) => c.join(' ')).join('\n'), stdout: stdout.mock.calls.map((c) => c.join(' ')).join('\n') };
  } finally {
    stderr.mockRestore();
    stdout.mockRestore();
    if (previous === undefined) delete process.env.FFT_DB;
    else process.env.FFT_DB = previous;
  }
}

beforeAll(async () => {
  db = tempSqlite();
  dir = join(db.target, '..');
  const store = db.open();
  await store.migrate();
  await store.upsertOrg(ORG);
  // April 2026, Ward 1: 1,1,2,3,4,6 (6 answers); the A&E's answer is another setting.
  await store.insertResponses([
    ...[1, 1, 2, 3, 4, 6].map((answer) => response({ answer })),
    response({ unitCode: 'ED', answer: 5, mode: 'sms', channel: 'sms' }),
  ]);
  await store.close();
});
afterAll(async () => {
  await db.cleanup();
});

describe('fft export', () => {
  it('writes the month’s return as CSV, keeps it in the export log and audits it as cli', async () => {
    const out = join(dir, 'april.csv');
    const res = await fft(['export', '--month', '2026-04', '--setting', 'inpatient', '--format', 'csv', '--out', out]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/wrote .*april\.csv: Inpatient return for 2026-04 \(full; rows: Wards 1, Sites 1, Trusts 1\)/);
    // Ward 1 has no eligible count for April: the check says so.
    expect(res.stderr).toMatch(/check: Ward 1 has no eligible count for 2026-04/);
    // Worked by hand: N = 6, positive (1,1,2) = 3/6, negative (4) = 1/6.
    expect(readFileSync(out, 'utf8')).toBe(
      '\uFEFFICB Code,Trust Code,Trust Name,Site Code,Site Name,Ward Name,Total Responses,Total Eligible,Percentage Positive,Percentage Negative,' +
        "Very Good,Good,Neither Good nor Poor,Poor,Very Poor,Don't Know,First Speciality,Second Speciality,Response Rate\r\n" +
        ',,,,,Total,6,,0.5,0.16666666666666666,2,1,1,1,0,1,,,\r\n' +
        'QAA,RAA,Test Trust,RAA01,General,Ward 1,6,,0.5,0.16666666666666666,2,1,1,1,0,1,300,,\r\n',
    );
    const store = db.open();
    try {
      expect((await store.listAudit(5)).find((a) => a.action === 'export.monthly')).toMatchObject({ actor: 'cli', target: 'inpatient/2026-04', detail: { format: 'csv', variant: 'full', scope: { all: true, scopes: [] } } });
      expect(await store.lastExport({ month: '2026-04', setting: 'inpatient' })).toMatchObject({ actor: 'cli', format: 'csv', variant: 'full' });
    } finally {
      await store.close();
    }
  });

  it('writes the publishable return as an XLSX workbook', async () => {
    const out = join(dir, 'april-ae.xlsx');
    const res = await fftHere(['export', '--month', '2026-04', '--setting', 'ae', '--format', 'xlsx', '--variant', 'publishable', '--out', out]);
    expect(res.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Sites', 'Trusts']);
    // One A&E answer: the site shows its total, with counts and percentages as *.
    expect((workbook.getWorksheet('Sites')!.getRow(3).values as unknown[]).slice(1)).toEqual(['QAA', 'RAA', 'Test Trust', 'RAA01', 'General', 1, undefined, '*', '*', '*', '*', '*', '*', '*', '*']);
  });

  it('refuses bad arguments with exit code 2, writing nothing', async () => {
    const out = join(dir, 'never.csv');
    const cases: [string[], RegExp][] = [
      [['--month', '2026-13', '--setting', 'inpatient', '--format', 'csv', '--out', out], /--month must be a month/],
      [['--month', '2026-04', '--setting', 'spa', '--format', 'csv', '--out', out], /--setting must be one of inpatient, ae, maternity/],
      [['--month', '2026-04', '--setting', 'inpatient', '--format', 'pdf', '--out', out], /--format must be one of csv, xlsx, json/],
      [['--month', '2026-04', '--setting', 'inpatient', '--format', 'csv'], /--out FILE is required/],
      [['--month', '2026-04', '--setting', 'inpatient', '--format', 'csv', '--variant', 'raw', '--out', out], /--variant must be one of full, publishable/],
      [['--month', '2026-04', '--setting', 'inpatient', '--format', 'csv', '--sheet', 'Nope', '--out', out], /--sheet one of: Wards, Sites, Trusts/],
      [['--month', '2099-01', '--setting', 'inpatient', '--format', 'csv', '--out', out], /2099-01 has not started yet/],
      [['--month', '2026-04', '--setting', 'inpatient', '--format', 'csv', '--out', join(dir, 'no-such-dir', 'x.csv')], /cannot write .*no such directory/],
    ];
    for (const [args, message] of cases) {
      const res = await fftHere(['export', ...args]);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr, args.join(' ')).toMatch(message);
    }
    expect(existsSync(out)).toBe(false);
    const store = db.open();
    try {
      expect(await store.listExports({ month: '2026-04', setting: 'inpatient' })).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
