import { describe, it } from 'vitest';
import { describeSmsStoreContract } from './sms.contract.ts';
import { pgTestUrl, tempPostgres } from './testing.ts';

const url = pgTestUrl();
if (url) describeSmsStoreContract('PostgreSQL', () => tempPostgres(url));
else describe('sms store contract: PostgreSQL', () => it.skip('FFT_TEST_PG_URL=off: PostgreSQL suite left out on this machine', () => {}));
