/** Configuration from the environment, documented in the README. */
import { readSmsSettings, type SmsSettings } from './sms/config.ts';

export interface Config {
  /** A SQLite file path, or a `postgres://` URL. */
  db: string;
  port: number;
  publicUrl: string;
  secret: string;
  sqliteSynchronous: 'NORMAL' | 'FULL';
  /** SQLite: write responses on a thread of their own (`FFT_SQLITE_WRITER_THREAD=1`; off by default: slower on 2 cores, see docs/BENCHMARKS.md). */
  sqliteWriterThread: boolean;
  /** Comment analysis on a thread of its own (`FFT_ANALYSIS_THREAD=0` keeps it on the main thread). */
  analysisThread: boolean;
  /** Behind a reverse proxy that sets X-Forwarded-For. */
  trustProxy: boolean;
  /** The SMS channel: provider, send window, webhook secrets (FFT_SMS_*, FFT_NOTIFY_*, FFT_TWILIO_*). */
  sms: SmsSettings;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const sync = (env.FFT_SQLITE_SYNCHRONOUS ?? 'NORMAL').toUpperCase();
  if (sync !== 'NORMAL' && sync !== 'FULL') throw new Error('FFT_SQLITE_SYNCHRONOUS must be NORMAL or FULL');
  return {
    db: env.FFT_DB || './data/fft.sqlite',
    port,
    publicUrl: (env.FFT_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    secret: env.FFT_SECRET || 'development-secret-change-me',
    sqliteSynchronous: sync,
    sqliteWriterThread: ['1', 'true', 'yes', 'on'].includes((env.FFT_SQLITE_WRITER_THREAD ?? '').toLowerCase()),
    analysisThread: !['0', 'false', 'no', 'off'].includes((env.FFT_ANALYSIS_THREAD ?? '').toLowerCase()),
    trustProxy: ['1', 'true', 'yes'].includes((env.FFT_TRUST_PROXY ?? '').toLowerCase()),
    sms: readSmsSettings(env),
  };
}
