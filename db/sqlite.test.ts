import { describeStoreContract } from './store.contract.ts';
import { tempSqlite } from './testing.ts';

describeStoreContract('SQLite', async () => tempSqlite());
