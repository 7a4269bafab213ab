/**
 * UK mobile numbers: the only numbers the SMS channel texts. Every number is reduced to one
 * form, E.164 (`+447700900123`), before it is stored, hashed or sent, so that "07700 900123",
 * "+44 (0)7700-900123" and Notify's "447700900123" are one patient and one opt-out.
 *
 * Ofcom's numbering plan: mobiles are 07 followed by nine digits, except 070 (personal numbers,
 * which forward anywhere and can be charged at a premium) and 076 (pagers), where 07624 is
 * the exception: the Isle of Man's mobiles. Everything else (01/02 geographic, 03 UK-wide,
 * 05 VoIP and corporate, 08 freephone and shared cost, 09 premium, short codes) cannot be
 * texted usefully or costs the patient money.
 */

export type PhoneRejection =
  | 'empty'
  | 'letters'
  | 'symbols'
  | 'not-uk'
  | 'short-number'
  | 'wrong-length'
  | 'landline'
  | 'non-geographic'
  | 'premium'
  | 'personal-number'
  | 'pager'
  | 'not-mobile';

export type UkMobile = { ok: true; e164: string } | { ok: false; reason: PhoneRejection; message: string };

const MESSAGES: Record<PhoneRejection, string> = {
  empty: 'No phone number was given.',
  letters: 'A phone number cannot contain letters.',
  symbols: 'A phone number can contain only digits, spaces, dashes, dots, brackets and a leading +.',
  'not-uk': 'Only UK mobile numbers (starting 07 or +44 7) can be texted.',
  'short-number': 'This is a short number or short code, not a mobile number.',
  'wrong-length': 'A UK mobile number has 11 digits starting 07 (or +44 7 followed by 9 digits).',
  landline: 'This is a landline number (01, 02 or 03), which cannot receive texts.',
  'non-geographic': 'This is a freephone or non-geographic number (08), not a mobile number.',
  premium: 'This is a premium-rate number (09), not a mobile number.',
  'personal-number': 'Numbers starting 070 are personal numbers, not mobiles, and can cost the caller more.',
  pager: 'Numbers starting 076 are pagers, not mobiles (07624, Isle of Man mobiles, is accepted).',
  'not-mobile': 'This is not a UK mobile number.',
};

const reject = (reason: PhoneRejection): UkMobile => ({ ok: false, reason, message: MESSAGES[reason] });

// Separators people and systems put into numbers. NBSP and thin spaces arrive from pasted
// spreadsheets; "/" is deliberately absent, since "07700/900123" is usually two numbers.
const SEPARATORS = /[\s\u00A0\u2009\u202F\-.()\u2010-\u2015]/g;

/**
 * Reduces a UK mobile number in any common written form to E.164 (`+447…`), or says why it
 * cannot be texted. Accepts 07…, +44 7…, +44 (0)7…, 0044 7…, 44 7… with spaces, dashes, dots
 * and brackets, and ten digits starting 7: the form a spreadsheet leaves after eating the
 * leading zero of a number exported from a patient administration system.
 */
export function normaliseUkMobile(input: string): UkMobile {
  const trimmed = input.normalize('NFKC').trim();
  if (trimmed === '') return reject('empty');
  if (/\p{L}/u.test(trimmed)) return reject('letters');
  // The trunk zero written in brackets after the country code: +44 (0)7700 900123.
  const compact = trimmed.replace(/^(\+|00)?(44)[\s\u00A0]*\(0\)/, '+44').replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return reject('symbols');

  const plus = compact.startsWith('+');
  const digits = plus ? compact.slice(1) : compact;
  let national: string;
  if (plus || digits.startsWith('00')) {
    const international = plus ? digits : digits.slice(2);
    if (!international.startsWith('44')) return reject('not-uk');
    national = international.slice(2);
    // "+44 07…": the trunk zero kept by mistake after the country code.
    if (!(national.startsWith('0') && national.length === 11)) national = `0${national}`;
  } else if (digits.startsWith('44') && digits.length === 12) {
    national = `0${digits.slice(2)}`;
  } else if (digits.startsWith('0')) {
    national = digits;
  } else if (digits.length === 10 && digits.startsWith('7')) {
    national = `0${digits}`;
  } else if (digits.length <= 6) {
    return reject('short-number');
  } else {
    return reject(digits.length === 10 || digits.length === 11 ? 'not-mobile' : 'wrong-length');
  }

  if (/^0[123]/.test(national)) return reject('landline');
  if (national.startsWith('08')) return reject('non-geographic');
  if (national.startsWith('09')) return reject('premium');
  if (!national.startsWith('07')) return reject('not-mobile');
  if (national.startsWith('070')) return reject('personal-number');
  if (national.startsWith('076') && !national.startsWith('07624')) return reject('pager');
  if (national.length !== 11) return reject('wrong-length');
  return { ok: true, e164: `+44${national.slice(1)}` };
}

/**
 * A number fit for a log line or a screen: "+44 7*** ***123". Logs outlive the erasure of the
 * number itself, so they never carry it whole.
 */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  if (digits.length < 7) return '***';
  const tail = digits.slice(-3);
  return digits.startsWith('447') ? `+44 7*** ***${tail}` : `+${digits.slice(0, 2)}*** ***${tail}`;
}
