/**
 * Ward tablets: an admin makes a kiosk for a unit and gets a one-time pairing code (and a link
 * carrying it); the tablet trades the code for its own device token, bound to that unit. Each
 * step is audit-logged here, with the unit and the address it came from, whichever way it was
 * taken (admin pages, API, command line, the tablet itself): a device that can send answers
 * in a ward's name is as much a matter of record as a sign-in.
 */
import { createHash, randomInt } from 'node:crypto';
import type { KioskRecord, Store, Unit } from '../../db/store.ts';
import { audit } from '../audit.ts';
import type { Principal } from '../auth/scope.ts';
import { issueToken } from '../auth/tokens.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';

/** Who changed a tablet: staff or a token, with the address the request came from; or the command line. */
export type KioskActor = { principal: Principal; address: string } | 'cli';

function auditKiosk(store: Store, clock: Clock, by: KioskActor, action: string, kiosk: KioskRecord, detail: Record<string, unknown> = {}) {
  return audit(store, clock, by === 'cli' ? 'cli' : by.principal, action, kiosk.id, { unit: kiosk.unitCode, ...detail, ...(by === 'cli' ? {} : { address: by.address }) });
}

/** No 0/O, 1/I/L: codes are read off one screen and typed on another. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_TTL_MS = 24 * 60 * 60 * 1000;

export function newPairingCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export function normalisePairingCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function hashPairingCode(code: string): string {
  return createHash('sha256').update(`kiosk-pairing:${normalisePairingCode(code)}`).digest('hex');
}

export function pairingLink(publicUrl: string, code: string): string {
  // In the fragment, so the code never reaches a server log.
  return `${publicUrl}/kiosk/#pair=${code}`;
}

export async function createKiosk(store: Store, clock: Clock, unit: Unit, label: string | null, by: KioskActor): Promise<{ kiosk: KioskRecord; code: string }> {
  const made = await createKioskOnce(store, clock, unit, label, by, newId());
  if (!made) throw new Error('a new kiosk id was already taken');
  return made;
}

/**
 * A new kiosk with the given id, or null, storing nothing, when that id is already a kiosk: the
 * admin page's form carries its id, so a form sent twice (a refresh, a double click) adds one tablet.
 */
export async function createKioskOnce(store: Store, clock: Clock, unit: Unit, label: string | null, by: KioskActor, id: string): Promise<{ kiosk: KioskRecord; code: string } | null> {
  const code = newPairingCode();
  const now = clock();
  const kiosk: KioskRecord = {
    id,
    unitCode: unit.code,
    label,
    pairingCodeHash: hashPairingCode(code),
    pairingExpiresAt: new Date(now.getTime() + PAIRING_TTL_MS).toISOString(),
    tokenId: null,
    pairedAt: null,
    lastSeenAt: null,
    unsent: 0,
    revokedAt: null,
    createdAt: now.toISOString(),
  };
  if (!(await store.createKiosk(kiosk))) return null;
  await auditKiosk(store, clock, by, 'kiosk.create', kiosk);
  return { kiosk, code };
}

/** A fresh code for an existing kiosk (e.g. after revoking its tablet, or a new tablet). */
export async function renewPairing(store: Store, clock: Clock, kiosk: KioskRecord, by: KioskActor): Promise<string> {
  const code = newPairingCode();
  await store.updateKiosk(kiosk.id, {
    pairingCodeHash: hashPairingCode(code),
    pairingExpiresAt: new Date(clock().getTime() + PAIRING_TTL_MS).toISOString(),
    revokedAt: null,
  });
  await auditKiosk(store, clock, by, 'kiosk.pairing', kiosk);
  return code;
}

/**
 * Trades a live pairing code for a device token; undefined if the code is unknown, used or
 * expired. Recorded as the new token's doing, from `address`.
 */
export async function pair(store: Store, clock: Clock, code: string, address: string): Promise<{ token: string; kiosk: KioskRecord; unit: Unit } | undefined> {
  const now = clock().toISOString();
  const kiosk = await store.claimPairing(hashPairingCode(code), now);
  if (!kiosk) return undefined;
  const unit = await store.getUnit(kiosk.unitCode);
  if (!unit) return undefined;
  // A kiosk has one live token: pairing a replacement tablet retires the old one.
  if (kiosk.tokenId) await store.revokeToken(kiosk.tokenId, now);
  const { token, record } = await issueToken(store, clock, { role: 'kiosk', scopes: [`unit:${unit.code}`], label: `kiosk:${kiosk.id}` });
  await store.updateKiosk(kiosk.id, { tokenId: record.id, pairedAt: now, lastSeenAt: now, revokedAt: null });
  const device: Principal = { kind: 'token', id: record.id, role: record.role, scopes: record.scopes };
  await auditKiosk(store, clock, { principal: device, address }, 'kiosk.paired', kiosk, kiosk.tokenId ? { replacedToken: kiosk.tokenId } : {});
  return { token, kiosk: { ...kiosk, tokenId: record.id, pairedAt: now }, unit };
}

/** Stops a tablet: its token no longer works; unsent answers stay on the device. */
export async function revokeKiosk(store: Store, clock: Clock, kiosk: KioskRecord, by: KioskActor): Promise<void> {
  const now = clock().toISOString();
  if (kiosk.tokenId) await store.revokeToken(kiosk.tokenId, now);
  await store.updateKiosk(kiosk.id, { revokedAt: now, pairingCodeHash: null, pairingExpiresAt: null });
  await auditKiosk(store, clock, by, 'kiosk.revoke', kiosk);
}
