import { createHmac, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgTestUrl, tempPostgres, tempSqlite, type TestDb } from '../../db/testing.ts';
import { csrfTokenFor } from '../pages/csrf.ts';
import { testApp } from '../testing.ts';
import { addUser, browser, TEST_PASSWORD } from './testing.ts';
import { LOCK_MS, MAX_FAILURES } from './signin.tsx';
import { deviceCookieName, MAX_DEVICE_COOKIES } from './device-cookie.ts';

const SECRET = 'development-secret-change-me';
const MATRON = 'matron@nhs.test';
const WRONG = 'wrong password here';

type Browser = ReturnType<typeof browser>;

/** The key device cookies are signed with (as `device-cookie.ts` derives it from FFT_SECRET). */
const DEVICE_KEY = createHmac('sha256', SECRET).update('fft/staff/device-cookie/v1').digest();

/** The name of `userId`'s device cookie in a browser (over plain http unless `secure`). */
const deviceName = (userId: string, secure = false) => deviceCookieName(SECRET, userId, secure);
/** The device cookies a browser holds (their names), of either scheme and either kind. */
const deviceCookiesIn = (b: Browser) => [...b.jar.keys()].filter((name) => /^(__Host-)?fft_device(_|$)/.test(name)).sort();

const stores: [string, (() => Promise<TestDb>) | null][] = [
  ['SQLite', async () => tempSqlite()],
  ['PostgreSQL', pgTestUrl() ? () => tempPostgres(pgTestUrl()!) : null],
];

describe.each(stores)('device cookies (%s)', (_name, makeDb) => {
  const test = it.skipIf(!makeDb);
  let t: Awaited<ReturnType<typeof testApp>>;
  let matronId: string;
  let commissionerId: string;
  beforeEach(async () => {
    if (!makeDb) return;
    t = await testApp({ db: await makeDb() });
    matronId = await addUser(t.store, MATRON, 'matron', ['unit:W1']);
    commissionerId = await addUser(t.store, 'commissioner@nhs.test', 'commissioner', ['trust:RAA']);
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
    expect(deviceCookiesIn(matron)).toEqual([deviceName(matronId)]); // signing out left it
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
    const before = matron.jar.get(deviceName(matronId))!;
    for (let i = 1; i < MAX_FAILURES; i++) expect((await matron.signIn(MATRON, WRONG)).status).toBe(401);
    expect((await matron.signIn(MATRON)).status).toBe(303);
    expect(matron.jar.get(deviceName(matronId))).not.toBe(before); // a new one at each sign-in
    // The cookie she had before (kept elsewhere, say) is counted from nothing, not on from where it was.
    const copy = browser(t.app);
    copy.jar.set(deviceName(matronId), before);
    for (let i = 1; i < MAX_FAILURES; i++) expect((await copy.signIn(MATRON, WRONG)).status).toBe(401);
    expect((await t.store.getUser(matronId))?.failedSignIns).toBe(0);
  });

  test('treats a forged or altered device cookie, one signed with FFT_SECRET itself, or another user’s, as no device cookie', async () => {
    const matron = await signedInBefore(MATRON);
    const commissioner = await signedInBefore('commissioner@nhs.test');
    await lockAccount();
    const own = matron.jar.get(deviceName(matronId))!;
    const signed = decodeURIComponent(own);
    const value = signed.slice(0, signed.lastIndexOf('.'));
    const signature = signed.slice(signed.lastIndexOf('.') + 1);
    const [id, generation, nonce, order] = value.split('.') as [string, string, string, string];
    expect(id).toBe(matronId);
    const untrusted = {
      forged: `${value}.${'A'.repeat(43)}=`,
      altered: `${id}.${generation}.${nonce.startsWith('A') ? 'B' : 'A'}${nonce.slice(1)}.${order}.${signature}`,
      'signed with FFT_SECRET': `${value}.${createHmac('sha256', SECRET).update(value).digest('base64')}`,
      'another user’s': decodeURIComponent(commissioner.jar.get(deviceName(commissionerId))!),
    };
    // Under her cookie's name, under the single name of before, and both at once.
    for (const names of [[deviceName(matronId)], ['fft_device'], [deviceName(matronId), 'fft_device']]) {
      for (const [what, cookie] of Object.entries(untrusted)) {
        const b = browser(t.app);
        for (const name of names) b.jar.set(name, encodeURIComponent(cookie));
        expect((await b.signIn(MATRON)).status, `${what} as ${names.join(' and ')}`).toBe(429);
      }
    }
    // Her good cookie under another user's name trusts for nobody: not for him, and not for her.
    const swapped = browser(t.app);
    swapped.jar.set(deviceName(commissionerId), own);
    await lockAccount('commissioner@nhs.test');
    expect((await swapped.signIn('commissioner@nhs.test')).status).toBe(429);
    expect((await swapped.signIn(MATRON)).status).toBe(429);
    const b = browser(t.app);
    b.jar.set(deviceName(matronId), own);
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

  /** Signs in at `b` and out again, as staff do at a ward's shared computer. */
  async function useShared(b: Browser, email: string) {
    expect((await b.signIn(email)).status, email).toBe(303);
    await signOut(b);
  }

  test('trusts a shared ward computer for each of the staff who signed in at it, not only the last', async () => {
    const nurseId = await addUser(t.store, 'nurse@nhs.test', 'matron', ['unit:W1']);
    const ward = browser(t.app);
    await useShared(ward, MATRON);
    const matrons = ward.jar.get(deviceName(matronId));
    await useShared(ward, 'nurse@nhs.test');
    expect(deviceCookiesIn(ward)).toEqual([deviceName(matronId), deviceName(nurseId)].sort());
    expect(ward.jar.get(deviceName(matronId))).toBe(matrons); // the nurse's sign-in left the matron's cookie alone
    await lockAccount(MATRON);
    await lockAccount('nurse@nhs.test');
    expect((await ward.signIn(MATRON)).status).toBe(303);
    await signOut(ward);
    expect((await ward.signIn('nurse@nhs.test')).status).toBe(303);
    await signOut(ward);
    // Each is counted and locked on her own cookie: the matron's wrong passwords there lock only her.
    for (let i = 0; i < MAX_FAILURES; i++) await ward.signIn(MATRON, WRONG);
    expect((await ward.signIn(MATRON)).status).toBe(429);
    expect((await ward.signIn('nurse@nhs.test')).status).toBe(303);
    // Everywhere else both accounts are still locked.
    expect((await browser(t.app).signIn(MATRON)).status).toBe(429);
    expect((await browser(t.app).signIn('nurse@nhs.test')).status).toBe(429);
  });

  test(`keeps at most ${MAX_DEVICE_COOKIES} device cookies in a browser, dropping a bad one first, then theirs who signed in there longest ago`, async () => {
    const staff = await Promise.all(Array.from({ length: MAX_DEVICE_COOKIES + 1 }, async (_, i) => {
      const email = `nurse${i}@nhs.test`;
      return { email, id: await addUser(t.store, email, 'matron', ['unit:W1']) };
    }));
    const ward = browser(t.app);
    const bad = `fft_device_${'A'.repeat(16)}`;
    ward.jar.set(bad, encodeURIComponent(`${'x'.repeat(36)}.0.nonce.99.${'A'.repeat(43)}=`));
    for (const { email } of staff.slice(0, MAX_DEVICE_COOKIES)) await useShared(ward, email);
    // The tenth good cookie pushed out the bad one.
    expect(deviceCookiesIn(ward)).toEqual(staff.slice(0, MAX_DEVICE_COOKIES).map((s) => deviceName(s.id)).sort());
    // One of them signs in again (the one whose cookie's name sorts first, so that neither the
    // names nor the order cookies were first set in can stand in for when each last signed in
    // there); then the one who signed in there longest ago is the first of the others.
    const again = staff.slice(0, MAX_DEVICE_COOKIES).reduce((a, b) => (deviceName(b.id) < deviceName(a.id) ? b : a));
    const oldest = staff.find((s) => s !== again)!;
    await useShared(ward, again.email);
    const newcomer = staff[MAX_DEVICE_COOKIES]!;
    await useShared(ward, newcomer.email);
    expect(deviceCookiesIn(ward)).toHaveLength(MAX_DEVICE_COOKIES);
    expect(deviceCookiesIn(ward)).toEqual(staff.filter((s) => s !== oldest).map((s) => deviceName(s.id)).sort());
    expect(ward.jar.has('fft_csrf')).toBe(true); // other cookies are none of its business
    for (const { email } of [again, oldest, newcomer]) await lockAccount(email);
    expect((await ward.signIn(oldest.email)).status).toBe(429);
    expect((await ward.signIn(again.email)).status).toBe(303);
    await signOut(ward);
    expect((await ward.signIn(newcomer.email)).status).toBe(303);
  });

  /** A device cookie of the single name of before (`userId.deviceGeneration.nonce`), as a browser may still hold one. */
  async function oldCookie(userId: string) {
    const value = `${userId}.${(await t.store.getUser(userId))!.deviceGeneration}.${randomBytes(16).toString('base64url')}`;
    return encodeURIComponent(`${value}.${createHmac('sha256', DEVICE_KEY).update(value).digest('base64')}`);
  }

  test('honours a device cookie of the single name of before for the user it names, until she is given one of her own', async () => {
    const ward = browser(t.app);
    ward.jar.set('fft_device', await oldCookie(matronId));
    await lockAccount(MATRON);
    const res = await ward.signIn(MATRON);
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('fft_device='))).toMatch(/Max-Age=0/);
    expect(deviceCookiesIn(ward)).toEqual([deviceName(matronId)]);
    expect((await t.store.listAudit()).find((a) => a.action === 'signin')).toMatchObject({ detail: { device: true } });
    await signOut(ward);
    expect((await ward.signIn(MATRON)).status).toBe(303);
    // Not for anyone else, and not once revoked.
    const other = browser(t.app);
    other.jar.set('fft_device', await oldCookie(commissionerId));
    expect((await other.signIn(MATRON)).status).toBe(429);
    const revoked = browser(t.app);
    revoked.jar.set('fft_device', await oldCookie(matronId));
    await t.store.revokeDevices(matronId);
    expect((await revoked.signIn(MATRON)).status).toBe(429);
  });

  test('leaves a device cookie of the single name of before in place when someone else signs in, so it still trusts for its user', async () => {
    const ward = browser(t.app);
    const old = await oldCookie(commissionerId);
    ward.jar.set('fft_device', old);
    await useShared(ward, MATRON);
    expect(ward.jar.get('fft_device')).toBe(old);
    expect(deviceCookiesIn(ward)).toEqual([deviceName(matronId), 'fft_device'].sort());
    await lockAccount('commissioner@nhs.test');
    expect((await ward.signIn('commissioner@nhs.test')).status).toBe(303);
    expect(deviceCookiesIn(ward)).toEqual([deviceName(commissionerId), deviceName(matronId)].sort());
  });

  test('answers an unknown email, and a wrong password, from a browser full of device cookies as from any other, and leaves its cookies be', async () => {
    const ward = browser(t.app);
    await useShared(ward, MATRON);
    await useShared(ward, 'commissioner@nhs.test');
    const before = new Map(ward.jar);
    const nobody = await ward.signIn('nobody@nhs.test', WRONG);
    expect(nobody.status).toBe(401);
    expect(await nobody.text()).toContain('The email address or password is not right');
    expect(nobody.headers.getSetCookie().some((c) => c.includes('fft_device'))).toBe(false);
    const wrong = await ward.signIn(MATRON, WRONG);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.getSetCookie().some((c) => c.includes('fft_device'))).toBe(false);
    for (const name of deviceCookiesIn(ward)) expect(ward.jar.get(name), name).toBe(before.get(name));
  });

  test('names each user’s device cookie by a keyed hash of her id, not the id itself', async () => {
    const name = deviceName(matronId);
    expect(name).toMatch(/^fft_device_[\w-]{16}$/);
    expect(name).not.toContain(matronId.slice(0, 8));
    expect(deviceName(matronId, true)).toBe(`__Host-${name}`);
    expect(deviceCookieName('another secret', matronId, false)).not.toBe(name);
    expect(deviceName(commissionerId)).not.toBe(name);
  });
});

describe('the device cookie', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  afterEach(async () => t.cleanup());

  it('is HttpOnly, SameSite=Lax, kept for a year, and Secure with the __Host- prefix, read back under that name, over HTTPS', async () => {
    t = await testApp();
    const matronId = await addUser(t.store, MATRON, 'matron', ['unit:W1']);
    const plain = (await browser(t.app).signIn(MATRON)).headers.getSetCookie().find((c) => c.startsWith(`${deviceName(matronId)}=`))!;
    expect(plain).toMatch(/; Max-Age=31536000/);
    expect(plain).toMatch(/; Path=\//);
    expect(plain).toMatch(/; HttpOnly/);
    expect(plain).toMatch(/; SameSite=Lax/);
    expect(plain).not.toMatch(/Secure/);

    const https = await testApp({ publicUrl: 'https://fft.example.nhs.uk' });
    try {
      const matronId = await addUser(https.store, MATRON, 'matron', ['unit:W1']);
      const b = browser(https.app);
      const cookie = (await b.signIn(MATRON)).headers.getSetCookie().find((c) => c.startsWith(`${deviceName(matronId, true)}=`))!;
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).toMatch(/; Max-Age=31536000/);
      expect(deviceCookiesIn(b)).toEqual([deviceName(matronId, true)]);
      await b.form('/signout', {}, csrfTokenFor(SECRET, b.jar.get('__Host-fft_csrf')!, b.jar.get('__Host-fft_session')));
      expect(deviceCookiesIn(b)).toEqual([deviceName(matronId, true)]);
      const attacker = browser(https.app);
      for (let i = 0; i < MAX_FAILURES; i++) await attacker.signIn(MATRON, WRONG);
      expect((await attacker.signIn(MATRON)).status).toBe(429);
      expect((await b.signIn(MATRON)).status).toBe(303);
      // One of the single name of before, __Host- too, is honoured and then replaced there as well.
      const value = `${matronId}.${(await https.store.getUser(matronId))!.deviceGeneration}.${randomBytes(16).toString('base64url')}`;
      const upgraded = browser(https.app);
      upgraded.jar.set('__Host-fft_device', encodeURIComponent(`${value}.${createHmac('sha256', DEVICE_KEY).update(value).digest('base64')}`));
      const res = await upgraded.signIn(MATRON);
      expect(res.status).toBe(303);
      const dropped = res.headers.getSetCookie().find((c) => c.startsWith('__Host-fft_device='))!;
      for (const attribute of [/; Max-Age=0/, /; Path=\//, /; Secure/]) expect(dropped).toMatch(attribute);
      expect(deviceCookiesIn(upgraded)).toEqual([deviceName(matronId, true)]);
    } finally {
      await https.cleanup();
    }
  });
});
