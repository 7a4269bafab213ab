/**
 * Throughput of the comment classifier on one core: `npx tsx bench/comments.ts [N]`.
 * Classifies N comments (default 100,000), from ../shared/data/comments/train.csv when it is
 * there, otherwise synthetic ones, and prints comments per second. Reports; never asserts.
 */

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { classify, loadModel } from '../analytics/comments/model.ts';
import type { CommentInput } from '../analytics/comments/features.ts';
import { DEFAULT_DATA_DIR, MODEL_PATH, readLabelledComments } from '../server/cli/comments.ts';

const SYNTHETIC = [
  'The nurses were so kind and caring',
  'Waited 6 hours in A&E, nobody told us what was happening.',
  'Nothing, everything was fine. Thank you!',
  'Staff were friendly but the food was cold and the ward was noisy at night.',
  'Transport arrived late and I missed my appointment.',
  'Did not answer',
  'Could not get through on the phone for two days, then the call handler was really helpful and explained everything.',
  'More parking spaces please',
];

function comments(): CommentInput[] {
  const file = path.join(DEFAULT_DATA_DIR, 'train.csv');
  if (existsSync(file)) return readLabelledComments(file);
  return SYNTHETIC.map((comment, i) => ({ comment, fftAnswer: (i % 5) + 1, question: 'FFT Why?' }));
}

const n = Number(process.argv[2] ?? 100_000);
const model = loadModel(readFileSync(MODEL_PATH, 'utf8'));
const inputs = comments();
const source = inputs.length > SYNTHETIC.length ? 'train.csv' : 'synthetic';

// Warm up the JIT before timing.
for (let i = 0; i < Math.min(n, 20_000); i++) classify(model, inputs[i % inputs.length]);

const wall = performance.now();
const cpu = process.cpuUsage();
let labels = 0;
for (let i = 0; i < n; i++) labels += classify(model, inputs[i % inputs.length]).labels.length;
const cpuSeconds = (() => {
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1e6;
})();
const seconds = (performance.now() - wall) / 1000;

process.stdout.write(
  `${n} comments (${source}, ${labels} labels) in ${seconds.toFixed(2)} s: ` +
    `${Math.round(n / seconds)} comments/s wall, ${Math.round(n / cpuSeconds)} comments/s CPU, one core\n`,
);

