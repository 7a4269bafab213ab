import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('keeps the inbound spool next to a SQLite database, in ./data/spool beside PostgreSQL, or where FFT_SPOOL_DIR says', () => {
    expect(loadConfig({}).spoolDir).toBe('data/spool');
    expect(loadConfig({ FFT_DB: '/var/lib/fft/fft.sqlite' }).spoolDir).toBe('/var/lib/fft/spool');
    expect(loadConfig({ FFT_DB: 'postgres://fft@db.internal:5432/fft' }).spoolDir).toBe('./data/spool');
    expect(loadConfig({ FFT_DB: 'postgres://fft@db.internal:5432/fft', FFT_SPOOL_DIR: '/srv/spool-a' }).spoolDir).toBe('/srv/spool-a');
  });

  it('reads the free space /readyz needs in MiB (64 unless FFT_MIN_FREE_MB says), refusing anything but a whole number', () => {
    expect(loadConfig({}).minFreeDiskBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ FFT_MIN_FREE_MB: '512' }).minFreeDiskBytes).toBe(512 * 1024 * 1024);
    expect(loadConfig({ FFT_MIN_FREE_MB: '0' }).minFreeDiskBytes).toBe(0);
    for (const bad of ['-1', '1.5', 'lots']) expect(() => loadConfig({ FFT_MIN_FREE_MB: bad })).toThrow(/FFT_MIN_FREE_MB must be a whole number of MiB/);
  });
});
