import { describeExportsContract } from './exports.contract.ts';
import { DEFAULT_PG_URL, pgTestUrl, tempPostgres } from './testing.ts';

// Never skipped: the export log must work on PostgreSQL, so this runs even where other suites may be left out.
describeExportsContract('PostgreSQL', () => tempPostgres(pgTestUrl() ?? DEFAULT_PG_URL));
