/**
 * Crash safety: under load, kill -9 the server at a random moment, restart it, and check that
 * every response that got a 2xx is stored exactly once and that rollups equal a recount.
 *
 *   npx tsx bench/crash.ts [--trials 20] [--synchronous NORMAL|FULL]
 */
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import { v4 as uuidv4 } from 'uuid';
import { openStore } from '../db/index.ts';
import { ORG } from '../db/store.contract.ts';
import { startServerProcess } from './lib/server.ts';
import { freshSqlite } from './lib/setup.ts';

export interface TrialResult {
  acknowledged: number;
  stored: number;
  lost: number;
  rollupsMatch: boolean;
  replaysDuplicate: boolean;
  killedAfterMs: number;
}

export async function crashTrial(options: { synchronous?: 'NORMAL' | 'FULL'; clients?: number; seed?: number; writerThread?: boolean } = {}): Promise<TrialResult> {
  const { dir, path, token } = await freshSqlite();
  const env = { FFT_DB: path, FFT_SQLITE_SYNCHRONOUS: options.synchronous ?? 'NORMAL', FFT_SQLITE_WRITER_THREAD: options.writerThread ? '1' : '0' };
  const server = await startServerProcess(env);
  // Each acknowledged id with the unit it was sent for (a replay must name the same unit).
  const acknowledged = new Map<string, string>();
  let stop = false;
  const clients = Array.from({ length: options.clients ?? 16 }, async (_, c) => {
    let i = 0;
    while (!stop) {
      const batch = (i++ + c) % 5 === 0;
      const ids = batch ? [uuidv4(), uuidv4(), uuidv4()] : [uuidv4()];
      const items = ids.map((id, k) => ({ id, unit: ORG[k % 3]!.unitCode, answer: 2, channel: 'kiosk' }));
      try {
        const res = await fetch(`${server.url}/api/v1/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(batch ? { responses: items } : items[0]),
        });
        await res.arrayBuffer();
        if (res.status === 200 || res.status === 201) for (const item of items) acknowledged.set(item.id, item.unit);
      } catch {
        // The server died under us: whatever had no answer may or may not be stored.
        return;
      }
    }
  });
  const killedAfterMs = 300 + Math.floor(Math.random() * 1700);
  await new Promise((r) => setTimeout(r, killedAfterMs));
  await server.kill9();
  stop = true;
  await Promise.all(clients);

  // Restart on the same file, as an operator would, and check through it and the store.
  const restarted = await startServerProcess(env);
  const replays = [...acknowledged].slice(0, 20);
  let replaysDuplicate = true;
  for (const [id, unit] of replays) {
    const res = await fetch(`${restarted.url}/api/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ id, unit, answer: 2, channel: 'kiosk' }),
    });
    const body = (await res.json()) as { duplicate?: boolean };
    if (res.status !== 200 || body.duplicate !== true) replaysDuplicate = false;
  }
  await restarted.stop();

  const store = openStore(path);
  let lost = 0;
  for (const id of acknowledged.keys()) if (!(await store.getResponse(id))) lost++;
  const stored = await store.countResponses();
  const rollupsMatch = JSON.stringify(await store.dailyCounts()) === JSON.stringify(await store.recountDaily());
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { acknowledged: acknowledged.size, stored, lost, rollupsMatch, replaysDuplicate, killedAfterMs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { trials: { type: 'string', default: '20' }, synchronous: { type: 'string', default: 'NORMAL' } } });
  const trials = Number(values.trials);
  const synchronous = values.synchronous!.toUpperCase() as 'NORMAL' | 'FULL';
  let lostTotal = 0;
  let ackTotal = 0;
  let bad = 0;
  for (let i = 1; i <= trials; i++) {
    const r = await crashTrial({ synchronous });
    lostTotal += r.lost;
    ackTotal += r.acknowledged;
    if (r.lost || !r.rollupsMatch || !r.replaysDuplicate) bad++;
    console.log(
      `trial ${String(i).padStart(2)}: killed after ${r.killedAfterMs} ms, ${r.acknowledged} acknowledged, ${r.stored} stored, ${r.lost} lost, rollups ${r.rollupsMatch ? 'match' : 'DIFFER'}, replays ${r.replaysDuplicate ? 'duplicate' : 'NOT duplicate'}`,
    );
  }
  console.log(`\nsynchronous=${synchronous}: ${trials} trials, ${ackTotal} acknowledged responses, ${lostTotal} lost, ${bad} bad trials`);
  process.exitCode = bad ? 1 : 0;
}
