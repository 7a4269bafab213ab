import { describe, expect, it, vi } from 'vitest';

// The work each scrypt call is given (N·r·p), to compare checks without timing them.
const work = vi.hoisted(() => ({ total: 0 }));
vi.mock('node:crypto', async (original) => {
  const real = await original<typeof import('node:crypto')>();
  return {
    ...real,
    scrypt: (...args: Parameters<typeof real.scrypt>) => {
      const options = args[3] as { N: number; r: number; p: number };
      work.total += options.N * options.r * options.p;
      return (real.scrypt as (...a: unknown[]) => void)(...args);
    },
  };
});

const { hashPassword, needsRehash, PASSWORD_COST, passwordProblem, verifyPassword } = await import('./passwords.ts');

const LEGACY = { N: 2 ** 14, r: 8, p: 1 };

describe('password hashes', () => {
  it('are made at OWASP’s scrypt setting for 16 MiB: N=2^14, r=8, p=5', async () => {
    expect(128 * PASSWORD_COST.N * PASSWORD_COST.r).toBe(16 * 1024 * 1024);
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$16384\$8\$5\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  });

  it('still check passwords hashed at the old cost, and say they need making again', async () => {
    const old = await hashPassword('correct horse battery staple', LEGACY);
    expect(await verifyPassword('correct horse battery staple', old)).toBe(true);
    expect(await verifyPassword('wrong horse battery staple', old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('correct horse battery staple'))).toBe(false);
    // Below in any one parameter is below; above today's in one is not made lower.
    expect(needsRehash('scrypt$16384$4$5$salt$hash')).toBe(true);
    expect(needsRehash('scrypt$8192$8$5$salt$hash')).toBe(true);
    expect(needsRehash('scrypt$32768$8$5$salt$hash')).toBe(false);
  });

  it('check an old hash with as much work as a hash at today’s cost (an unknown address is checked against one), so a stopwatch cannot tell the accounts left on it', async () => {
    const old = await hashPassword('correct horse battery staple', LEGACY);
    const current = await hashPassword('correct horse battery staple');
    const spent = async (stored: string, cost = PASSWORD_COST) => {
      work.total = 0;
      await verifyPassword('a wrong guess at it', stored, cost);
      return work.total;
    };
    expect(await spent(old)).toBe(await spent(current));
    // A hash above the cost asked for takes what it takes: nothing is added.
    expect(await spent(current, LEGACY)).toBe(2 ** 14 * 8 * 5);
  });
});

/** A password of the longest length allowed that no rule refuses: letters in no order a guesser knows. */
function longestPassword(): string {
  let x = 20231001;
  return Array.from({ length: 256 }, () => ((x = (x * 48271) % 2147483647), 'abcdefghijklmnopqrstuvwxyz'[x % 26])).join('');
}

describe('the password rule', () => {
  it('refuses what a guesser tries first, whatever its length, saying why', async () => {
    const refused: [string, string][] = [
      ['aaaaaaaaaaaa', 'must not be the same characters over and over (like aaaaaaaaaaaa or passwordpassword)'],
      ['abcabcabcabc', 'must not be the same characters over and over (like aaaaaaaaaaaa or passwordpassword)'],
      ['passwordpassword', 'must not be the same characters over and over (like aaaaaaaaaaaa or passwordpassword)'],
      ['PasswordPASSWORD', 'must not be the same characters over and over (like aaaaaaaaaaaa or passwordpassword)'],
      ['123456789012', 'must not be letters, digits or keys in order (like 123456789012, abcdefghijkl or qwertyuiopas)'],
      ['210987654321', 'must not be letters, digits or keys in order (like 123456789012, abcdefghijkl or qwertyuiopas)'],
      ['abcdefghijkl', 'must not be letters, digits or keys in order (like 123456789012, abcdefghijkl or qwertyuiopas)'],
      ['QWERTYUIOPAS', 'must not be letters, digits or keys in order (like 123456789012, abcdefghijkl or qwertyuiopas)'],
      ['xyzabcdefghij', 'must not be letters, digits or keys in order (like 123456789012, abcdefghijkl or qwertyuiopas)'],
      ['password1234', 'must not be just the word password or NHS with digits or symbols'],
      ['Password123!', 'must not be just the word password or NHS with digits or symbols'],
      ['nhs123456789', 'must not be just the word password or NHS with digits or symbols'],
      ['2026NHS-2026', 'must not be just the word password or NHS with digits or symbols'],
    ];
    for (const [password, problem] of refused) expect(await passwordProblem(password), password).toBe(problem);
    expect(await passwordProblem('Sister.Jones2026!', 'sister.jones@trust.nhs.uk')).toBe('must not contain the part of the email address before the @');
    expect(await passwordProblem('short')).toBe('must be at least 12 characters');
    // Long enough, and no pattern above, but on (or a step from) the lists guessers start with.
    for (const common of ['football1234', 'iloveyou1234', 'manchesterunited', '1qaz2wsx3edc', 'Welcome2026!', 'leavemealone', 'liverpool1892']) {
      expect(await passwordProblem(common), common).toBe('is too easy to guess: it is, or is close to, a commonly used password (like football1234 or Welcome2026!)');
    }
  });

  it('lets through the passwords staff choose and the tests and demo use', async () => {
    for (const password of [
      'correct horse battery staple',
      'a long enough passphrase',
      'a passphrase sent down a pipe',
      'typed at the console',
      'bench-trust-Password-1',
      'demo-Xy3_kq9ZpA0bCdE',
      'my password is the river Avon',
      'nhs fft on ward 7 at night',
      '738291046573',
      'qwerty lemon 1234',
      longestPassword(),
    ]) {
      expect(await passwordProblem(password), password).toBeNull();
    }
    // The same password for someone whose address does not hold it, or holds too short a name to refuse on.
    expect(await passwordProblem('Sister.Jones2026!', 'matron@trust.nhs.uk')).toBeNull();
    expect(await passwordProblem('journey to the moon', 'jo@trust.nhs.uk')).toBeNull();
  });
});
