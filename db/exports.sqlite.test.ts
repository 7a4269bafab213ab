import { describeExportsContract } from './exports.contract.ts';
import { tempSqlite } from './testing.ts';

describeExportsContract('SQLite', async () => tempSqlite());
