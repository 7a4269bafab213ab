/** `fft demo`: the demo trust and 90 days of responses, with a progress bar. */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { v7 as uuidv7 } from 'uuid';
import { londonDay } from '../../analytics/periods.ts';
import type { Store } from '../../db/store.ts';
import { systemClock } from '../clock.ts';
import { issueToken } from '../auth/tokens.ts';
import { demoOrg } from '../demo/org.ts';
import { generateDemoResponses } from '../demo/generate.ts';
import { createCommentAnalyser } from '../comments/analyser.ts';
import { createLogger } from '../logger.ts';

const CHUNK = 1000;

export async function runDemo(store: Store, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { days: { type: 'string', default: '90' }, seed: { type: 'string', default: '1' } } });
  const days = Number(values.days);
  const seed = Number(values.seed);
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new Error('--days must be 1–365');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  const now = systemClock();
  const org = demoOrg();
  await store.upsertOrg(org);
  const responses = generateDemoResponses(org, { lastDay: londonDay(now), days, seed, now });

  const bar = new cliProgress.SingleBar(
    { format: 'Loading demo responses [{bar}] {percentage}% | {value}/{total}', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(responses.length, 0);
  let added = 0;
  // Comments are analysed as they would be on arrival (themes, sentiment, redaction, concerns).
  const analyser = createCommentAnalyser({ store, clock: systemClock, logger: createLogger('error') });
  for (let i = 0; i < responses.length; i += CHUNK) {
    const chunk = responses.slice(i, i + CHUNK);
    const outcomes = await store.insertResponses(chunk);
    added += outcomes.filter((o) => !o.duplicate).length;
    await analyser.analyse(chunk.filter((r, k) => r.comment && !outcomes[k]!.duplicate).map((r) => ({ ...r, comment: r.comment! })));
    bar.update(Math.min(i + CHUNK, responses.length));
  }
  bar.stop();
  const { token } = await issueToken(store, systemClock, { role: 'integration', label: 'demo' });
  await store.appendAudit({ id: uuidv7(), at: now.toISOString(), actor: 'cli', action: 'demo.load', detail: { days, seed, added } });
  console.log(`Demo trust RZZ loaded: ${org.length} units on 3 sites, ${added} new responses over ${days} days (${responses.length - added} already there).`);
  console.log('An integration token for trying the API (shown once):');
  console.log(token);
  return 0;
}
