import { describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_SECRET, loadConfig } from './config.ts';

const SECRET = 'config-test-secret-0123456789abcdef';

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

  it('reads an on/off variable as 1/0 (or true/false, yes/no, on/off), and refuses anything else rather than take the default', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ FFT_TRUST_PROXY: 'on' }).trustProxy).toBe(true);
    expect(loadConfig({ FFT_TRUST_PROXY: ' Yes ' }).trustProxy).toBe(true);
    expect(loadConfig({ FFT_ANALYSIS_THREAD: '' }).analysisThread).toBe(true);
    expect(loadConfig({ FFT_ANALYSIS_THREAD: 'off' }).analysisThread).toBe(false);
    expect(loadConfig({ FFT_SQLITE_WRITER_THREAD: '1' }).sqliteWriterThread).toBe(true);
    for (const name of ['FFT_TRUST_PROXY', 'FFT_ANALYSIS_THREAD', 'FFT_SQLITE_WRITER_THREAD']) {
      expect(() => loadConfig({ [name]: 'enabled' }), name).toThrow(new ConfigError(`${name} must be 1 (on) or 0 (off), not "enabled"`));
    }
  });

  it('takes FFT_PUBLIC_URL only as a whole http(s) address, since links and webhook signatures are built on it', () => {
    expect(loadConfig({ PORT: '4300' }).publicUrl).toBe('http://localhost:4300');
    expect(loadConfig({ FFT_PUBLIC_URL: 'https://fft.example.nhs.uk/', FFT_SECRET: SECRET }).publicUrl).toBe('https://fft.example.nhs.uk');
    for (const bad of ['localhost:3000', 'fft.example.nhs.uk', 'ftp://fft.example.nhs.uk']) {
      expect(() => loadConfig({ FFT_PUBLIC_URL: bad }), bad).toThrow(new ConfigError(`FFT_PUBLIC_URL must be the address the service is reached at, as https://fft.example.nhs.uk, not "${bad}"`));
    }
  });

  it('refuses to run an https deployment on the development FFT_SECRET, or on one too short to be a secret', () => {
    expect(loadConfig({}).secret).toBe(DEVELOPMENT_SECRET);
    expect(loadConfig({ FFT_PUBLIC_URL: 'http://localhost:3000' }).secret).toBe(DEVELOPMENT_SECRET);
    expect(loadConfig({ FFT_PUBLIC_URL: 'https://fft.example.nhs.uk', FFT_SECRET: SECRET }).secret).toBe(SECRET);
    const unset = new ConfigError('FFT_SECRET must be set when FFT_PUBLIC_URL is https (a real deployment): make one with `openssl rand -hex 32`');
    expect(() => loadConfig({ FFT_PUBLIC_URL: 'https://fft.example.nhs.uk' })).toThrow(unset);
    expect(() => loadConfig({ FFT_PUBLIC_URL: 'https://fft.example.nhs.uk', FFT_SECRET: '' })).toThrow(unset);
    // Set, a short one is refused wherever it runs: it was chosen, and chosen wrong.
    for (const url of ['https://fft.example.nhs.uk', 'http://localhost:3000']) {
      expect(() => loadConfig({ FFT_PUBLIC_URL: url, FFT_SECRET: 'changeme' }), url).toThrow(new ConfigError('FFT_SECRET must be at least 32 characters, not 8: make one with `openssl rand -hex 32`'));
    }
    expect(loadConfig({ FFT_SECRET: 'x'.repeat(32) }).secret).toBe('x'.repeat(32));
  });

  it('refuses a log level pino does not have, and a port that is not one; a blank PORT is the default, not a random port', () => {
    expect(loadConfig({ FFT_LOG_LEVEL: 'debug' }).port).toBe(3000);
    expect(() => loadConfig({ FFT_LOG_LEVEL: 'INFO' })).toThrow(ConfigError);
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
    for (const bad of ['abc', '70000', '-1', '80.5']) expect(() => loadConfig({ PORT: bad }), bad).toThrow(new ConfigError(`PORT must be a port number (0 to 65535), not "${bad}"`));
    expect(() => loadConfig({ FFT_SQLITE_SYNCHRONOUS: 'fast' })).toThrow(ConfigError);
    expect(() => loadConfig({ FFT_MIN_FREE_MB: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig({ FFT_SESSION_MAX_HOURS: '0' })).toThrow(ConfigError);
  });
});
