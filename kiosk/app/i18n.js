/**
 * Languages and wording. Each language is one flat JSON file, `i18n/<code>.json`, with the same
 * keys in every file (see i18n/README.md); the server reads the same files for the web form.
 * Pure: no DOM. `fetch` is passed in so Node tests can load the files from disk.
 */

/** In the order the language list shows them; `name` in the language's own script. */
export const LANGUAGES = [
  { code: 'en', name: 'English', english: 'English' },
  { code: 'pl', name: 'Polski', english: 'Polish' },
  { code: 'ur', name: 'اردو', english: 'Urdu' },
  { code: 'bn', name: 'বাংলা', english: 'Bengali' },
  { code: 'pa', name: 'ਪੰਜਾਬੀ', english: 'Punjabi' },
  { code: 'gu', name: 'ગુજરાતી', english: 'Gujarati' },
  { code: 'ar', name: 'العربية', english: 'Arabic' },
  { code: 'ro', name: 'Română', english: 'Romanian' },
  { code: 'pt', name: 'Português', english: 'Portuguese' },
  { code: 'so', name: 'Soomaali', english: 'Somali' },
  { code: 'zh', name: '简体中文', english: 'Chinese (Simplified)' },
  { code: 'cy', name: 'Cymraeg', english: 'Welsh' },
];

export const DEFAULT_LANGUAGE = 'en';
export const LANGUAGE_CODES = LANGUAGES.map((language) => language.code);
export const RTL_LANGUAGES = ['ar', 'ur'];

/** The BCP 47 tag for `<html lang>`: Simplified Chinese is marked as such so the right glyphs are used. */
export function htmlLang(code) {
  return code === 'zh' ? 'zh-Hans' : code;
}

export function isLanguage(code) {
  return LANGUAGE_CODES.includes(code);
}

/** Replaces `{name}` placeholders; unknown placeholders are left as they are. */
export function format(template, values = {}) {
  return String(template).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/**
 * The unit's own question, so that the tablet's answers count in the unit's figures:
 * `fft-2013` (2013 wording) and `nps-0-10` (0–10 scale) as they are, `fft-2020` for anything
 * else. Answers are 1–6 for the two FFT questions and 0–10 for `nps-0-10`.
 */
export function questionVersion(unitQuestion) {
  return unitQuestion === 'fft-2013' || unitQuestion === 'nps-0-10' ? unitQuestion : 'fft-2020';
}

/** The answer codes of a question version, in the order the tablet shows them. */
export function answerCodes(version) {
  return version === 'nps-0-10' ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 3, 4, 5, 6];
}

/** The labelled ends of the 0–10 scale: `nps-0-10.0` and `nps-0-10.10` (and their easy read). */
export const NPS_ENDS = [0, 10];

/** Which `service.*` noun the 2013 question uses for a unit's setting (FFT.md §1, §4). */
export function serviceKind(setting) {
  const s = String(setting || '');
  if (s === 'inpatient' || s === 'daycase') return 'ward';
  if (s === 'ae') return 'ae';
  if (s.startsWith('maternity')) return 'maternity';
  if (s === 'outpatient') return 'outpatient';
  if (s === 'gp') return 'gp';
  if (s === 'dental') return 'dental';
  if (s.startsWith('ambulance')) return 'ambulance';
  return 'default';
}

export function questionKey(version, easyRead) {
  return `${easyRead ? 'easy.' : ''}${version}.question`;
}

export function answerKey(version, code, easyRead) {
  return `${easyRead ? 'easy.' : ''}${version}.${code}`;
}

/**
 * A lookup function over one dictionary, falling back to English for a missing key (the
 * parity test allows that only for ENGLISH_FALLBACK_KEYS) and to the key itself as a last resort.
 */
export function translator(dictionary, fallback = {}) {
  function t(key, values) {
    const text = dictionary[key] ?? fallback[key] ?? key;
    return values ? format(text, values) : text;
  }
  /** True when `key` is shown from the fallback (English): the caller marks it `lang="en"`. */
  t.isFallback = (key) => dictionary[key] === undefined && fallback[key] !== undefined;
  return t;
}

/** The unit's question in the chosen language and register. */
export function questionText(t, unit, easyRead) {
  const version = questionVersion(unit && unit.question);
  return t(questionKey(version, easyRead), { service: t(`service.${serviceKind(unit && unit.setting)}`) });
}

/** Loads `i18n/<code>.json` relative to `base` (a URL string ending in `/`). */
export async function loadDictionary(code, { fetchFn = globalThis.fetch, base } = {}) {
  if (!isLanguage(code)) throw new RangeError(`unknown language ${code}`);
  const url = base ? new URL(`i18n/${code}.json`, base).href : `i18n/${code}.json`;
  const response = await fetchFn(url);
  if (!response.ok) throw new Error(`could not load ${url}: ${response.status}`);
  return response.json();
}

/** The staff indicator's label, e.g. "3 answers waiting to send". */
export function waitingLabel(t, n) {
  return n === 1 ? t('staff.waitingOne', { n }) : t('staff.waiting', { n });
}

/** Keys every dictionary must have, beyond the equality keys (equality.js) — see i18n/README.md. */
export const REQUIRED_KEYS = [
  'languageName', 'dir', 'appName', 'languageButton', 'languageDialog.heading', 'close',
  'toggle.easyRead', 'toggle.largeText', 'toggle.highContrast',
  'fft-2020.question', 'fft-2020.1', 'fft-2020.2', 'fft-2020.3', 'fft-2020.4', 'fft-2020.5', 'fft-2020.6',
  'fft-2013.question', 'fft-2013.1', 'fft-2013.2', 'fft-2013.3', 'fft-2013.4', 'fft-2013.5', 'fft-2013.6',
  'service.ward', 'service.ae', 'service.maternity', 'service.outpatient', 'service.gp', 'service.dental', 'service.ambulance', 'service.default',
  'easy.fft-2020.question', 'easy.fft-2020.1', 'easy.fft-2020.2', 'easy.fft-2020.3', 'easy.fft-2020.4', 'easy.fft-2020.5', 'easy.fft-2020.6',
  'easy.fft-2013.question', 'easy.fft-2013.1', 'easy.fft-2013.2', 'easy.fft-2013.3', 'easy.fft-2013.4', 'easy.fft-2013.5', 'easy.fft-2013.6',
  'nps-0-10.question', 'nps-0-10.0', 'nps-0-10.10', 'easy.nps-0-10.question', 'easy.nps-0-10.0', 'easy.nps-0-10.10',
  'comment.label', 'comment.hint', 'easy.comment.label', 'easy.comment.hint',
  'send', 'error.prefix', 'error.chooseAnswer', 'easy.error.chooseAnswer',
  'aboutYou.summary', 'aboutYou.intro', 'preferNotToSay',
  'thanks.heading', 'thanks.body', 'thanks.next', 'startAgain',
  'ysdw.heading', 'ysdw.youSaid', 'ysdw.weDid',
  'revoked', 'closed', 'setup.heading', 'setup.intro', 'setup.staffHeading', 'setup.codeLabel', 'setup.codeHint', 'setup.button', 'setup.working',
  'setup.error.empty', 'setup.error.notFound', 'setup.error.rateLimited', 'setup.error.network',
  'staff.waiting', 'staff.waitingOne',
  'idle.heading', 'idle.body', 'idle.continue',
];

/**
 * Keys a translation may leave out until a qualified translator has worded them: the tablet
 * then shows the English text, marked `lang="en"` (translator's `isFallback`). Every other key
 * must be in every file (e2e/kiosk-logic.test.ts).
 */
export const ENGLISH_FALLBACK_KEYS = ['nps-0-10.0'];
