/**
 * New response and record ids: UUIDv7 (time-ordered, so inserts append to the primary-key
 * index). Random bits come from a pooled buffer: one `randomFillSync` per 256 ids instead of
 * one per id, which was measurable on the ingestion path.
 */
import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

const POOL_IDS = 256;
const pool = new Uint8Array(16 * POOL_IDS);
let offset = pool.length;

export function newId(): string {
  if (offset >= pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const random = pool.subarray(offset, offset + 16);
  offset += 16;
  return uuidv7({ random });
}

/** A UUID as text, of any version and either case: a form's own id, a provider's template id. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The id a form carries, lowercased, so that the same form sent twice stores one record; a new id
 * where it carries none that is a UUID.
 */
export function formId(sent: string | undefined): string {
  return sent !== undefined && UUID.test(sent) ? sent.toLowerCase() : newId();
}
