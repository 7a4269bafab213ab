/** Password hashes with scrypt (node:crypto), self-describing so parameters can rise later. */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost: memory is 128·N·r bytes, time grows with N·r·p. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's scrypt setting at 16 MiB of memory (Password Storage Cheat Sheet: N=2^14, r=8, p=5).
 * Memory stays at 16 MiB a hash whatever p is (the lanes run one after another), which the
 * server's memory target needs; p=5 buys the time. Hashes made at a lower cost are re-made at
 * this one when their owner next signs in.
 */
export const PASSWORD_COST: Readonly<ScryptCost> = Object.freeze({ N: 2 ** 14, r: 8, p: 5 });
const KEYLEN = 32;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { ...cost, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function costOf(stored: string): ScryptCost | undefined {
  const [scheme, n, r, p] = stored.split('$');
  return scheme === 'scrypt' ? { N: Number(n), r: Number(r), p: Number(p) } : undefined;
}

/** `cost` other than PASSWORD_COST is for tests only (no configuration sets it). */
export async function hashPassword(password: string, cost: ScryptCost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/**
 * Checks a password against a stored hash, taking as long as a check at `cost` even when the
 * hash was made at less: an account nobody has signed in to since the cost rose would otherwise
 * answer faster than an address with no account (checked against a decoy at today's cost), and
 * a stopwatch would tell which addresses have accounts.
 */
export async function verifyPassword(password: string, stored: string, cost: ScryptCost = PASSWORD_COST): Promise<boolean> {
  const [scheme, , , , salt, hash] = stored.split('$');
  const used = costOf(stored);
  if (scheme !== 'scrypt' || !used || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), used);
  // The work left over, in lanes of today's N and r (scrypt's time is close to proportional to N·r·p).
  const short = Math.ceil(cost.p - (used.N * used.r * used.p) / (cost.N * cost.r));
  if (short > 0) await derive(password, Buffer.from(salt, 'base64url'), { N: cost.N, r: cost.r, p: short });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Whether a stored hash was made at less than `cost` in any parameter (re-made at the next sign-in). */
export function needsRehash(stored: string, cost: ScryptCost = PASSWORD_COST): boolean {
  const used = costOf(stored);
  return !used || used.N < cost.N || used.r < cost.r || used.p < cost.p;
}

/** The longest password that may be set (sign-in reads no more than this, and no less). */
export const MAX_PASSWORD = 256;

/**
 * Runs of characters in order, read either way and round the end (`…7890123`, `…bnmqwe`): the
 * alphabet, the digits, and the letter keys row by row.
 */
const RUNS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'];

function isRun(text: string): boolean {
  const reversed = [...text].reverse().join('');
  return RUNS.some((run) => {
    const round = run.repeat(Math.ceil(text.length / run.length) + 1);
    return round.includes(text) || round.includes(reversed);
  });
}

/**
 * Words a guesser tries first against any NHS service, counted as dictionary words by the
 * common-password check (`Welcome2026!` is refused there; `nhs` and `password` alone here).
 */
const SERVICE_WORDS = ['nhs', 'fft', 'password', 'trust', 'ward', 'matron', 'hospital', 'friends', 'family', 'welcome'];

/**
 * Staff passwords (NCSC: length over complexity, and block the ones guessed first). Beyond
 * length, it refuses what a guesser tries before anything else: the same characters over and
 * over (`aaaaaaaaaaaa`, `passwordpassword`), a run in order (`123456789012`, `abcdefghijkl`,
 * `qwertyuiopas`), just the word password or NHS with digits or symbols (`Password123!`,
 * `nhs123456789`), and the name in the user's own email address, each with its own reason;
 * then, by zxcvbn's estimate over its list of common passwords (`football1234`,
 * `iloveyou1234`, `Welcome2026!`), anything guessed in under 10^8 tries (its score 3). Checked
 * only where a password is set: one already set still signs in.
 */
export async function passwordProblem(password: string, email?: string): Promise<string | null> {
  if (password.length < 12) return 'must be at least 12 characters';
  if (password.length > MAX_PASSWORD) return `must be at most ${MAX_PASSWORD} characters`;
  const lower = password.normalize('NFKC').toLowerCase();
  if (/^(.+?)\1+$/su.test(lower)) return 'must not be the same characters over and over (like aaaaaaaaaaaa or passwordpassword)';
  if (isRun(lower)) return 'must not be letters, digits or keys in order (like 123456789012, abcdefghijkl or qwertyuiopas)';
  const words = lower.replaceAll('password', '').replaceAll('nhs', '');
  if (words !== lower && /^[^\p{L}]*$/u.test(words)) return 'must not be just the word password or NHS with digits or symbols';
  // A name of three letters or fewer (jo@…) is in too many good passwords to refuse them.
  const name = email?.split('@')[0]?.toLowerCase() ?? '';
  if (name.length >= 4 && lower.includes(name)) return 'must not contain the part of the email address before the @';
  if ((await guessScore(password, name)) < 3) return 'is too easy to guess: it is, or is close to, a commonly used password (like football1234 or Welcome2026!)';
  return null;
}

/**
 * zxcvbn's score (0–4) of a password. Loaded only when a password is set, and built afresh
 * each time rather than kept: its ranked dictionaries hold ~30 MB that a server answering
 * patients has no other use for (measured: 45–180 ms a check, ~20 MB of RSS left after). Only
 * the first 100 characters are scored: zxcvbn's time grows fast with length (0.5–2.4 s for 256
 * on a busy 2-core machine, the event loop held all the while), and a password whose first 100
 * characters are hard to guess is hard to guess.
 */
async function guessScore(password: string, emailName: string): Promise<number> {
  const [{ ZxcvbnFactory }, common] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]);
  const zxcvbn = new ZxcvbnFactory({ dictionary: { ...common.dictionary, userInputs: SERVICE_WORDS }, graphs: common.adjacencyGraphs, maxLength: 100 });
  return zxcvbn.check(password, emailName.length >= 4 ? [emailName] : []).score;
}
