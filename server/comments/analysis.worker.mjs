// The comment-analysis thread's entry (see analysis-thread.ts). Plain JavaScript so that a
// worker can start it without the main thread's TypeScript loader; it registers tsx for the rest.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runAnalysisThread } = await import('./analysis-thread.ts');
runAnalysisThread(parentPort);
