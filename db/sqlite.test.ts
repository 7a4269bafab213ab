import { describeStoreContract } from './store.contract.ts';
import { tempSqlite } from './testing.ts';

describeStoreContract('SQLite', async () => tempSqlite());
// As `fft serve` runs it: responses written on their own thread, everything else on this one.
describeStoreContract('SQLite, writer thread', async () => tempSqlite({ writerThread: true }));
