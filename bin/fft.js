#!/usr/bin/env node
// The `fft` command. Runs the service as compiled to dist/ by `npm run build` (which `npm install`
// runs) while that build is of the sources as they are; otherwise (no build, or a source edited
// since) runs the TypeScript itself through tsx's loader, so an edit needs no build step.
// Compiled, no loader thread starts: each costs ~20 MB (docs/BENCHMARKS.md).
import { buildIsCurrent } from './build-state.js';

const compiled = buildIsCurrent();
if (['debug', 'trace'].includes(process.env.FFT_LOG_LEVEL ?? '')) {
  process.stderr.write(compiled ? 'fft: running the build in dist/\n' : 'fft: running from source through tsx (no build, or sources changed since)\n');
}
let main;
if (compiled) {
  ({ main } = await import('../dist/server/cli/index.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../server/cli/index.ts'));
}
process.exitCode = await main(process.argv.slice(2));
