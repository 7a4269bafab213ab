/**
 * `fft sms invite --file FILE.csv`: patients to invite by text, from a file with the header
 * `phone,unit,visit_date` or `phone,unit,visit_date,language`. Every line is checked on its
 * own: a bad line is reported with its number and the good ones are queued all the same.
 * The running service (`fft serve`) sends them inside the send window.
 */
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import type { Store } from '../../db/store.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { readCsv } from '../org/csv.ts';
import { newId } from '../ids.ts';
import { smsServiceFromSettings, summariseInvites, type InviteResult } from '../sms/service.ts';
import { createSettings } from '../settings.ts';
import { UsageError } from './index.ts';

export const SMS_INVITE_HEADERS = [
  ['phone', 'unit', 'visit_date'],
  ['phone', 'unit', 'visit_date', 'language'],
] as const;

// Rows per transaction: a large file is stored in steps, each all at once.
const CHUNK = 1000;

type WithStore = <T>(fn: (store: Store) => Promise<T>) => Promise<T>;

export async function smsCommand(args: string[], withStore: WithStore): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'invite') throw new UsageError('fft sms invite --file FILE.csv');
  const { values } = parseArgs({ args: rest, options: { file: { type: 'string' } } });
  const file = values.file;
  if (!file) throw new UsageError('fft sms invite --file FILE.csv');
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  // The header as the CSV reader reads it (quoted cell by cell, empty columns a spreadsheet left at
  // the end), tried as each header the file may have: the one whose problem is past line 1 fits.
  const read = SMS_INVITE_HEADERS.map((header) => readCsv(text, header)).find((r) => !r.error || r.error.line > 1);
  if (!read) {
    console.error(`${file}:1: the header must be ${SMS_INVITE_HEADERS.map((h) => h.join(',')).join(' or ')} (columns in any order)`);
    return 1;
  }
  const { records, error } = read;
  if (error) {
    console.error(`${file}:${error.line}: ${error.message}`);
    return 1;
  }
  if (records.length === 0) {
    console.error(`${file}: no patients to invite`);
    return 1;
  }

  const config = loadConfig();
  return withStore(async (store) => {
    // Scheduled in the send window an admin set at /admin/settings, as the running sender uses.
    const sms = smsServiceFromSettings({ store, logger: createLogger('silent'), secret: config.secret, settings: config.sms, admin: createSettings(store, systemClock) });
    const results: InviteResult[] = [];
    for (let i = 0; i < records.length; i += CHUNK) {
      const rows = records.slice(i, i + CHUNK).map(({ record }) => ({
        phone: record.phone,
        unit: record.unit,
        visitDate: record.visit_date,
        ...(record.language ? { language: record.language } : {}),
      }));
      results.push(...(await sms.invite(rows)));
    }
    results.forEach((result, i) => {
      const line = records[i]!.info.lines;
      if (result.status === 'invalid') {
        for (const issue of result.issues) console.error(`${file}:${line}: ${column(issue.path)}: ${issue.message.replace(/\bvisitDate\b/g, 'visit_date')}`);
      } else if (result.status === 'throttled') {
        console.error(`${file}:${line}: not invited: this number was invited by the same unit in the last 30 days`);
      } else if (result.status === 'opted-out') {
        console.error(`${file}:${line}: not invited: this number has opted out of texts`);
      }
    });
    const summary = summariseInvites(results);
    await store.appendAudit({ id: newId(), at: systemClock().toISOString(), actor: 'cli', action: 'sms.invite', target: file, detail: summary });
    console.log(`queued ${summary.queued}, throttled ${summary.throttled}, opted out ${summary.optedOut}, invalid ${summary.invalid}`);
    return summary.invalid > 0 ? 1 : 0;
  });
}

function column(path: string): string {
  return path === 'visitDate' ? 'visit_date' : path;
}
