/**
 * The inbound spool: texts a provider delivered while the database could not take them, kept in
 * a directory until they are committed. Each text is a file of its own, written under a
 * temporary name, fsync'd, renamed, and the directory fsync'd, all before the provider is told
 * the text arrived (Twilio does not retry a webhook, and Notify only a few times).
 *
 * A file per text rather than one appended log: a reader never sees half a text, removing one
 * is an unlink, and processes sharing the directory (or replaying what a crashed one left) need
 * no lock, since the provider's message id, recorded with the change a text makes, keeps it
 * from being applied twice. Names sort in arrival order: the time it came, then a tag of this
 * spool and a counter.
 *
 * A crash part-way through a write leaves the text under its temporary name, never
 * acknowledged. Once stale it is taken in like the rest: if the whole text made it to disk it
 * is replayed; a file that does not hold one whole text (a line cut short) is set aside as
 * `.corrupt` with a log, and the others go on. The files hold phone numbers and what patients
 * wrote: the directory needs the protection the database has.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { ConfigError } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { InboundSms } from './inbound.ts';
import { RETENTION_MS } from './service.ts';

const WAITING = '.json';
const WRITING = '.tmp';

/**
 * A temporary file this old was left by a write that died (another process's write in flight
 * is younger: a write takes milliseconds, or a few seconds on a disk in trouble).
 */
export const ABANDONED_WRITE_MS = 60_000;

/**
 * How long a text set aside (`.failed`, `.corrupt`) is kept for someone to look at, from when it
 * came: it holds a phone number, which the service keeps no longer than this anywhere else.
 * Its setting aside was logged as an error when it happened.
 */
export const SET_ASIDE_KEEP_MS = RETENTION_MS;
const SET_ASIDE = ['.failed', '.corrupt'];

const spooledText = z.strictObject({
  provider: z.enum(['notify', 'twilio']),
  providerMessageId: z.string().min(1),
  from: z.string().min(1),
  to: z.string(),
  text: z.string(),
  receivedAt: z.iso.datetime(),
});

export interface InboundSpool {
  readonly dir: string;
  /** Keeps a text: on disk, file and directory synced, when this resolves. */
  append(sms: InboundSms): Promise<void>;
  /** The names of the texts waiting, oldest first (any abandoned write taken in first). */
  waiting(): Promise<string[]>;
  /**
   * One waiting text; undefined if another process has already taken it, or if the file does
   * not hold one whole text (then it is set aside, with a log).
   */
  read(name: string): Promise<InboundSms | undefined>;
  /** Forgets a text once it is committed (or found to be a repeat). */
  remove(name: string): Promise<void>;
  /** Moves a text out of the queue, kept for someone to look at: `.failed` (could not be applied) or `.corrupt`. */
  setAside(name: string, why: 'failed' | 'corrupt'): Promise<void>;
  /** Deletes texts set aside more than `keepMs` after they came (default `SET_ASIDE_KEEP_MS`); how many. */
  purgeSetAside(keepMs?: number): Promise<number>;
}

export function createInboundSpool(options: { dir: string; clock: Clock; logger: Logger }): InboundSpool {
  const { clock, logger } = options;
  const dir = resolve(options.dir);
  // Two processes sharing the directory, or this one restarted, never pick the same name.
  const tag = randomBytes(4).toString('hex');
  let counter = 0;

  /** The directory, made on first use (a PostgreSQL deployment that never spools leaves no trace), or again if it was removed. */
  async function ensureDir() {
    const first = await mkdir(dir, { recursive: true });
    // Each directory made is an entry in its parent: synced, or a power cut could undo it.
    if (first) for (let d = dir; d !== dirname(first); d = dirname(d)) await syncDir(dirname(d));
  }

  async function append(sms: InboundSms) {
    await ensureDir();
    const name = `${String(clock().getTime()).padStart(15, '0')}-${tag}-${String(counter++).padStart(9, '0')}`;
    const temporary = join(dir, name + WRITING);
    const file = await open(temporary, 'wx', 0o600);
    try {
      await file.writeFile(`${JSON.stringify({ ...sms, receivedAt: sms.receivedAt.toISOString() })}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, join(dir, name + WAITING));
    await syncDir(dir);
  }

  async function waiting() {
    const names = await readdir(dir).catch(ifMissing<string[]>([]));
    const taken: string[] = [];
    for (const name of names.filter((n) => n.endsWith(WRITING))) {
      const path = join(dir, name);
      const info = await stat(path).catch(ifMissing(undefined));
      // File times are the file system's, so compared with the real time, not the service's clock.
      if (!info || Date.now() - info.mtimeMs < ABANDONED_WRITE_MS) continue;
      logger.warn({ file: path }, 'spooled text whose write was cut short taken in');
      const waitingName = name.slice(0, -WRITING.length) + WAITING;
      await rename(path, join(dir, waitingName)).catch(ifMissing(undefined));
      taken.push(waitingName);
    }
    return [...new Set([...names.filter((n) => n.endsWith(WAITING)), ...taken])].sort();
  }

  async function read(name: string) {
    const content = await readFile(join(dir, name), 'utf8').catch(ifMissing(undefined));
    if (content === undefined) return undefined;
    const parsed = spooledText.safeParse(parseJson(content));
    if (!parsed.success) {
      logger.error({ file: join(dir, name) }, 'spooled file does not hold a whole text: set aside');
      await setAside(name, 'corrupt');
      return undefined;
    }
    return { ...parsed.data, receivedAt: new Date(parsed.data.receivedAt) };
  }

  // Neither is synced: a removal a power cut undoes brings back a text that is then a repeat
  // (or set aside again), which changes nothing.
  async function remove(name: string) {
    await unlink(join(dir, name)).catch(ifMissing(undefined));
  }

  async function setAside(name: string, why: 'failed' | 'corrupt') {
    await rename(join(dir, name), join(dir, `${name.slice(0, -WAITING.length)}.${why}`)).catch(ifMissing(undefined));
  }

  async function purgeSetAside(keepMs = SET_ASIDE_KEEP_MS) {
    const names = await readdir(dir).catch(ifMissing<string[]>([]));
    let purged = 0;
    for (const name of names.filter((n) => SET_ASIDE.some((end) => n.endsWith(end)))) {
      const path = join(dir, name);
      // Renaming keeps the file's time: it is when the text was written, i.e. when it came.
      const info = await stat(path).catch(ifMissing(undefined));
      if (!info || Date.now() - info.mtimeMs <= keepMs) continue;
      await unlink(path).catch(ifMissing(undefined));
      logger.warn({ file: path }, 'text set aside in the spool deleted: kept for as long as phone numbers are');
      purged++;
    }
    return purged;
  }

  return { dir, append, waiting, read, remove, setAside, purgeSetAside };
}

/**
 * Makes the directory and creates a file in it (then removes it), as `append` will in an
 * outage: a spool the service cannot write is then found at start, with a line naming
 * FFT_SPOOL_DIR, rather than by losing the first texts of the next outage. The file's name
 * ends in neither `.json` nor `.tmp`, so were it left behind nothing would take it for a text.
 */
export async function checkSpoolWritable(dir: string): Promise<void> {
  const probe = join(resolve(dir), `.write-check-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(dir, { recursive: true });
    const file = await open(probe, 'wx', 0o600);
    await file.close();
    await unlink(probe);
  } catch (e) {
    throw new ConfigError(`FFT_SPOOL_DIR must be a directory the service can write to (texts that come while the database is unavailable are kept there): ${(e as Error).message}`);
  }
}

async function syncDir(path: string) {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A file (or the directory) already gone is what another process taking the same text looks like. */
function ifMissing<T>(value: T) {
  return (err: unknown): T => {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return value;
    throw err;
  };
}
