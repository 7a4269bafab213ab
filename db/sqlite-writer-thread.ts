/** Inside the SQLite writer thread: one connection, one batch at a time (see sqlite-writer.ts). */
import type { MessagePort } from 'node:worker_threads';
import { openSqlite } from './sqlite.ts';
import type { NewResponse } from './store.ts';
import type { WriterThreadOptions } from './sqlite-writer.ts';

export function runWriterThread(options: WriterThreadOptions, port: MessagePort | null) {
  if (!port) throw new Error('runWriterThread must run in a worker');
  const store = openSqlite(options.path, { synchronous: options.synchronous, writerThread: false });
  port.on('message', async (message: { id: number; rows: string }) => {
    try {
      const outcomes = await store.insertResponses(JSON.parse(message.rows) as NewResponse[]);
      port.postMessage({ id: message.id, outcomes });
    } catch (error) {
      const e = error as { message?: string; code?: string };
      port.postMessage({ id: message.id, error: { message: e.message ?? String(error), code: e.code } });
    }
  });
  port.postMessage({ ready: true });
}
