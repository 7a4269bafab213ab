import { describe, it } from 'vitest';
import { describeStaffContract } from './staff.contract.ts';
import { pgTestUrl, tempPostgres } from './testing.ts';

const url = pgTestUrl();
if (url) describeStaffContract('PostgreSQL', () => tempPostgres(url));
else describe('staff store contract: PostgreSQL', () => it.skip('FFT_TEST_PG_URL=off: PostgreSQL suite left out on this machine', () => {}));
