// The comment-analysis thread's entry when the service runs from source. Node 20's workers do not
// inherit the main thread's loader, so this plain JavaScript registers tsx for the TypeScript entry.
// Run from the build, the thread starts at the compiled entry instead, with no loader.
import { register } from 'tsx/esm/api';

register();
await import('./analysis.worker.ts');
