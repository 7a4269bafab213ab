// Keeps the dashboard and the ward pages live without a reload, for the screen on the ward
// office wall. Every 15 seconds it asks the page's pulse (a fingerprint of today's rollup
// counts, open alerts and actions: a few small reads) whether anything changed; only then
// does it fetch the page again and swap in the parts marked data-live. The new parts are the
// server's own escaped HTML, parsed by DOMParser (which runs no scripts) and adopted as
// nodes: data never goes through innerHTML. Alert "Acknowledge" buttons use the JSON API
// with the page's CSRF token, and fall back to the plain form post if that fails.
(() => {
  const status = document.getElementById('live-status');
  if (!status) return;
  const EVERY_MS = 15000;
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const text = status.querySelector('.fft-live__text');
  const note = document.createElement('span');
  note.className = 'fft-live__note';
  note.textContent = ' This page updates itself every 15 seconds.';
  status.append(note);
  // Announced politely, and only when something changed: not on every poll.
  const announcer = document.createElement('span');
  announcer.className = 'nhsuk-u-visually-hidden';
  announcer.setAttribute('role', 'status');
  status.append(announcer);

  let timer = 0;
  let stopped = false;

  document.addEventListener('input', (event) => {
    const section = event.target instanceof Element ? event.target.closest('[data-live]') : null;
    if (section) section.setAttribute('data-dirty', '');
  });

  const isField = (el) => el instanceof Element && el.matches('input, textarea, select');

  /** How to find the focused element again in the fresh copy of its section. */
  function focusKey(el) {
    if (!(el instanceof Element) || el === document.body) return null;
    if (el.id) return `#${CSS.escape(el.id)}`;
    const details = el.closest('details[id]');
    if (el.matches('summary') && details) return `#${CSS.escape(details.id)} > summary`;
    const form = el.closest('form[action]');
    if (form && el.matches('button')) return `form[action="${CSS.escape(form.getAttribute('action'))}"] button`;
    if (el.matches('a[href]')) return `a[href="${CSS.escape(el.getAttribute('href'))}"]`;
    return null;
  }

  /**
   * Puts the fresh sections in place of the old. A section someone is typing in is left
   * alone (and the page asked for again next time); open details stay open.
   */
  function swap(doc, force) {
    const fresh = new Map([...doc.querySelectorAll('[data-live]')].map((el) => [el.getAttribute('data-live'), el]));
    const current = [...document.querySelectorAll('[data-live]')];
    if (current.length !== fresh.size || current.some((el) => !fresh.has(el.getAttribute('data-live')))) {
      // The page's shape changed (a first ward added, say): start again from the server.
      location.reload();
      return { swapped: [], skipped: true };
    }
    const swapped = [];
    let skipped = false;
    for (const el of current) {
      const active = document.activeElement;
      const holdsFocus = active && el.contains(active);
      if (!force && (el.hasAttribute('data-dirty') || (holdsFocus && isField(active)))) {
        skipped = true;
        continue;
      }
      const next = document.importNode(fresh.get(el.getAttribute('data-live')), true);
      for (const open of el.querySelectorAll('details[open][id]')) next.querySelector(`#${CSS.escape(open.id)}`)?.setAttribute('open', '');
      const key = holdsFocus ? focusKey(active) : null;
      el.replaceWith(next);
      if (key) next.querySelector(key)?.focus({ preventScroll: true });
      swapped.push(next);
    }
    return { swapped, skipped };
  }

  function signedOut() {
    stopped = true;
    status.classList.add('fft-live--stale');
    text.textContent = 'You have been signed out, so these figures no longer update.';
    note.textContent = ' Reload the page to sign in again.';
  }

  function stale() {
    status.classList.add('fft-live--stale');
    note.textContent = ` Could not reach the service at ${new Date().toLocaleTimeString('en-GB')}: trying again.`;
  }

  /** Fetches this page again and swaps in what is new. */
  async function refresh(force) {
    const res = await fetch(location.href, { cache: 'no-store', credentials: 'same-origin', headers: { accept: 'text/html' } });
    if (res.redirected && new URL(res.url).pathname === '/signin') return signedOut();
    if (!res.ok) throw new Error(`page answered ${res.status}`);
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const freshStatus = doc.getElementById('live-status');
    const { swapped, skipped } = swap(doc, force);
    if (freshStatus && !skipped) status.setAttribute('data-version', freshStatus.getAttribute('data-version') ?? '');
    const freshText = freshStatus?.querySelector('.fft-live__text')?.textContent;
    if (freshText) text.textContent = freshText;
    status.classList.remove('fft-live--stale');
    note.textContent = ' This page updates itself every 15 seconds.';
    if (swapped.length) {
      announcer.textContent = `Figures updated. ${freshText ?? ''}`;
      document.dispatchEvent(new CustomEvent('fft:updated', { detail: { sections: swapped } }));
    }
  }

  async function poll() {
    try {
      const res = await fetch(status.getAttribute('data-pulse'), { cache: 'no-store', credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (res.redirected || res.status === 401) return signedOut();
      if (!res.ok) throw new Error(`pulse answered ${res.status}`);
      const { version } = await res.json();
      if (version !== status.getAttribute('data-version')) await refresh(false);
      else if (status.classList.contains('fft-live--stale')) {
        status.classList.remove('fft-live--stale');
        note.textContent = ' This page updates itself every 15 seconds.';
      }
    } catch {
      stale();
    } finally {
      schedule();
    }
  }

  function schedule() {
    clearTimeout(timer);
    if (!stopped && !document.hidden) timer = setTimeout(poll, EVERY_MS);
  }

  // A hidden tab does not poll; coming back asks at once.
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) clearTimeout(timer);
    else if (!stopped) poll();
  });

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-api')) return;
    event.preventDefault();
    const button = form.querySelector('button');
    button?.setAttribute('disabled', '');
    try {
      const res = await fetch(form.getAttribute('data-api'), { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf } });
      if (!res.ok) throw new Error(`acknowledge answered ${res.status}`);
      await refresh(true);
      document.getElementById('alerts-title')?.focus();
      announcer.textContent = 'The alert was acknowledged.';
    } catch {
      form.submit();
    }
  });

  schedule();
})();
