/** A short run of `bench/crash.ts` in the suite, so a durability regression fails CI. */
import { expect, it } from 'vitest';
import { crashTrial } from './crash.ts';

it('loses no acknowledged response when the server is killed -9 under load (3 trials, the last with the SQLite writer thread)', async () => {
  for (let i = 0; i < 3; i++) {
    const r = await crashTrial({ clients: 8, writerThread: i === 2 });
    expect(r.acknowledged).toBeGreaterThan(0);
    expect(r.lost).toBe(0);
    expect(r.stored).toBeGreaterThanOrEqual(r.acknowledged);
    expect(r.rollupsMatch).toBe(true);
    expect(r.replaysDuplicate).toBe(true);
  }
}, 180_000);
