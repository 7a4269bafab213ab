/**
 * Browser-test helpers: Debian's Chromium driven by playwright-core, one per test file, each
 * test in a fresh context of it (so cookies, service workers, caches and IndexedDB start empty,
 * as in a new profile), axe-core injected from node_modules (no CDN), and a tiny static server
 * for tests that do not need the real one.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type BrowserContext, type Page } from 'playwright-core';
import { CONTENT_TYPES } from '../../server/middleware/static.ts';

export const CHROMIUM_PATH = process.env.FFT_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface KioskBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

let running: Promise<Browser> | undefined;

/**
 * The test file's Chromium, started at first use. Starting Chromium costs seconds on a busy
 * two-core machine and a context a fraction of that, so a file starts one and gives each test a
 * context of its own; `afterAll(closeChromium)` ends it.
 */
export function sharedChromium(): Promise<Browser> {
  running ??= chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  return running;
}

export async function closeChromium(): Promise<void> {
  const browser = running;
  running = undefined;
  await (await browser?.catch(() => undefined))?.close();
}

/**
 * A fresh context (nothing stored, no service worker: as a new profile) with one page, in the
 * file's Chromium. A 10-inch tablet in landscape, in London, by default; `options` as Playwright's
 * (a viewport, JavaScript off, downloads…).
 */
export async function openBrowser(options: BrowserContextOptions = {}): Promise<KioskBrowser> {
  const context = await (await sharedChromium()).newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    serviceWorkers: 'allow',
    // An option given as undefined (a caller's own default) keeps the one here.
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  });
  const page = await context.newPage();
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
    },
  };
}

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
  summary: string;
}

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core (from node_modules) on the page as it is now and returns the violations. */
export async function axeViolations(page: Page, options: { tags?: string[] } = {}): Promise<AxeViolation[]> {
  axeSource ??= await readFile(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
      summary: violation.nodes.map((node) => node.failureSummary ?? '').join(' | '),
    }));
  }, options.tags ?? WCAG_TAGS);
}

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves folders at URL prefixes, e.g. `{'/kiosk/': 'kiosk/app', '/assets/nhsuk/': '…/dist/nhsuk'}`;
 * a path ending in `/` serves its index.html. Anything else is 404, as the API is left to
 * `page.route` mocks.
 */
export async function serveStatic(mounts: Record<string, string>): Promise<StaticServer> {
  const roots = Object.entries(mounts).map(([prefix, dir]) => [prefix, normalize(join(dir, sep))] as const);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const mount = roots.find(([prefix]) => path.startsWith(prefix));
    if (req.method === 'GET' && mount) {
      const relative = path.slice(mount[0].length) || 'index.html';
      const file = normalize(join(mount[1], relative.endsWith('/') ? `${relative}index.html` : relative));
      const type = CONTENT_TYPES[extname(file)];
      if (file.startsWith(mount[1]) && type) {
        try {
          if ((await stat(file)).isFile()) {
            res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
            createReadStream(file).pipe(res);
            return;
          }
        } catch {
          /* 404 below */
        }
      }
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"code":"not_found","message":"No such file"}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The kiosk app and NHS.UK styles, mounted as the real server mounts them. */
export function serveKioskApp(): Promise<StaticServer> {
  return serveStatic({
    '/kiosk/': join(REPO_ROOT, 'kiosk/app'),
    '/assets/nhsuk/': join(REPO_ROOT, 'node_modules/nhsuk-frontend/dist/nhsuk'),
  });
}
