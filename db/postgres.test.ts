import { describe, it } from 'vitest';
import { describeStoreContract } from './store.contract.ts';
import { pgTestUrl, tempPostgres } from './testing.ts';

const url = pgTestUrl();
if (url) describeStoreContract('PostgreSQL', () => tempPostgres(url));
else describe('store contract: PostgreSQL', () => it.skip('FFT_TEST_PG_URL=off: PostgreSQL suite left out on this machine', () => {}));
