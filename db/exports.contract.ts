/** The export-log part of the store contract, run against SQLite and PostgreSQL alike. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { ExportRecord } from './exports-store.ts';
import type { Store } from './store.ts';
import type { TestDb } from './testing.ts';

function record(overrides: Partial<ExportRecord> = {}): ExportRecord {
  return {
    id: uuidv7(), month: '2026-10', setting: 'inpatient', variant: 'full', format: 'csv', actor: 'cli',
    createdAt: '2026-11-05T09:00:00.000Z', content: { sheets: [] }, ...overrides,
  };
}

export function describeExportsContract(name: string, makeDb: () => Promise<TestDb>) {
  describe(`exports store contract: ${name}`, () => {
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

    it('keeps an export with its content, given back as it was saved', async () => {
      const content = {
        scope: { all: false, scopes: ['trust:RAA'] },
        sheets: [{ name: 'Wards', columns: ['Ward Name', 'Total Responses', 'Very Good'], rows: [{ key: 'unit:W1', cells: { 'Ward Name': 'Ward 1 — Cardiología 😊', 'Total Responses': 12, 'Very Good': '*' } }] }],
      };
      const saved = record({ month: '2026-09', content });
      await store.saveExport(saved);
      expect(await store.lastExport({ month: '2026-09', setting: 'inpatient' })).toEqual(saved);
      expect(await store.listExports({ month: '2026-09', setting: 'inpatient' })).toEqual([saved]);
    });

    it('finds the newest export of a month and setting, by variant when asked', async () => {
      const older = record({ createdAt: '2026-11-05T09:00:00.000Z', variant: 'full' });
      const newer = record({ createdAt: '2026-11-06T09:00:00.000Z', variant: 'publishable', format: 'xlsx', actor: 'user:u1' });
      const otherMonth = record({ month: '2026-11', createdAt: '2026-12-01T09:00:00.000Z' });
      const otherSetting = record({ setting: 'ae', createdAt: '2026-12-01T09:00:00.000Z' });
      // Saved out of time order: the newest is found by when it was made, not when it was stored.
      for (const r of [newer, otherMonth, older, otherSetting]) await store.saveExport(r);
      expect(await store.lastExport({ month: '2026-10', setting: 'inpatient' })).toEqual(newer);
      expect(await store.lastExport({ month: '2026-10', setting: 'inpatient', variant: 'full' })).toEqual(older);
      expect(await store.lastExport({ month: '2026-10', setting: 'ae' })).toEqual(otherSetting);
      expect(await store.lastExport({ month: '2026-08', setting: 'inpatient' })).toBeUndefined();
      expect(await store.lastExport({ month: '2026-10', setting: 'maternity' })).toBeUndefined();
      expect((await store.listExports({ month: '2026-10', setting: 'inpatient' })).map((r) => r.id)).toEqual([newer.id, older.id]);
      expect((await store.listExports({ month: '2026-10', setting: 'inpatient', limit: 1 })).map((r) => r.id)).toEqual([newer.id]);
      expect((await store.listExports({ month: '2026-10', setting: 'inpatient', variant: 'publishable' })).map((r) => r.id)).toEqual([newer.id]);
    });

    it('orders exports made in the same millisecond by id (time-ordered ids)', async () => {
      const at = '2026-12-02T09:00:00.000Z';
      const first = record({ month: '2026-07', createdAt: at });
      const second = record({ month: '2026-07', createdAt: at });
      await store.saveExport(second);
      await store.saveExport(first);
      expect((await store.lastExport({ month: '2026-07', setting: 'inpatient' }))?.id).toBe(second.id);
    });

    it('refuses a second export with the same id', async () => {
      const r = record({ month: '2026-06' });
      await store.saveExport(r);
      await expect(store.saveExport({ ...r, actor: 'someone else' })).rejects.toThrow();
      expect((await store.lastExport({ month: '2026-06', setting: 'inpatient' }))?.actor).toBe('cli');
    });
  });
}
