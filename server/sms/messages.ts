/**
 * The texts we send, per language and question version: the invitation, the request for a
 * comment, thanks, one help message, the opt-out and opt-in confirmations, the reply to a
 * comment that came too late and the reply to a number with no open invitation. Written once
 * here (the Notify template is only `((message))`).
 *
 * Texts carry no clinical detail: a phone is often shared, and a text is read on a lock
 * screen. The unit name is the caller's choice, so pass a name that is safe to show there
 * (for a sexual-health or early-pregnancy unit, the hospital's name rather than the clinic's).
 *
 * Length is money and readability: GSM-7 texts are 160 characters a segment (153 when
 * joined), but a single character outside GSM-7 (a curly apostrophe, a Polish ą) makes the
 * whole text UCS-2, 70 (67) a segment. English and Welsh invitations fit 3 GSM-7 segments
 * with any unit name; Polish cannot be written in GSM-7 and takes 4 (fft-2020) to 6
 * (fft-2013) UCS-2 segments. `smsSegments` counts.
 */
import { cleanText } from '../collect/schema.ts';
import { smsLanguage, type SmsLanguage, type SmsQuestion } from './languages.ts';
import { answerLabels } from './replies.ts';

export type SmsMessageKind = 'invitation' | 'askComment' | 'thanks' | 'help' | 'optOutConfirmed' | 'optInConfirmed' | 'commentTooLate' | 'noInvitation';

interface LanguageTexts {
  question: Record<SmsQuestion, string>;
  /** What a 2013-question unit is called when the caller does not say ("ward", "service"…). */
  defaultService: string;
  /** Placeholders: {unit}, {question}, {scale}. */
  invitation: string;
  askComment: string;
  thanks: string;
  /** Placeholder: {scale}. */
  help: string;
  optOutConfirmed: string;
  /**
   * The answer to START. True whether or not the number had opted out, and says that nothing
   * comes now: a survey the opt-out cancelled is not sent after all.
   */
  optInConfirmed: string;
  /**
   * A comment more than a day after the answer is not kept, but it is a reply to our text:
   * "not monitored" would read as nobody caring, so say why, and that the answer counts.
   */
  commentTooLate: string;
  noInvitation: string;
  /** Between the numbered answers of {scale}: "; " where a label holds a comma. */
  scaleSeparator: string;
}

/**
 * The texts, per language. Polish and Welsh are this service's own translations: have them
 * checked by the trust's translation service before going live.
 */
export const MESSAGES: Record<SmsLanguage, LanguageTexts> = {
  en: {
    question: {
      'fft-2020': 'Overall, how was your experience of our service?',
      'fft-2013': 'How likely are you to recommend our {service} to friends and family if they needed similar care or treatment?',
    },
    defaultService: 'service',
    invitation: '{unit}: we would like your feedback. {question} Please reply with a number: {scale}. Reply STOP to opt out.',
    askComment: 'Thank you. Please reply to tell us why you gave that answer. Do not include names or personal details.',
    thanks: 'Thank you for your feedback. Replies are not read straight away: for medical help call 111, or 999 in an emergency.',
    help: 'Sorry, we did not understand your reply. Please reply with one number: {scale}. Reply STOP to opt out.',
    optOutConfirmed: 'You have opted out and will not get any more feedback texts from us.',
    optInConfirmed: 'You are opted in to our feedback texts: we may text you after a future visit. Reply STOP to opt out.',
    commentTooLate: 'Sorry, we can only add comments sent within a day of your answer. Your answer has been counted. Thank you. For medical help call 111, or 999 in an emergency.',
    noInvitation:
      'Thank you for your message. This number only takes replies to our feedback texts and is not monitored. For medical help call 111, or 999 in an emergency.',
    scaleSeparator: ', ',
  },
  pl: {
    question: {
      'fft-2020': 'Ogólnie, jak oceniasz swoje doświadczenia z naszymi usługami?',
      'fft-2013': 'Jak bardzo prawdopodobne jest, że polecisz nas rodzinie i znajomym, gdyby potrzebowali podobnej opieki lub leczenia?',
    },
    defaultService: '',
    invitation: '{unit}: prosimy o opinię. {question} Odpowiedz jedną cyfrą: {scale}. Wyślij STOP, aby zrezygnować.',
    askComment: 'Dziękujemy. Prosimy napisać w odpowiedzi, skąd taka ocena. Bez nazwisk i danych osobowych.',
    thanks: 'Dziękujemy za opinię. Odpowiedzi nie są czytane na bieżąco: w sprawach zdrowia dzwoń pod 111, w nagłych wypadkach pod 999.',
    help: 'Nie rozumiemy odpowiedzi. Odpowiedz jedną cyfrą: {scale}. Wyślij STOP, aby zrezygnować.',
    optOutConfirmed: 'Rezygnacja przyjęta. Nie wyślemy już więcej próśb o opinię.',
    optInConfirmed: 'Zgoda przyjęta: możemy poprosić o opinię po kolejnej wizycie. Wyślij STOP, aby zrezygnować.',
    commentTooLate:
      'Przepraszamy, komentarze dodajemy tylko w ciągu doby od odpowiedzi. Twoja ocena została policzona. Dziękujemy. W sprawach zdrowia dzwoń pod 111, w nagłych wypadkach pod 999.',
    noInvitation:
      'Dziękujemy za wiadomość. Ten numer przyjmuje tylko odpowiedzi na nasze prośby o opinię i nikt go nie sprawdza. W sprawach zdrowia dzwoń pod 111, w nagłych wypadkach pod 999.',
    scaleSeparator: '; ',
  },
  cy: {
    question: {
      'fft-2020': "Yn gyffredinol, sut oedd eich profiad o'n gwasanaeth?",
      'fft-2013': "Pa mor debygol ydych chi o argymell ein gwasanaeth i ffrindiau a theulu pe bai angen gofal neu driniaeth debyg arnynt?",
    },
    defaultService: '',
    invitation: '{unit}: hoffem gael eich adborth. {question} Atebwch gyda rhif: {scale}. Atebwch STOP i optio allan.',
    askComment: 'Diolch. Atebwch i ddweud wrthym pam y rhoesoch yr ateb hwnnw. Peidiwch â chynnwys enwau na manylion personol.',
    thanks: 'Diolch am eich adborth. Nid yw atebion yn cael eu darllen ar unwaith: am help meddygol ffoniwch 111, neu 999 mewn argyfwng.',
    help: "Mae'n ddrwg gennym, nid oeddem yn deall eich ateb. Atebwch gydag un rhif: {scale}. Atebwch STOP i optio allan.",
    optOutConfirmed: 'Rydych wedi optio allan ac ni fyddwch yn cael rhagor o negeseuon adborth gennym.',
    optInConfirmed: "Rydych wedi optio i mewn i'n negeseuon adborth: efallai y cewch neges gennym wedi ymweliad arall. Atebwch STOP i optio allan.",
    commentTooLate:
      "Mae'n ddrwg gennym, dim ond sylwadau a anfonir o fewn diwrnod i'ch ateb y gallwn eu hychwanegu. Mae eich ateb wedi'i gyfrif. Diolch. Am help meddygol ffoniwch 111, neu 999 mewn argyfwng.",
    noInvitation:
      "Diolch am eich neges. Mae'r rhif hwn ar gyfer atebion i'n negeseuon adborth yn unig ac nid yw'n cael ei fonitro. Am help meddygol ffoniwch 111, neu 999 mewn argyfwng.",
    scaleSeparator: ', ',
  },
};

export interface MessageContext {
  /** A language tag; anything not in SMS_LANGUAGES is English. */
  language?: string;
  question?: SmsQuestion;
  /** Needed for the invitation: the name the patient will recognise (see the note above). */
  unitName?: string;
  /** English fft-2013 only: "ward", "A&E department", "maternity service" (default "service"). */
  serviceNoun?: string;
}

/** The unit name is printed at most this long, so a long name cannot push the text to 4 segments. */
export const MAX_UNIT_NAME = 60;

/** The text of one message kind, in the patient's language (English where we have none). */
export function smsText(kind: SmsMessageKind, context: MessageContext = {}): string {
  const texts = MESSAGES[smsLanguage(context.language)];
  const question = context.question ?? 'fft-2020';
  const labels = answerLabels(smsLanguage(context.language), question);
  const scale = labels.map((label, i) => `${i + 1} ${label}`).join(texts.scaleSeparator);
  const service = gsmFriendly(cleanText(context.serviceNoun ?? '')).trim() || texts.defaultService;
  const questionText = texts.question[question].replace('{service}', service);
  switch (kind) {
    case 'invitation': {
      const unit = unitLabel(context.unitName);
      if (!unit) throw new Error('An invitation needs the unit name');
      return fill(texts.invitation, { unit, question: questionText, scale });
    }
    case 'help':
      return fill(texts.help, { scale });
    default:
      return texts[kind];
  }
}

/** The invitation for a unit, in the patient's language. */
export function invitationText(context: MessageContext & { unitName: string }): string {
  return smsText('invitation', context);
}

function fill(template: string, values: Record<string, string>): string {
  // One pass, so a unit named "{scale}" stays as written.
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function unitLabel(name: string | undefined): string {
  const flat = gsmFriendly(cleanText(name ?? '')).replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= MAX_UNIT_NAME ? flat : `${chars.slice(0, MAX_UNIT_NAME - 3).join('').trimEnd()}...`;
}

// Typography that arrives in unit names from word processors and would turn an otherwise
// GSM-7 text into UCS-2, more than doubling its segments: "St Mary’s" costs as much as "Ą".
const TYPOGRAPHY: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u2032': "'", '\u201C': '"', '\u201D': '"', '\u201E': '"',
  '\u2013': '-', '\u2014': '-', '\u2010': '-', '\u2011': '-', '\u2026': '...', '\u00A0': ' ', '\u2009': ' ', '\u202F': ' ',
};

function gsmFriendly(text: string): string {
  return text.replace(/[\u2018\u2019\u201A\u2032\u201C\u201D\u201E\u2013\u2014\u2010\u2011\u2026\u00A0\u2009\u202F]/g, (c) => TYPOGRAPHY[c]);
}

// ---------------------------------------------------------------------------------------------
// Segments (3GPP TS 23.038 alphabet; TS 23.040 concatenation headers)

const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// Each of these takes two septets (an escape, then the character).
const GSM_EXTENDED = new Set('\f^{}\\[~]|€');

export interface SmsSegments {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7 (an extension character counts 2), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

/**
 * How many SMS segments a text takes, and in which encoding. GSM-7: 160 septets alone,
 * 153 per segment when joined; UCS-2: 70 alone, 67 joined. An escape pair or a surrogate pair
 * (an emoji) is never split across segments, as phones and providers do not split them.
 */
export function smsSegments(text: string): SmsSegments {
  const chars = [...text];
  const gsm = chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENDED.has(c));
  const cost = gsm ? (c: string) => (GSM_EXTENDED.has(c) ? 2 : 1) : (c: string) => c.length;
  const [single, joined] = gsm ? [160, 153] : [70, 67];
  let units = 0;
  for (const c of chars) units += cost(c);
  if (units <= single) return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const c of chars) {
    const n = cost(c);
    if (used + n > joined) {
      segments += 1;
      used = 0;
    }
    used += n;
  }
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments };
}
