/** The SQLite writer thread's entry (see sqlite-writer.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { runWriterThread } from './sqlite-writer-thread.ts';

runWriterThread(workerData, parentPort);
