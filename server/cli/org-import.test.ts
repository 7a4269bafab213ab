import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { main } from './index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'fft-org-import-'));
// Were the file read, it would go to this database, never the working copy's.
vi.stubEnv('FFT_DB', path.join(dir, 'fft.sqlite'));
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

it('fft org import refuses a file that is not UTF-8, saying so, rather than store "�"', async () => {
  const file = path.join(dir, 'org.csv');
  const header = 'icb_code,icb_name,trust_code,trust_name,site_code,site_name,unit_code,unit_name,setting,specialty_1,specialty_2,question';
  writeFileSync(file, Buffer.from(`${header}\nQAA,Test ICB,RAA,Test Trust,RAA01,General,W1,Caf\xe9 Ward,inpatient,,,fft-2020\n`, 'latin1'));
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    expect(await main(['org', 'import', file])).toBe(2);
    expect(errors.mock.calls.flat().join('\n')).toContain('is not UTF-8 text');
  } finally {
    errors.mockRestore();
  }
});
