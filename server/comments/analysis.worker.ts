/** The comment-analysis thread's entry (see analysis-thread.ts). */
import { parentPort } from 'node:worker_threads';
import { runAnalysisThread } from './analysis-thread.ts';

runAnalysisThread(parentPort);
