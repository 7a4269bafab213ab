import { Hono } from 'hono';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgTestUrl, tempPostgres, tempSqlite, type TestDb } from '../../db/testing.ts';
import { createApp } from '../app.ts';
import { testApp } from '../testing.ts';
import { addUser, browser, TEST_PASSWORD } from './testing.ts';
import { requireStaff, type WebEnv } from './context.ts';
import { hashSessionId } from './session.ts';
import { LOCK_MS, MAX_FAILURES, unknownAddressLocks } from './signin.tsx';
import { csrfTokenFor } from '../pages/csrf.ts';
import { deviceCookieName } from './device-cookie.ts';
import { hashPassword, PASSWORD_COST, passwordProblem, verifyPassword } from '../auth/passwords.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeEach(async () => {
  t = await testApp();
  await addUser(t.store, 'matron@nhs.test', 'matron', ['unit:W1']);
  await addUser(t.store, 'commissioner@nhs.test', 'commissioner', ['trust:RAA']);
});
afterEach(async () => t.cleanup());

describe('sign-in', () => {
  it('signs in with the right password: an HttpOnly, SameSite=Lax session cookie, then the role’s home page, audit-logged', async () => {
    const b = browser(t.app);
    const res = await b.signIn('Matron@NHS.test');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('fft_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect((await t.store.listAudit()).map((a) => a.action)).toContain('signin');
    // The session opens the API the pages use.
    expect((await b.request('/api/v1/alerts?unit=W1')).status).toBe(200);
    expect((await browser(t.app).signIn('commissioner@nhs.test')).headers.get('location')).toBe('/returns');
  });

  it('serves standards-mode pages (a doctype first) for sign-in, staff pages and the 404 page', async () => {
    const b = browser(t.app);
    expect(await (await b.request('/signin')).text()).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(await (await b.request('/results')).text()).toMatch(/^<!DOCTYPE html><html/);
    await b.signIn('matron@nhs.test');
    for (const path of ['/dashboard', '/entry', '/admin']) expect(await (await b.request(path)).text(), path).toMatch(/^<!DOCTYPE html><html/);
  });

  it('marks the cookie Secure, with the __Host- prefix, behind HTTPS', async () => {
    const b = browser(t.app);
    const csrf = await b.csrfFrom('https://fft.example.nhs.uk/signin');
    const res = await b.form('https://fft.example.nhs.uk/signin', { email: 'matron@nhs.test', password: TEST_PASSWORD }, csrf);
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-fft_session='))!;
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('makes every cookie Secure, with the __Host- prefix, when FFT_PUBLIC_URL is https, even if the proxy in front forgets X-Forwarded-Proto', async () => {
    const https = await testApp({ publicUrl: 'https://fft.example.nhs.uk' });
    try {
      const matronId = await addUser(https.store, 'matron@nhs.test', 'matron', ['unit:W1']);
      const b = browser(https.app);
      // Plain http as far as the app can tell: TLS ended at a proxy that said nothing of it.
      const res = await b.signIn('matron@nhs.test');
      expect(res.status).toBe(303);
      const cookies = res.headers.getSetCookie();
      expect(cookies.find((c) => c.startsWith('__Host-fft_session='))).toMatch(/; Secure/);
      expect(cookies.some((c) => c.startsWith('fft_session='))).toBe(false);
      expect([...b.jar.keys()].sort()).toEqual(['__Host-fft_csrf', deviceCookieName('development-secret-change-me', matronId, true), '__Host-fft_session'].sort());
      expect((await b.request('/dashboard')).status).toBe(200);
      const signOut = await b.form('/signout', {}, csrfTokenFor('development-secret-change-me', b.jar.get('__Host-fft_csrf')!, b.jar.get('__Host-fft_session')));
      expect(signOut.headers.getSetCookie().find((c) => c.startsWith('__Host-fft_session='))).toMatch(/; Secure/);
      expect(b.jar.has('__Host-fft_session')).toBe(false);
    } finally {
      await https.cleanup();
    }
    // In development (http://localhost) a plain request still gets plain cookies, so sign-in works there.
    const res = await browser(t.app).signIn('matron@nhs.test');
    expect(res.headers.getSetCookie().find((c) => c.startsWith('fft_session='))).not.toMatch(/Secure/);
  });

  it('gives the same answer for a wrong password and an unknown email, and keeps no session', async () => {
    const b = browser(t.app);
    const wrong = await b.signIn('matron@nhs.test', 'not the password at all');
    const unknown = await b.signIn('nobody@nhs.test', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toContain('The email address or password is not right');
    expect(await unknown.text()).toContain('The email address or password is not right');
    expect(b.jar.has('fft_session')).toBe(false);
    expect((await b.request('/api/v1/alerts?unit=W1')).status).toBe(401);
  });

  it('refuses an email address with a control character (400), before looking it up or writing the audit log', async () => {
    const before = (await t.store.listAudit(100)).length;
    const res = await browser(t.app).signIn('matron\u0000@nhs.test');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Enter your email address as it is written');
    expect((await t.store.listAudit(100)).length).toBe(before);
  });

  it(`locks the account after ${MAX_FAILURES} wrong passwords, even against the right one, for 15 minutes`, async () => {
    const b = browser(t.app);
    for (let i = 1; i < MAX_FAILURES; i++) expect((await b.signIn('matron@nhs.test', 'wrong password here')).status).toBe(401);
    expect((await b.signIn('matron@nhs.test', 'wrong password here')).status).toBe(429);
    const locked = await b.signIn('matron@nhs.test');
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('locked');
    t.clock.advance(LOCK_MS + 1000);
    expect((await b.signIn('matron@nhs.test')).status).toBe(303);
    expect((await t.store.findUserByEmail('matron@nhs.test'))?.failedSignIns).toBe(0);
    expect((await t.store.listAudit()).map((a) => a.action)).toEqual(expect.arrayContaining(['signin.failure', 'signin.lockout', 'signin.locked', 'signin']));
    // A guess is recorded as nobody's doing, with where it came from; the account holder's sign-in as theirs.
    const entries = await t.store.listAudit();
    for (const e of entries.filter((a) => a.action.startsWith('signin.'))) expect(e).toMatchObject({ actor: 'anonymous', target: 'matron@nhs.test', detail: expect.objectContaining({ address: expect.any(String) }) });
    expect(entries.find((a) => a.action === 'signin')).toMatchObject({ actor: expect.stringMatching(/^user:/), detail: { address: expect.any(String) } });
  });

  it(`checks at most ${MAX_FAILURES} passwords of an account per lock, however many guesses arrive at once`, async () => {
    const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => browser(t.app).signIn('matron@nhs.test', `wrong password ${i}`)));
    const statuses = guesses.map((res) => res.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_FAILURES - 1);
    expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
    expect((await browser(t.app).signIn('matron@nhs.test')).status).toBe(429);
    expect((await t.store.listAudit()).filter((a) => a.action === 'signin.failure' || a.action === 'signin.lockout').length).toBeLessThanOrEqual(MAX_FAILURES);
  });

  it('answers wrong passwords for an address with no account exactly as for an account: 401s, then locked for 15 minutes', async () => {
    const statuses = async (email: string) => {
      const b = browser(t.app);
      const seen: number[] = [];
      for (let i = 0; i <= MAX_FAILURES; i++) seen.push((await b.signIn(email, 'wrong password here')).status);
      return seen;
    };
    const account = await statuses('matron@nhs.test');
    const nobody = await statuses('nobody@nhs.test');
    expect(account).toEqual([401, 401, 401, 401, 429, 429]);
    expect(nobody).toEqual(account);
    const locked = await browser(t.app).signIn('Nobody@NHS.test', 'wrong password here');
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('This account is locked');
    t.clock.advance(LOCK_MS + 1000);
    expect((await browser(t.app).signIn('nobody@nhs.test', 'wrong password here')).status).toBe(401);
    expect((await t.store.listAudit()).filter((a) => a.target === 'nobody@nhs.test').map((a) => a.action)).toEqual(
      expect.arrayContaining(['signin.failure', 'signin.lockout', 'signin.locked']),
    );
  });

  it('keeps at most the given number of unknown addresses, dropping the oldest', () => {
    const clock = () => new Date('2026-12-01T12:00:00Z');
    const locks = unknownAddressLocks(clock, 3);
    for (let i = 0; i < MAX_FAILURES; i++) locks.fail('a@x');
    expect(locks.locked('a@x')).toBe(true);
    locks.fail('b@x');
    locks.fail('c@x');
    locks.fail('d@x');
    expect(locks.size).toBe(3);
    expect(locks.locked('a@x')).toBe(false); // the oldest went
  });

  it('refuses a form token from another session, even with its CSRF cookie planted (the token is bound to the session)', async () => {
    const attacker = browser(t.app);
    await attacker.signIn('commissioner@nhs.test');
    const stolenCookie = attacker.jar.get('fft_csrf')!;
    const stolenField = (await attacker.csrfFrom('/returns'))!;
    const victim = browser(t.app);
    await victim.signIn('matron@nhs.test');
    victim.jar.set('fft_csrf', stolenCookie);
    const signOut = await victim.form('/signout', {}, stolenField);
    expect(signOut.status).toBe(303);
    // Still signed in: the planted pair did not count as this session's token.
    expect((await victim.request('/api/v1/alerts?unit=W1')).status).toBe(200);
    // Its own page's token does.
    await victim.form('/signout', {}, (await victim.csrfFrom('/dashboard'))!);
    expect((await victim.request('/api/v1/alerts?unit=W1')).status).toBe(401);
  });

  it('names the CSRF cookie __Host-fft_csrf, Secure, behind HTTPS', async () => {
    const res = await t.app.request('https://fft.example.nhs.uk/signin');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-fft_csrf='))!;
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('signs in with any password the policy lets an admin set, up to the longest', async () => {
    // Letters in no order a guesser knows: one letter over and over, or a run, the rule refuses.
    let x = 20231001;
    const longest = Array.from({ length: 256 }, () => ((x = (x * 48271) % 2147483647), 'abcdefghijklmnopqrstuvwxyz'[x % 26])).join('');
    expect(await passwordProblem(longest)).toBeNull();
    await addUser(t.store, 'long@nhs.test', 'matron', ['unit:W1'], longest);
    expect((await browser(t.app).signIn('long@nhs.test', longest)).status).toBe(303);
    // Not by its first 200 characters alone.
    expect((await browser(t.app).signIn('long@nhs.test', longest.slice(0, 200))).status).toBe(401);
  });

  it('refuses a sign-in without the form’s CSRF token', async () => {
    const b = browser(t.app);
    await b.request('/signin');
    const res = await b.form('/signin', { email: 'matron@nhs.test', password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(b.jar.has('fft_session')).toBe(false);
  });

  it('goes back to the page asked for, but never to another site', async () => {
    const b = browser(t.app);
    let csrf = await b.csrfFrom('/signin?next=%2Fentry%3Funit%3DW1');
    expect((await b.form('/signin?next=%2Fentry%3Funit%3DW1', { email: 'matron@nhs.test', password: TEST_PASSWORD }, csrf)).headers.get('location')).toBe('/entry?unit=W1');
    for (const next of ['//evil.example', 'https://evil.example/', '/\\evil.example', '/\t/evil.example/x', '/\n/evil.example', '/%09/x\r', '/..//evil.example', '/.//evil.example/x', '/a/../..//evil.example', '/%2e%2e//evil.example']) {
      const other = browser(t.app);
      csrf = await other.csrfFrom('/signin');
      const res = await other.form(`/signin?next=${encodeURIComponent(next)}`, { email: 'matron@nhs.test', password: TEST_PASSWORD }, csrf);
      expect(res.headers.get('location')).toBe('/dashboard');
    }
  });

  it('reads sign-in and sign-out forms with a size limit, and answers a garbled one with 400, not 500', async () => {
    const b = browser(t.app);
    const csrf = await b.csrfFrom('/signin');
    const big = await b.form('/signin', { email: 'matron@nhs.test', password: 'x'.repeat(64 * 1024) }, csrf);
    expect(big.status).toBe(413);
    for (const path of ['/signin', '/signout']) {
      const garbled = await b.request(path, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zzz' }, body: '--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end' });
      expect(garbled.status, path).toBe(400);
    }
  });

  it('signs out: the session is gone from the server, not just the browser', async () => {
    const b = browser(t.app);
    await b.signIn('matron@nhs.test');
    const session = b.jar.get('fft_session')!;
    const csrf = await b.csrfFrom('/signin?next=/x').catch(() => null);
    expect(csrf).toBeNull(); // signed in: /signin redirects, no form
    const res = await b.form('/signout', {}, (await tokenFor(b))!);
    expect(res.status).toBe(303);
    const replay = await t.app.request('/api/v1/alerts?unit=W1', { headers: { cookie: `fft_session=${session}` } });
    expect(replay.status).toBe(401);
    expect((await t.store.listAudit()).map((a) => a.action)).toContain('signout');
  });

  it('never refuses staff signing in from one address (a trust\'s proxy at a shift change), while failures from it are still limited', async () => {
    for (let i = 0; i < 40; i++) await addUser(t.store, `nurse${i}@nhs.test`, 'matron', ['unit:W1']);
    for (let i = 0; i < 40; i++) expect((await browser(t.app).signIn(`nurse${i}@nhs.test`)).status, `nurse${i}`).toBe(303);
    const guesser = browser(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await guesser.signIn(`nobody${i}@nhs.test`, 'wrong password here')).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    // Now the address is limited, for a right password too, until the window ends.
    expect((await browser(t.app).signIn('nurse1@nhs.test')).status).toBe(429);
  });

  it('signs out even when the address has used up its sign-in attempts (a shared computer must be able to end its session)', async () => {
    const victim = browser(t.app);
    await victim.signIn('matron@nhs.test');
    const session = victim.jar.get('fft_session')!;
    const attacker = browser(t.app);
    const csrf = await attacker.csrfFrom('/signin');
    for (let i = 0; i < 40; i++) await attacker.form('/signin', { email: `guess${i}@nhs.test`, password: 'wrong password here' }, csrf);
    expect((await attacker.form('/signin', { email: 'x@nhs.test', password: 'wrong password here' }, csrf)).status).toBe(429);
    const res = await victim.form('/signout', {}, (await tokenFor(victim))!);
    expect(res.status).toBe(303);
    expect((await t.app.request('/api/v1/alerts?unit=W1', { headers: { cookie: `fft_session=${session}` } })).status).toBe(401);
  });

  it('ends the session of a deactivated user at once', async () => {
    const b = browser(t.app);
    await b.signIn('matron@nhs.test');
    const user = await t.store.findUserByEmail('matron@nhs.test');
    await t.store.updateUser(user!.id, { active: false });
    expect((await b.request('/api/v1/alerts?unit=W1')).status).toBe(401);
  });

  it('ends an idle session after 12 hours', async () => {
    // A longer absolute limit than the default, so that the idle one is what ends the session.
    const long = await testApp({ sessionMaxHours: 48 });
    try {
      await addUser(long.store, 'matron@nhs.test', 'matron', ['unit:W1']);
      const b = browser(long.app);
      await b.signIn('matron@nhs.test');
      long.clock.advance(11 * 3600_000);
      expect((await b.request('/api/v1/alerts?unit=W1')).status).toBe(200);
      long.clock.advance(11 * 3600_000); // slid on by the last request
      expect((await b.request('/api/v1/alerts?unit=W1')).status).toBe(200);
      long.clock.advance(12 * 3600_000 + 1);
      expect((await b.request('/api/v1/alerts?unit=W1')).status).toBe(401);
    } finally {
      await long.cleanup();
    }
  });

  it('ends a session 12 hours after sign-in however busy it is: a page then asks to sign in again (and comes back), a change is refused', async () => {
    const b = browser(t.app);
    await b.signIn('matron@nhs.test');
    for (let minutes = 30; minutes < 12 * 60; minutes += 30) {
      t.clock.advance(30 * 60_000);
      expect((await b.request('/dashboard/unit/W1')).status, `${minutes} minutes in`).toBe(200);
    }
    t.clock.advance(30 * 60_000 - 1);
    expect((await b.request('/api/v1/alerts?unit=W1')).status).toBe(200);
    const csrf = (await tokenFor(b))!;
    t.clock.advance(1);
    const change = await b.form('/dashboard/unit/W1/you-said', { youSaid: 'More chairs', weDid: 'Bought six' }, csrf);
    expect(change.status).toBe(401);
    expect(await change.text()).toContain('sign in again');
    const page = await b.request('/dashboard/unit/W1?range=week');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/signin?next=%2Fdashboard%2Funit%2FW1%3Frange%3Dweek');
    expect((await b.request('/api/v1/alerts?unit=W1')).status).toBe(401);
    // Signing in again starts a new 12 hours.
    expect((await b.signIn('matron@nhs.test')).status).toBe(303);
    t.clock.advance(11 * 3600_000);
    expect((await b.request('/dashboard/unit/W1')).status).toBe(200);
  });

  it('ends sessions after FFT_SESSION_MAX_HOURS, and at once for sessions already open when it is set lower', async () => {
    const short = await testApp({ sessionMaxHours: 2 });
    try {
      await addUser(short.store, 'matron@nhs.test', 'matron', ['unit:W1']);
      const b = browser(short.app);
      await b.signIn('matron@nhs.test');
      short.clock.advance(2 * 3600_000 - 1);
      expect((await b.request('/api/v1/alerts?unit=W1')).status).toBe(200);
      short.clock.advance(1);
      expect((await b.request('/api/v1/alerts?unit=W1')).status).toBe(401);
      // Signed in under 2 hours, presented 90 minutes later to the service restarted with 1 hour: ended.
      await b.signIn('matron@nhs.test');
      short.clock.advance(90 * 60_000);
      const restarted = createApp({ store: short.store, clock: short.clock, sessionMaxHours: 1 });
      expect((await browser(restarted.app).request('/api/v1/alerts?unit=W1', { headers: { cookie: `fft_session=${b.jar.get('fft_session')}` } })).status).toBe(401);
      restarted.alerts.stop();
    } finally {
      await short.cleanup();
    }
  });

  it('deletes ended sessions that are never presented again', async () => {
    const b = browser(t.app);
    await b.signIn('matron@nhs.test');
    const idHash = hashSessionId(b.jar.get('fft_session')!);
    await browser(t.app).signIn('commissioner@nhs.test');
    t.clock.advance(6 * 3600_000);
    await b.request('/dashboard'); // keeps hers from going idle
    t.clock.advance(6 * 3600_000);
    // The commissioner's went idle; the matron's reached its 12 hours.
    expect((await t.sessions.sweep()).sessions).toBe(2);
    expect(await t.store.findSession(idHash)).toBeUndefined();
  });

  it('takes a session on the API only from this site: another site’s link cannot export in her name', async () => {
    const b = browser(t.app);
    await b.signIn('commissioner@nhs.test');
    const url = '/api/v1/exports/monthly?month=2026-10&setting=inpatient&format=csv';
    for (const site of ['cross-site', 'same-site']) {
      const res = await b.request(url, { headers: { 'sec-fetch-site': site } });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('cross_site');
    }
    expect((await t.store.listAudit()).map((a) => a.action)).not.toContain('export.monthly');
    expect((await b.request(url, { headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    expect((await t.store.listAudit()).map((a) => a.action)).toContain('export.monthly');
  });

  it('needs the CSRF header for API changes made with a session (not with a bearer token)', async () => {
    const b = browser(t.app);
    await b.signIn('matron@nhs.test');
    const alert = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ youSaid: 'More chairs', weDid: 'Bought six', unit: 'W1' }) };
    const without = await b.request('/api/v1/you-said', alert);
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: { code: string } }).error.code).toBe('csrf');
    const token = (await tokenFor(b))!;
    const withToken = await b.request('/api/v1/you-said', { ...alert, headers: { ...alert.headers, 'x-csrf-token': token } });
    expect(withToken.status).toBeLessThan(300);
  });
});

describe('staff page guard', () => {
  function guarded() {
    const app = new Hono<WebEnv>();
    app.use('/secret/*', requireStaff({ store: t.store, clock: t.clock, secret: 'development-secret-change-me', sessionMaxMs: 12 * 3600_000 }, ['admin']));
    app.get('/secret/page', (c) => c.text(`hello ${c.get('user').email}`));
    app.post('/secret/page', (c) => c.text('changed'));
    app.route('/', t.app);
    return app;
  }

  it('sends a signed-out visitor to sign in, and answers 404 to a role that may not see the page', async () => {
    const app = guarded();
    const b = browser(app);
    const res = await b.request('/secret/page?x=1');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fsecret%2Fpage%3Fx%3D1');
    await b.signIn('matron@nhs.test');
    const denied = await b.request('/secret/page');
    expect(denied.status).toBe(404);
    expect(await denied.text()).toContain('Page not found');
  });

  it('lets no browser or proxy keep a copy of a staff page, or of comments read with a session', async () => {
    await addUser(t.store, 'admin@nhs.test', 'admin');
    const b = browser(t.app);
    await b.signIn('admin@nhs.test');
    for (const path of ['/admin', '/admin/users', '/admin/audit', '/admin/org', '/entry', '/dashboard', '/returns', '/api/v1/comments?level=unit&code=W1&from=2026-11-01&to=2026-11-30', '/api/v1/comments?level=unit&code=W1&from=2026-11-01&to=2026-11-30&original=1']) {
      const res = await b.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    // A page that chose its own caching keeps it.
    expect((await b.request('/results')).headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('lets the role in, and refuses its form POSTs without the CSRF field', async () => {
    await addUser(t.store, 'admin@nhs.test', 'admin');
    const b = browser(guarded());
    await b.signIn('admin@nhs.test');
    expect(await (await b.request('/secret/page')).text()).toBe('hello admin@nhs.test');
    expect((await b.form('/secret/page', { a: '1' })).status).toBe(403);
    expect((await b.form('/secret/page', { a: '1' }, 'forged')).status).toBe(403);
    expect(await (await b.form('/secret/page', { a: '1' }, (await tokenFor(b))!)).text()).toBe('changed');
  });
});

const stores: [string, (() => Promise<TestDb>) | null][] = [
  ['SQLite', async () => tempSqlite()],
  ['PostgreSQL', pgTestUrl() ? () => tempPostgres(pgTestUrl()!) : null],
];

describe.each(stores)('password hashes made before the cost rose (%s)', (_name, makeDb) => {
  it.skipIf(!makeDb)('are made again at today’s cost when their owner signs in, and only then', async () => {
    // The service's own cost here, not the tests' cheap one: this is the upgrade it will make.
    const s = await testApp({ db: await makeDb!(), passwordCost: PASSWORD_COST });
    try {
      const legacy = await hashPassword(TEST_PASSWORD, { N: 2 ** 14, r: 8, p: 1 });
      const id = uuidv7();
      await s.store.createUser({ id, email: 'matron@nhs.test', role: 'matron', scopes: ['unit:W1'], passwordHash: legacy, active: true, failedSignIns: 0, lockedUntil: null, createdAt: '2026-11-01T09:00:00.000Z' });
      expect((await browser(s.app).signIn('matron@nhs.test', 'not the password at all')).status).toBe(401);
      expect((await s.store.getUser(id))?.passwordHash).toBe(legacy);

      const b = browser(s.app);
      expect((await b.signIn('matron@nhs.test')).status).toBe(303);
      const upgraded = (await s.store.getUser(id))!.passwordHash;
      expect(upgraded).toMatch(/^scrypt\$16384\$8\$5\$/);
      expect(await verifyPassword(TEST_PASSWORD, upgraded)).toBe(true);
      // The session just started is not ended by the change (as a change of password would end it).
      expect((await b.request('/dashboard')).status).toBe(200);
      expect((await browser(s.app).signIn('matron@nhs.test')).status).toBe(303);
      expect((await s.store.getUser(id))?.passwordHash).toBe(upgraded);
    } finally {
      await s.cleanup();
    }
  });
});

/** The CSRF token for this browser's cookie, as any staff page would hand it out. */
async function tokenFor(b: ReturnType<typeof browser>): Promise<string | null> {
  const cookie = b.jar.get('fft_csrf');
  return cookie ? csrfTokenFor('development-secret-change-me', cookie, b.jar.get('fft_session')) : null;
}
