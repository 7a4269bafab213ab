/**
 * Redaction of personal data in free-text FFT comments before they are stored for reporting,
 * shown on dashboards or published ("You said, we did"). Each finder below looks for one kind
 * of personal data; `redact` combines them, resolves overlaps and swaps each find for a tag,
 * leaving every other character exactly as the patient wrote it.
 *
 * Pure and synchronous: no I/O, all patterns compiled once at module load. Offsets are
 * JavaScript string indices (UTF-16 code units) into the original comment.
 */
import { GIVEN_NAMES, LOWERCASE_WORD_NAMES, NOT_NAMES, SURNAMES, WORD_NAMES } from './redaction-names.ts';

export const REDACTION_TAGS = [
  'NAME', 'PHONE', 'NHS NUMBER', 'EMAIL', 'POSTCODE', 'DATE OF BIRTH', 'ADDRESS',
] as const;
export type RedactionTag = (typeof REDACTION_TAGS)[number];

/** One piece of personal data replaced in a comment: `[start, end)` of the original text. */
export interface Redaction {
  tag: RedactionTag;
  start: number;
  end: number;
}

export interface RedactOptions {
  /**
   * 'keep': names of staff (titled "Dr", "nurse", "Sister", "HCA", …, thanked, or "an HCA called
   * Sam") stay, because praise by name is what ward teams value most; relatives' and patients'
   * names are still redacted. 'redact': every name goes.
   */
  staffNames: 'keep' | 'redact';
}

export interface RedactResult {
  text: string;
  found: Redaction[];
}

/** Replaces personal data in a comment with `[NAME]`, `[PHONE]`, `[NHS NUMBER]`, … tags. */
export function redact(text: string, options: RedactOptions): RedactResult {
  const taken: Redaction[] = [];
  // Numbers are looked for in a same-length copy with plain digits, spaces and dashes, so the
  // offsets hold for the original: "943 476 5919" typed with non-breaking or thin spaces,
  // full-width digits from a phone keyboard, an en dash between groups.
  const plain = plainNumbers(text);
  const hasDigit = DIGIT.test(plain);
  if (text.includes('@')) claim(taken, findEmails(text));
  if (hasDigit) {
    claim(taken, findNhsNumbers(plain));
    claim(taken, findPhoneNumbers(plain));
    claim(taken, findDatesOfBirth(plain));
    claim(taken, findPostcodes(plain));
    claim(taken, findAddresses(plain));
  }
  const names = findNames(text, taken);
  for (const name of names) {
    if (options.staffNames === 'keep' && name.staff) continue;
    taken.push({ tag: 'NAME', start: name.start, end: name.end });
  }
  if (taken.length === 0) return { text, found: [] };
  taken.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const r of taken) {
    out += text.slice(at, r.start) + '[' + r.tag + ']';
    at = r.end;
  }
  return { text: out + text.slice(at), found: taken };
}

/**
 * The part `[start, end)` of `text` as it reads once `found` (from `redact(text, …)`) is
 * replaced, widened to take in whole any find it cuts: a sentence quoted from a comment must
 * not end in "pq@example." of an e-mail address that redacting the sentence alone would miss.
 */
export function redactPart(text: string, found: readonly Redaction[], start: number, end: number): string {
  for (const f of found) {
    if (f.start < end && start < f.end) {
      start = Math.min(start, f.start);
      end = Math.max(end, f.end);
    }
  }
  let out = '';
  let at = start;
  for (const f of found) {
    if (f.end <= start || f.start >= end) continue;
    out += text.slice(at, f.start) + '[' + f.tag + ']';
    at = f.end;
  }
  return out + text.slice(at, end);
}

/** Adds finds that do not overlap what an earlier (higher-priority) finder already took. */
function claim(taken: Redaction[], finds: Redaction[]): void {
  for (const f of finds) {
    if (!taken.some((t) => f.start < t.end && t.start < f.end)) taken.push(f);
  }
}

const DIGIT = /\d/;

// Spaces and dashes people type that are not ASCII, and any script's decimal digits but ASCII's
// (Devanagari, Bengali, Arabic-Indic, full-width …) that sit in one UTF-16 code unit.
const UNUSUAL = /[\u00a0\u2000-\u200b\u2010-\u2015\u202f\u2060\ufeff]|(?![0-9])\p{Nd}/u;
const UNUSUAL_ALL = new RegExp(UNUSUAL.source, 'gu');
const DECIMAL_DIGIT = /\p{Nd}/u;

/** The value 0–9 of a decimal digit of any script: its place in its run of digits (runs are of tens). */
function digitValue(code: number): number {
  let back = 0;
  while (DECIMAL_DIGIT.test(String.fromCharCode(code - back - 1))) back++;
  return back % 10;
}

/**
 * The text with other scripts' digits (Devanagari, Bengali, Arabic-Indic, full-width …), spaces
 * (non-breaking, thin, zero-width) and dashes (hyphen, en, em) as ASCII ones, one code unit for
 * one, so offsets are unchanged.
 */
export function plainNumbers(text: string): string {
  if (!UNUSUAL.test(text)) return text;
  return text.replace(UNUSUAL_ALL, (c) => {
    if (c.length > 1) return c; // a digit outside the BMP (mathematical digits): kept as written
    const code = c.charCodeAt(0);
    if (code >= 0x2010 && code <= 0x2015) return '-';
    if (DECIMAL_DIGIT.test(c)) return String.fromCharCode(48 + digitValue(code));
    return ' ';
  });
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** E-mail addresses, including NHSmail ("sarah.jones@nhs.net"). */
export function findEmails(text: string): Redaction[] {
  return [...text.matchAll(EMAIL)].map((m) => ({ tag: 'EMAIL', start: m.index, end: m.index + m[0].length }));
}

// ---------------------------------------------------------------------------------------------
// NHS numbers

const TEN_DIGITS = /(?<![\p{L}\p{N}])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\p{N}])/gu;
const NHS_NUMBER_CUE = /nhs\s*(?:no\.?|num(?:ber)?|#)\s*(?:is|was|:|-)?\s*$/i;

/**
 * True when ten digits carry a valid NHS modulus-11 check digit (NHS Data Dictionary):
 * weights 10…2 on the first nine digits, check = 11 − (sum mod 11), 11 → 0, 10 → never issued.
 */
export function isValidNhsNumber(digits: string): boolean {
  const d = digits.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (d.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === d.charCodeAt(9) - 48;
}

/**
 * NHS numbers: ten digits, bare or in 3-3-4 groups, with a valid check digit. A number that
 * fails the check is still taken when the writer calls it their NHS number (a mistyped NHS
 * number identifies the patient just as well); one starting with 0 is left to the phone finder,
 * since no NHS number in England starts with 0 but many UK phone numbers do.
 */
export function findNhsNumbers(text: string): Redaction[] {
  const out: Redaction[] = [];
  for (const m of text.matchAll(TEN_DIGITS)) {
    const digits = m[1] + m[3] + m[4];
    const cued = NHS_NUMBER_CUE.test(text.slice(Math.max(0, m.index - 24), m.index));
    if (cued || (digits[0] !== '0' && isValidNhsNumber(digits))) {
      out.push({ tag: 'NHS NUMBER', start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

const PHONE = /(?<![\p{L}\p{N}+])(?:(?:\+|00)\s?44|\(?0\d)[\d \u00a0()-]{7,22}/gu;
const UK_NATIONAL = /^0(?:[1-37-9]\d{9}|1\d{8}|800\d{6})$/;

/**
 * UK phone numbers: mobiles (07…, +44 7…), landlines (01…, 02…, 03…), 08/09 numbers, written
 * with spaces, dashes or a bracketed area code ("(0161) 496 0000", "+44 (0)7700 900123").
 * Dates, times and ward numbers never start with 0 followed by ten digits, so they stay.
 */
export function findPhoneNumbers(text: string): Redaction[] {
  const out: Redaction[] = [];
  for (const m of text.matchAll(PHONE)) {
    let raw = m[0];
    // Try the longest run first, then drop trailing groups ("07700 900123 2 days ago").
    for (;;) {
      raw = raw.replace(/[\s\u00a0(-]+$/u, '');
      if (raw.endsWith(')') && !raw.includes('(')) raw = raw.slice(0, -1);
      if (isUkPhone(raw)) {
        out.push({ tag: 'PHONE', start: m.index, end: m.index + raw.length });
        break;
      }
      const cut = raw.search(/[\s\u00a0-][^\s\u00a0-]*$/u);
      if (cut <= 0) break;
      raw = raw.slice(0, cut);
    }
  }
  return out;
}

function isUkPhone(raw: string): boolean {
  let digits = raw.replace(/\D/g, '');
  if (/^(?:\+|00)/.test(raw)) {
    digits = digits.replace(/^(?:00)?44/, '');
    if (!digits.startsWith('0')) digits = '0' + digits;
  }
  return UK_NATIONAL.test(digits);
}

// ---------------------------------------------------------------------------------------------
// Dates of birth

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(?:[0-3]?\\d)(?:st|nd|rd|th)?';
const YEAR = "(?:(?:19|20)\\d{2}|['’]?\\d{2})";
const DATE =
  `(?:\\d{1,2}\\s?[/.\\-]\\s?\\d{1,2}\\s?[/.\\-]\\s?(?:\\d{4}|\\d{2})` +
  `|${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR})?` +
  `|${MONTH}\\s+(?:the\\s+)?${DAY}(?:,?\\s+${YEAR})?` +
  `|${MONTH},?\\s+(?:19|20)\\d{2}` +
  `|(?:19|20)\\d{2}\\s?[/.\\-]\\s?[01]?\\d\\s?[/.\\-]\\s?[0-3]?\\d` +
  `|(?:19|20)\\d{2})(?![\\p{L}\\p{N}])`;
const DATE_OF_BIRTH = new RegExp(
  `(?<![\\p{L}])(?:d\\.?\\s?o\\.?\\s?b\\.?|date\\s+of\\s+birth|birth\\s?date|born|birthday)` +
    `(?:\\s*(?:is|was|being|on|in|[:=,–-]))*\\s*(?:the\\s+)?(${DATE})`,
  'giu',
);

/**
 * Dates given as a birth date: after "DOB", "date of birth", "born (on/in)" or "birthday".
 * Any other date ("on 12/03/2024 I waited") is when something happened and stays. A baby's
 * birth date in a maternity comment is a date of birth too.
 */
export function findDatesOfBirth(text: string): Redaction[] {
  const out: Redaction[] = [];
  for (const m of text.matchAll(DATE_OF_BIRTH)) {
    const start = m.index + m[0].length - m[1].length;
    out.push({ tag: 'DATE OF BIRTH', start, end: m.index + m[0].length });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Postcodes

const POSTCODE =
  /(?<![\p{L}\p{N}])(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)\s?[0-9][ABD-HJLNP-UW-Z]{2}(?![\p{L}\p{N}])/giu;
const NOT_INWARD = /\d(?:st|nd|rd|th|hr|hrs)$/i;

/** UK postcodes in any case, with or without the space ("LS1 4AB", "ls14ab"). */
export function findPostcodes(text: string): Redaction[] {
  const out: Redaction[] = [];
  for (const m of text.matchAll(POSTCODE)) {
    // "B2 3rd floor", "E2 6hr wait": ordinals and hours look like an inward code.
    if (NOT_INWARD.test(m[0])) continue;
    out.push({ tag: 'POSTCODE', start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Addresses

const STRONG_STREET = 'street|st|road|rd|avenue|ave|lane|ln|close|drive|crescent|cres|gardens|gdns|grove|terrace|mews|boulevard';
const WEAK_STREET = 'way|court|ct|place|pl|hill|park|row|view|walk|square|sq|rise|green|parade|vale|meadows?|fields?|gate|wharf|croft|chase|yard';
const ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}])((?:flat|apartment|apt|unit|house)\\s*\\d+[a-z]?\\s*,?\\s*)?\\d{1,4}[a-z]?,?\\s+` +
    `((?:[\\p{L}'’-]+\\s+){1,3}?)(${STRONG_STREET}|${WEAK_STREET})(?![\\p{L}])`,
  'giu',
);
const STRONG_STREET_WORD = new RegExp(`^(?:${STRONG_STREET})$`, 'i');
const NOT_IN_STREET_NAME = new Set(
  ('a an the of on in at to by up down round around along across from into near off my our your his her their ' +
    'this that hours hrs hour minutes mins days weeks months years times people patients nurses staff car cars ' +
    'bus buses miles beds bays wards floors steps stairs metres meters yards flights doors and or but was were').split(' '),
);
const BEFORE_ADDRESS_NOT = /(?:ward|bay|room|bed|floor|level|unit|block|theatre|cubicle|gate|platform|bus|no\.?|number)\s*$/i;

/**
 * A house number and street ("12 Acacia Avenue", "flat 3, 45 High Street"), the part of an
 * address that pins a person down; towns are left, postcodes have their own tag.
 */
export function findAddresses(text: string): Redaction[] {
  const out: Redaction[] = [];
  for (const m of text.matchAll(ADDRESS)) {
    const streetWords = m[2].trim().split(/\s+/u);
    const allCapitalised = streetWords.every((w) => /^\p{Lu}/u.test(w));
    const strong = STRONG_STREET_WORD.test(m[3]);
    if (!allCapitalised && !strong) continue;
    if (streetWords.some((w, i) => NOT_IN_STREET_NAME.has(w.toLowerCase()) && !(i === 0 && w === 'The'))) continue;
    if (!allCapitalised && streetWords.some((w) => NOT_NAMES.has(w.toLowerCase()))) continue;
    if (!m[1] && BEFORE_ADDRESS_NOT.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    out.push({ tag: 'ADDRESS', start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Names

interface Token {
  start: number;
  end: number;
  lower: string;
  cap: boolean;
  acronym: boolean;
}

/** A person's name found in a comment, and whether the comment shows them to be staff. */
export interface NameFind {
  start: number;
  end: number;
  staff: boolean;
}

type Cue = 'staff-title' | 'honorific' | 'kin' | 'called' | 'self' | 'thanks' | 'coordinated' | 'list';
type Role = 'staff' | 'other' | 'unknown';

interface NameSpan {
  first: number; // token index
  last: number;
  cue: Cue;
  role: Role;
}

const TOKEN = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;

const STAFF_TITLES =
  // Several-word titles first, so "nurse practitioner Hannah" is not read as "nurse" + "Practitioner".
  'health\\s?care\\s+assistant|care\\s+assistant|support\\s+worker|ward\\s+manager|nurse\\s+practitioner|' +
  'play\\s+specialist|occupational\\s+therapist|speech\\s+therapist|nursing\\s+assistant|nursery\\s+nurse|' +
  'specialist\\s+nurse|district\\s+nurse|community\\s+nurse|ambulance\\s+technician|tea\\s+lady|sister-in-charge|' +
  '(?:ambulance\\s+|transport\\s+)?driver|' +
  'dr|drs|doctor|doctors|doc|nurse|nurses|sister|sr|matron|midwife|midwives|hca|hcas|porter|porters|consultant|consultants|' +
  'surgeon|surgeons|physio|physios|physiotherapist|prof|professor|paramedic|paramedics|registrar|reg|pharmacist|' +
  'radiographer|sonographer|anaesthetist|anesthetist|receptionist|dietitian|dietician|chaplain|cleaner|housekeeper|' +
  'phlebotomist|therapist|ot|sn|rn|cn|hcsw';
const HONORIFICS = 'mr|mrs|ms|miss|mx|mister|missus';
const TITLE_CUE = new RegExp(
  `(?<![\\p{L}'’])((?:(?:staff|charge|student|senior|junior|ward|head|specialist|deputy|community|lead|clinical|ward-sister)\\s+)?` +
    `(?:(?:${STAFF_TITLES}|${HONORIFICS})(?![\\p{L}])(?:\\.\\s*|\\s+)){1,3})(?=\\p{L})`,
  'giu',
);
const TITLE_ABBREVIATION = /^(?:dr|drs|mr|mrs|ms|mx|prof|sr|sn|rn|cn)$/i;
const PLURAL_TITLE = /^(?:drs|doctors|nurses|sisters|midwives|hcas|porters|consultants|surgeons|physios|paramedics)$/i;
const STAFF_TITLE_WORD = new RegExp(`(?<![\\p{L}])(?:${STAFF_TITLES})(?![\\p{L}])`, 'iu');

const KIN =
  'husband|wife|son|sons|daughter|daughters|mum|mom|mam|mammy|mummy|mother|dad|daddy|father|partner|friend|friends|' +
  'sister|sisters|brother|brothers|nan|nana|nanna|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather|' +
  'grandson|grandsons|granddaughter|granddaughters|grandchild|grandchildren|aunt|auntie|aunty|uncle|niece|nephew|' +
  'cousin|neighbour|neighbor|boyfriend|girlfriend|fianc[eé]e?|carer|baby|child|children|kids|boy|boys|girl|girls|' +
  'twins?|son-in-law|daughter-in-law|mother-in-law|father-in-law|brother-in-law|sister-in-law|stepdad|stepmum|' +
  'stepson|stepdaughter|hubby|mate|pal|colleague|flatmate|parents|grandparents|other half|little one|wee one|relative';
const KIN_ADJECTIVE =
  '(?:\\d+[\\s-]*(?:years?|yrs?|months?|weeks?|days?)[\\s-]*old|lovely|little|baby|new|newborn|new-born|eldest|oldest|' +
  'youngest|younger|older|elderly|late|best|dear|beloved|poor|disabled|autistic|twin|adult|teenage|grown-up|' +
  'two|three|four|dear|darling|wonderful|beautiful|precious)';
const POSSESSOR = "(?:my|his|her|our|their|your|the\\s+patient['’]s|\\p{L}+['’]s)";
const KIN_CUE = new RegExp(
  `(?<![\\p{L}])${POSSESSOR}\\s+(?:${KIN_ADJECTIVE}\\s+){0,2}(?:${KIN})(?:\\s*,\\s*|\\s*\\(\\s*|\\s*[-–]\\s*|\\s+(?:(?:who\\s+is\\s+)?(?:called|named)\\s+)?)(?=\\p{L})`,
  'giu',
);
const KIN_AND_CUE = new RegExp(`(?<![\\p{L}])(?:and|&)\\s+(${KIN})\\s*,?\\s+(?=\\p{L})`, 'giu');
/** The words each cue pattern needs, as tokens: a cheap test before running the pattern. */
const vocabulary = (alternation: string): ReadonlySet<string> =>
  new Set(alternation.replace(/\\s[?+*]?/g, ' ').replace(/[()?:\[\]]/g, ' ').split(/[|\s]+/).filter((w) => /^[a-zé-]+$/.test(w)));
const TITLE_WORDS = vocabulary(STAFF_TITLES + '|' + HONORIFICS + '|healthcare|ambulance|transport');
const KIN_WORDS = vocabulary(KIN + '|fiance|fiancé|fiancee|fiancée');
const CALLED_WORDS: ReadonlySet<string> = new Set(['called', 'named', 'name', "name's", 'name’s', 'known', 'goes', 'i', "i'm", 'i’m']);
const THANKS_WORDS: ReadonlySet<string> = new Set(['thanks', 'thank', 'thankyou', 'cheers', 'well', 'shout', 'shout-out', 'kudos']);
const CALLED_CUE = /(?<![\p{L}])(called|named|name\s+is|name['’]s|name\s+was|known\s+as|goes\s+by|i\s+am|i['’]m)\s+(?=\p{L})/giu;
const THANKS_CUE =
  /(?<![\p{L}])(?:thanks|thank\s*you|thankyou|cheers|well\s+done|shout[\s-]?out|kudos)(?:\s+(?:so\s+much|very\s+much|again|also|especially|in\s+particular|you))*\s*,?\s*(?:to\s+)?(?=\p{L})/giu;
const STAFF_BEFORE = new RegExp(
  '(?:^|[^\\p{L}])(?:the|our|my|a|an|his|her|their|your)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:' + STAFF_TITLES + ')' +
    // "the midwife, Joanne,", "The surgeon (Mr Ogunleye)", "the nurse who looked after me, Chinonso,",
    // "Our midwife was Tendai"
    '(?:\\s*[,(–-]\\s*|\\s+who\\s+(?:[\\p{L}\'’-]+\\s+){0,5}?[\\p{L}\'’-]+\\s*,\\s*|\\s+(?:was|is)\\s+)' +
    '(?:(?:dr|mr|mrs|ms|miss|prof)\\.?\\s+)?$',
  'iu',
);
/** "brilliant, particularly Sarah, Jade and Mo": singled out in a sentence about the staff. */
const SINGLED_OUT_BEFORE = /(?:especially|particularly|in\s+particular|notably|above\s+all|not\s+least)\s*,?\s*$/iu;
const SELF_BEFORE = /(?:\bmy|\bi\s+am|\bi['’]m)(?:\s+name(?:\s+is|['’]s))?\s*$/i;
const PRONOUN_CALLER = /(?:^|[^\p{L}])(?:i|we|they|he|she|you|someone|somebody|nobody|no one|mum|dad)\s+(?:then\s+|had\s+|have\s+|had\s+to\s+|)$/iu;
const STAFF_NOUN =
  /(?<![\p{L}])(?:nurses?|doctors?|dr|docs?|sisters?|matrons?|midwi(?:fe|ves)|hcas?|healthcare assistants?|health care assistants?|porters?|consultants?|surgeons?|physios?|physiotherapists?|paramedics?|registrars?|pharmacists?|radiographers?|sonographers?|anaesthetists?|receptionists?|cleaners?|domestics?|housekeepers?|phlebotomists?|therapists?|support workers?|carers? on the ward|staff|student|chaplain|volunteers?|crew|ambulance|technicians?|ots?|dietitians?|students?|practitioners?|team)(?![\p{L}])/iu;
const KIN_NOUN = new RegExp(`(?<![\\p{L}])(?:${KIN}|patient|lady|man|woman|gentleman|chap|lad|guy)(?![\\p{L}])`, 'iu');

const THANKS_BEFORE =
  /(?:thanks?|thank\s*you|thankyou|ty|cheers|well\s+done|shout[\s-]?out|kudos|credit|praise|mention|grateful|hats\s+off)(?:\s+(?:so\s+much|very\s+much|again|also|especially|in\s+particular|to|for|you|all|a\s+lot|ever\s+so\s+much|x+))*\s*(?:,\s*)?(?:(?:the\s+)?(?:lovely|amazing|wonderful|brilliant|fantastic|fab|great|kind|caring|super)\s+)?$/iu;
const SIGN_OFF_AFTER = /^\s*[.!]*\s*(?:x+)?\s*[.!]*\s*$/u;
const STAFF_AFTER = new RegExp(
  '^(?:' +
    // appositive role: "Jo the nurse", "Sam (HCA)", "Kay, one of the midwives,", "Tom who is a porter"
    `\\s*[,(–-]?\\s*(?:(?:the|our|my|a|an|one\\s+of\\s+the|(?:who\\s+)?(?:is|was)\\s+(?:a|an|the|our|my|one\\s+of\\s+the))\\s+(?:[\\p{L}-]+\\s+){0,3}?)?(?:${STAFF_TITLES}|staff\\s+nurse|student|manager|sister)s?(?![\\p{L}])` +
    // where they work: "Jo on ward 5", "Priya in A&E", "Kim at reception", "Dave from the physio team"
    `|\\s*,?\\s*(?:who\\s+(?:is|was|works)\\s+)?(?:on|in|at|from)\\s+(?:the\\s+)?(?:ward\\b|bay\\b|a\\s*(?:&|and)\\s*e\\b|ae\\b|ed\\b|reception|(?:front\\s+)?desk|physio(?:therapy)?\\b|phlebotomy|ultrasound|occupational\\s+therapy|theatres?|recovery|nights|night\\s+shift|days\\b|day\\s+shift|the\\s+desk|triage|resus|maternity|labour|delivery|outpatients|x-?ray|radiology|pharmacy|icu|itu|hdu|ccu|amu|sau|mau|(?:[\\p{L}&-]+\\s+){0,2}(?:team|ward|unit|department|clinic)\\b)` +
    // what staff do: "Jo looked after me", "Sam took my bloods"
    `|\\s+(?:who\\s+|,\\s*who\\s+)?(?:looked\\s+after|cared\\s+for|treated|nursed|delivered|scanned|operated|stitched|took\\s+(?:my|her|his|our)\\s+bloods?|did\\s+(?:my|her|his|the)\\s+(?:bloods?|dressings?|obs|scan|op|operation|stitches|cannula|injection)|was\\s+(?:my|our|her|his)\\s+(?:${STAFF_TITLES}|named\\s+nurse))` +
    // "Mr Patel and his team", "Dr Khan's team"
    `|\\s+(?:and\\s+(?:his|her|their|the)\\s+team|['’]s\\s+team)` +
    ')',
  'iu',
);
const COORDINATOR = /^(?:\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*|\s*\+\s*|\s*\/\s*)$/iu;
const PLACE_BEFORE = /(?:^|[^\p{L}])(?:st|st\.|saint|queen|king|prince|princess|royal|lady|duchess|duke)\s+$/iu;
const PLACE_AFTER =
  /^['’]?s?\s+(?:(?:ward|wing)(?!\s*\d)|unit|hospital|house|centre|center|suite|building|infirmary|clinic|hospice|road|street|avenue|lane|close|drive|court|park|school|college|university|station|hall|lodge|block|surgery|practice|medical|memorial|foundation|trust|gardens|square|day\s+unit|birth\s+centre|course|programme|program|syndrome|disease|criteria|scale|score|method|technique|manoeuvre|maneuver|app)(?![\p{L}])/iu;
const PLACE_PREPOSITION =
  /(?:(?:^|[^\p{L}])(?:at|in|near|outside|into|towards|via)|(?:go|goes|going|went|gone|taken|take|took|sent|send|transferred|moved|admitted|referred|driven|drove|travel(?:led)?|come|came|back|down|up|over|ambulance|transport|bus|taxi|car|lift|drive|journey|trip|transfer|way)\s+to)\s+$/iu;
const MONTH_BEFORE_NUMBER = /^\s*\d/;
const SENTENCE_END = /[.!?\n]/g;
const SURNAME_SHAPE =
  /^(?:mc|mac|o['’]|fitz|van|de|al-|el-|abu|bin|ben-)\p{L}|\p{L}(?:ski|ska|sky|wicz|czyk|czak|enko|ova|ová|eva|ovic|ović|opoulos|oglu|oğlu|son|sen|stein|berg|adze|shvili|ez|wala|walla|ani|owski|owska|uk|yk|chuk|ienė|aitė|auskas|ene|ola|ade|emi|ayo|eke|ike|onu|ndu|ong|ang)$/iu;

/** Name lookups, with accents dropped as a fallback ("Zoë", "Siân", "José"). */
function nameKey(lower: string): string {
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) > 127) return lower.normalize('NFD').replace(/\p{M}/gu, '');
  }
  return lower;
}
// One lookup per word instead of one per list: bit flags for every list a word is in.
const GIVEN = 1;
const WORD = 2;
const LOWER_WORD = 4;
const SURNAME = 8;
const NOT_NAME = 16;
const NAME_FLAGS = new Map<string, number>();
for (const [list, bit] of [[GIVEN_NAMES, GIVEN], [WORD_NAMES, WORD], [LOWERCASE_WORD_NAMES, LOWER_WORD], [SURNAMES, SURNAME], [NOT_NAMES, NOT_NAME]] as const) {
  for (const w of list) NAME_FLAGS.set(w, (NAME_FLAGS.get(w) ?? 0) | bit);
}
function flagsOf(lower: string): number {
  const f = NAME_FLAGS.get(lower);
  if (f !== undefined) return f;
  const key = nameKey(lower);
  return key === lower ? 0 : NAME_FLAGS.get(key) ?? 0;
}
/** True when the word is in any of the lists named by `bits`. */
function is(lower: string, bits: number): boolean {
  return (flagsOf(lower) & bits) !== 0;
}
function isAnyGiven(lower: string): boolean {
  return is(lower, GIVEN | WORD | LOWER_WORD);
}
function isAnyName(lower: string): boolean {
  return is(lower, GIVEN | WORD | LOWER_WORD | SURNAME) || hyphenParts(lower, isAnyGiven);
}
function hyphenParts(lower: string, test: (part: string) => boolean): boolean {
  if (!lower.includes('-')) return false;
  return lower.split('-').every((p) => test(p) || is(p, SURNAME));
}
/** A lower-case word that is a name and nothing else ("priya", "kelly"), safe without capitals. */
function isPlainLowerName(lower: string): boolean {
  if (is(lower, NOT_NAME | WORD | LOWER_WORD)) return false;
  return is(lower, GIVEN) || hyphenParts(lower, (p) => is(p, GIVEN));
}
function isPlainLowerSurname(lower: string): boolean {
  if (is(lower, NOT_NAME | WORD | LOWER_WORD)) return false;
  return is(lower, SURNAME) || isPlainLowerName(lower);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    let word = m[0];
    const n = word.length;
    if (n > 2 && (word[n - 1] === 's' || word[n - 1] === 'S') && (word[n - 2] === "'" || word[n - 2] === '’')) {
      word = word.slice(0, -2);
    }
    const lower = word.toLowerCase();
    const cap = word[0] !== lower[0];
    const acronym = word.length > 1 && word.length <= 3 && word === word.toUpperCase() && word !== lower;
    tokens.push({ start: m.index, end: m.index + word.length, lower, cap, acronym });
  }
  return tokens;
}

/** How strongly the words before a token say "a name comes next". */
type Evidence = 'title' | 'role' | 'listed' | 'cue' | 'none';

function acceptsFirst(text: string, tokens: Token[], i: number, evidence: Evidence): boolean {
  const t = tokens[i];
  if (!t) return false;
  if (evidence === 'listed') return t.cap ? !t.acronym && !is(t.lower, NOT_NAME) && isAnyName(t.lower) : isPlainLowerSurname(t.lower);
  if (evidence === 'none') {
    if (t.cap) {
      if (t.acronym || is(t.lower, NOT_NAME)) return false;
      if (is(t.lower, WORD)) return false;
      return is(t.lower, GIVEN) || is(t.lower, LOWER_WORD) || hyphenParts(t.lower, isAnyGiven);
    }
    // Lower case and no cue: short names are too often typos or abbreviations ("ben" for been,
    // "tim" for time, "tia" for a TIA), so only longer ones ("priya", "kelly") count.
    return t.lower.length >= 4 && isPlainLowerName(t.lower);
  }
  if (!t.cap) return evidence === 'title' ? isPlainLowerSurname(t.lower) : isPlainLowerName(t.lower) || (evidence === 'role' && isPlainLowerSurname(t.lower));
  // "Mrs A Jones", "Dr J. Smith": an initial before a surname is the start of the name, though
  // "A" alone is a word, not a name.
  if ((evidence === 'title' || evidence === 'role') && initialBeforeName(text, tokens, i)) return true;
  if (t.acronym) return false;
  const next = tokens[i + 1];
  const runningTextAfter = !next || !next.cap || text.slice(t.end, next.start).trim() !== '';
  if (evidence === 'cue') {
    // After thanks: a listed name, and a word-name only if it reads as one ("Thankyou Dawn and").
    if (is(t.lower, NOT_NAME) || !isAnyGiven(t.lower)) return false;
    return !is(t.lower, WORD) || runningTextAfter;
  }
  if (isAnyName(t.lower)) {
    // "my daughter May 2023", "Dr April 12th": a month followed by a number is a date.
    if (is(t.lower, WORD) && is(t.lower, NOT_NAME)) return !MONTH_BEFORE_NUMBER.test(text.slice(t.end, t.end + 4));
    if (is(t.lower, NOT_NAME)) return evidence === 'title' && is(t.lower, SURNAME);
    return true;
  }
  if (is(t.lower, NOT_NAME)) return false;
  // An unknown capitalised word after "Dr"/"Mr" is a surname ("Dr Oyelaran"); after a role or
  // kinship word it must look like running text after it ("Nurse Kowalczyk was", not "Midwife Led Unit").
  if (evidence === 'title') return true;
  return runningTextAfter;
}

// What may follow an initial before the rest of a name: "J Smith", "J. Smith", "J.Smith".
const INITIAL_GAP = /^\.? ?$/;

function isInitial(t: Token): boolean {
  return t.cap && t.end - t.start === 1;
}

/** A capital letter alone, then (after a space, a full stop or both) a capitalised word. */
function initialBeforeName(text: string, tokens: Token[], i: number): boolean {
  const next = tokens[i + 1];
  if (!isInitial(tokens[i]) || !next || !next.cap || next.acronym || is(next.lower, NOT_NAME)) return false;
  const gap = text.slice(tokens[i].end, next.start);
  return gap !== '' && INITIAL_GAP.test(gap);
}

/** Takes a surname or second given name after the first ("Priya Sharma", "Dr Sarah Oyelaran"). */
function extend(text: string, tokens: Token[], first: number, evidence: Evidence): number {
  let last = first;
  while (last - first < 2) {
    const t = tokens[last + 1];
    if (!t) break;
    const gap = text.slice(tokens[last].end, t.start);
    if (gap !== ' ' && gap !== '-' && !(isInitial(tokens[last]) && INITIAL_GAP.test(gap))) break;
    if (t.acronym || is(t.lower, NOT_NAME) || is(t.lower, WORD)) break;
    if (t.cap !== tokens[first].cap) break;
    if (t.cap) {
      const known = is(t.lower, SURNAME) || is(t.lower, GIVEN) || is(t.lower, LOWER_WORD) || SURNAME_SHAPE.test(t.lower);
      const after = tokens[last + 2];
      const runningText = !after || !after.cap || text.slice(t.end, after.start).trim() !== '';
      if (!known && !(evidence !== 'none' && runningText)) break;
    } else if (!isPlainLowerSurname(t.lower)) {
      break;
    }
    last++;
  }
  return last;
}

/**
 * People's names, found without a model: a curated list of given names and surnames plus the
 * words around them (titles, kinship words, "called", thanks, a ward or role after the name),
 * which also tell staff from relatives and patients. Tokens inside `taken` are skipped.
 */
export function findNames(text: string, taken: readonly Redaction[] = []): NameFind[] {
  const tokens = tokenize(text);
  if (tokens.length === 0) return [];
  const byStart = new Map<number, number>();
  tokens.forEach((t, i) => byStart.set(t.start, i));
  const used = new Uint8Array(tokens.length);
  if (taken.length > 0) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (taken.some((r) => t.start < r.end && r.start < t.end)) used[i] = 1;
    }
  }
  // Each cue pattern runs only if one of its words is in the comment: most comments have none.
  const has = (vocabulary: ReadonlySet<string>): boolean => tokens.some((t) => vocabulary.has(t.lower));
  const spans: NameSpan[] = [];
  const add = (first: number | undefined, evidence: Evidence, cue: Cue, role: Role): void => {
    if (first === undefined || used[first] || !acceptsFirst(text, tokens, first, evidence)) return;
    let last = extend(text, tokens, first, evidence);
    while (last > first && used[last]) last--;
    for (let k = first; k <= last; k++) used[k] = 1;
    spans.push({ first, last, cue, role });
  };

  // 1. Titles: "Dr Patel", "Staff Nurse Kelly", "Sister Mary", "Mr Jones", "dr smith".
  for (const m of has(TITLE_WORDS) ? text.matchAll(TITLE_CUE) : []) {
    const titles = m[1];
    const first = byStart.get(m.index + m[0].length);
    if (first === undefined) continue;
    const staffTitle = STAFF_TITLE_WORD.test(titles);
    const onlySister = /^sisters?\W*$/i.test(titles.trim());
    // "my sister Mary" is family, "Sister Mary" is the ward sister.
    if (onlySister && /(?:my|his|her|our|their|your|['’]s)\s+$/i.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    // "Midwife Led Unit", "nurse will be": role words take a name only when they read as a title.
    const honorificOrDoctor = /(?:^|\s)(?:dr|drs|doctor|prof|professor|mr|mrs|ms|miss|mx|mister|missus)\.?\s*$/i.test(titles);
    // "miss" is also a verb: "we will miss Jo" still names Jo, but only if Jo is capitalised.
    if (/^miss\s*$/.test(titles.trim()) && !tokens[first].cap) continue;
    // "talking to the nurse. Palpitations": a full stop after a title that is not an
    // abbreviation ends the sentence; after a lower-case "dr." only a listed name will do.
    const dotted = /\.\s*$/.test(titles);
    const lastTitle = /([\p{L}-]+)\.?\s*$/u.exec(titles)![1];
    if (dotted && !TITLE_ABBREVIATION.test(lastTitle)) continue;
    // "nurses Jo and Priya" but not "paramedics Explanation of …": after a plural, only listed names.
    const needsListedName = PLURAL_TITLE.test(lastTitle) || (dotted && lastTitle === lastTitle.toLowerCase());
    const evidence: Evidence = needsListedName ? 'listed' : honorificOrDoctor ? 'title' : 'role';
    add(first, evidence, staffTitle ? 'staff-title' : 'honorific', staffTitle ? 'staff' : 'unknown');
  }
  // 2. Family and friends: "my husband Peter", "my daughter, Emily,", "our son (Jack)".
  const hasKin = has(KIN_WORDS);
  for (const m of hasKin ? text.matchAll(KIN_CUE) : []) add(byStart.get(m.index + m[0].length), 'role', 'kin', 'other');
  for (const m of hasKin ? text.matchAll(KIN_AND_CUE) : []) {
    if (/^Sisters?$/.test(m[1])) continue;
    add(byStart.get(m.index + m[0].length), 'role', 'kin', 'other');
  }
  // 3. "called Sam", "named Jo", "my name is Jean", "I'm Sue".
  for (const m of has(CALLED_WORDS) ? text.matchAll(CALLED_CUE) : []) {
    const first = byStart.get(m.index + m[0].length);
    if (first === undefined) continue;
    const word = m[1].toLowerCase();
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (word.startsWith('i')) {
      // "I'm Sue" / "I am Sue": only a listed, capitalised given name ("I am grateful" is not one).
      const t = tokens[first];
      if (t.cap && is(t.lower, GIVEN) && !is(t.lower, NOT_NAME)) add(first, 'cue', 'self', 'other');
      continue;
    }
    if (word === 'called' && PRONOUN_CALLER.test(before)) {
      // "I called 111", "we called Dad": a phone call, not a naming; only a listed name counts.
      if (!isAnyName(tokens[first].lower)) continue;
    }
    if (SELF_BEFORE.test(before + ' ') && /name/.test(word)) {
      add(first, 'cue', 'self', 'other');
      continue;
    }
    add(first, 'role', 'called', roleFromLookback(text, m.index));
  }
  // 4. Thanked by name: "Thankyou Dawn and all the team", "thanks to kev".
  for (const m of has(THANKS_WORDS) ? text.matchAll(THANKS_CUE) : []) add(byStart.get(m.index + m[0].length), 'cue', 'thanks', 'unknown');
  // 5. Listed given names on their own: "Priya was lovely", "thanks to jo".
  for (let i = 0; i < tokens.length; i++) {
    if (!used[i]) add(i, 'none', 'list', 'unknown');
  }
  // 6. Names joined to a found name: "Jo and Oyinkansola", "Dr Smith, Kasia and Tom".
  for (let changed = true; changed; ) {
    changed = false;
    spans.sort((a, b) => a.first - b.first);
    for (const s of [...spans]) {
      let next = s.last + 1;
      if (tokens[next]?.lower === 'and') next++;
      const t = tokens[next];
      if (!t || used[next]) continue;
      if (!COORDINATOR.test(text.slice(tokens[s.last].end, t.start))) continue;
      const before = spans.length;
      // Only a name found by a cue vouches for an unknown word beside it; a list of places
      // ("Darlington, James Cook, Sedgefield") must not grow from one listed name.
      const vouched = s.cue !== 'list' && s.cue !== 'coordinated';
      add(next, vouched ? 'role' : 'cue', 'coordinated', 'unknown');
      if (spans.length > before) changed = true;
    }
  }

  spans.sort((a, b) => a.first - b.first);
  const places = spans.filter((s) => isPlaceName(text, tokens, s));
  const names = spans.filter((s) => !places.includes(s));
  assignRoles(text, tokens, names);
  return names.map((s) => ({ start: tokens[s.first].start, end: tokens[s.last].end, staff: s.role === 'staff' }));
}

/** "Florence Nightingale Ward", "Queen Elizabeth Hospital", "St James": a place, not a person. */
function isPlaceName(text: string, tokens: Token[], s: NameSpan): boolean {
  if (s.cue === 'kin' || s.cue === 'self' || s.cue === 'staff-title' || s.cue === 'honorific') return false;
  const start = tokens[s.first].start;
  const end = tokens[s.last].end;
  if (PLACE_BEFORE.test(text.slice(Math.max(0, start - 12), start)) || PLACE_AFTER.test(text.slice(end, end + 20))) return true;
  // A bare name after "at", "in" or "taken to" is a town or a hospital ("appointment at Stanley",
  // "taken to James Cook"); "Jo's", "at Jo's house" keep their possessive and stay names.
  if (s.cue !== 'list') return false;
  if (/^['’]s/u.test(text.slice(end, end + 2))) return false;
  return PLACE_PREPOSITION.test(text.slice(Math.max(0, start - 40), start));
}

/** "a lovely HCA called Sam" is staff; "my friend called Sue" is not; otherwise unknown. */
function roleFromLookback(text: string, at: number): Role {
  const sentenceStart = lastSentenceEnd(text, at);
  const before = text.slice(Math.max(sentenceStart, at - 60), at);
  const words = before.split(/\s+/u).slice(-6).join(' ');
  const staff = STAFF_NOUN.exec(words);
  const kin = KIN_NOUN.exec(words);
  if (kin && (!staff || kin.index > staff.index)) return 'other';
  if (staff) return 'staff';
  return 'unknown';
}

function sentenceOf(text: string, at: number): string {
  SENTENCE_END.lastIndex = at;
  const next = SENTENCE_END.exec(text);
  return text.slice(lastSentenceEnd(text, at), next ? next.index : text.length);
}

function lastSentenceEnd(text: string, at: number): number {
  let end = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m && m.index < at; m = SENTENCE_END.exec(text)) {
    // "Dr. Smith", "Mr. Jones": a title's full stop does not end the sentence.
    if (m[0] === '.' && /(?:dr|mr|mrs|ms|st|prof|sr)$/i.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    end = m.index + 1;
  }
  return end;
}

/**
 * Settles staff or not for each name. Cues decide first (title, kinship, "called"); then
 * thanks, a role or ward after the name, or care given ("Jo looked after me"); then the other
 * names in the same list ("Dr Smith and Jo"); then earlier mentions of the same name. A name
 * with no evidence is treated as not staff, so in doubt it is redacted.
 */
function assignRoles(text: string, tokens: Token[], spans: NameSpan[]): void {
  for (const s of spans) {
    if (s.role !== 'unknown') continue;
    const start = tokens[s.first].start;
    const end = tokens[s.last].end;
    const after = text.slice(end, end + 90);
    const before = text.slice(Math.max(lastSentenceEnd(text, start), start - 50), start);
    if (STAFF_AFTER.test(after) || STAFF_BEFORE.test(before)) s.role = 'staff';
    else if (SINGLED_OUT_BEFORE.test(before) && STAFF_NOUN.test(sentenceOf(text, start))) s.role = 'staff';
    else if (THANKS_BEFORE.test(before)) {
      // "Many thanks, Jean" at the very end is the writer signing off.
      s.role = /,\s*$/.test(before) && SIGN_OFF_AFTER.test(text.slice(end)) ? 'other' : 'staff';
    }
  }
  // Lists share a role: "thanks to Jo and Priya", "my husband Peter and Tom".
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1];
    const b = spans[i];
    if (!COORDINATOR.test(text.slice(tokens[a.last].end, tokens[b.first].start))) continue;
    const known = a.role !== 'unknown' ? a.role : b.role;
    if (known === 'unknown') continue;
    if (a.role === 'unknown') a.role = known;
    if (b.role === 'unknown') b.role = known;
    // A run of three or more: walk back so earlier unknowns in the run get the role too.
    for (let k = i - 1; k > 0; k--) {
      const p = spans[k - 1];
      const q = spans[k];
      if (!COORDINATOR.test(text.slice(tokens[p.last].end, tokens[q.first].start))) break;
      if (p.role === 'unknown') p.role = q.role;
    }
  }
  // Later mentions of the same person: "my husband Peter … Peter was scared".
  const roleOf = new Map<string, Role>();
  for (const s of spans) {
    if (s.role === 'unknown') continue;
    const key = tokens[s.first].lower;
    if (roleOf.get(key) !== 'other') roleOf.set(key, s.role);
  }
  for (const s of spans) {
    if (s.role === 'unknown') s.role = roleOf.get(tokens[s.first].lower) ?? 'other';
  }
}

// ---------------------------------------------------------------------------------------------
// Scoring against a hand-labelled set

/** A comment with its expected output; `keepingStaff` is the output with staffNames 'keep' where it differs. */
export interface RedactionCase {
  comment: string;
  redacted: string;
  keepingStaff?: string;
}

export interface TagScore {
  expected: number;
  predicted: number;
  correct: number;
  recall: number;
  precision: number;
}

export interface RedactionScore {
  overall: TagScore;
  perTag: Record<RedactionTag, TagScore>;
  /** Cases whose output differs from the expected text, for reading the misses. */
  mismatches: { comment: string; expected: string; actual: string }[];
}

const TAG_IN_OUTPUT = new RegExp(`\\[(${REDACTION_TAGS.join('|')})\\]`, 'g');

/**
 * The spans of `comment` that `redacted` replaces with tags, found by aligning the two texts.
 * Throws when the expected text cannot come from the comment (a typo in a test case).
 */
export function expectedRedactions(comment: string, redacted: string): Redaction[] {
  const tags: RedactionTag[] = [];
  let pattern = '^';
  let at = 0;
  for (const m of redacted.matchAll(TAG_IN_OUTPUT)) {
    pattern += escapeRegExp(redacted.slice(at, m.index)) + '([\\s\\S]+?)';
    tags.push(m[1] as RedactionTag);
    at = m.index + m[0].length;
  }
  pattern += escapeRegExp(redacted.slice(at)) + '$';
  const match = new RegExp(pattern, 'd').exec(comment);
  if (!match) throw new Error(`expected output does not fit its comment: ${JSON.stringify(redacted)}`);
  return tags.map((tag, i) => {
    const [start, end] = match.indices![i + 1]!;
    return { tag, start, end };
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Recall and precision per tag and overall: a tag is right when the expected span is replaced
 * by the expected tag (same start, end and tag); anything else redacted is a false find.
 */
export function scoreRedaction(cases: readonly RedactionCase[], options: RedactOptions): RedactionScore {
  const counts = Object.fromEntries(
    REDACTION_TAGS.map((t) => [t, { expected: 0, predicted: 0, correct: 0 }]),
  ) as Record<RedactionTag, { expected: number; predicted: number; correct: number }>;
  const mismatches: RedactionScore['mismatches'] = [];
  for (const c of cases) {
    const expectedText = options.staffNames === 'keep' ? c.keepingStaff ?? c.redacted : c.redacted;
    const expected = expectedRedactions(c.comment, expectedText);
    const actual = redact(c.comment, options);
    for (const e of expected) counts[e.tag].expected++;
    for (const a of actual.found) {
      counts[a.tag].predicted++;
      if (expected.some((e) => e.tag === a.tag && e.start === a.start && e.end === a.end)) counts[a.tag].correct++;
    }
    if (actual.text !== expectedText) mismatches.push({ comment: c.comment, expected: expectedText, actual: actual.text });
  }
  const score = (c: { expected: number; predicted: number; correct: number }): TagScore => ({
    ...c,
    recall: c.expected === 0 ? 1 : c.correct / c.expected,
    precision: c.predicted === 0 ? 1 : c.correct / c.predicted,
  });
  const total = { expected: 0, predicted: 0, correct: 0 };
  for (const t of REDACTION_TAGS) {
    total.expected += counts[t].expected;
    total.predicted += counts[t].predicted;
    total.correct += counts[t].correct;
  }
  return {
    overall: score(total),
    perTag: Object.fromEntries(REDACTION_TAGS.map((t) => [t, score(counts[t])])) as Record<RedactionTag, TagScore>,
    mismatches,
  };
}

/** The score as a plain-text table (one row per tag, then overall), for tests and a CLI. */
export function formatRedactionScore(score: RedactionScore): string {
  const row = (label: string, s: TagScore): string =>
    `${label.padEnd(14)} ${String(s.expected).padStart(8)} ${String(s.predicted).padStart(9)} ${String(s.correct).padStart(7)} ` +
    `${s.recall.toFixed(3).padStart(6)} ${s.precision.toFixed(3).padStart(9)}`;
  return [
    `${'tag'.padEnd(14)} ${'expected'.padStart(8)} ${'predicted'.padStart(9)} ${'correct'.padStart(7)} ${'recall'.padStart(6)} ${'precision'.padStart(9)}`,
    ...REDACTION_TAGS.map((t) => row(t, score.perTag[t])),
    row('overall', score.overall),
  ].join('\n');
}
