import { describeSmsStoreContract } from './sms.contract.ts';
import { tempSqlite } from './testing.ts';

describeSmsStoreContract('SQLite', async () => tempSqlite());
