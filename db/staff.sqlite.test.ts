import { describeStaffContract } from './staff.contract.ts';
import { tempSqlite } from './testing.ts';

describeStaffContract('SQLite', async () => tempSqlite());
