/** Configuration from the environment, documented in the README. */
import { dirname, join } from 'node:path';
import { isPostgresUrl } from '../db/index.ts';
import { MIN_FREE_BYTES } from './api/health.ts';
import { readSmsSettings, type SmsSettings } from './sms/config.ts';

export interface Config {
  /** A SQLite file path, or a `postgres://` URL. */
  db: string;
  /** Where inbound texts wait while the database is unavailable (`FFT_SPOOL_DIR`). */
  spoolDir: string;
  /** `/readyz` fails with less free space than this where the SQLite database or the spool is (`FFT_MIN_FREE_MB`). */
  minFreeDiskBytes: number;
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
  /** The longest a staff session lasts from sign-in, however active (`FFT_SESSION_MAX_HOURS`). */
  sessionMaxHours: number;
  /** The SMS channel: provider, send window, webhook secrets (FFT_SMS_*, FFT_NOTIFY_*, FFT_TWILIO_*). */
  sms: SmsSettings;
}

const MIB = 1024 * 1024;

/**
 * A variable set to something the service cannot use. `fft` prints the message alone (it names the
 * variable and what it takes) instead of a stack trace, and starts nothing.
 */
export class ConfigError extends Error {}

/** pino's levels, which FFT_LOG_LEVEL names. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * An on/off variable: `1`, `true`, `yes`, `on` or `0`, `false`, `no`, `off`; unset or blank, the
 * default. Anything else is refused rather than read as the default: `FFT_TRUST_PROXY=enabled`
 * quietly off would leave every patient behind the proxy sharing one rate limit.
 */
function onOff(env: NodeJS.ProcessEnv, name: string, otherwise: boolean): boolean {
  const value = (env[name] ?? '').trim().toLowerCase();
  if (value === '') return otherwise;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be 1 (on) or 0 (off), not "${env[name]}"`);
}

/** Where patients and providers reach the service: links and webhook signatures are built on it, so it must be a whole http(s) address. */
function publicUrl(value: string | undefined, port: number): string {
  if (!value) return `http://localhost:${port}`;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ConfigError(`FFT_PUBLIC_URL must be the address the service is reached at, as https://fft.example.nhs.uk, not "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

/** A clinical shift: whoever signed in at its start signs in again at the next. */
export const DEFAULT_SESSION_MAX_HOURS = 12;
/** A week: more is taken for a mistake (720 meant as minutes, say) rather than a choice. */
const MOST_SESSION_MAX_HOURS = 168;

function sessionMaxHours(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_SESSION_MAX_HOURS;
  const hours = Number(value);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value) || !(hours > 0) || hours > MOST_SESSION_MAX_HOURS) {
    throw new ConfigError(`FFT_SESSION_MAX_HOURS must be a number of hours above 0 and at most ${MOST_SESSION_MAX_HOURS} (e.g. 12 or 8.5), not "${value}"`);
  }
  return hours;
}

/** What an unset FFT_SECRET stands for: fine on a developer's machine, and printed in the source for anyone to read. */
export const DEVELOPMENT_SECRET = 'development-secret-change-me';
/**
 * 32 characters is 128 bits written as hex (`openssl rand -hex 32` gives 64): less than that
 * is a password someone chose, not a secret, and phone-number hashes keyed with it can be
 * undone by trying every UK mobile number against each guess.
 */
export const MIN_SECRET_LENGTH = 32;
const MAKE_A_SECRET = 'make one with `openssl rand -hex 32`';

/**
 * Staff sessions, device cookies, CSRF tokens and the hashes of patients' phone numbers are all
 * keyed with FFT_SECRET. An https public address is a real deployment: the development value
 * there would let anyone who has read the source forge them.
 */
function secret(value: string | undefined, publicUrl: string): string {
  if (!value) {
    if (publicUrl.startsWith('https:')) throw new ConfigError(`FFT_SECRET must be set when FFT_PUBLIC_URL is https (a real deployment): ${MAKE_A_SECRET}`);
    return DEVELOPMENT_SECRET;
  }
  if (value.length < MIN_SECRET_LENGTH) throw new ConfigError(`FFT_SECRET must be at least ${MIN_SECRET_LENGTH} characters, not ${value.length}: ${MAKE_A_SECRET}`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Blank is unset: `PORT=` would otherwise be port 0, a random port nobody is told of.
  const port = Number(env.PORT?.trim() || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number (0 to 65535), not "${env.PORT}"`);
  const sync = (env.FFT_SQLITE_SYNCHRONOUS ?? 'NORMAL').toUpperCase();
  if (sync !== 'NORMAL' && sync !== 'FULL') throw new ConfigError(`FFT_SQLITE_SYNCHRONOUS must be NORMAL or FULL, not "${env.FFT_SQLITE_SYNCHRONOUS}"`);
  const minFreeMb = Number(env.FFT_MIN_FREE_MB?.trim() || MIN_FREE_BYTES / MIB);
  if (!Number.isInteger(minFreeMb) || minFreeMb < 0) throw new ConfigError(`FFT_MIN_FREE_MB must be a whole number of MiB, not "${env.FFT_MIN_FREE_MB}"`);
  const logLevel = env.FFT_LOG_LEVEL;
  if (logLevel !== undefined && logLevel !== '' && !LOG_LEVELS.includes(logLevel)) throw new ConfigError(`FFT_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);
  const db = env.FFT_DB || './data/fft.sqlite';
  const url = publicUrl(env.FFT_PUBLIC_URL, port);
  return {
    db,
    spoolDir: env.FFT_SPOOL_DIR || defaultSpoolDir(db),
    minFreeDiskBytes: minFreeMb * MIB,
    port,
    publicUrl: url,
    secret: secret(env.FFT_SECRET, url),
    sqliteSynchronous: sync,
    sqliteWriterThread: onOff(env, 'FFT_SQLITE_WRITER_THREAD', false),
    analysisThread: onOff(env, 'FFT_ANALYSIS_THREAD', true),
    trustProxy: onOff(env, 'FFT_TRUST_PROXY', false),
    sessionMaxHours: sessionMaxHours(env.FFT_SESSION_MAX_HOURS),
    sms: readSmsSettings(env),
  };
}

/** Next to a SQLite file (on its volume, which the operator already looks after); `./data/spool` beside a PostgreSQL URL or an in-memory database. */
function defaultSpoolDir(db: string): string {
  if (isPostgresUrl(db) || db === ':memory:') return './data/spool';
  return join(dirname(db), 'spool');
}
