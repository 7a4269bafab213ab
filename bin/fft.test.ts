/**
 * `fft` runs the build in dist/ with plain node, no module loader registered on any thread,
 * while the build is of the sources as they are, and the TypeScript through tsx once a source has
 * changed. Against a copy of the repository built once here, so the real dist/ is never rebuilt
 * under other tests that run `fft` at the same time.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v4 as uuidv4 } from 'uuid';
import { startServerProcess } from '../bench/lib/server.ts';
import { openStore } from '../db/index.ts';
import { ORG } from '../db/store.contract.ts';
import { pgTestUrl, tempPostgres } from '../db/testing.ts';
import { REPO_ROOT } from '../repo.ts';
import { issueToken } from '../server/auth/tokens.ts';
import { systemClock } from '../server/clock.ts';

const exec = promisify(execFile);

// Every loader (tsx's included) is started by module.register; preloaded with --import, this
// runs on the main thread and on every worker, and logs each call.
const PROBE = `
import module from 'node:module';
import { appendFileSync } from 'node:fs';
const register = module.register;
module.register = function (...args) {
  appendFileSync(process.env.FFT_TEST_LOADER_LOG, String(args[0]) + '\\n');
  return register.apply(this, args);
};
module.syncBuiltinESMExports();
`;

let copy: string;
let loaderLog: string;
const node = (...args: string[]) => ['--import', join(copy, 'probe.mjs'), ...args];
const env = () => ({ ...process.env, FFT_TEST_LOADER_LOG: loaderLog });

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), 'fft-build-'));
  loaderLog = join(copy, 'loaders.log');
  for (const entry of ['server', 'db', 'analytics', 'bin', 'repo.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json']) {
    cpSync(join(REPO_ROOT, entry), join(copy, entry), { recursive: true, filter: (from) => !from.endsWith('.test.ts') });
  }
  for (const entry of ['kiosk', 'node_modules']) symlinkSync(join(REPO_ROOT, entry), join(copy, entry));
  writeFileSync(join(copy, 'probe.mjs'), PROBE);
  await exec(process.execPath, [join(copy, 'bin/build.js')], { cwd: copy });
}, 120_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('fft from the build', () => {
  it('serves pages, assets, migrations and comment analysis with no loader on any thread', async () => {
    const path = join(copy, 'fft.sqlite');
    // With SQLite's writer thread too, so both threads' entries are seen to load compiled.
    const server = await startServerProcess({ FFT_DB: path, FFT_SQLITE_WRITER_THREAD: '1', FFT_TEST_LOADER_LOG: loaderLog }, { bin: join(copy, 'bin/fft.js'), nodeArgs: node() });
    // The server migrated the empty database from db/migrations.
    const store = openStore(path);
    try {
      await store.upsertOrg(ORG);
      const { token } = await issueToken(store, systemClock, { role: 'integration' });

      const pages: [string, RegExp][] = [
        ['/signin', /<html/],
        // Welsh from the tablet's translation file, kiosk/app/i18n/cy.json.
        ['/f/W1?lang=cy', />Newid iaith</],
        ['/kiosk/', /<html/],
        ['/static/pages.css', /./],
        ['/web/static/staff.css', /./],
        ['/assets/nhsuk/nhsuk-frontend.min.css', /nhsuk/],
        ['/assets/chart.js/chart.umd.min.js', /Chart/],
      ];
      for (const [url, body] of pages) {
        const res = await fetch(server.url + url);
        expect([url, res.status]).toEqual([url, 200]);
        expect(await res.text()).toMatch(body);
      }

      const res = await fetch(`${server.url}/api/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ id: uuidv4(), unit: 'W1', answer: 1, channel: 'kiosk', comment: 'The nurses were kind and the ward was spotless.' }),
      });
      expect(res.status).toBe(201);
      // Analysed on the analysis thread, a moment after the commit.
      await expect
        .poll(async () => (await store.listComments({ unitCodes: ['W1'], from: '2000-01-01', to: '2100-12-31', limit: 10, offset: 0 })).comments[0]?.analysis?.labels.length ?? 0, { timeout: 30_000 })
        .toBeGreaterThan(0);
    } finally {
      await store.close();
      await server.stop();
    }
    expect(existsSync(loaderLog)).toBe(false);
  }, 60_000);

  it.runIf(pgTestUrl())('migrates PostgreSQL from db/migrations', async () => {
    const db = await tempPostgres(pgTestUrl()!);
    try {
      const { stdout, stderr } = await exec(process.execPath, node(join(copy, 'bin/fft.js'), 'migrate'), { env: { ...env(), FFT_DB: db.target, FFT_LOG_LEVEL: 'debug' } });
      expect(stdout).toMatch(/schema up to date \(postgres/);
      expect(stderr).toContain('fft: running the build in dist/');
    } finally {
      await db.cleanup();
    }
    expect(existsSync(loaderLog)).toBe(false);
  }, 60_000);

  it('starts a command other than serve without loading the server or the demo (each start of a script\'s command pays for what it loads)', async () => {
    // Moved away, as if they were not there: a command that imported them would fail to start.
    const away = ['dist/server/main.js', 'dist/server/cli/demo.js'].map((file) => join(copy, file));
    for (const file of away) renameSync(file, `${file}.away`);
    try {
      const { stdout, stderr } = await exec(process.execPath, [join(copy, 'bin/fft.js'), 'migrate'], { env: { ...process.env, FFT_DB: join(copy, 'no-server.sqlite'), FFT_LOG_LEVEL: 'debug' } });
      expect(stdout).toMatch(/schema up to date \(sqlite\)/);
      expect(stderr).toContain('fft: running the build in dist/');
    } finally {
      for (const file of away) renameSync(`${file}.away`, file);
    }
  }, 60_000);

  it('runs the TypeScript through tsx once a source has changed since the build, never the stale build', async () => {
    const cli = join(copy, 'server/cli/index.ts');
    writeFileSync(cli, readFileSync(cli, 'utf8').replace('fft — Friends and Family Test service', 'fft (edited) — Friends and Family Test service'));
    const { stdout, stderr } = await exec(process.execPath, node(join(copy, 'bin/fft.js'), 'help'), { env: { ...env(), FFT_LOG_LEVEL: 'debug' } });
    expect(stdout).toMatch(/^fft \(edited\) — /);
    expect(stderr).toContain('fft: running from source through tsx');
    expect(readFileSync(loaderLog, 'utf8')).toMatch(/tsx|esm/);
  }, 60_000);
});
