// The SQLite writer thread's entry (see sqlite-writer.ts). Plain JavaScript so that a worker
// can start it without the main thread's TypeScript loader; it registers tsx for the rest.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runWriterThread } = await import('./sqlite-writer-thread.ts');
runWriterThread(workerData, parentPort);
