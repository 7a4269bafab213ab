/**
 * The kiosk's service worker (a module worker, scope /kiosk/): the whole app, its languages and
 * NHS.UK styles are cached on install and served cache-first, so a tablet that reloads with no
 * network still works. API calls are never touched (network only). Background Sync sends the
 * outbox when the connection comes back, even if the page is asleep.
 *
 * VERSION is a hash of the app's files, so any change to them makes a new worker with a new
 * cache: it installs the new files, takes over, and the page reloads itself between patients.
 * e2e/kiosk-logic.test.ts fails, printing the new value, when the files change and it does not.
 */
import { openKioskStore } from './db.js';
import { LANGUAGE_CODES } from './i18n.js';
import { flushOutbox, sendHeartbeat } from './sender.js';

const VERSION = 'e1737cd73994';
const CACHE_PREFIX = 'fft-kiosk-';
const CACHE = `${CACHE_PREFIX}${VERSION}`;
const SYNC_TAG = 'fft-outbox';
const BASE = new URL('./', self.location.href);

/** Everything the app needs offline (a test checks every file under kiosk/app is listed). */
const PRECACHE = [
  './',
  'index.html',
  'app.js',
  'db.js',
  'delivery.js',
  'equality.js',
  'i18n.js',
  'idle.js',
  'sender.js',
  'kiosk.css',
  'manifest.webmanifest',
  ...[1, 2, 3, 4, 5, 6].map((n) => `faces/${n}.svg`),
  ...LANGUAGE_CODES.map((code) => `i18n/${code}.json`),
  '/assets/nhsuk/nhsuk-frontend.min.css',
  '/assets/nhsuk/assets/images/favicon.svg',
  '/assets/nhsuk/assets/images/nhsuk-icon-192.png',
  '/assets/nhsuk/assets/images/nhsuk-icon-512.png',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: straight from the server, never from the HTTP cache of an older version.
      await cache.addAll(PRECACHE.map((path) => new Request(new URL(path, BASE), { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

function isApi(url) {
  return url.pathname.startsWith(`${BASE.pathname}api/`) || url.pathname.startsWith('/api/');
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isApi(url)) return; // network only

  if (request.mode === 'navigate' && url.pathname.startsWith(BASE.pathname)) {
    event.respondWith(cacheFirst(new Request(new URL('index.html', BASE)), request));
    return;
  }
  if (url.pathname.startsWith(BASE.pathname) || url.pathname.startsWith('/assets/nhsuk/')) {
    event.respondWith(cacheFirst(request, request));
  }
});

async function cacheFirst(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(key, response.clone());
  return response;
}

let storeOpening = null;
function store() {
  storeOpening ??= openKioskStore();
  return storeOpening;
}

async function tellClients(message) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) client.postMessage(message);
}

/** Sends the outbox from here, so answers leave even while the page is asleep. */
async function syncOutbox() {
  const result = await flushOutbox({ store: await store(), locks: self.navigator.locks });
  if (result.outcome === 'busy') {
    // The page is sending right now: let it carry on.
    await tellClients({ type: 'flush' });
    return;
  }
  await tellClients({ type: 'outbox-changed' });
  if (result.outcome === 'done') await sendHeartbeat({ store: await store() });
  // Rejecting the promise asks the browser to fire the sync again later.
  if (result.outcome === 'retry') throw new Error('outbox not yet sent');
}

self.addEventListener('sync', (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(syncOutbox());
});

