/** The staff-app part of the store contract, run against SQLite and PostgreSQL alike. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Store, UserRecord } from './store.ts';
import type { TestDb } from './testing.ts';
import { ORG, response } from './store.contract.ts';

function user(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: uuidv7(), email: `${uuidv7()}@nhs.test`, passwordHash: 'scrypt$x', role: 'matron', scopes: ['unit:W1'],
    active: true, failedSignIns: 0, lockedUntil: null, createdAt: '2026-04-01T09:00:00.000Z', deviceGeneration: 0, ...overrides,
  };
}

export function describeStaffContract(name: string, makeDb: () => Promise<TestDb>) {
  describe(`staff store contract: ${name}`, () => {
    let db: TestDb;
    let store: Store;

    beforeAll(async () => {
      db = await makeDb();
      store = db.open();
      await store.migrate();
    });
    afterAll(async () => {
      await store?.close();
      await db?.cleanup();
    });
    beforeEach(async () => {
      await store.upsertOrg(ORG);
    });

    it('keeps sessions by the hash of their id, with their user, until deleted', async () => {
      const u = user();
      await store.createUser(u);
      const s = { idHash: `h-${uuidv7()}`, userId: u.id, createdAt: '2026-04-01T09:00:00.000Z', expiresAt: '2026-04-01T17:00:00.000Z', lastSeenAt: '2026-04-01T09:00:00.000Z' };
      await store.createSession(s);
      await store.createSession({ ...s, idHash: `${s.idHash}-2` });
      expect(await store.findSession(s.idHash)).toEqual({ session: s, user: u });
      await store.touchSession(s.idHash, '2026-04-01T10:00:00.000Z', '2026-04-01T18:00:00.000Z');
      expect((await store.findSession(s.idHash))?.session).toMatchObject({ lastSeenAt: '2026-04-01T10:00:00.000Z', expiresAt: '2026-04-01T18:00:00.000Z' });
      await store.deleteSession(s.idHash);
      expect(await store.findSession(s.idHash)).toBeUndefined();
      expect(await store.findSession(`${s.idHash}-2`)).toBeDefined();
      expect(await store.deleteUserSessions(u.id)).toBe(1);
      expect(await store.findSession(`${s.idHash}-2`)).toBeUndefined();
    });

    it('deletes the sessions that have ended, idle or past their absolute end, and no others', async () => {
      const u = user();
      await store.createUser(u);
      const session = (name: string, createdAt: string, expiresAt: string) => ({ idHash: `${name}-${uuidv7()}`, userId: u.id, createdAt, expiresAt, lastSeenAt: createdAt });
      const idle = session('idle', '2026-04-01T06:00:00.000Z', '2026-04-01T11:59:59.999Z');
      const idleNow = session('idle-now', '2026-04-01T07:00:00.000Z', '2026-04-01T12:00:00.000Z');
      const signedInLongAgo = session('long-ago', '2026-03-31T23:59:59.999Z', '2026-04-01T20:00:00.000Z');
      const signedInAtLimit = session('at-limit', '2026-04-01T00:00:00.000Z', '2026-04-01T20:00:00.000Z');
      const live = session('live', '2026-04-01T00:00:00.001Z', '2026-04-01T12:00:00.001Z');
      for (const s of [idle, idleNow, signedInLongAgo, signedInAtLimit, live]) await store.createSession(s);
      expect(await store.deleteEndedSessions('2026-04-01T12:00:00.000Z', '2026-04-01T00:00:00.000Z')).toBe(4);
      for (const s of [idle, idleNow, signedInLongAgo, signedInAtLimit]) expect(await store.findSession(s.idHash), s.idHash).toBeUndefined();
      expect((await store.findSession(live.idHash))?.session).toEqual(live);
      expect(await store.deleteEndedSessions('2026-04-01T12:00:00.000Z', '2026-04-01T00:00:00.000Z')).toBe(0);
    });

    it('puts a re-made password hash in place only while the old one is still there', async () => {
      const u = user({ passwordHash: 'scrypt$16384$8$1$old' });
      await store.createUser(u);
      expect(await store.replacePasswordHash(u.id, 'scrypt$16384$8$1$old', 'scrypt$16384$8$5$new')).toBe(true);
      expect((await store.getUser(u.id))?.passwordHash).toBe('scrypt$16384$8$5$new');
      // An admin set another password meanwhile: the sign-in that checked the old one does not put it back.
      await store.updateUser(u.id, { passwordHash: 'scrypt$16384$8$5$set-by-admin' });
      expect(await store.replacePasswordHash(u.id, 'scrypt$16384$8$5$new', 'scrypt$16384$8$5$again')).toBe(false);
      expect((await store.getUser(u.id))?.passwordHash).toBe('scrypt$16384$8$5$set-by-admin');
      expect(await store.replacePasswordHash('nobody', 'scrypt$16384$8$5$set-by-admin', 'x')).toBe(false);
    });

    it('lists and updates users', async () => {
      const u = user({ email: `a-${uuidv7()}@nhs.test` });
      await store.createUser(u);
      expect(await store.getUser(u.id)).toEqual(u);
      expect((await store.listUsers()).map((x) => x.id)).toContain(u.id);
      expect(await store.updateUser(u.id, { role: 'commissioner', scopes: ['trust:RAA'], failedSignIns: 3, lockedUntil: '2026-04-01T09:15:00.000Z', active: false })).toBe(true);
      expect(await store.getUser(u.id)).toMatchObject({ role: 'commissioner', scopes: ['trust:RAA'], failedSignIns: 3, lockedUntil: '2026-04-01T09:15:00.000Z', active: false });
      expect(await store.updateUser(u.id, {})).toBe(true);
      expect(await store.updateUser('nobody', { active: true })).toBe(false);
      expect(await store.getUser('nobody')).toBeUndefined();
    });

    it('counts sign-in attempts in one statement, and none while the user is locked', async () => {
      const u = user({ failedSignIns: 2 });
      await store.createUser(u);
      expect(await Promise.all([1, 2, 3].map(() => store.countSignInAttempt(u.id, '2026-04-01T09:00:00.000Z')))).toEqual(expect.arrayContaining([3, 4, 5]));
      await store.updateUser(u.id, { failedSignIns: 0, lockedUntil: '2026-04-01T09:15:00.000Z' });
      expect(await store.countSignInAttempt(u.id, '2026-04-01T09:14:59.999Z')).toBeUndefined();
      expect(await store.countSignInAttempt(u.id, '2026-04-01T09:15:00.000Z')).toBe(1);
      expect(await store.countSignInAttempt('nobody', '2026-04-01T09:00:00.000Z')).toBeUndefined();
      expect((await store.getUser(u.id))?.failedSignIns).toBe(1);
    });

    it('counts a device cookie’s sign-in attempts in one statement, each device on its own, and none while it is locked', async () => {
      const [nonce, other, never] = [uuidv7(), uuidv7(), uuidv7()];
      const at = (time: string) => `2026-04-01T${time}Z`;
      expect(await Promise.all([1, 2, 3].map(() => store.countDeviceSignInAttempt(nonce, at('09:00:00.000'))))).toEqual(expect.arrayContaining([1, 2, 3]));
      expect(await store.countDeviceSignInAttempt(other, at('09:00:00.000'))).toBe(1);
      await store.lockDevice(nonce, at('09:15:00.000'));
      expect(await store.countDeviceSignInAttempt(nonce, at('09:14:59.999'))).toBeUndefined();
      expect(await store.countDeviceSignInAttempt(other, at('09:14:59.999'))).toBe(2);
      expect(await store.countDeviceSignInAttempt(nonce, at('09:15:00.000'))).toBe(1);
      // A right password: counted from nothing again.
      await store.clearDevice(other);
      expect(await store.countDeviceSignInAttempt(other, at('09:16:00.000'))).toBe(1);
      // A lock holds even for a device whose count went meanwhile (a right password from a copy of its cookie).
      await store.lockDevice(never, at('09:15:00.000'));
      expect(await store.countDeviceSignInAttempt(never, at('09:00:00.000'))).toBeUndefined();
    });

    it('deletes device cookies’ counts with no lock left and no wrong password since a lock window ago, and keeps every other', async () => {
      // A month before the other tests' devices, so none of theirs is old enough to go here.
      const at = (time: string) => `2026-03-01T${time}Z`;
      const [now, failedBy] = [at('10:00:00.000'), at('09:45:00.000')];
      const fail = async (nonce: string, ...times: string[]) => {
        for (const time of times) await store.countDeviceSignInAttempt(nonce, at(time));
      };
      const [old, atWindow, stillCounting, lockOver, lockOverNow, locked, lockedAlone] = Array.from({ length: 7 }, () => uuidv7());
      await fail(old, '08:00:00.000', '09:00:00.000');
      await fail(atWindow, '09:45:00.000');
      // Four wrong guesses, the last within the window: wiping them would let a fifth be the first.
      await fail(stillCounting, '09:00:00.000', '09:10:00.000', '09:20:00.000', '09:45:00.001');
      await fail(lockOver, '09:00:00.000', '09:01:00.000', '09:02:00.000', '09:03:00.000', '09:04:00.000');
      await store.lockDevice(lockOver, at('09:19:00.000'));
      await fail(lockOverNow, '09:45:00.000');
      await store.lockDevice(lockOverNow, now);
      await fail(locked, '09:00:00.000');
      await store.lockDevice(locked, at('10:00:00.001'));
      // Locked with no count before it (a right password from a copy of the cookie deleted it).
      await store.lockDevice(lockedAlone, at('10:15:00.000'));

      expect(await store.deleteEndedDeviceLockouts(now, failedBy)).toBe(4);
      expect(await store.deleteEndedDeviceLockouts(now, failedBy)).toBe(0);
      // A device whose count went starts again from 1; a kept one goes on counting, or stays locked.
      for (const nonce of [old, atWindow, lockOver, lockOverNow]) expect(await store.countDeviceSignInAttempt(nonce, now), nonce).toBe(1);
      expect(await store.countDeviceSignInAttempt(stillCounting, now)).toBe(5);
      expect(await store.countDeviceSignInAttempt(locked, now)).toBeUndefined();
      expect(await store.countDeviceSignInAttempt(lockedAlone, now)).toBeUndefined();
      // A lock window on, with every lock over and no guess since: every one goes.
      expect(await store.deleteEndedDeviceLockouts(at('10:15:00.000'), at('10:00:00.000'))).toBe(7);
    });

    it('revokes a user’s device cookies by raising their generation, once for each call however many at once', async () => {
      const u = user();
      await store.createUser(u);
      expect(await store.revokeDevices(u.id)).toBe(true);
      expect(await Promise.all([store.revokeDevices(u.id), store.revokeDevices(u.id)])).toEqual([true, true]);
      expect(await store.getUser(u.id)).toEqual({ ...u, deviceGeneration: 3 });
      expect(await store.revokeDevices('nobody')).toBe(false);
    });

    it('changes a unit in place, only the fields given, and leaves its site alone', async () => {
      expect(await store.updateUnit('DN', { name: 'District Nursing', active: false, negativeThreshold: 0.3, specialty1: '314' })).toBe(true);
      expect(await store.getUnit('DN')).toMatchObject({ name: 'District Nursing', active: false, negativeThreshold: 0.3, specialty1: '314', setting: 'community', question: 'fft-2013', siteCode: 'RAA02' });
      expect(await store.updateUnit('DN', { setting: 'mental-health', question: 'fft-2020', specialty1: null, active: true, negativeThreshold: null }, '2026-11')).toBe(true);
      expect(await store.getUnit('DN')).toMatchObject({ name: 'District Nursing', active: true, negativeThreshold: null, specialty1: null, setting: 'mental-health', question: 'fft-2020' });
      expect(await store.updateUnit('DN', {})).toBe(true);
      expect(await store.updateUnit('NOPE', { active: false })).toBe(false);
      expect(await store.updateUnit('NOPE', {})).toBe(false);
      // Back as the test org has it, in the same month: each test's org import changes no setting.
      expect(await store.updateUnit('DN', { setting: 'community' }, '2026-11')).toBe(true);
    });

    it('adds a site with no unit yet, lists it with its trust and ICB, and renames it in place', async () => {
      expect(await store.addSite({ code: 'RAA09', name: 'Riverside', trustCode: 'RAA' })).toBe(true);
      const listed = await store.listSites();
      expect(listed.find((s) => s.code === 'RAA09')).toEqual({ code: 'RAA09', name: 'Riverside', trustCode: 'RAA', trustName: 'Test Trust', icbCode: 'QAA', icbName: 'Test ICB' });
      expect(listed.map((s) => s.code)).toEqual(expect.arrayContaining(['RAA01', 'RAA02', 'RAA09']));
      // The same code again changes nothing, not even the name.
      expect(await store.addSite({ code: 'RAA09', name: 'Other', trustCode: 'RAA' })).toBe(false);
      expect((await store.listSites()).find((s) => s.code === 'RAA09')?.name).toBe('Riverside');

      expect(await store.renameSite('RAA02', 'Community Services')).toBe(true);
      // Its units carry the new name; their own fields and standing stay as they were.
      expect(await store.getUnit('DN')).toMatchObject({ siteCode: 'RAA02', siteName: 'Community Services', trustCode: 'RAA', name: 'District Nurses' });
      expect(await store.renameSite('NOPE', 'x')).toBe(false);
    });

    it('finds audit records newest first, by action family, exact actions and actor', async () => {
      const tag = uuidv7().slice(-8);
      const entries = [
        { at: '2026-04-01T09:00:00.000Z', actor: `user:${tag}`, action: `t${tag}.add` },
        { at: '2026-04-01T09:01:00.000Z', actor: `user:${tag}`, action: `t${tag}` },
        { at: '2026-04-01T09:02:00.000Z', actor: 'cli', action: `t${tag}.revoke` },
        { at: '2026-04-01T09:03:00.000Z', actor: `user:${tag}`, action: `t${tag}x.add` },
      ];
      for (const e of entries) await store.appendAudit({ id: uuidv7(), target: null, detail: { n: 1 }, ...e });
      const family = await store.findAudit({ action: `t${tag}`, limit: 10 });
      expect(family.map((a) => a.action)).toEqual([`t${tag}.revoke`, `t${tag}`, `t${tag}.add`]);
      expect(family[0]!.detail).toEqual({ n: 1 });
      expect((await store.findAudit({ action: `t${tag}`, limit: 1, offset: 1 })).map((a) => a.action)).toEqual([`t${tag}`]);
      expect((await store.findAudit({ actions: [`t${tag}.add`, `t${tag}x.add`], actor: `user:${tag}`, limit: 10 })).map((a) => a.action)).toEqual([`t${tag}x.add`, `t${tag}.add`]);
      expect(await store.findAudit({ actions: [], limit: 10 })).toEqual([]);
      expect((await store.findAudit({ actor: 'cli', action: `t${tag}`, limit: 10 })).map((a) => a.action)).toEqual([`t${tag}.revoke`]);
    });

    it('takes a response back out of the response table and every rollup in one go', async () => {
      const units = ORG.map((o) => o.unitCode);
      const month = { unitCodes: units, from: '2026-01', to: '2026-12', grain: 'month' as const };
      const before = {
        daily: await store.dailyCounts(),
        trust: await store.sumCounts({ ...month, org: { level: 'trust', code: 'RAA' } }),
        site: await store.sumCounts({ ...month, unitCodes: ['W1', 'ED'], org: { level: 'site', code: 'RAA01' } }),
        answers: await store.sumCounts({ unitCodes: units, from: '2026-01-01', to: '2026-12-31', grain: 'day' }),
      };
      const keep = response({ answer: 2, mode: 'paper-discharge', channel: 'paper', answeredDay: '2026-05-03' });
      const undo = response({ answer: 2, mode: 'paper-discharge', channel: 'paper', answeredDay: '2026-05-03', comment: 'Kind staff' });
      const flagged = response({ answer: 6, flagged: true, answeredDay: '2026-05-04' });
      await store.insertResponses([keep, undo, flagged]);
      await store.saveCommentAnalyses([{ responseId: undo.id, unitCode: 'W1', day: '2026-05-03', labels: [{ subCategory: 'Staff manner & personal attributes', category: 'General' }], sentiment: 1, concern: null, redactedInternal: 'Kind staff', redactedPublic: 'Kind staff', modelVersion: 't', analysedAt: '2026-05-03T10:00:00.000Z' }]);

      expect(await store.deleteResponse(undo.id)).toMatchObject({ id: undo.id, answer: 2, comment: 'Kind staff' });
      expect(await store.deleteResponse(flagged.id)).toMatchObject({ id: flagged.id, flagged: true });
      expect(await store.deleteResponse(undo.id)).toBeUndefined();
      expect(await store.getResponse(undo.id)).toBeUndefined();
      expect((await store.listComments({ unitCodes: ['W1'], from: '2026-05-01', to: '2026-05-31', limit: 50, offset: 0 })).comments.map((c) => c.id)).not.toContain(undo.id);
      expect(await store.dailyCounts()).toEqual(await store.recountDaily());
      expect(await store.monthlyCounts()).toEqual(await store.recountMonthly());
      await store.deleteResponse(keep.id);
      // Back to exactly where it started: no zero cells left behind in any rollup.
      expect(await store.dailyCounts()).toEqual(before.daily);
      expect(await store.sumCounts({ ...month, org: { level: 'trust', code: 'RAA' } })).toEqual(before.trust);
      expect(await store.sumCounts({ ...month, unitCodes: ['W1', 'ED'], org: { level: 'site', code: 'RAA01' } })).toEqual(before.site);
      expect(await store.sumCounts({ unitCodes: units, from: '2026-01-01', to: '2026-12-31', grain: 'day' })).toEqual(before.answers);
    });
  });
}
