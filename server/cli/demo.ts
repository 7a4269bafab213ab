/** `fft demo`: the demo trust and 90 days of responses, with a progress bar. */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { v7 as uuidv7 } from 'uuid';
import { londonDay, monthOf } from '../../analytics/periods.ts';
import type { Store } from '../../db/store.ts';
import { systemClock, type Clock } from '../clock.ts';
import { issueToken } from '../auth/tokens.ts';
import { audit } from '../audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import { randomBytes } from 'node:crypto';
import type { Role } from '../../analytics/fft.ts';
import { demoOrg } from '../demo/org.ts';
import { generateDemoResponses } from '../demo/generate.ts';
import { backfillAlertFrom, createCommentAnalyser } from '../comments/analyser.ts';
import { createLogger } from '../logger.ts';
import { UsageError } from './index.ts';

const CHUNK = 1000;

/** Staff to sign in as, one per role, so the pages can be tried at once. */
export const DEMO_USERS: { email: string; role: Role; scopes: string[]; what: string }[] = [
  { email: 'admin@demo.nhs.uk', role: 'admin', scopes: [], what: 'admin (everything)' },
  { email: 'matron@demo.nhs.uk', role: 'matron', scopes: ['unit:RZZ01-W01', 'unit:RZZ01-W02', 'unit:RZZ01-W03', 'unit:RZZ01-W04'], what: 'matron of wards 1–4' },
  { email: 'commissioner@demo.nhs.uk', role: 'commissioner', scopes: ['icb:QZZ'], what: 'commissioner for the ICB' },
];

/** Creates the demo staff, or gives them the new password if they exist. */
async function demoUsers(store: Store, password: string, now: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  for (const u of DEMO_USERS) {
    const existing = await store.findUserByEmail(u.email);
    if (existing) await store.updateUser(existing.id, { passwordHash, role: u.role, scopes: u.scopes, active: true, failedSignIns: 0, lockedUntil: null });
    else await store.createUser({ id: uuidv7(), email: u.email, role: u.role, scopes: u.scopes, passwordHash, active: true, failedSignIns: 0, lockedUntil: null, createdAt: now });
  }
}

/**
 * A new integration token labelled 'demo', and the ones earlier loads issued revoked (each
 * audit-logged as a revocation on the tokens page is), so loading the demo again leaves one live
 * demo token rather than one more each time. Any other token keeps working; an integration token
 * made by hand and labelled 'demo' is taken for one of these (tokens do not record who made them).
 */
export async function issueDemoToken(store: Store, clock: Clock): Promise<{ token: string; revoked: number }> {
  const { token, record } = await issueToken(store, clock, { role: 'integration', label: 'demo' });
  const earlier = (await store.listTokens()).filter((t) => t.role === 'integration' && t.label === 'demo' && !t.revokedAt && t.id !== record.id);
  for (const t of earlier) {
    await store.revokeToken(t.id, clock().toISOString());
    await audit(store, clock, 'cli', 'token.revoke', t.id, { label: t.label });
  }
  return { token, revoked: earlier.length };
}

/** Loads the demo trust with `--days` of answers up to `clock`'s London day (its units are added in that month). */
export async function runDemo(store: Store, args: string[], clock: Clock = systemClock): Promise<number> {
  const { values } = parseArgs({ args, options: { days: { type: 'string', default: '90' }, seed: { type: 'string', default: '1' } } });
  const days = Number(values.days);
  const seed = Number(values.seed);
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new UsageError('--days must be a whole number of days from 1 to 365');
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
  const now = clock();
  const org = demoOrg();
  await store.upsertOrg(org, monthOf(now));
  const responses = generateDemoResponses(org, { lastDay: londonDay(now), days, seed, now });

  const bar = new cliProgress.SingleBar(
    { format: 'Loading demo responses [{bar}] {percentage}% | {value}/{total}', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(responses.length, 0);
  let added = 0;
  // Comments are analysed as they would be on arrival (themes, sentiment, redaction, concerns),
  // but as the history it is: only the last two weeks' serious concerns raise alerts
  // (BACKFILL_ALERT_DAYS); the older ones are flagged without.
  const analyser = createCommentAnalyser({ store, clock, logger: createLogger('error') });
  const alerting = { alertFrom: backfillAlertFrom(now) };
  for (let i = 0; i < responses.length; i += CHUNK) {
    const chunk = responses.slice(i, i + CHUNK);
    const outcomes = await store.insertResponses(chunk);
    added += outcomes.filter((o) => !o.duplicate).length;
    await analyser.analyse(chunk.filter((r, k) => r.comment && !outcomes[k]!.duplicate).map((r) => ({ ...r, comment: r.comment! })), alerting);
    bar.update(Math.min(i + CHUNK, responses.length));
  }
  bar.stop();
  // A fresh password each load: a demo database copied somewhere public is not an open door.
  const password = `demo-${randomBytes(9).toString('base64url')}`;
  await demoUsers(store, password, now.toISOString());
  const { token, revoked } = await issueDemoToken(store, clock);
  await store.appendAudit({ id: uuidv7(), at: now.toISOString(), actor: 'cli', action: 'demo.load', detail: { days, seed, added } });
  console.log(`Demo trust RZZ loaded: ${org.length} units on 3 sites, ${added} new responses over ${days} days (${responses.length - added} already there).`);
  console.log(`Staff sign-in at /signin, password ${password} for each of:`);
  for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(26)} ${u.what}`);
  const before = revoked === 0 ? '' : revoked === 1 ? '; the one the last load printed is revoked' : `; the ${revoked} earlier demo tokens are revoked`;
  console.log(`An integration token for trying the API (shown once${before}):`);
  console.log(token);
  return 0;
}
