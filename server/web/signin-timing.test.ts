import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Counts scrypt verifications: how long a sign-in takes is almost all scrypt, so a path that skips
// it answers in a few milliseconds where the others take tens, and the difference can be timed.
const verified = vi.hoisted(() => ({ count: 0 }));
vi.mock('../auth/passwords.ts', async (original) => {
  const real = await original<typeof import('../auth/passwords.ts')>();
  return {
    ...real,
    verifyPassword: async (...args: Parameters<typeof real.verifyPassword>) => {
      verified.count++;
      return real.verifyPassword(...args);
    },
  };
});

const { testApp } = await import('../testing.ts');
const { addUser, browser } = await import('./testing.ts');

let t: Awaited<ReturnType<typeof testApp>>;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.cleanup());

describe('sign-in timing', () => {
  it('checks the password of a deactivated account as of any other, so its answer cannot be told apart by time', async () => {
    const id = await addUser(t.store, 'leaver@nhs.test', 'matron', ['unit:W1']);
    await t.store.updateUser(id, { active: false });
    for (const email of ['leaver@nhs.test', 'nobody@nhs.test']) {
      verified.count = 0;
      const res = await browser(t.app).signIn(email, 'not the password at all');
      expect(res.status, email).toBe(401);
      expect(verified.count, email).toBe(1);
    }
    // And the right password still does not let a deactivated account in.
    expect((await browser(t.app).signIn('leaver@nhs.test')).status).toBe(401);
  });
});
