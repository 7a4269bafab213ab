import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ORG, response } from './store.contract.ts';
import { describeStaffContract } from './staff.contract.ts';
import { pgTestUrl, tempPostgres } from './testing.ts';

const url = pgTestUrl();
if (url) describeStaffContract('PostgreSQL', () => tempPostgres(url));
else describe('staff store contract: PostgreSQL', () => it.skip('FFT_TEST_PG_URL=off: PostgreSQL suite left out on this machine', () => {}));

if (url) {
  describe('taking a response back on PostgreSQL', () => {
    it('takes the rollups in the order a response batch does, so an undo beside a batch of the same month cannot deadlock', async () => {
      const db = await tempPostgres(url);
      const store = db.open();
      const batch = new pg.Client({ connectionString: db.target });
      try {
        await store.migrate();
        await store.upsertOrg(ORG);
        const card = response({ answer: 2, answeredAt: '2026-05-03T10:00:00.000Z', answeredDay: '2026-05-03' });
        await store.insertResponses([card]);
        await batch.connect();
        // A batch of the same ward, month and answer (another day) as insertResponses writes it:
        // the ICB's, site's and trust's month (its cells in key order), then the ward's month.
        await batch.query('BEGIN');
        await batch.query("UPDATE rollup_org_monthly SET count = count WHERE level = 'icb' AND code = 'QAA' AND month = '2026-05' AND answer = 2");
        const undone = store.deleteResponse(card.id).catch((error: unknown) => error);
        await sleep(300);
        await batch.query("UPDATE rollup_org_monthly SET count = count WHERE level = 'site' AND code = 'RAA01' AND month = '2026-05' AND answer = 2");
        await batch.query("UPDATE rollup_monthly SET count = count WHERE unit_code = 'W1' AND month = '2026-05' AND answer = 2");
        await batch.query('COMMIT');
        expect(await undone).toMatchObject({ id: card.id });
        expect(await store.monthlyCounts()).toEqual(await store.recountMonthly());
      } finally {
        await batch.end();
        await store.close();
        await db.cleanup();
      }
    });
  });
}
