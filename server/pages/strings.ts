/**
 * The words of the patient-facing web form. English is written here; every other language
 * comes from the ward tablet's translation files (kiosk/app/i18n/<lang>.json), so the tablet
 * and the form always ask in the same words.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const LANGUAGES = ['en', 'pl', 'ur', 'bn', 'pa', 'gu', 'ar', 'ro', 'pt', 'so', 'zh', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface FormStrings {
  languageName: string;
  appName: string;
  dir: 'ltr' | 'rtl';
  question2020: string;
  question2013: string;
  questionNps: string;
  answers2020: string[];
  answers2013: string[];
  easyQuestion2020: string;
  easyQuestion2013: string;
  easyAnswers2020: string[];
  easyAnswers2013: string[];
  comment: string;
  commentHint: string;
  submit: string;
  thanksTitle: string;
  thanksBody: string;
  moreAboutYou: string;
  ageBand: string;
  sex: string;
  ethnicity: string;
  disability: string;
  completedBy: string;
  preferNotToSay: string;
  options: Record<string, string>;
  chooseAnswer: string;
  errorTitle: string;
  language: string;
  easyRead: string;
  standardRead: string;
  anonymous: string;
  notRecognised: string;
  youSaidWeDid: string;
  youSaid: string;
  weDid: string;
  posterTitle: string;
  posterScan: string;
}

export const ENGLISH: FormStrings = {
  languageName: 'English',
  appName: 'Friends and Family Test',
  dir: 'ltr',
  question2020: 'Overall, how was your experience of our service?',
  question2013: 'How likely are you to recommend our {service} to friends and family if they needed similar care or treatment?',
  questionNps: 'How likely are you to recommend our {service} to friends and family? (0 = not at all likely, 10 = extremely likely)',
  answers2020: ['Very good', 'Good', 'Neither good nor poor', 'Poor', 'Very poor', "Don't know"],
  answers2013: ['Extremely likely', 'Likely', 'Neither likely nor unlikely', 'Unlikely', 'Extremely unlikely', "Don't know"],
  easyQuestion2020: 'How was your visit?',
  easyQuestion2013: 'Would you tell your family to come here?',
  easyAnswers2020: ['Very happy', 'Happy', 'OK', 'Sad', 'Very sad', "I don't know"],
  easyAnswers2013: ['Yes, for sure', 'Yes', 'Not sure', 'No', 'No, never', "I don't know"],
  comment: 'Please tell us why you gave your answer (optional)',
  commentHint: 'Do not include your name or any personal details.',
  submit: 'Send',
  thanksTitle: 'Thank you',
  thanksBody: 'Your answer has been sent. It helps us make care better for everyone.',
  moreAboutYou: 'Tell us more about you (optional)',
  ageBand: 'Your age',
  sex: 'Your sex',
  ethnicity: 'Your ethnic group',
  disability: 'Do you have a disability?',
  completedBy: 'Who filled in this form?',
  preferNotToSay: 'Prefer not to say',
  options: {
    'under-16': 'Under 16', '16-24': '16 to 24', '25-34': '25 to 34', '35-44': '35 to 44', '45-54': '45 to 54', '55-64': '55 to 64',
    '65-74': '65 to 74', '75-84': '75 to 84', '85+': '85 or over',
    female: 'Female', male: 'Male', intersex: 'Intersex', other: 'Other',
    A: 'White – British', B: 'White – Irish', C: 'Any other White background', D: 'Mixed – White and Black Caribbean',
    E: 'Mixed – White and Black African', F: 'Mixed – White and Asian', G: 'Any other mixed background', H: 'Asian or Asian British – Indian',
    J: 'Asian or Asian British – Pakistani', K: 'Asian or Asian British – Bangladeshi', L: 'Any other Asian background',
    M: 'Black or Black British – Caribbean', N: 'Black or Black British – African', P: 'Any other Black background', R: 'Chinese',
    S: 'Any other ethnic group', Z: 'Not stated',
    yes: 'Yes', no: 'No',
    patient: 'The patient', 'carer-or-relative': 'A carer or relative', 'with-help': 'The patient, with help',
  },
  chooseAnswer: 'Choose an answer',
  errorTitle: 'There is a problem',
  language: 'Language',
  easyRead: 'Easy read',
  standardRead: 'Standard version',
  anonymous: 'Your answer is anonymous. Do not include your name or personal details.',
  notRecognised: 'This feedback link is not recognised. Please check the address, or ask a member of staff.',
  youSaidWeDid: 'You said, we did',
  youSaid: 'You said',
  weDid: 'We did',
  posterTitle: 'Tell us about your care',
  posterScan: 'Scan the code with your phone camera, or go to',
};

const I18N_DIR = fileURLToPath(new URL('../../kiosk/app/i18n/', import.meta.url));
const cache = new Map<Language, FormStrings>();

/**
 * The strings for a language: the tablet's translation file laid over English, so a key the
 * translation lacks still reads sensibly.
 */
export function formStrings(lang: Language): FormStrings {
  const hit = cache.get(lang);
  if (hit) return hit;
  let strings = ENGLISH;
  if (lang !== 'en') {
    try {
      const file = JSON.parse(readFileSync(`${I18N_DIR}${lang}.json`, 'utf8')) as Record<string, unknown>;
      strings = fromTranslationFile(file);
    } catch {
      strings = ENGLISH;
    }
  }
  cache.set(lang, strings);
  return strings;
}

/** Maps a tablet translation file (keys in kiosk/app/i18n/README.md) onto the form's strings. */
export function fromTranslationFile(file: Record<string, unknown>): FormStrings {
  const pick = (key: string, fallback: string) => (typeof file[key] === 'string' && file[key] ? (file[key] as string) : fallback);
  const answers = (prefix: string, fallback: string[]) => fallback.map((f, i) => pick(`${prefix}.${i + 1}`, f));
  const options = Object.fromEntries(
    Object.entries(ENGLISH.options).map(([code, english]) => {
      const group = code.length === 1 ? 'ethnicity' : /^\d|under|\+/.test(code) ? 'age' : ['female', 'male', 'intersex', 'other'].includes(code) ? 'sex' : ['yes', 'no'].includes(code) ? 'disability' : 'completedBy';
      return [code, pick(`${group}.${code}`, english)];
    }),
  );
  return {
    ...ENGLISH,
    languageName: pick('languageName', ENGLISH.languageName),
    appName: pick('appName', ENGLISH.appName),
    dir: file.dir === 'rtl' ? 'rtl' : 'ltr',
    question2020: pick('fft-2020.question', ENGLISH.question2020),
    question2013: pick('fft-2013.question', ENGLISH.question2013),
    answers2020: answers('fft-2020', ENGLISH.answers2020),
    answers2013: answers('fft-2013', ENGLISH.answers2013),
    easyQuestion2020: pick('easy.fft-2020.question', ENGLISH.easyQuestion2020),
    easyQuestion2013: pick('easy.fft-2013.question', ENGLISH.easyQuestion2013),
    easyAnswers2020: answers('easy.fft-2020', ENGLISH.easyAnswers2020),
    easyAnswers2013: answers('easy.fft-2013', ENGLISH.easyAnswers2013),
    comment: pick('comment.label', ENGLISH.comment),
    commentHint: pick('comment.hint', ENGLISH.commentHint),
    submit: pick('send', ENGLISH.submit),
    thanksTitle: pick('thanks.heading', ENGLISH.thanksTitle),
    thanksBody: pick('thanks.body', ENGLISH.thanksBody),
    moreAboutYou: pick('aboutYou.summary', ENGLISH.moreAboutYou),
    ageBand: pick('age.question', ENGLISH.ageBand),
    sex: pick('sex.question', ENGLISH.sex),
    ethnicity: pick('ethnicity.question', ENGLISH.ethnicity),
    disability: pick('disability.question', ENGLISH.disability),
    completedBy: pick('completedBy.question', ENGLISH.completedBy),
    preferNotToSay: pick('preferNotToSay', ENGLISH.preferNotToSay),
    options,
    chooseAnswer: pick('error.chooseAnswer', ENGLISH.chooseAnswer),
    language: pick('languageButton', ENGLISH.language),
    easyRead: pick('toggle.easyRead', ENGLISH.easyRead),
    youSaidWeDid: pick('ysdw.heading', ENGLISH.youSaidWeDid),
    youSaid: pick('ysdw.youSaid', ENGLISH.youSaid),
    weDid: pick('ysdw.weDid', ENGLISH.weDid),
  };
}

export function isLanguage(value: string | undefined): value is Language {
  return !!value && (LANGUAGES as readonly string[]).includes(value);
}
