import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.ts';

/** As Drizzle throws a driver's error: wrapped, with the driver's error as the cause. */
const wrapped = (code: string) => Object.assign(new Error('Failed query: update …'), { cause: Object.assign(new Error(code), { code }) });

describe('isDatabaseUnavailable', () => {
  it('takes a transaction PostgreSQL rolled back for another (deadlock, serialization failure) as one to send again', () => {
    for (const code of ['40P01', '40001', '57P01', '08006', 'SQLITE_BUSY']) expect(isDatabaseUnavailable(wrapped(code)), code).toBe(true);
  });

  it('takes the request\'s own faults as its own', () => {
    for (const code of ['23505', '22P02', '23514', '42601', 'SQLITE_CONSTRAINT']) expect(isDatabaseUnavailable(wrapped(code)), code).toBe(false);
    expect(isDatabaseUnavailable(new Error('CHECK constraint failed'))).toBe(false);
  });
});
