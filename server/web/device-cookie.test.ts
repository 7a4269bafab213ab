import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgTestUrl, tempPostgres, tempSqlite, type TestDb } from '../../db/testing.ts';
import { csrfTokenFor } from '../pages/csrf.ts';
import { testApp } from '../testing.ts';
import { addUser, browser, TEST_PASSWORD } from './testing.ts';
import { LOCK_MS, MAX_FAILURES } from './signin.tsx';

const SECRET = 'development-secret-change-me';
const MATRON = 'matron@nhs.test';
const WRONG = 'wrong password here';

type Browser = ReturnType<typeof browser>;

const stores: [string, (() => Promise<TestDb>) | null][] = [
  ['SQLite', async () => tempSqlite()],
  ['PostgreSQL', pgTestUrl() ? () => tempPostgres(pgTestUrl()!) : null],
];

describe.each(stores)('device cookies (%s)', (_name, makeDb) => {
  const test = it.skipIf(!makeDb);
  let t: Awaited<ReturnType<typeof testApp>>;
  let matronId: string;
  beforeEach(async () => {
    if (!makeDb) return;
    t = await testApp({ db: await makeDb() });
    matronId = await addUser(t.store, MATRON, 'matron', ['unit:W1']);
    await addUser(t.store, 'commissioner@nhs.test', 'commissioner', ['trust:RAA']);
    await addUser(t.store, 'admin@nhs.test', 'admin');
  });
  afterEach(async () => t?.cleanup());

  async function signOut(b: Browser) {
    expect((await b.form('/signout', {}, csrfTokenFor(SECRET, b.jar.get('fft_csrf')!, b.jar.get('fft_session')))).status).toBe(303);
  }

  /** A browser that has signed in as `email` (so holds a device cookie) and signed out again. */
  async function signedInBefore(email: string, password = TEST_PASSWORD) {
    const b = browser(t.app);
    expect((await b.signIn(email, password)).status).toBe(303);
    await signOut(b);
    return b;
  }

  /** An attacker's guesses from browsers with no device cookie, until the account is locked. */
  async function lockAccount(email = MATRON) {
    const attacker = browser(t.app);
    for (let i = 0; i < MAX_FAILURES; i++) await attacker.signIn(email, WRONG);
    expect((await browser(t.app).signIn(email)).status).toBe(429);
  }

  test('lets the matron sign in from a browser she signed in from before while an attacker’s guesses have her account locked', async () => {
    const matron = await signedInBefore(MATRON);
    expect(matron.jar.has('fft_device')).toBe(true); // signing out left it
    await lockAccount();
    expect((await matron.signIn(MATRON)).status).toBe(303);
    expect((await matron.request('/dashboard')).status).toBe(200);
    // Everyone else is still locked out of the account.
    expect((await browser(t.app).signIn(MATRON)).status).toBe(429);
    expect((await t.store.listAudit()).find((a) => a.action === 'signin')).toMatchObject({ actor: `user:${matronId}`, target: MATRON, detail: { device: true } });
  });

  test(`locks her browser, not her account, after ${MAX_FAILURES} wrong passwords from it, and logs it as a lockout`, async () => {
    const matron = await signedInBefore(MATRON);
    const laptop = await signedInBefore(MATRON);
    const seen: number[] = [];
    for (let i = 0; i <= MAX_FAILURES; i++) seen.push((await matron.signIn(MATRON, WRONG)).status);
    // The same answers as for an account or an unknown address.
    expect(seen).toEqual([401, 401, 401, 401, 429, 429]);
    const locked = await matron.signIn(MATRON);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('This account is locked');
    expect(await t.store.getUser(matronId)).toMatchObject({ failedSignIns: 0, lockedUntil: null });
    expect((await laptop.signIn(MATRON)).status).toBe(303);
    expect((await browser(t.app).signIn(MATRON)).status).toBe(303);
    expect((await t.store.listAudit()).find((a) => a.action === 'signin.lockout')).toMatchObject({
      actor: 'anonymous',
      target: MATRON,
      detail: { user: matronId, failures: MAX_FAILURES, device: true, address: expect.any(String) },
    });
    t.clock.advance(LOCK_MS + 1000);
    expect((await matron.signIn(MATRON)).status).toBe(303);
  });

  test(`checks at most ${MAX_FAILURES} passwords from her browser per lock, however many guesses arrive at once`, async () => {
    const matron = await signedInBefore(MATRON);
    const statuses = (await Promise.all(Array.from({ length: 12 }, (_, i) => matron.signIn(MATRON, `${WRONG} ${i}`)))).map((res) => res.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_FAILURES - 1);
    expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
    expect((await matron.signIn(MATRON)).status).toBe(429);
    expect((await browser(t.app).signIn(MATRON)).status).toBe(303);
  });

  test('counts her browser’s wrong passwords afresh after a right one', async () => {
    const matron = await signedInBefore(MATRON);
    const before = matron.jar.get('fft_device')!;
    for (let i = 1; i < MAX_FAILURES; i++) expect((await matron.signIn(MATRON, WRONG)).status).toBe(401);
    expect((await matron.signIn(MATRON)).status).toBe(303);
    expect(matron.jar.get('fft_device')).not.toBe(before); // a new one at each sign-in
    // The cookie she had before (kept elsewhere, say) is counted from nothing, not on from where it was.
    const copy = browser(t.app);
    copy.jar.set('fft_device', before);
    for (let i = 1; i < MAX_FAILURES; i++) expect((await copy.signIn(MATRON, WRONG)).status).toBe(401);
    expect((await t.store.getUser(matronId))?.failedSignIns).toBe(0);
  });

  test('treats a forged or altered device cookie, one signed with FFT_SECRET itself, or another user’s, as no device cookie', async () => {
    const matron = await signedInBefore(MATRON);
    const commissioner = await signedInBefore('commissioner@nhs.test');
    await lockAccount();
    const own = matron.jar.get('fft_device')!;
    const signed = decodeURIComponent(own);
    const [id, generation, nonce, signature] = signed.split('.') as [string, string, string, string];
    const value = `${id}.${generation}.${nonce}`;
    const untrusted = {
      forged: `${value}.${'A'.repeat(43)}=`,
      altered: `${id}.${generation}.${nonce.startsWith('A') ? 'B' : 'A'}${nonce.slice(1)}.${signature}`,
      'signed with FFT_SECRET': `${value}.${createHmac('sha256', SECRET).update(value).digest('base64')}`,
      'another user’s': decodeURIComponent(commissioner.jar.get('fft_device')!),
    };
    for (const [what, cookie] of Object.entries(untrusted)) {
      const b = browser(t.app);
      b.jar.set('fft_device', encodeURIComponent(cookie));
      expect((await b.signIn(MATRON)).status, what).toBe(429);
    }
    const b = browser(t.app);
    b.jar.set('fft_device', own);
    expect((await b.signIn(MATRON)).status).toBe(303);
  });

  test('lets her in from her own browser, locked by her own wrong passwords, as soon as an admin unlocks her', async () => {
    const matron = await signedInBefore(MATRON);
    for (let i = 0; i < MAX_FAILURES; i++) await matron.signIn(MATRON, WRONG);
    expect((await matron.signIn(MATRON)).status).toBe(429);
    const admin = browser(t.app);
    await admin.signIn('admin@nhs.test');
    const res = await admin.form(`/admin/users/${matronId}/unlock`, {}, csrfTokenFor(SECRET, admin.jar.get('fft_csrf')!, admin.jar.get('fft_session')));
    expect(res.status).toBe(303);
    expect((await matron.signIn(MATRON)).status).toBe(303);
    expect((await t.store.listAudit()).find((a) => a.action === 'user.unlock')).toMatchObject({ target: matronId });
  });

  test('stops trusting her browsers once an admin resets her password, changes her role or deactivates her', async () => {
    const admin = browser(t.app);
    await admin.signIn('admin@nhs.test');
    const post = async (path: string, fields: Record<string, string>) => {
      const res = await admin.form(path, fields, csrfTokenFor(SECRET, admin.jar.get('fft_csrf')!, admin.jar.get('fft_session')));
      expect(res.status, path).toBe(303);
    };
    const NEW = 'a brand new passphrase';
    const changes: [string, () => Promise<void>][] = [
      ['password reset', () => post(`/admin/users/${matronId}/password`, { password: NEW })],
      ['role change', () => post(`/admin/users/${matronId}/role`, { role: 'matron', scopes: 'unit:ED' })],
      ['deactivation', async () => {
        await post(`/admin/users/${matronId}/active`, { active: '0' });
        await post(`/admin/users/${matronId}/active`, { active: '1' });
      }],
    ];
    for (const [what, change] of changes) {
      const password = what === 'password reset' ? TEST_PASSWORD : NEW;
      const old = await signedInBefore(MATRON, password);
      await change();
      const since = await signedInBefore(MATRON, NEW);
      await lockAccount();
      expect((await old.signIn(MATRON, NEW)).status, what).toBe(429);
      expect((await since.signIn(MATRON, NEW)).status, what).toBe(303);
      await signOut(since);
      t.clock.advance(LOCK_MS + 1000);
    }
  });
});

describe('the device cookie', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  afterEach(async () => t.cleanup());

  it('is HttpOnly, SameSite=Lax, kept for a year, and Secure with the __Host- prefix, read back under that name, over HTTPS', async () => {
    t = await testApp();
    await addUser(t.store, MATRON, 'matron', ['unit:W1']);
    const plain = (await browser(t.app).signIn(MATRON)).headers.getSetCookie().find((c) => c.startsWith('fft_device='))!;
    expect(plain).toMatch(/; Max-Age=31536000/);
    expect(plain).toMatch(/; Path=\//);
    expect(plain).toMatch(/; HttpOnly/);
    expect(plain).toMatch(/; SameSite=Lax/);
    expect(plain).not.toMatch(/Secure/);

    const https = await testApp({ publicUrl: 'https://fft.example.nhs.uk' });
    try {
      await addUser(https.store, MATRON, 'matron', ['unit:W1']);
      const b = browser(https.app);
      const cookie = (await b.signIn(MATRON)).headers.getSetCookie().find((c) => c.startsWith('__Host-fft_device='))!;
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).toMatch(/; Max-Age=31536000/);
      expect(b.jar.has('fft_device')).toBe(false);
      await b.form('/signout', {}, csrfTokenFor(SECRET, b.jar.get('__Host-fft_csrf')!, b.jar.get('__Host-fft_session')));
      expect(b.jar.has('__Host-fft_device')).toBe(true);
      const attacker = browser(https.app);
      for (let i = 0; i < MAX_FAILURES; i++) await attacker.signIn(MATRON, WRONG);
      expect((await attacker.signIn(MATRON)).status).toBe(429);
      expect((await b.signIn(MATRON)).status).toBe(303);
    } finally {
      await https.cleanup();
    }
  });
});
