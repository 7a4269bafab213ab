// Progressive enhancement for the web form: it works without this file; with it, the comment box
// shows how much room is left (in the page's language), a double tap on Send cannot send twice,
// an error summary takes focus, and a Send that does not get through (no connection, a captive
// portal, the server unreachable, a proxy's 502/503/504) keeps the answer on the page.
// Choosing a language in the list does nothing until "Change language" is pressed: changing the
// page as soon as the list changes (one arrow key on it) would be a change of context on input
// (WCAG 3.2.2). When it is pressed, or the easy read link followed, what the patient has entered
// goes with them to the page in the new language or wording.

// The form's elements: looked up again when the server's answer to a Send replaces the page.
let comment = null;
let feedback = null;
let send = null;
let sending = false;

/** Everything done to the page's elements: on load, and again on a page the server sent back. */
function enhance() {
  comment = document.querySelector('textarea[name="comment"]');
  feedback = document.querySelector('form[method="post"]');
  send = feedback?.querySelector('[data-action="submit"]');
  sending = false;
  if (comment) {
    const max = Number(comment.getAttribute('maxlength')) || 5000;
    // The server puts the words in the page's language here, e.g. "{n} characters left".
    const template = comment.getAttribute('data-counter') || '{n} characters left';
    const counter = document.createElement('p');
    counter.className = 'nhsuk-hint fft-counter';
    counter.setAttribute('aria-live', 'polite');
    const box = comment;
    const update = () => {
      // maxlength counts UTF-16 code units, so the count left does too.
      const left = Math.max(0, max - box.value.length);
      counter.textContent = left < 500 ? template.replace('{n}', String(left)) : '';
    };
    comment.after(counter);
    comment.addEventListener('input', update);
    update();
  }
  // NHS.UK error summary pattern: the page comes back from a Send with a problem, and focus goes
  // to the summary, so a screen reader reads what is wrong first and the next Tab reaches its links.
  document.querySelector('.nhsuk-error-summary')?.focus();
  feedback?.addEventListener('submit', onSend);
  document.querySelector('.fft-inline-form')?.addEventListener('submit', carry);
  // Easy read (or back to standard) is the same form in other words: what was entered goes too.
  document.querySelector('.fft-easy-link')?.addEventListener('click', (event) => {
    // Not into a new tab or window, which is not where it would be read back.
    if (event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey) carry();
  });
}

/**
 * Send goes through fetch, not the browser's own form submission: when that fails (no signal, a
 * captive portal, the connection dropping mid-request, a proxy's 5xx) the browser would swap this
 * page for its own error page, and Back then brings the form back empty (it is never restored, so
 * that the next person on a shared device sees nothing): the patient's answer and comment would be
 * lost. They stay here instead, and the patient is told to press Send again. Sending again is safe:
 * the form's hidden id makes a second copy of a stored answer a no-op on the server.
 */
async function onSend(event) {
  event.preventDefault();
  if (sending) return;
  const form = event.currentTarget;
  if (navigator.onLine === false) {
    showNotSent(form.getAttribute('data-offline'));
    return;
  }
  sending = true;
  send?.setAttribute('disabled', '');
  let res;
  try {
    // The same URL and encoding as the browser's own submission; the CSRF cookie goes with it.
    res = await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin', redirect: 'follow' });
  } catch {
    res = null;
  }
  // Stored (or a bot thanked): the server redirected to the thank-you page. Going there is a real
  // page load, as without JavaScript: the patient's screen reader announces it, and Back returns
  // to a fresh, empty form.
  if (res && res.ok && res.redirected && isThanks(new URL(res.url))) {
    location.assign(res.url);
    return;
  }
  // Refused (no answer chosen, a comment too long, the CSRF cookie lost, too many sends): the
  // server sent the form back with what is wrong. It is shown as the browser would have shown it.
  // A 408 is a proxy giving up on a slow connection: not sent, like a 5xx.
  if (res && res.status >= 400 && res.status < 500 && res.status !== 408) {
    if (!/^text\/html/i.test(res.headers.get('content-type') || '')) {
      // Not a page (a 413 or 415 from the body checks, nothing stored): the browser's own
      // submission shows it, as it would without JavaScript.
      HTMLFormElement.prototype.submit.call(form);
      return;
    }
    let html = null;
    try {
      html = await res.text();
    } catch {
      html = null;
    }
    if (html !== null) {
      showPage(html);
      return;
    }
  }
  // No answer from us (a network error, a portal's page, a proxy's 502/503/504, or our own 503
  // while the database is unavailable): nothing on the page is lost.
  sending = false;
  send?.removeAttribute('disabled');
  showNotSent(form.getAttribute('data-send-failed'));
}

/** Our thank-you page: not a captive portal's or a proxy's page the request was sent on to. */
function isThanks(url) {
  return url.origin === location.origin && /^\/f\/[^/]+\/thanks$/.test(url.pathname);
}

/**
 * Shows a page the server sent back in place of this one, at the same address, as the browser's
 * own submission would have. The body is swapped rather than the document rewritten
 * (document.write would keep this script from running again on it), and the page enhanced again.
 */
function showPage(html) {
  const page = new DOMParser().parseFromString(html, 'text/html');
  document.title = page.title;
  document.documentElement.lang = page.documentElement.lang;
  document.documentElement.dir = page.documentElement.dir;
  document.body.replaceWith(document.adoptNode(page.body));
  window.scrollTo(0, 0);
  enhance();
}

/** An error summary as the server draws one (form.tsx), saying the answer was not sent. */
function showNotSent(text) {
  const first = feedback.querySelector('input[name="answer"]');
  const summary = document.createElement('div');
  summary.className = 'nhsuk-error-summary';
  summary.setAttribute('aria-labelledby', 'error-summary-title');
  summary.setAttribute('role', 'alert');
  summary.setAttribute('data-not-sent', '');
  summary.tabIndex = -1;
  const title = document.createElement('h2');
  title.className = 'nhsuk-error-summary__title';
  title.id = 'error-summary-title';
  title.textContent = feedback.getAttribute('data-error-title');
  const body = document.createElement('div');
  body.className = 'nhsuk-error-summary__body';
  const list = document.createElement('ul');
  list.className = 'nhsuk-list nhsuk-error-summary__list';
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = `#${first ? first.id : 'comment'}`;
  link.textContent = text;
  item.append(link);
  list.append(item);
  body.append(list);
  summary.append(title, body);
  // One summary at a time: this replaces one the server drew for an earlier Send.
  document.querySelector('.nhsuk-error-summary')?.remove();
  document.querySelector('.fft-form-tools').after(summary);
  summary.focus();
}

// What was entered, carried across a language change in this tab only, for a few seconds only,
// and read once: it must never fill the form in for the next person (see autocomplete="off").
const CARRY = 'fft-form-carry';
const CARRY_MS = 15_000;
const SKIP = new Set(['csrf', 'id', 'website']);
function carry() {
  if (!feedback) return;
  const values = [...new FormData(feedback)].filter(([name, value]) => !SKIP.has(name) && typeof value === 'string' && value !== '');
  try {
    if (values.length) sessionStorage.setItem(CARRY, JSON.stringify({ at: Date.now(), path: location.pathname, values }));
  } catch {
    // Storage refused (private browsing): the page changes language without them.
  }
}
enhance();
let carried = null;
try {
  carried = JSON.parse(sessionStorage.getItem(CARRY) || 'null');
  sessionStorage.removeItem(CARRY);
} catch {
  carried = null;
}
if (feedback && carried && carried.path === location.pathname && Date.now() - carried.at < CARRY_MS && Date.now() >= carried.at) {
  for (const [name, value] of carried.values) {
    for (const field of feedback.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      if (field.type === 'radio') field.checked = field.value === value;
      else if (field.tagName === 'TEXTAREA') field.value = value;
    }
  }
  comment?.dispatchEvent(new Event('input'));
}

// A page brought back from the back/forward cache (browsers that keep even no-store pages) is
// cleared, as a fresh load is: the next person must not see the last answer, nor find Send
// still disabled.
window.addEventListener('pageshow', (event) => {
  if (!event.persisted || !feedback) return;
  sending = false;
  feedback.reset();
  // reset() goes back to what the page was drawn with, which on a form the server sent back with
  // a problem is the patient's answer and comment.
  for (const field of feedback.querySelectorAll('input[type="radio"]:checked')) field.checked = false;
  if (comment) comment.value = '';
  document.querySelector('[data-not-sent]')?.remove();
  send?.removeAttribute('disabled');
  comment?.dispatchEvent(new Event('input'));
});
