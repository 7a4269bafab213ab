/**
 * Reading a patient's text. Two moments, two readers:
 *
 * - `parseFirstReply` (also `parseReply`), when a score is expected: "5", " 5 ", "5.", "five",
 *   "Very good!", "1 - Very good", "pięć", "Da iawn" are answers; "2 - good but slow" and
 *   "1⏎The staff were great" (or "Very good thank you") an answer with its comment; STOP words
 *   opt out ("STOP", "Stop please", "stop texting me"); anything else, "5⭐" included, is text
 *   (and earns one help message).
 * - `parseFollowUp`, when a comment is expected: only STOP words are special, so
 *   "5 stars, lovely staff" or "1 nurse was rude" stay comments, never become a score.
 *
 * Matching is on whole messages, after folding case, accents, apostrophes ("Don’t know" from
 * a phone's curly quote), punctuation and emoji away: "good" is an answer, "not good" is text.
 * Patients' words are returned as they wrote them (less control characters), in any script.
 */
import { ANSWER_LABELS } from '../../analytics/fft.ts';
import { cleanText, MAX_COMMENT_CHARS } from '../collect/schema.ts';
import { SMS_QUESTIONS, smsLanguage, type SmsLanguage, type SmsQuestion } from './languages.ts';

/** `comment`: what followed the answer in the same text ("2 - good but slow", "1⏎The staff were great"). */
export type FirstReply = { kind: 'stop' } | { kind: 'answer'; answer: number; comment?: string } | { kind: 'text'; text: string };
export type FollowUp = { kind: 'stop' } | { kind: 'text'; text: string };

/** How one language writes the six answers. Index 0 of each list is answer 1. */
export interface AnswerWords {
  /** The answer labels as printed in our texts (and accepted back). */
  labels: Record<SmsQuestion, readonly [string, string, string, string, string, string]>;
  /** Other ways of writing an answer that are accepted too, by answer code. */
  alsoAccepted?: Partial<Record<SmsQuestion, Partial<Record<number, readonly string[]>>>>;
  /** The numbers one to six as words, every form the grammar has (Welsh "dau"/"dwy"). */
  digitWords: Record<1 | 2 | 3 | 4 | 5 | 6, readonly string[]>;
  /** Opt-out words beyond the English ones every carrier and provider knows. */
  stopWords?: readonly string[];
}

const six = (labels: Record<number, string>) => [labels[1], labels[2], labels[3], labels[4], labels[5], labels[6]] as const;

/**
 * The answer words per language. English comes from analytics/fft.ts, the one source of the
 * labels. Polish and Welsh labels are this service's own translations and should be checked
 * against the trust's translated FFT cards; replies are accepted with or without diacritics,
 * since many phones type Polish without them.
 */
export const ANSWER_WORDS: Record<SmsLanguage, AnswerWords> = {
  en: {
    labels: { 'fft-2020': six(ANSWER_LABELS['fft-2020']), 'fft-2013': six(ANSWER_LABELS['fft-2013']) },
    alsoAccepted: {
      'fft-2020': { 3: ['neither', 'neither good nor bad'], 6: ['do not know', 'not sure', 'dunno'] },
      'fft-2013': { 3: ['neither'], 6: ['do not know', 'not sure', 'dunno'] },
    },
    digitWords: { 1: ['one'], 2: ['two'], 3: ['three'], 4: ['four'], 5: ['five'], 6: ['six'] },
  },
  pl: {
    labels: {
      'fft-2020': ['Bardzo dobre', 'Dobre', 'Ani dobre, ani złe', 'Złe', 'Bardzo złe', 'Nie wiem'],
      'fft-2013': [
        'Bardzo prawdopodobne', 'Prawdopodobne', 'Ani prawdopodobne, ani mało prawdopodobne', 'Mało prawdopodobne',
        'Bardzo mało prawdopodobne', 'Nie wiem',
      ],
    },
    alsoAccepted: {
      // Adverbs ("how was it?" — "bardzo dobrze") are as natural as the adjectives we print.
      'fft-2020': { 1: ['bardzo dobrze'], 2: ['dobrze'], 3: ['ani dobrze, ani źle'], 4: ['źle'], 5: ['bardzo źle'] },
      'fft-2013': { 4: ['nieprawdopodobne'], 5: ['bardzo nieprawdopodobne'] },
    },
    digitWords: {
      1: ['jeden', 'jedna', 'jedno', 'jedynka'],
      2: ['dwa', 'dwie', 'dwójka'],
      3: ['trzy', 'trójka'],
      4: ['cztery', 'czwórka'],
      5: ['pięć', 'piątka'],
      6: ['sześć', 'szóstka'],
    },
  },
  cy: {
    labels: {
      'fft-2020': ['Da iawn', 'Da', 'Ddim yn dda nac yn wael', 'Gwael', 'Gwael iawn', 'Ddim yn gwybod'],
      'fft-2013': ['Tebygol iawn', 'Tebygol', 'Ddim yn debygol nac yn annhebygol', 'Annhebygol', 'Annhebygol iawn', 'Ddim yn gwybod'],
    },
    alsoAccepted: {
      'fft-2020': { 1: ['yn dda iawn'], 2: ['yn dda'], 4: ['yn wael'], 5: ['yn wael iawn'], 6: ['dim yn gwybod', 'ni wn'] },
      'fft-2013': {
        1: ['yn debygol iawn', 'hynod o debygol'],
        2: ['yn debygol'],
        4: ['yn annhebygol'],
        5: ['yn annhebygol iawn', 'hynod o annhebygol'],
        6: ['dim yn gwybod', 'ni wn'],
      },
    },
    // Welsh has feminine forms for 2–4 and drops a final consonant before a noun ("pum", "chwe").
    digitWords: { 1: ['un'], 2: ['dau', 'dwy'], 3: ['tri', 'tair'], 4: ['pedwar', 'pedair'], 5: ['pump', 'pum'], 6: ['chwech', 'chwe'] },
  },
};

/**
 * What every patient may send to stop texts, in any language: the industry's opt-out
 * keywords, including the two more Twilio acts on by default (REVOKE, OPTOUT), so that a
 * number Twilio has blocked is opted out here too.
 */
export const STOP_WORDS = ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout'] as const;

/**
 * What an opted-out number may send to be texted again: the opt-in keywords Twilio acts on by
 * default (GOV.UK Notify acts on none, opt-in or opt-out: it passes every reply on). English
 * only, as STOP is: every invitation, whatever its language, says "Reply STOP".
 */
export const START_WORDS = ['start', 'unstop', 'yes'] as const;
export type StartWord = (typeof START_WORDS)[number];

/**
 * The opt-in keyword a text is, or null: only the whole text ("START", "Start.", "unstop"), as
 * Twilio reads them, so "Start again please" or "yes the nurse was lovely" is not one.
 */
export function startWord(text: string): StartWord | null {
  const key = matchKey(cleanText(text));
  return START_WORDS.find((word) => word === key) ?? null;
}

/** The answer labels printed for a question in a language (answer 1 first). */
export function answerLabels(language: string, question: SmsQuestion): readonly string[] {
  return ANSWER_WORDS[smsLanguage(language)].labels[question];
}

/**
 * Reads the first reply to an invitation, when a score is expected. Without `question`, the
 * labels of both six-answer versions are accepted; with it, only that version's, so a reply
 * of "Very good" to a "How likely are you to recommend…" invitation is not taken for a score.
 */
export function parseFirstReply(text: string, language: string, question?: SmsQuestion): FirstReply {
  const cleaned = clip(cleanText(text).trim());
  const key = matchKey(cleaned);
  const lang = smsLanguage(language);
  if (isStop(key, lang)) return { kind: 'stop' };
  const answer = readScore(cleaned, lang, question);
  if (answer !== null) return { kind: 'answer', answer };
  // The longest opening that is an answer: "1 - Very good - lovely nurses" is 1 with "lovely nurses".
  let found: { answer: number; comment: string } | null = null;
  for (const separator of cleaned.matchAll(ANSWER_SEPARATOR)) {
    const head = cleaned.slice(0, separator.index);
    const comment = cleaned.slice(separator.index + separator[0].length).trim();
    const headAnswer = head.trim() === '' ? null : readScore(head, lang, question, comment);
    if (headAnswer === null) continue;
    // "5 - Very good": the words name another answer than the number (a 5-star habit, or a slip),
    // so which was meant is unknown; as "5 Very good" does, it earns the scale, not a guess.
    const worded = openingAnswer(comment, lang, question);
    if (worded !== null && worded !== headAnswer) return { kind: 'text', text: cleaned };
    found = matchKey(comment) === '' ? null : { answer: headAnswer, comment };
  }
  if (found) return { kind: 'answer', ...found };
  // "Very good thank you", "1 thanks": thanks after a bare space cannot be a comment the answer
  // would misread (as "1 nurse was rude" could), so it reads as ", thank you" does.
  for (const space of cleaned.matchAll(/\s+/gu)) {
    const head = cleaned.slice(0, space.index);
    const tail = cleaned.slice(space.index + space[0].length).trim();
    if (!isThanks(matchKey(tail))) continue;
    const headAnswer = readScore(head, lang, question, tail);
    if (headAnswer !== null) return { kind: 'answer', answer: headAnswer, comment: tail };
  }
  return { kind: 'text', text: cleaned };
}

/**
 * The answer a comment opens with, as a reply would give it on its own: wholly ("Very good",
 * "5"), before a separator ("very good, lovely staff") or before thanks ("very good thanks").
 */
function openingAnswer(comment: string, lang: SmsLanguage, question: SmsQuestion | undefined): number | null {
  const whole = readScore(comment, lang, question);
  if (whole !== null) return whole;
  const separator = new RegExp(ANSWER_SEPARATOR.source, 'u').exec(comment);
  if (separator && separator.index > 0) {
    const head = readScore(comment.slice(0, separator.index), lang, question, comment.slice(separator.index + separator[0].length));
    if (head !== null) return head;
  }
  for (const space of comment.matchAll(/\s+/gu)) {
    if (!isThanks(matchKey(comment.slice(space.index + space[0].length)))) continue;
    const head = readScore(comment.slice(0, space.index), lang, question);
    if (head !== null) return head;
  }
  return null;
}

/**
 * Star symbols (and "*", as in "5*"): a patient rating out of five stars, where 5 is the best,
 * while on the FFT scale 5 is Very poor. A number written with stars is not read as the answer
 * ("5⭐" would store the opposite of what was meant): the patient gets the scale instead.
 */
const STARS = /[*\uFF0A\u066D\u2605\u2606\u2729-\u2730\u2B50\u{1F31F}]/u;

/**
 * A score written as a whole (`text` is one reply, or the opening before its comment), or null.
 * `rest`: the comment after it, whose first word may hold the stars ("5 - ⭐⭐⭐⭐⭐ lovely").
 */
function readScore(text: string, lang: SmsLanguage, question: SmsQuestion | undefined, rest = ''): number | null {
  const key = matchKey(text);
  const starred = STARS.test(text) || STARS.test(rest.trimStart().split(/\s/u)[0] ?? '');
  if (starred && (/\d/.test(key) || isNumberWord(key, lang))) return null;
  return readAnswer(key, lang, question);
}

function isNumberWord(key: string, lang: SmsLanguage): boolean {
  return [ANSWER_WORDS[lang], ANSWER_WORDS.en].some((words) => Object.values(words.digitWords).some((forms) => forms.some((form) => matchKey(form) === key)));
}

// Words of thanks (match keys) that may follow an answer with no separator: "thanks", "thank you
// very much", "many thanks x", "cheers", Welsh "diolch yn fawr", Polish "bardzo dziękuję".
const THANKS = new Set(['thanks', 'thank', 'thankyou', 'thanx', 'thx', 'ty', 'ta', 'cheers', 'diolch', 'dziekuje', 'dzieki']);
const THANKS_FILLER = new Set(['you', 'very', 'so', 'much', 'many', 'again', 'x', 'xx', 'xxx', 'yn', 'fawr', 'bardzo']);

function isThanks(key: string): boolean {
  const words = key.split(' ');
  return words.some((w) => THANKS.has(w)) && words.every((w) => THANKS.has(w) || THANKS_FILLER.has(w));
}

/**
 * An answer and a comment in one text: the answer, then a line break or a clear separator
 * (" - ", ": ", ", ", ". ", "; ", "! ", ") "), then the comment. A bare space is not enough:
 * "1 nurse was rude" may be a comment about one nurse, so it earns the help text instead.
 */
const ANSWER_SEPARATOR = /[ \t]*\n\s*|\s*[-–—:;,.!)]\s+|\s+[-–—]\s*/gu;

/** The same as `parseFirstReply`. */
export const parseReply = parseFirstReply;

/** Reads a reply when a comment is expected: STOP words opt out; everything else is the comment. */
export function parseFollowUp(text: string, language: string): FollowUp {
  const cleaned = clip(cleanText(text).trim());
  return isStop(matchKey(cleaned), smsLanguage(language)) ? { kind: 'stop' } : { kind: 'text', text: cleaned };
}

/**
 * Whether a text opens with an opt-out keyword ("STOP it's annoying", "Unsubscribe, I never
 * agreed to this"), whatever follows. Read only where no comment is expected (`decide`): there
 * the text is stored nowhere, so taking it as an opt-out loses nothing, and leaving it unread
 * would keep texting someone who asked us to stop.
 */
export function opensWithStop(text: string, language: string): boolean {
  const strong = strongStopWords(smsLanguage(language));
  const [first = '', second = ''] = matchKey(cleanText(text)).split(' ');
  return strong.has(first) || strong.has(first + second);
}

/**
 * Every accepted way of writing each answer for a language and question (the language's own
 * words and English's), as match keys. Throws if one key would mean two answers, so a new
 * language's table cannot make a reply ambiguous.
 */
export function answerVocabulary(language: string, question: SmsQuestion): Map<string, number> {
  const lang = smsLanguage(language);
  const cacheKey = `${lang}/${question}`;
  const hit = vocabularyCache.get(cacheKey);
  if (hit) return hit;
  const vocabulary = new Map<string, number>();
  const add = (phrase: string, answer: number) => {
    const key = matchKey(phrase);
    const existing = vocabulary.get(key);
    if (existing !== undefined && existing !== answer) {
      throw new Error(`"${phrase}" would mean both ${existing} and ${answer} (${lang}, ${question})`);
    }
    vocabulary.set(key, answer);
  };
  for (const words of new Set([ANSWER_WORDS[lang], ANSWER_WORDS.en])) {
    words.labels[question].forEach((label, i) => add(label, i + 1));
    for (const [answer, phrases] of Object.entries(words.alsoAccepted?.[question] ?? {})) {
      for (const phrase of phrases ?? []) add(phrase, Number(answer));
    }
    for (const [answer, phrases] of Object.entries(words.digitWords)) {
      for (const phrase of phrases) add(phrase, Number(answer));
    }
  }
  vocabularyCache.set(cacheKey, vocabulary);
  return vocabulary;
}

const vocabularyCache = new Map<string, Map<string, number>>();

function readAnswer(key: string, lang: SmsLanguage, question: SmsQuestion | undefined): number | null {
  if (/^\d+$/.test(key)) {
    const n = Number(key);
    return n >= 1 && n <= 6 ? n : null;
  }
  for (const q of question ? [question] : SMS_QUESTIONS) {
    const vocabulary = answerVocabulary(lang, q);
    const word = vocabulary.get(key);
    if (word !== undefined) return word;
    // "1 Very good", "5 - Very poor": the digit with its own label, as printed in the invitation.
    const labelled = /^([1-6]) (.+)$/.exec(key);
    if (labelled && vocabulary.get(labelled[2]) === Number(labelled[1])) return Number(labelled[1]);
  }
  return null;
}

/**
 * Words that may stand beside "stop" or "unsubscribe" in an opt-out ("Stop please", "stop texting
 * me", "unsubscribe me now"); a text with any other word ("stop texting me about my leg", "stop
 * the noise at night") is a comment, not an opt-out.
 */
const OPT_OUT_FILLER = new Set([
  'please', 'pls', 'plz', 'me', 'my', 'number', 'texting', 'text', 'texts', 'txt', 'messaging', 'messages', 'message', 'msgs',
  'sending', 'send', 'now', 'thanks', 'thank', 'you', 'ty', 'this', 'it', 'them', 'these', 'asap', 'immediately', 'all', 'and', 'no', 'more',
]);
const STRONG_STOP_WORDS = ['stop', 'stopall', 'unsubscribe', 'optout'];

/** Words that opt out whatever stands beside them: the strong ones, and the language's own. */
function strongStopWords(lang: SmsLanguage): Set<string> {
  return new Set([...STRONG_STOP_WORDS, ...(ANSWER_WORDS[lang].stopWords ?? []).map(matchKey)]);
}

function isStop(key: string, lang: SmsLanguage): boolean {
  if (key === '') return false;
  const own = (ANSWER_WORDS[lang].stopWords ?? []).map(matchKey);
  const words = new Set<string>([...STOP_WORDS, ...own]);
  // "STOP", "Stop.", "stop all", "STOP STOP"
  if (words.has(key.replaceAll(' ', '')) || key.split(' ').every((w) => words.has(w))) return true;
  // "Stop please", "please stop", "stop texting me", "unsubscribe me now"
  const strong = strongStopWords(lang);
  const parts = key.split(' ');
  return parts.some((w) => strong.has(w)) && parts.every((w) => strong.has(w) || words.has(w) || OPT_OUT_FILLER.has(w));
}

// Decimal digits of the scripts our patients write in, by the code point of their zero:
// Arabic-Indic, Urdu/Persian, Devanagari, Bengali, Gurmukhi, Gujarati.
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0a66, 0x0ae6];

/**
 * The form a reply is compared in: full-width and native-script digits as ASCII, lower case,
 * apostrophes dropped ("don't" = "dont"), accents and Polish ł folded, every run of
 * punctuation, symbols, emoji and spaces reduced to one space.
 */
export function matchKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Nd}/gu, (d) => {
      const cp = d.codePointAt(0)!;
      const zero = DIGIT_ZEROS.find((z) => cp >= z && cp <= z + 9);
      return zero === undefined ? d : String(cp - zero);
    })
    .toLowerCase()
    .replace(/['\u2018\u2019\u02BC`\u00B4]/g, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function clip(text: string): string {
  const chars = [...text];
  return chars.length <= MAX_COMMENT_CHARS ? text : chars.slice(0, MAX_COMMENT_CHARS).join('');
}
