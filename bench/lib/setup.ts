/** A fresh SQLite database with the test org and an integration token, for benches. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/index.ts';
import { ORG } from '../../db/store.contract.ts';
import { issueToken } from '../../server/auth/tokens.ts';
import { systemClock } from '../../server/clock.ts';

export async function freshSqlite(): Promise<{ dir: string; path: string; token: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'fft-bench-'));
  const path = join(dir, 'fft.sqlite');
  const store = openStore(path);
  await store.migrate();
  await store.upsertOrg(ORG);
  const { token } = await issueToken(store, systemClock, { role: 'integration' });
  await store.close();
  return { dir, path, token };
}
