/**
 * Bearer tokens: random, shown once, stored only as a SHA-256 hash (a token is 256 random bits,
 * so a fast hash is enough; passwords, which are guessable, use scrypt instead).
 */
import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../analytics/fft.ts';
import type { Store, TokenRecord } from '../../db/store.ts';
import type { Clock } from '../clock.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newTokenSecret(): string {
  return `fft_${randomBytes(32).toString('base64url')}`;
}

/** Creates and stores a token; returns the secret (never stored) and its record. */
export async function issueToken(
  store: Store,
  clock: Clock,
  input: { role: Role; scopes?: string[]; label?: string | null },
): Promise<{ token: string; record: TokenRecord }> {
  const token = newTokenSecret();
  const record: TokenRecord = {
    id: uuidv7(),
    role: input.role,
    scopes: input.scopes ?? [],
    label: input.label ?? null,
    createdAt: clock().toISOString(),
    revokedAt: null,
  };
  await store.createToken({ ...record, tokenHash: hashToken(token) });
  return { token, record };
}

// Hashing every request's token was ~5 µs of each ingestion request; the hash of a token never
// changes, so it is remembered (bounded; revocation is checked on the record, not here).
const hashes = new Map<string, string>();

function cachedHash(token: string): string {
  let hash = hashes.get(token);
  if (hash === undefined) {
    if (hashes.size >= 10_000) hashes.clear();
    hash = hashToken(token);
    hashes.set(token, hash);
  }
  return hash;
}

/** The live token for an `Authorization` header value, or undefined. */
export async function verifyBearer(store: Store, header: string | undefined): Promise<TokenRecord | undefined> {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match || match[1]!.length > 200) return undefined;
  const record = await store.findTokenByHash(cachedHash(match[1]!));
  return record && !record.revokedAt ? record : undefined;
}
