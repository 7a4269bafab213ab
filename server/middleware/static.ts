/**
 * Serves files from one folder, by absolute path, with no way out of it. Used for the kiosk
 * app and for nhsuk-frontend's styles and images (served locally: no CDN, no external fonts).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticOptions {
  /** Request paths (after the mount) served by another file, e.g. a version-free name. */
  aliases?: Record<string, string>;
  cacheControl?: (path: string) => string;
}

export function staticFolder(root: string, options: StaticOptions = {}) {
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  return async (c: Context, relative: string): Promise<Response | null> => {
    let path: string;
    try {
      path = decodeURIComponent(relative).replace(/^\/+/, '') || 'index.html';
    } catch {
      return null;
    }
    path = options.aliases?.[path] ?? path;
    const file = normalize(join(base, path));
    if (!file.startsWith(base) || path.split('/').some((part) => part.startsWith('.'))) return null;
    const type = CONTENT_TYPES[extname(file).toLowerCase()];
    if (!type) return null;
    try {
      if (!(await stat(file)).isFile()) return null;
      const body = await readFile(file);
      return c.body(body, 200, { 'content-type': type, 'cache-control': options.cacheControl?.(path) ?? 'public, max-age=3600' });
    } catch {
      return null;
    }
  };
}
