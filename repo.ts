/**
 * The repository's root folder, whether the service runs from source (through tsx or vitest) or
 * from the build in dist/. The files it reads at run time (the tablet app, static assets, comment
 * models, translations, migrations) are read from the source tree either way: the build holds
 * compiled JavaScript only, so no copy of them can go stale and an edited stylesheet or a
 * retrained model needs no rebuild.
 */
import { fileURLToPath } from 'node:url';

// Compiled, this module is dist/repo.js: one folder further down.
export const REPO_ROOT = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './' : '../', import.meta.url));
