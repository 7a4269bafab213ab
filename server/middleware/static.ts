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
  /**
   * Text files to change before serving, by extension (e.g. `.css`). Each file is changed once
   * and kept: the folders served do not change while the server runs.
   */
  rewrite?: Record<string, (text: string) => string>;
}

/**
 * nhsuk-frontend's stylesheet without the `@font-face` rules that fetch Frutiger from
 * assets.nhs.uk: the font is licensed and not in the package, and our Content-Security-Policy
 * (font-src 'self') refuses it, so every page logged errors before falling back to Arial. Without
 * the rules the font stack falls back to Arial quietly. (The package's own switch,
 * `$nhsuk-include-font-face: false`, needs a Sass build, which this service does not have.)
 * A font rule cannot hold braces, so a rule ends at its first `}`.
 */
export function withoutRemoteFonts(css: string): string {
  return css.replace(/@font-face\s*\{[^}]*\}/g, (rule) => (/url\(\s*["']?(?:[a-z]+:)?\/\//i.test(rule) ? '' : rule));
}

export function staticFolder(root: string, options: StaticOptions = {}) {
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  const rewritten = new Map<string, Promise<string>>();
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
      const headers = { 'content-type': type, 'cache-control': options.cacheControl?.(path) ?? 'public, max-age=3600' };
      const rewrite = options.rewrite?.[extname(file).toLowerCase()];
      if (!rewrite) return c.body(await readFile(file), 200, headers);
      let text = rewritten.get(file);
      if (!text) {
        text = readFile(file, 'utf8').then(rewrite);
        rewritten.set(file, text);
        // A failed read is not kept: the next request tries again.
        text.catch(() => rewritten.delete(file));
      }
      return c.body(await text, 200, headers);
    } catch {
      return null;
    }
  };
}
