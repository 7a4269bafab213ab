/**
 * The ward tablet: one question, six big answers (eleven, 0 to 10, for a unit that asks
 * `nps-0-10`), an optional comment and "about you", then thank you and back to the start.
 * Every answer is committed to the on-device outbox before the patient is thanked, and sent
 * when the network allows (delivery.js, sender.js, sw.js).
 * Nothing one patient chose or typed survives to the next: an idle reset clears it all.
 */
import { openKioskStore } from './db.js';
import { createRetryScheduler, isoWithOffset, newResponseId } from './delivery.js';
import { EQUALITY_QUESTIONS, equalityFromChoices, optionKey } from './equality.js';
import { createIdleTimer } from './idle.js';
import {
  DEFAULT_LANGUAGE, LANGUAGES, NPS_ENDS, answerCodes, answerKey, htmlLang, isLanguage, loadDictionary, questionText, questionVersion, translator, waitingLabel,
} from './i18n.js';
import { fetchConfig, flushOutbox, pairTablet, sendHeartbeat } from './sender.js';

const THANKS_MS = 8_000;
const HEARTBEAT_MS = 60_000;
const CONFIG_REFRESH_MS = 10 * 60_000;
const SW_UPDATE_MS = 60 * 60_000;
const SYNC_TAG = 'fft-outbox';
const COMMENT_MAX = 5000;
const SETTINGS = ['easyRead', 'largeText', 'highContrast'];
const SETTING_CLASS = { easyRead: 'fft-easy', largeText: 'fft-large', highContrast: 'fft-contrast' };

const $ = (selector) => document.querySelector(selector);
const $$ = (selector) => Array.from(document.querySelectorAll(selector));

const state = {
  store: null,
  unit: null,
  config: null,
  screen: 'loading',
  revoked: false,
  /** A revocation noticed mid-answer waits until that patient has finished. */
  revokePending: false,
  language: DEFAULT_LANGUAGE,
  dictionaries: new Map(),
  settings: { easyRead: false, largeText: false, highContrast: false },
  answer: null,
  /** The question version the answer buttons show: what an answer is stored as. */
  shownQuestion: null,
  submitting: false,
  thanksTimer: null,
  reloadWhenIdle: false,
  lastConfigAt: 0,
};

let t = translator({});
const idle = createIdleTimer({ idleSeconds: 60, onWarn: warnIdle, onReset: () => resetForNextPatient() });
const outbox = createRetryScheduler({ run: () => flushOutbox({ store: state.store }), onOutcome: afterFlush });

// ---- Language and wording -------------------------------------------------------------------

async function dictionary(code) {
  if (!state.dictionaries.has(code)) state.dictionaries.set(code, await loadDictionary(code, { base: import.meta.url }));
  return state.dictionaries.get(code);
}

async function setLanguage(code) {
  const wanted = isLanguage(code) ? code : DEFAULT_LANGUAGE;
  let dict;
  try {
    dict = await dictionary(wanted);
  } catch {
    if (wanted !== DEFAULT_LANGUAGE) return setLanguage(DEFAULT_LANGUAGE);
    dict = {};
  }
  state.language = wanted;
  t = translator(dict, state.dictionaries.get(DEFAULT_LANGUAGE) ?? {});
  const root = document.documentElement;
  root.lang = htmlLang(wanted);
  root.dir = dict.dir === 'rtl' ? 'rtl' : 'ltr';
  document.title = t('appName');
  for (const element of $$('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  $('#language-current').textContent = t('languageName');
  renderQuestion();
  renderEquality();
  renderYouSaid();
  renderSetup();
  renderLanguageList();
  void updateStaffCount();
}

function renderQuestion() {
  const easy = state.settings.easyRead;
  const version = questionVersion(state.unit?.question);
  renderAnswerButtons(version);
  $('#question-heading').textContent = questionText(t, state.unit, easy);
  if (version === 'nps-0-10') {
    // The two ends are labelled, under the scale and in the end buttons' accessible names.
    for (const code of NPS_ENDS) {
      const key = answerKey(version, code, easy);
      const english = t.isFallback(key);
      setWording($(`#nps-ends [data-end="${code}"]`), `${code} – ${t(key)}`, english);
      setWording($(`.fft-answer[data-answer="${code}"] .fft-answer__end`), ` – ${t(key)}`, english);
    }
  } else {
    for (const button of $$('.fft-answer')) {
      button.querySelector('.fft-answer__label').textContent = t(answerKey(version, button.dataset.answer, easy));
    }
  }
  $('#comment-label').textContent = t(easy ? 'easy.comment.label' : 'comment.label');
  $('#comment-hint').textContent = t(easy ? 'easy.comment.hint' : 'comment.hint');
  if ($('#answer-error').firstChild) showAnswerError({ focus: false });
}

/** Text that may be the English fallback of an untranslated key: marked so, for screen readers. */
function setWording(node, text, english) {
  node.textContent = text;
  if (english) {
    node.setAttribute('lang', 'en');
    node.setAttribute('dir', 'ltr');
  } else {
    node.removeAttribute('lang');
    node.removeAttribute('dir');
  }
}

let faceButtons = null;

/**
 * The six faces (index.html) for the FFT questions, or eleven number buttons 0–10 for
 * `nps-0-10`: the same `.fft-answer` buttons, chosen with one tap, pressed state and all.
 */
function renderAnswerButtons(version) {
  const container = $('.fft-answers');
  faceButtons ??= $$('.fft-answers .fft-answer');
  const kind = version === 'nps-0-10' ? 'nps' : 'faces';
  state.shownQuestion = version;
  if ((container.dataset.kind ?? 'faces') === kind) return;
  // The unit changed scale: an answer on the other scale means nothing on this one.
  state.answer = null;
  $('[data-action="submit"]').setAttribute('aria-disabled', 'true');
  container.dataset.kind = kind;
  container.classList.toggle('fft-answers--nps', kind === 'nps');
  $('#nps-ends').hidden = kind !== 'nps';
  if (kind === 'faces') {
    container.replaceChildren(...faceButtons);
  } else {
    container.replaceChildren(
      ...answerCodes(version).map((code) => {
        const button = element('button', { type: 'button', class: 'fft-answer fft-answer--nps', 'data-answer': String(code), 'aria-pressed': 'false' });
        button.append(element('span', { class: 'fft-answer__number' }, String(code)));
        if (NPS_ENDS.includes(code)) button.append(element('span', { class: 'fft-answer__end nhsuk-u-visually-hidden' }));
        return button;
      }),
    );
  }
  for (const button of $$('.fft-answer')) button.setAttribute('aria-pressed', 'false');
}

/** The optional equality questions as NHS.UK radios; choices survive a change of language. */
function renderEquality() {
  const container = $('#equality-questions');
  const chosen = readChoices();
  container.replaceChildren(
    ...EQUALITY_QUESTIONS.map((question) => {
      const fieldset = element('fieldset', { class: 'nhsuk-fieldset' });
      fieldset.append(element('legend', { class: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--s' }, t(`${question.prefix}.question`)));
      const radios = element('div', { class: 'nhsuk-radios fft-radios' });
      for (const code of question.codes) {
        const id = `eq-${question.field}-${code.replace(/[^a-zA-Z0-9]/g, '_')}`;
        const input = element('input', { class: 'nhsuk-radios__input', id, name: question.field, type: 'radio', value: code });
        if (chosen[question.field] === code) input.checked = true;
        const label = element('label', { class: 'nhsuk-label nhsuk-radios__label', for: id }, t(optionKey(question, code)));
        const item = element('div', { class: 'nhsuk-radios__item' });
        item.append(input, label);
        radios.append(item);
      }
      fieldset.append(radios);
      return fieldset;
    }),
  );
}

function readChoices() {
  const choices = {};
  for (const input of $$('#equality-questions input[type="radio"]:checked')) choices[input.name] = input.value;
  return choices;
}

function renderYouSaid() {
  const items = (state.config?.youSaidWeDid ?? []).slice(0, 3);
  const section = $('#ysdw');
  section.hidden = items.length === 0;
  $('#question-lower').classList.toggle('fft-lower--with-ysdw', items.length > 0);
  const dateFormat = new Intl.DateTimeFormat(state.language === 'en' ? 'en-GB' : htmlLang(state.language), { day: 'numeric', month: 'long', year: 'numeric' });
  $('#ysdw-list').replaceChildren(
    ...items.map((item) => {
      const li = element('li', { class: 'fft-ysdw__item' });
      // The unit writes these in English: say so, for screen readers reading another language.
      const said = element('p', {});
      said.append(element('span', { class: 'fft-ysdw__label' }, t('ysdw.youSaid')), element('span', { lang: 'en', dir: 'ltr' }, String(item.youSaid ?? '')));
      const did = element('p', {});
      did.append(element('span', { class: 'fft-ysdw__label' }, t('ysdw.weDid')), element('span', { lang: 'en', dir: 'ltr' }, String(item.weDid ?? '')));
      li.append(said, did);
      const when = item.date ? new Date(`${String(item.date).slice(0, 10)}T12:00:00`) : null;
      if (when && !Number.isNaN(when.getTime())) {
        li.append(element('p', { class: 'fft-ysdw__date' }, dateFormat.format(when)));
      }
      return li;
    }),
  );
}

function renderUnitName() {
  const name = $('#unit-name');
  name.textContent = state.unit?.name ?? '';
  name.hidden = !state.unit || state.screen === 'setup';
}

function renderSetup() {
  const slot = $('#setup-title-slot');
  const heading = element(state.revoked ? 'h2' : 'h1', { class: state.revoked ? 'nhsuk-heading-m' : 'nhsuk-heading-l' }, t(state.revoked ? 'setup.staffHeading' : 'setup.heading'));
  slot.replaceChildren(heading);
  $('#revoked-block').hidden = !state.revoked;
  const error = $('#pairing-code-error');
  if (error.dataset.reason) setPairingError(error.dataset.reason);
}

function renderLanguageList() {
  const list = $('#language-list');
  if (!list.firstChild) {
    list.append(
      ...LANGUAGES.map((language) => {
        const li = element('li', {});
        const button = element('button', { type: 'button', class: 'fft-language', 'data-lang': language.code });
        button.append(
          element('span', { class: 'fft-language__name', lang: htmlLang(language.code), dir: 'auto' }, language.name),
          element('span', { class: 'fft-language__english', lang: 'en' }, language.english),
        );
        li.append(button);
        return li;
      }),
    );
  }
  for (const button of $$('.fft-language')) {
    if (button.dataset.lang === state.language) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
}

function element(tag, attributes, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---- Screens ------------------------------------------------------------------------------

function showScreen(name) {
  state.screen = name;
  $('#screen-loading').hidden = true;
  for (const screen of ['setup', 'question', 'thanks', 'closed']) $(`#screen-${screen}`).hidden = screen !== name;
  renderUnitName();
  if (name !== 'question') idle.stop();
}

function showSetup({ revoked }) {
  state.revoked = revoked;
  outbox.stop();
  renderSetup();
  showScreen('setup');
}

function showQuestion() {
  renderQuestion();
  showScreen('question');
}

/** An admin closed this ward or department: ask nothing until it is opened again (the outbox still sends). */
function isClosed() {
  return state.config?.unit?.active === false;
}

/** The question, or the closed screen if the unit was closed. */
function showStart() {
  if (isClosed()) showScreen('closed');
  else showQuestion();
}

function setSetting(name, on) {
  state.settings[name] = on;
  document.documentElement.classList.toggle(SETTING_CLASS[name], on);
  $(`[data-setting="${name}"]`).setAttribute('aria-pressed', String(on));
  if (name === 'easyRead') renderQuestion();
}

// ---- Answering --------------------------------------------------------------------------

function chooseAnswer(code) {
  state.answer = code;
  for (const button of $$('.fft-answer')) button.setAttribute('aria-pressed', String(Number(button.dataset.answer) === code));
  $('[data-action="submit"]').setAttribute('aria-disabled', 'false');
  clearAnswerError();
}

function showAnswerError({ focus = true } = {}) {
  const message = element('p', { class: 'nhsuk-error-message', id: 'answer-error-message' });
  message.append(element('span', { class: 'nhsuk-u-visually-hidden' }, `${t('error.prefix')} `), document.createTextNode(t(state.settings.easyRead && state.shownQuestion !== 'nps-0-10' ? 'easy.error.chooseAnswer' : 'error.chooseAnswer')));
  $('#answer-error').replaceChildren(message);
  $('#answers-group').classList.add('fft-answers-group--error');
  if (focus) $('.fft-answer').focus();
}

function clearAnswerError() {
  $('#answer-error').replaceChildren();
  $('#answers-group').classList.remove('fft-answers-group--error');
}

async function submit() {
  if (state.submitting) return;
  if (state.answer === null) {
    showAnswerError();
    return;
  }
  state.submitting = true;
  try {
    const unit = state.unit;
    const response = {
      id: newResponseId(),
      unit: unit.code,
      answer: state.answer,
      channel: 'kiosk',
      answeredAt: isoWithOffset(new Date()),
      language: state.language,
      // The question the patient answered: the unit's own, as the buttons show it.
      question: state.shownQuestion ?? questionVersion(unit.question),
    };
    const comment = $('#comment').value.trim().slice(0, COMMENT_MAX);
    if (comment) response.comment = comment;
    const equality = equalityFromChoices(readChoices());
    if (equality) response.equality = equality;
    // The outbox first: the patient is thanked only once the answer is safe on the tablet.
    await state.store.addToOutbox({ id: response.id, unit: unit.code, queuedAt: Date.now(), response });
    showThanks();
    void updateStaffCount();
    void outbox.now();
  } finally {
    state.submitting = false;
  }
}

function showThanks() {
  closeDialogs();
  showScreen('thanks');
  $('#live').textContent = `${t('thanks.heading')}. ${t('thanks.body')}`;
  $('#thanks-heading').focus();
  clearTimeout(state.thanksTimer);
  state.thanksTimer = setTimeout(() => resetForNextPatient(), THANKS_MS);
}

function isDirty() {
  return (
    state.answer !== null ||
    $('#comment').value !== '' ||
    $$('#equality-questions input:checked').length > 0 ||
    $('#about-you').open ||
    state.language !== DEFAULT_LANGUAGE ||
    SETTINGS.some((name) => state.settings[name])
  );
}

/** Clears everything one patient chose or typed, and returns to the start. */
async function resetForNextPatient() {
  clearTimeout(state.thanksTimer);
  state.thanksTimer = null;
  idle.stop();
  closeDialogs();
  if (state.reloadWhenIdle) {
    // A new version of the app is installed: take it now, between patients.
    location.reload();
    return;
  }
  state.answer = null;
  for (const button of $$('.fft-answer')) button.setAttribute('aria-pressed', 'false');
  $('[data-action="submit"]').setAttribute('aria-disabled', 'true');
  clearAnswerError();
  // A fresh element: clearing the value would leave the last comment in the undo history.
  const old = $('#comment');
  const fresh = old.cloneNode(false);
  fresh.value = '';
  old.replaceWith(fresh);
  for (const input of $$('#equality-questions input')) input.checked = false;
  $('#about-you').open = false;
  for (const name of SETTINGS) setSetting(name, false);
  $('#live').textContent = '';
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  await setLanguage(DEFAULT_LANGUAGE);
  if (state.revokePending) {
    state.revokePending = false;
    showSetup({ revoked: true });
  } else if (state.unit) {
    showStart();
  }
  window.scrollTo(0, 0);
}

function warnIdle(seconds) {
  if (state.screen !== 'question' || !isDirty()) return;
  const dialog = $('#idle-dialog');
  $('#language-dialog').open && $('#language-dialog').close();
  $('#idle-body').textContent = t('idle.body', { s: seconds });
  if (!dialog.open) dialog.showModal();
}

function closeDialogs() {
  for (const dialog of $$('dialog')) if (dialog.open) dialog.close();
}

/** Keeps the Send button above a tablet's on-screen keyboard while the comment is being typed. */
function keepSendVisible() {
  const comment = $('#comment');
  if (document.activeElement !== comment) return;
  const viewport = window.visualViewport;
  const visibleBottom = viewport ? viewport.offsetTop + viewport.height : window.innerHeight;
  const send = $('.fft-send-row').getBoundingClientRect();
  const box = comment.getBoundingClientRect();
  if (send.bottom <= visibleBottom) return;
  // Only when both fit: the comment must never be pushed out of sight to show the button.
  if (send.bottom - box.top + 16 <= (viewport ? viewport.height : window.innerHeight)) {
    window.scrollBy({ top: send.bottom - visibleBottom + 16 });
  }
}

// ---- Pairing, revocation, config -----------------------------------------------------------

function readPairingFragment() {
  const match = /(?:^#|&)pair=([^&]+)/.exec(location.hash);
  if (!match) return null;
  // The code is single-use, but it should not linger in the address bar or history either.
  history.replaceState(history.state, '', location.pathname + location.search);
  try {
    return decodeURIComponent(match[1]).trim();
  } catch {
    return match[1];
  }
}

function setPairingError(reason) {
  const container = $('#pairing-code-error');
  const group = $('#pairing-code-group');
  const input = $('#pairing-code');
  if (!reason) {
    delete container.dataset.reason;
    container.replaceChildren();
    group.classList.remove('nhsuk-form-group--error');
    input.classList.remove('nhsuk-input--error');
    input.setAttribute('aria-describedby', 'pairing-code-hint');
    return;
  }
  container.dataset.reason = reason;
  const message = element('p', { class: 'nhsuk-error-message', id: 'pairing-code-error-message' });
  message.append(element('span', { class: 'nhsuk-u-visually-hidden' }, `${t('error.prefix')} `), document.createTextNode(t(`setup.error.${reason}`)));
  container.replaceChildren(message);
  group.classList.add('nhsuk-form-group--error');
  input.classList.add('nhsuk-input--error');
  input.setAttribute('aria-describedby', 'pairing-code-hint pairing-code-error-message');
}

async function pairWith(code) {
  const status = $('#setup-status');
  $('#pairing-code').value = code;
  if (!code.trim()) {
    setPairingError('empty');
    $('#pairing-code').focus();
    return;
  }
  setPairingError(null);
  status.textContent = t('setup.working');
  const button = $('[data-action="pair"]');
  button.setAttribute('aria-disabled', 'true');
  const result = await pairTablet({ store: state.store, code: code.trim() });
  button.removeAttribute('aria-disabled');
  status.textContent = '';
  if (!result.ok) {
    if (state.screen !== 'setup') showSetup({ revoked: state.revoked });
    setPairingError(result.reason);
    $('#pairing-code').focus();
    return;
  }
  state.unit = result.unit;
  state.revoked = false;
  state.revokePending = false;
  state.config = state.config?.unit?.code === result.unit.code ? { ...state.config, unit: result.unit } : { unit: result.unit, youSaidWeDid: [], idleSeconds: 60 };
  $('#pairing-code').value = '';
  await resetForNextPatient();
  void refreshConfig();
  void outbox.now({ resetBackoff: true });
}

/** The token stopped working. Answers stay in the outbox for when the tablet is paired again. */
function revoke() {
  if (state.revoked) return;
  state.revoked = true;
  outbox.stop();
  if (state.screen === 'question' && isDirty()) {
    state.revokePending = true;
    return;
  }
  if (state.screen === 'thanks') {
    state.revokePending = true;
    return;
  }
  showSetup({ revoked: true });
}

async function refreshConfig() {
  const result = await fetchConfig({ store: state.store });
  if (result.revoked) return revoke();
  if (!result.ok) return;
  state.lastConfigAt = Date.now();
  state.config = result.config;
  state.unit = result.config.unit;
  idle.setIdleSeconds(result.config.idleSeconds);
  renderUnitName();
  renderYouSaid();
  // A patient part-way through, or on the thank-you screen, finishes first (resetForNextPatient).
  if (state.screen === 'closed' && !isClosed()) showQuestion();
  else if (state.screen === 'question' && !isDirty()) showStart();
}

async function heartbeat() {
  if (state.revoked || !state.unit) return;
  const status = await sendHeartbeat({ store: state.store });
  if (status === 401) revoke();
}

function afterFlush(result) {
  void updateStaffCount();
  if (result.outcome === 'revoked') revoke();
  else if (result.outcome === 'retry') void registerBackgroundSync();
  else if (result.outcome === 'done' && result.delivered + result.rejected > 0) void heartbeat();
}

async function updateStaffCount() {
  if (!state.store) return;
  const { outbox: waiting, rejected } = await state.store.counts();
  const n = waiting + rejected;
  const indicator = $('#staff-count');
  indicator.hidden = n === 0;
  indicator.textContent = n === 0 ? '' : String(n);
  if (n === 0) indicator.removeAttribute('aria-label');
  else indicator.setAttribute('aria-label', waitingLabel(t, n));
}

// ---- Service worker, background sync, staying awake ----------------------------------------

async function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController) state.reloadWhenIdle = true;
  });
  navigator.serviceWorker.addEventListener('message', (event) => {
    const type = event.data && event.data.type;
    if (type === 'flush') void outbox.now({ resetBackoff: true });
    if (type === 'outbox-changed') void updateStaffCount();
  });
  try {
    const scope = new URL('./', import.meta.url).pathname;
    const registration = await navigator.serviceWorker.register(new URL('sw.js', import.meta.url), { scope, type: 'module' });
    // A kiosk never navigates, so the browser's own update check would never run.
    setInterval(() => registration.update().catch(() => {}), SW_UPDATE_MS);
  } catch {
    // No service worker (e.g. plain HTTP): the app still works while online, and the outbox still holds every answer.
  }
}

async function registerBackgroundSync() {
  try {
    const registration = await navigator.serviceWorker?.ready;
    await registration?.sync?.register(SYNC_TAG);
  } catch {
    /* not supported: the back-off timer and the `online` event cover it */
  }
}

async function keepAwake() {
  try {
    if (document.visibilityState === 'visible') await navigator.wakeLock?.request('screen');
  } catch {
    /* not allowed or not supported */
  }
}

// ---- Events ----------------------------------------------------------------------------

function bindEvents() {
  $('.fft-answers').addEventListener('click', (event) => {
    const button = event.target.closest('.fft-answer');
    if (button) chooseAnswer(Number(button.dataset.answer));
  });
  $('#feedback-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });
  $('#feedback-form').addEventListener('focusin', (event) => {
    if (event.target.id === 'comment') setTimeout(keepSendVisible, 350);
  });
  window.visualViewport?.addEventListener('resize', keepSendVisible);

  $('#setup-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if ($('[data-action="pair"]').getAttribute('aria-disabled') === 'true') return;
    void pairWith($('#pairing-code').value);
  });

  for (const button of $$('[data-setting]')) {
    button.addEventListener('click', () => setSetting(button.dataset.setting, !state.settings[button.dataset.setting]));
  }

  const languageDialog = $('#language-dialog');
  $('#language-button').addEventListener('click', () => {
    languageDialog.showModal();
    ($('.fft-language[aria-current="true"]') ?? $('.fft-language')).focus();
  });
  $('#language-list').addEventListener('click', async (event) => {
    const button = event.target.closest('.fft-language');
    if (!button) return;
    await setLanguage(button.dataset.lang);
    languageDialog.close();
  });
  languageDialog.addEventListener('close', () => $('#language-button').focus());

  for (const dialog of $$('dialog')) {
    // A tap on the dimmed backdrop closes the dialog, as Escape does.
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) dialog.close();
    });
  }
  document.addEventListener('click', (event) => {
    const action = event.target.closest('[data-action]')?.dataset.action;
    if (action === 'close-dialog') event.target.closest('dialog')?.close();
    if (action === 'start-again') void resetForNextPatient();
    if (action === 'still-here') {
      $('#idle-dialog').close();
      idle.poke();
    }
  });
  $('#idle-dialog').addEventListener('close', () => {
    if (state.screen === 'question') idle.poke();
  });

  // Any sign of a person resets the idle countdown.
  for (const type of ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart']) {
    document.addEventListener(type, () => {
      if (state.screen === 'question') idle.poke();
    }, { capture: true, passive: true });
  }
  document.addEventListener('contextmenu', (event) => {
    if (!(event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement)) event.preventDefault();
  });

  window.addEventListener('online', () => {
    void outbox.now({ resetBackoff: true });
    if (Date.now() - state.lastConfigAt > 60_000) void refreshConfig();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    void keepAwake();
    if (!state.revoked) void outbox.now();
  });
  window.addEventListener('hashchange', () => {
    const code = readPairingFragment();
    if (code) void pairWith(code);
  });
}

// ---- Start -----------------------------------------------------------------------------

async function start() {
  bindEvents();
  state.store = await openKioskStore();
  await setLanguage(DEFAULT_LANGUAGE);
  void registerServiceWorker();
  void navigator.storage?.persist?.().catch(() => {});
  void keepAwake();

  const code = readPairingFragment();
  const [token, unit, config, revoked] = await Promise.all(['token', 'unit', 'config', 'revoked'].map((key) => state.store.getMeta(key)));
  state.unit = unit ?? null;
  state.config = config ?? null;
  if (config?.idleSeconds) idle.setIdleSeconds(config.idleSeconds);
  renderYouSaid();

  if (code) {
    state.revoked = Boolean(token && revoked);
    showSetup({ revoked: state.revoked });
    await pairWith(code);
  } else if (!token || !unit) {
    showSetup({ revoked: false });
  } else if (revoked) {
    showSetup({ revoked: true });
  } else {
    showStart();
    void refreshConfig();
    void outbox.now();
  }
  void updateStaffCount();

  setInterval(() => void heartbeat(), HEARTBEAT_MS);
  setInterval(() => {
    // A closed unit asks every minute, so the tablet is back soon after the unit is opened again.
    if (!state.revoked && state.unit && Date.now() - state.lastConfigAt > (isClosed() ? 55_000 : CONFIG_REFRESH_MS)) void refreshConfig();
  }, 60_000);
}

void start();
