/** @jsxImportSource hono/jsx */
/**
 * Sign-in and sign-out. Email + password (scrypt hashes); after `MAX_FAILURES` wrong passwords
 * in a row the account is locked for `LOCK_MS`, and the same answers (wrong password, then
 * locked) are given whether or not the email exists. A browser with a device cookie for the
 * account (see `device-cookie.ts`) is counted and locked on its own instead, so that guesses
 * from elsewhere cannot keep the account's owner out. Every sign-in, failure, lock and sign-out
 * is audit-logged.
 */
import { Hono } from 'hono';
import { audit } from '../audit.ts';
import { newId } from '../ids.ts';
import { hashPassword, MAX_PASSWORD, needsRehash, verifyPassword, type ScryptCost } from '../auth/passwords.ts';
import type { Clock } from '../clock.ts';
import { csrfField, csrfValid, CSRF_FIELD } from '../pages/csrf.ts';
import { clientAddress, rateLimit } from '../middleware/rate-limit.ts';
import { currentUser, endSession, principalOf, startSession } from './session.ts';
import { deviceCookies } from './device-cookie.ts';
import { homeFor, safeNext, type WebDeps } from './context.ts';
import { StaffPage } from './layout.tsx';
import { ErrorSummary } from './ui.tsx';
import { formBody } from './admin-ui.tsx';
import { CONTROL_CHARACTER } from '../collect/schema.ts';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;
const LOCKED_MESSAGE = 'This account is locked after too many wrong passwords. Try again in 15 minutes, or ask an admin.';

/**
 * Wrong passwords against addresses that have no account, counted and locked exactly as an
 * account's are, so that the lock itself does not tell anyone which addresses have accounts.
 * In memory (a restart forgets them, as it may: nothing is protected by them) and bounded.
 */
export function unknownAddressLocks(clock: Clock, maxEntries = 10_000) {
  const entries = new Map<string, { failures: number; lockedUntil: number }>();
  return {
    locked(email: string): boolean {
      const entry = entries.get(email);
      return entry !== undefined && entry.lockedUntil > clock().getTime();
    },
    /** Counts a failure; true when this one locks the address. */
    fail(email: string): boolean {
      const now = clock().getTime();
      const entry = entries.get(email) ?? { failures: 0, lockedUntil: 0 };
      entries.delete(email); // re-inserted last: the oldest entries go first when full
      entry.failures += 1;
      const lock = entry.failures >= MAX_FAILURES;
      if (lock) Object.assign(entry, { failures: 0, lockedUntil: now + LOCK_MS });
      if (entries.size >= maxEntries) {
        for (const [key, value] of entries) if (value.lockedUntil <= now && value.failures === 0) entries.delete(key);
        while (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      }
      entries.set(email, entry);
      return lock;
    },
    get size() {
      return entries.size;
    },
  };
}
const MAX_FIELD = 200;

function SignInPage(props: { csrf: string; next: string | null; email?: string; error?: string }) {
  return (
    <StaffPage title={props.error ? 'Error: Sign in' : 'Sign in'}>
      <div class="nhsuk-grid-row">
        <div class="nhsuk-grid-column-two-thirds">
          {props.error ? <ErrorSummary problems={[{ field: 'email', message: props.error }]} /> : null}
          <h1>Sign in</h1>
          <p>For ward, trust and commissioning staff. Patients do not need to sign in.</p>
          <form method="post" action={props.next ? `/signin?next=${encodeURIComponent(props.next)}` : '/signin'} novalidate>
            <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
            <div class="nhsuk-form-group">
              <label class="nhsuk-label" for="email">
                Email address
              </label>
              <input class="nhsuk-input" id="email" name="email" type="email" autocomplete="username" spellcheck={false} value={props.email ?? ''} required />
            </div>
            <div class="nhsuk-form-group">
              <label class="nhsuk-label" for="password">
                Password
              </label>
              <input class="nhsuk-input" id="password" name="password" type="password" autocomplete="current-password" required />
            </div>
            <button class="nhsuk-button" type="submit" data-module="nhsuk-button">
              Sign in
            </button>
          </form>
          <p>
            <a href="/results">See published results</a> without signing in.
          </p>
        </div>
      </div>
    </StaffPage>
  );
}

export function signInRoutes(deps: WebDeps & { trustProxy?: boolean; passwordCost: ScryptCost }) {
  const { store, clock, secret, passwordCost } = deps;
  const app = new Hono();
  // Compared against when the email is unknown, so both cases take as long.
  const decoy = hashPassword('decoy password, never used', passwordCost);
  // Per address, on top of the per-account lockout: slows a spray across many accounts. Only
  // sign-ins that fail count: a whole trust may sign in from one address at a shift change.
  const limit = rateLimit({ windowMs: 10 * 60 * 1000, max: 30, clock, trustProxy: deps.trustProxy, counts: (c) => c.res.status !== 303 });
  // Anyone may post here: a small form, read with a limit, and a garbled one is a 400.
  const small = formBody(16 * 1024);
  const unknownLocks = unknownAddressLocks(clock);
  const devices = deviceCookies(secret);

  app.get('/signin', async (c) => {
    const next = safeNext(c.req.query('next'));
    const signedIn = await currentUser(c, deps);
    if (signedIn) return c.redirect(next ?? homeFor(signedIn.user.role), 303);
    return c.html(<SignInPage csrf={csrfField(c, secret)} next={next} />);
  });

  app.post('/signin', limit, small, async (c) => {
    const next = safeNext(c.req.query('next'));
    const body = await c.req.parseBody();
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase().slice(0, MAX_FIELD) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, MAX_PASSWORD) : '';
    const again = (status: 400 | 401 | 403 | 429, error: string) => c.html(<SignInPage csrf={csrfField(c, secret)} next={next} email={email} error={error} />, status);
    if (!csrfValid(c, secret, body[CSRF_FIELD])) return again(403, 'The form had expired. Please sign in again.');
    if (!email || !password) return again(400, 'Enter your email address and password');
    // No address has a control character, and one would fail the audit log's write on PostgreSQL (U+0000).
    if (CONTROL_CHARACTER.test(email)) return again(400, 'Enter your email address as it is written, like name@nhs.net');

    const user = await store.findUserByEmail(email);
    const now = clock();
    // Who tried, for whoever reads the audit log after an attack: a failed guess is not the account holder's doing.
    const from = clientAddress(c, deps.trustProxy);
    if (!user) {
      if (unknownLocks.locked(email)) {
        await store.appendAudit({ id: newId(), at: now.toISOString(), actor: 'anonymous', action: 'signin.locked', target: email, detail: { reason: 'unknown email', address: from } });
        return again(429, LOCKED_MESSAGE);
      }
      await verifyPassword(password, await decoy, passwordCost);
      const lock = unknownLocks.fail(email);
      await store.appendAudit({ id: newId(), at: now.toISOString(), actor: 'anonymous', action: lock ? 'signin.lockout' : 'signin.failure', target: email, detail: { reason: 'unknown email', address: from } });
      return lock ? again(429, LOCKED_MESSAGE) : again(401, 'The email address or password is not right');
    }
    // A browser this account signed in from before is counted against itself alone, whether or
    // not guesses from elsewhere have locked the account; any other is counted against the account.
    const device = await devices.trusted(c, user);
    // Counted before the password is checked, in one statement: guesses sent all at once each get
    // a number of their own, and no more than MAX_FAILURES of them are checked before the lock.
    const attempt = device ? await store.countDeviceSignInAttempt(device, now.toISOString()) : await store.countSignInAttempt(user.id, now.toISOString());
    const lockedUntil = new Date(now.getTime() + LOCK_MS).toISOString();
    const lock = () => (device ? store.lockDevice(device, lockedUntil) : store.updateUser(user.id, { failedSignIns: 0, lockedUntil }));
    const who = { user: user.id, address: from, ...(device ? { device: true } : {}) };
    if (attempt === undefined || attempt > MAX_FAILURES) {
      if (attempt !== undefined) await lock();
      await store.appendAudit({ id: newId(), at: now.toISOString(), actor: 'anonymous', action: 'signin.locked', target: user.email, detail: who });
      return again(429, LOCKED_MESSAGE);
    }
    // The password is checked even for a deactivated account: skipping scrypt would answer it
    // faster than any other, telling whoever times it that the address had an account.
    const ok = (await verifyPassword(password, user.passwordHash, passwordCost)) && user.active;
    if (!ok) {
      const locks = attempt >= MAX_FAILURES;
      if (locks) await lock();
      await store.appendAudit({ id: newId(), at: now.toISOString(), actor: 'anonymous', action: locks ? 'signin.lockout' : 'signin.failure', target: user.email, detail: { ...who, failures: attempt } });
      if (locks) return again(429, LOCKED_MESSAGE);
      return again(401, 'The email address or password is not right');
    }
    // From a trusted browser, the account's count and lock are left as guesses from elsewhere made them.
    if (device) await store.clearDevice(device);
    else await store.updateUser(user.id, { failedSignIns: 0, lockedUntil: null });
    // The one moment the password is known: a hash from before the cost last rose is made again at today's.
    if (needsRehash(user.passwordHash, passwordCost)) await store.replacePasswordHash(user.id, user.passwordHash, await hashPassword(password, passwordCost));
    await startSession(c, deps, user);
    await devices.issue(c, user);
    await audit(store, clock, principalOf(user), 'signin', user.email, { address: from, ...(device ? { device: true } : {}) });
    return c.redirect(next ?? homeFor(user.role), 303);
  });

  // Not under the sign-in limit: someone else's guesses from the same address (a ward's shared
  // computer, a trust's proxy) must never keep a session open that its owner is trying to end.
  // Device cookies stay: they belong to the browser, not to the session.
  app.post('/signout', small, async (c) => {
    const signedIn = await currentUser(c, deps);
    const body = await c.req.parseBody();
    if (signedIn && csrfValid(c, secret, body[CSRF_FIELD])) {
      await endSession(c, store);
      await audit(store, clock, principalOf(signedIn.user), 'signout', signedIn.user.email);
    }
    return c.redirect('/signin', 303);
  });

  return app;
}
