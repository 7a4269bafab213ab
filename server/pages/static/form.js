// Progressive enhancement for the web form: it works without this file; with it, the comment box
// shows how much room is left (in the page's language), a double tap on Send cannot send twice,
// an error summary takes focus, and Send with no connection keeps the answer on the page.
// Choosing a language in the list does nothing until "Change language" is pressed: changing the
// page as soon as the list changes (one arrow key on it) would be a change of context on input
// (WCAG 3.2.2). When it is pressed, what the patient has entered goes with them to the page in the
// new language.

const comment = document.querySelector('textarea[name="comment"]');
if (comment) {
  const max = Number(comment.getAttribute('maxlength')) || 5000;
  // The server puts the words in the page's language here, e.g. "{n} characters left".
  const template = comment.getAttribute('data-counter') || '{n} characters left';
  const counter = document.createElement('p');
  counter.className = 'nhsuk-hint fft-counter';
  counter.setAttribute('aria-live', 'polite');
  const update = () => {
    // maxlength counts UTF-16 code units, so the count left does too.
    const left = Math.max(0, max - comment.value.length);
    counter.textContent = left < 500 ? template.replace('{n}', String(left)) : '';
  };
  comment.after(counter);
  comment.addEventListener('input', update);
  update();
}

const feedback = document.querySelector('form[method="post"]');
const send = feedback?.querySelector('[data-action="submit"]');

// NHS.UK error summary pattern: the page comes back from a Send with a problem, and focus goes to
// the summary, so a screen reader reads what is wrong first and the next Tab reaches its links.
document.querySelector('.nhsuk-error-summary')?.focus();

feedback?.addEventListener('submit', (event) => {
  // No connection (a phone out of signal, Wi-Fi dropped): the browser would swap this page for
  // its own error page, and Back then brings the form back empty (it is never restored, so that
  // the next person on a shared device sees nothing): the patient's answer and comment would be
  // lost. They stay here instead, and the patient is told to press Send again once connected.
  if (navigator.onLine === false) {
    event.preventDefault();
    showNotSent();
    return;
  }
  // After the browser has taken the click, so the form still submits.
  setTimeout(() => send?.setAttribute('disabled', ''), 0);
});

/** An error summary as the server draws one (form.tsx), saying the answer was not sent. */
function showNotSent() {
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
  link.textContent = feedback.getAttribute('data-offline');
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
document.querySelector('.fft-inline-form')?.addEventListener('submit', () => {
  if (!feedback) return;
  const values = [...new FormData(feedback)].filter(([name, value]) => !SKIP.has(name) && typeof value === 'string' && value !== '');
  try {
    if (values.length) sessionStorage.setItem(CARRY, JSON.stringify({ at: Date.now(), path: location.pathname, values }));
  } catch {
    // Storage refused (private browsing): the page changes language without them.
  }
});
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
  feedback.reset();
  document.querySelector('[data-not-sent]')?.remove();
  send?.removeAttribute('disabled');
  comment?.dispatchEvent(new Event('input'));
});
