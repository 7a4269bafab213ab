#!/usr/bin/env node
// The `fft` command. The service is TypeScript run directly through tsx's loader, so there is
// no build step between a clone and a running service.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
