#!/usr/bin/env node
/**
 * `npm run build`, which `npm install` and `npm ci` also run (as `prepare`): the service compiled
 * to plain JavaScript in dist/ by `tsc -p tsconfig.build.json`, which bin/fft.js runs without
 * tsx's loader while the build is current (bin/build-state.js). The loader costs a thread with
 * its own V8 isolate in every thread that loads TypeScript, ~20 MB each (docs/BENCHMARKS.md).
 *
 * Emit only, neither type-checking nor resolving imports: `npm test` type-checks, and
 * isolatedModules makes each file compile on its own (the output was measured identical), so the
 * build takes seconds rather than half a minute.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { distDir, REPO, sourceState, stampFile } from './build-state.js';

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  process.stderr.write('fft: no build (TypeScript, a dev dependency, is not installed): fft will run from source through tsx\n');
  process.exit(0);
}
// Read before compiling: a source edited while tsc runs then no longer matches the stamp.
const state = sourceState();
// From empty, so nothing compiled from a removed source stays behind.
rmSync(distDir(), { recursive: true, force: true });
const { status } = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: REPO, stdio: 'inherit' });
if (status !== 0) process.exit(status ?? 1);
writeFileSync(stampFile(), JSON.stringify(state));
