/**
 * The words of the patient-facing web form. English is written here; every other language
 * comes from the ward tablet's translation files (kiosk/app/i18n/<lang>.json), so the tablet
 * and the form always ask in the same words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../repo.ts';

export const LANGUAGES = ['en', 'pl', 'ur', 'bn', 'pa', 'gu', 'ar', 'ro', 'pt', 'so', 'zh', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Which `service.*` noun of a translation file the 2013 (and 0–10) question uses; as the tablet's `serviceKind`. */
export const SERVICE_KINDS = ['ward', 'ae', 'maternity', 'outpatient', 'gp', 'dental', 'ambulance', 'default'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/**
 * The same mapping as the tablet's `serviceKind` (kiosk/app/i18n.js, a browser module the server's
 * TypeScript does not import), so both ask in the same words; form.test.ts checks they agree.
 */
export function serviceKind(setting: string): ServiceKind {
  if (setting === 'inpatient' || setting === 'daycase') return 'ward';
  if (setting === 'ae') return 'ae';
  if (setting.startsWith('maternity')) return 'maternity';
  if (setting === 'outpatient') return 'outpatient';
  if (setting === 'gp') return 'gp';
  if (setting === 'dental') return 'dental';
  if (setting.startsWith('ambulance')) return 'ambulance';
  return 'default';
}

export interface FormStrings {
  languageName: string;
  appName: string;
  dir: 'ltr' | 'rtl';
  question2020: string;
  question2013: string;
  questionNps: string;
  /** What `{service}` becomes in question2013, per kind (with the possessive where the language puts it there). */
  services2013: Record<ServiceKind, string>;
  /** The same for questionNps: English whenever questionNps is the English text. */
  servicesNps: Record<ServiceKind, string>;
  answers2020: string[];
  answers2013: string[];
  easyQuestion2020: string;
  easyQuestion2013: string;
  /** With the words for the two ends of the scale, as questionNps. */
  easyQuestionNps: string;
  easyAnswers2020: string[];
  easyAnswers2013: string[];
  easyComment: string;
  easyCommentHint: string;
  /** Easy read's "choose an answer": it points to the faces, which the 0–10 scale does not have. */
  easyChooseAnswer: string;
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
  /** Read out (visually hidden) before an error message by a field. */
  errorPrefix: string;
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
  /** Form-only wording (not on the tablet): see FORM_ONLY below. */
  changeLanguage: string;
  /** `{n}`: characters the comment box has room for. */
  charactersLeft: string;
  /** `{send}`: the Send button's words. */
  rateLimited: string;
  /** `{send}`: the Send button's words. */
  expired: string;
  /** `{max}`: the longest comment accepted. */
  commentTooLong: string;
  /** `{send}`: the Send button's words. Shown by form.js when Send is pressed with no connection. */
  offline: string;
  /** `{send}`: the Send button's words. Shown by form.js when a Send did not get through (network error, 5xx). */
  sendFailed: string;
  /** The skip link at the top of every page (layout.tsx). */
  skipLink: string;
}

const I18N_DIR = join(REPO_ROOT, 'kiosk/app/i18n');
/**
 * The tablet's English: the form's easy read is worded from it, so the two read the same (its
 * standard wording was written for the form first and differs in places, so it stays below).
 */
const TABLET_ENGLISH = JSON.parse(readFileSync(join(I18N_DIR, 'en.json'), 'utf8')) as Record<string, string>;
const tabletEasy = (version: string) => [1, 2, 3, 4, 5, 6].map((code) => TABLET_ENGLISH[`easy.${version}.${code}`]!);

const ENGLISH_SERVICES: Record<ServiceKind, string> = {
  ward: 'ward', ae: 'A&E department', maternity: 'maternity service', outpatient: 'clinic', gp: 'GP practice', dental: 'dental practice', ambulance: 'ambulance service', default: 'service',
};

export const ENGLISH: FormStrings = {
  languageName: 'English',
  appName: 'Friends and Family Test',
  dir: 'ltr',
  question2020: 'Overall, how was your experience of our service?',
  question2013: 'How likely are you to recommend our {service} to friends and family if they needed similar care or treatment?',
  // As the tablet asks it (kiosk/app/i18n/en.json `nps-0-10.*`), with the two ends of the scale.
  questionNps: 'How likely are you to recommend our {service} to friends and family if they needed similar care or treatment? (0 = Not at all likely, 10 = Extremely likely)',
  services2013: ENGLISH_SERVICES,
  servicesNps: ENGLISH_SERVICES,
  answers2020: ['Very good', 'Good', 'Neither good nor poor', 'Poor', 'Very poor', "Don't know"],
  answers2013: ['Extremely likely', 'Likely', 'Neither likely nor unlikely', 'Unlikely', 'Extremely unlikely', "Don't know"],
  easyQuestion2020: TABLET_ENGLISH['easy.fft-2020.question']!,
  easyQuestion2013: TABLET_ENGLISH['easy.fft-2013.question']!,
  easyQuestionNps: `${TABLET_ENGLISH['easy.nps-0-10.question']} (0 = ${TABLET_ENGLISH['easy.nps-0-10.0']}, 10 = ${TABLET_ENGLISH['easy.nps-0-10.10']})`,
  easyAnswers2020: tabletEasy('fft-2020'),
  easyAnswers2013: tabletEasy('fft-2013'),
  easyComment: TABLET_ENGLISH['easy.comment.label']!,
  easyCommentHint: TABLET_ENGLISH['easy.comment.hint']!,
  easyChooseAnswer: TABLET_ENGLISH['easy.error.chooseAnswer']!,
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
  errorPrefix: 'Error:',
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
  changeLanguage: 'Change language',
  charactersLeft: '{n} characters left',
  rateLimited: 'A lot of answers have been sent from this network in the last few minutes, so yours has not been sent yet. Please wait a few minutes, then press {send} again.',
  expired: 'Your answer has not been sent yet. Please check it, then press {send} again.',
  commentTooLong: 'Your comment is too long. Please shorten it to {max} characters or fewer.',
  offline: 'Your answer has not been sent yet: you are not connected to the internet. When you are connected again, press {send}.',
  sendFailed: 'Your answer has not been sent yet: there was a problem with the connection. Please press {send} again.',
  skipLink: 'Skip to main content',
};

type FormOnly = Pick<FormStrings, 'changeLanguage' | 'charactersLeft' | 'rateLimited' | 'expired' | 'commentTooLong' | 'offline' | 'sendFailed' | 'errorTitle' | 'standardRead' | 'notRecognised' | 'skipLink'>;

/**
 * Wording only the web form needs, which the tablet's translation files do not have (yet): a
 * key of the same name in the translation file (`form.changeLanguage`, …) wins over these. Written
 * carefully, like the tablet's files, but not yet reviewed by a qualified translator.
 */
const FORM_ONLY: Record<Exclude<Language, 'en'>, FormOnly> = {
  pl: {
    changeLanguage: 'Zmień język',
    charactersLeft: 'Pozostało znaków: {n}',
    rateLimited: 'Z tej sieci wysłano w ostatnich minutach bardzo wiele odpowiedzi, dlatego Pana/Pani odpowiedź nie została jeszcze wysłana. Prosimy odczekać kilka minut i ponownie nacisnąć „{send}”.',
    expired: 'Pana/Pani odpowiedź nie została jeszcze wysłana. Prosimy ją sprawdzić i ponownie nacisnąć „{send}”.',
    commentTooLong: 'Komentarz jest za długi. Prosimy go skrócić do najwyżej {max} znaków.',
    offline: 'Pana/Pani odpowiedź nie została jeszcze wysłana: brak połączenia z internetem. Po ponownym połączeniu prosimy nacisnąć „{send}”.',
    sendFailed: 'Pana/Pani odpowiedź nie została jeszcze wysłana: wystąpił problem z połączeniem. Prosimy ponownie nacisnąć „{send}”.',
    errorTitle: 'Wystąpił problem',
    standardRead: 'Wersja standardowa',
    notRecognised: 'Ten link do opinii nie został rozpoznany. Prosimy sprawdzić adres lub zapytać kogoś z personelu.',
    skipLink: 'Przejdź do treści głównej',
  },
  ur: {
    changeLanguage: 'زبان تبدیل کریں',
    charactersLeft: 'باقی حروف: {n}',
    rateLimited: 'پچھلے چند منٹوں میں اس نیٹ ورک سے بہت زیادہ جوابات بھیجے گئے ہیں، اس لیے آپ کا جواب ابھی نہیں بھیجا گیا۔ براہ کرم چند منٹ انتظار کریں، پھر دوبارہ "{send}" دبائیں۔',
    expired: 'آپ کا جواب ابھی نہیں بھیجا گیا۔ براہ کرم اسے چیک کریں، پھر دوبارہ "{send}" دبائیں۔',
    commentTooLong: 'آپ کا تبصرہ بہت لمبا ہے۔ براہ کرم اسے زیادہ سے زیادہ {max} حروف تک مختصر کریں۔',
    offline: 'آپ کا جواب ابھی نہیں بھیجا گیا: آپ انٹرنیٹ سے منسلک نہیں ہیں۔ دوبارہ منسلک ہونے پر "{send}" دبائیں۔',
    sendFailed: 'آپ کا جواب ابھی نہیں بھیجا گیا: کنکشن میں ایک مسئلہ پیش آیا۔ براہ کرم دوبارہ "{send}" دبائیں۔',
    errorTitle: 'ایک مسئلہ ہے',
    standardRead: 'عام ورژن',
    notRecognised: 'یہ فیڈبیک لنک پہچانا نہیں گیا۔ براہ کرم پتہ چیک کریں، یا عملے کے کسی رکن سے پوچھیں۔',
    skipLink: 'مرکزی مواد پر جائیں',
  },
  bn: {
    changeLanguage: 'ভাষা পরিবর্তন করুন',
    charactersLeft: 'বাকি অক্ষর: {n}',
    rateLimited: 'গত কয়েক মিনিটে এই নেটওয়ার্ক থেকে অনেক উত্তর পাঠানো হয়েছে, তাই আপনার উত্তর এখনও পাঠানো হয়নি। অনুগ্রহ করে কয়েক মিনিট অপেক্ষা করুন, তারপর আবার "{send}" চাপুন।',
    expired: 'আপনার উত্তর এখনও পাঠানো হয়নি। অনুগ্রহ করে এটি দেখে নিন, তারপর আবার "{send}" চাপুন।',
    commentTooLong: 'আপনার মন্তব্যটি খুব দীর্ঘ। অনুগ্রহ করে এটি সর্বোচ্চ {max} অক্ষরে ছোট করুন।',
    offline: 'আপনার উত্তর এখনও পাঠানো হয়নি: আপনি ইন্টারনেটে সংযুক্ত নেই। আবার সংযুক্ত হলে "{send}" চাপুন।',
    sendFailed: 'আপনার উত্তর এখনও পাঠানো হয়নি: সংযোগে একটি সমস্যা হয়েছে। অনুগ্রহ করে আবার "{send}" চাপুন।',
    errorTitle: 'একটি সমস্যা হয়েছে',
    standardRead: 'সাধারণ সংস্করণ',
    notRecognised: 'এই মতামতের লিংকটি চেনা যায়নি। অনুগ্রহ করে ঠিকানাটি দেখে নিন, অথবা একজন কর্মীকে জিজ্ঞাসা করুন।',
    skipLink: 'মূল বিষয়বস্তুতে যান',
  },
  pa: {
    changeLanguage: 'ਭਾਸ਼ਾ ਬਦਲੋ',
    charactersLeft: 'ਬਾਕੀ ਅੱਖਰ: {n}',
    rateLimited: 'ਪਿਛਲੇ ਕੁਝ ਮਿੰਟਾਂ ਵਿੱਚ ਇਸ ਨੈੱਟਵਰਕ ਤੋਂ ਬਹੁਤ ਸਾਰੇ ਜਵਾਬ ਭੇਜੇ ਗਏ ਹਨ, ਇਸ ਲਈ ਤੁਹਾਡਾ ਜਵਾਬ ਅਜੇ ਨਹੀਂ ਭੇਜਿਆ ਗਿਆ। ਕਿਰਪਾ ਕਰਕੇ ਕੁਝ ਮਿੰਟ ਰੁਕੋ, ਫਿਰ ਦੁਬਾਰਾ "{send}" ਦਬਾਓ।',
    expired: 'ਤੁਹਾਡਾ ਜਵਾਬ ਅਜੇ ਨਹੀਂ ਭੇਜਿਆ ਗਿਆ। ਕਿਰਪਾ ਕਰਕੇ ਇਸ ਦੀ ਜਾਂਚ ਕਰੋ, ਫਿਰ ਦੁਬਾਰਾ "{send}" ਦਬਾਓ।',
    commentTooLong: 'ਤੁਹਾਡੀ ਟਿੱਪਣੀ ਬਹੁਤ ਲੰਬੀ ਹੈ। ਕਿਰਪਾ ਕਰਕੇ ਇਸ ਨੂੰ ਵੱਧ ਤੋਂ ਵੱਧ {max} ਅੱਖਰਾਂ ਤੱਕ ਛੋਟਾ ਕਰੋ।',
    offline: 'ਤੁਹਾਡਾ ਜਵਾਬ ਅਜੇ ਨਹੀਂ ਭੇਜਿਆ ਗਿਆ: ਤੁਸੀਂ ਇੰਟਰਨੈੱਟ ਨਾਲ ਜੁੜੇ ਨਹੀਂ ਹੋ। ਦੁਬਾਰਾ ਜੁੜਨ ਤੇ "{send}" ਦਬਾਓ।',
    sendFailed: 'ਤੁਹਾਡਾ ਜਵਾਬ ਅਜੇ ਨਹੀਂ ਭੇਜਿਆ ਗਿਆ: ਕਨੈਕਸ਼ਨ ਵਿੱਚ ਕੋਈ ਸਮੱਸਿਆ ਆਈ। ਕਿਰਪਾ ਕਰਕੇ ਦੁਬਾਰਾ "{send}" ਦਬਾਓ।',
    errorTitle: 'ਇੱਕ ਸਮੱਸਿਆ ਹੈ',
    standardRead: 'ਆਮ ਰੂਪ',
    notRecognised: 'ਇਹ ਫੀਡਬੈਕ ਲਿੰਕ ਪਛਾਣਿਆ ਨਹੀਂ ਗਿਆ। ਕਿਰਪਾ ਕਰਕੇ ਪਤਾ ਜਾਂਚੋ, ਜਾਂ ਸਟਾਫ਼ ਦੇ ਕਿਸੇ ਮੈਂਬਰ ਨੂੰ ਪੁੱਛੋ।',
    skipLink: "ਮੁੱਖ ਸਮੱਗਰੀ 'ਤੇ ਜਾਓ",
  },
  gu: {
    changeLanguage: 'ભાષા બદલો',
    charactersLeft: 'બાકી અક્ષરો: {n}',
    rateLimited: 'છેલ્લી થોડી મિનિટોમાં આ નેટવર્ક પરથી ઘણા જવાબો મોકલવામાં આવ્યા છે, તેથી તમારો જવાબ હજી મોકલાયો નથી. કૃપા કરીને થોડી મિનિટ રાહ જુઓ, પછી ફરીથી "{send}" દબાવો.',
    expired: 'તમારો જવાબ હજી મોકલાયો નથી. કૃપા કરીને તેને તપાસો, પછી ફરીથી "{send}" દબાવો.',
    commentTooLong: 'તમારી ટિપ્પણી ખૂબ લાંબી છે. કૃપા કરીને તેને વધુમાં વધુ {max} અક્ષરો સુધી ટૂંકી કરો.',
    offline: 'તમારો જવાબ હજી મોકલાયો નથી: તમે ઇન્ટરનેટ સાથે જોડાયેલા નથી. ફરીથી જોડાઓ ત્યારે "{send}" દબાવો.',
    sendFailed: 'તમારો જવાબ હજી મોકલાયો નથી: કનેક્શનમાં કોઈ સમસ્યા આવી. કૃપા કરીને ફરીથી "{send}" દબાવો.',
    errorTitle: 'એક સમસ્યા છે',
    standardRead: 'સામાન્ય આવૃત્તિ',
    notRecognised: 'આ પ્રતિભાવ લિંક ઓળખાઈ નથી. કૃપા કરીને સરનામું તપાસો, અથવા સ્ટાફના કોઈ સભ્યને પૂછો.',
    skipLink: 'મુખ્ય સામગ્રી પર જાઓ',
  },
  ar: {
    changeLanguage: 'تغيير اللغة',
    charactersLeft: 'الأحرف المتبقية: {n}',
    rateLimited: 'أُرسلت إجابات كثيرة من هذه الشبكة خلال الدقائق الأخيرة، لذلك لم تُرسل إجابتك بعد. يُرجى الانتظار بضع دقائق، ثم الضغط على «{send}» مرة أخرى.',
    expired: 'لم تُرسل إجابتك بعد. يُرجى التحقق منها، ثم الضغط على «{send}» مرة أخرى.',
    commentTooLong: 'تعليقك طويل جدًا. يُرجى اختصاره إلى {max} حرف كحد أقصى.',
    offline: 'لم تُرسل إجابتك بعد: أنت غير متصل بالإنترنت. عند الاتصال مرة أخرى، اضغط على «{send}».',
    sendFailed: 'لم تُرسل إجابتك بعد: حدثت مشكلة في الاتصال. يُرجى الضغط على «{send}» مرة أخرى.',
    errorTitle: 'توجد مشكلة',
    standardRead: 'النسخة العادية',
    notRecognised: 'لم يتم التعرّف على رابط الملاحظات هذا. يُرجى التحقق من العنوان، أو اسأل أحد الموظفين.',
    skipLink: 'الانتقال إلى المحتوى الرئيسي',
  },
  ro: {
    changeLanguage: 'Schimbați limba',
    charactersLeft: 'Caractere rămase: {n}',
    rateLimited: 'Din această rețea s-au trimis foarte multe răspunsuri în ultimele minute, așa că răspunsul dumneavoastră nu a fost trimis încă. Vă rugăm să așteptați câteva minute, apoi să apăsați din nou „{send}”.',
    expired: 'Răspunsul dumneavoastră nu a fost trimis încă. Vă rugăm să îl verificați, apoi să apăsați din nou „{send}”.',
    commentTooLong: 'Comentariul este prea lung. Vă rugăm să îl scurtați la cel mult {max} de caractere.',
    offline: 'Răspunsul dumneavoastră nu a fost trimis încă: nu sunteți conectat la internet. Când vă reconectați, apăsați „{send}”.',
    sendFailed: 'Răspunsul dumneavoastră nu a fost trimis încă: a apărut o problemă de conexiune. Vă rugăm să apăsați din nou „{send}”.',
    errorTitle: 'Există o problemă',
    standardRead: 'Versiunea standard',
    notRecognised: 'Acest link pentru feedback nu este recunoscut. Vă rugăm să verificați adresa sau să întrebați un membru al personalului.',
    skipLink: 'Salt la conținutul principal',
  },
  pt: {
    changeLanguage: 'Mudar de idioma',
    charactersLeft: 'Caracteres restantes: {n}',
    rateLimited: 'Foram enviadas muitas respostas a partir desta rede nos últimos minutos, por isso a sua resposta ainda não foi enviada. Aguarde alguns minutos e prima novamente “{send}”.',
    expired: 'A sua resposta ainda não foi enviada. Verifique-a e prima novamente “{send}”.',
    commentTooLong: 'O seu comentário é demasiado longo. Encurte-o para um máximo de {max} caracteres.',
    offline: 'A sua resposta ainda não foi enviada: não está ligado à Internet. Quando voltar a estar ligado, prima “{send}”.',
    sendFailed: 'A sua resposta ainda não foi enviada: houve um problema com a ligação. Prima novamente “{send}”.',
    errorTitle: 'Existe um problema',
    standardRead: 'Versão normal',
    notRecognised: 'Este link de opinião não é reconhecido. Verifique o endereço ou pergunte a um membro da equipa.',
    skipLink: 'Avançar para o conteúdo principal',
  },
  so: {
    changeLanguage: 'Beddel luqadda',
    charactersLeft: 'Xarfaha haray: {n}',
    rateLimited: 'Jawaabo badan ayaa laga soo diray shabakaddan dhowrkii daqiiqo ee la soo dhaafay, sidaas darteed jawaabtaada weli lama dirin. Fadlan sug dhowr daqiiqo, kadibna mar kale riix "{send}".',
    expired: 'Jawaabtaada weli lama dirin. Fadlan hubi, kadibna mar kale riix "{send}".',
    commentTooLong: 'Faalladaadu aad bay u dheer tahay. Fadlan ka dhig mid aan ka badnayn {max} xaraf.',
    offline: 'Jawaabtaada weli lama dirin: kuma xirnid internetka. Markaad mar kale ku xirantid, riix "{send}".',
    sendFailed: 'Jawaabtaada weli lama dirin: dhibaato ayaa ku timid isku xirka. Fadlan mar kale riix "{send}".',
    errorTitle: 'Waxaa jirta dhibaato',
    standardRead: 'Nooca caadiga ah',
    notRecognised: 'Xiriirkan jawaab-celinta lama aqoonsan. Fadlan hubi cinwaanka, ama weydii mid ka mid ah shaqaalaha.',
    skipLink: 'U gudub qoraalka ugu muhiimsan',
  },
  zh: {
    changeLanguage: '更改语言',
    charactersLeft: '剩余字数：{n}',
    rateLimited: '过去几分钟内从此网络发送的答案太多，因此您的答案尚未发送。请等待几分钟，然后再次按“{send}”。',
    expired: '您的答案尚未发送。请检查后再次按“{send}”。',
    commentTooLong: '您的意见太长。请缩短到不超过 {max} 个字。',
    offline: '您的答案尚未发送：您没有连接到互联网。重新连接后，请按“{send}”。',
    sendFailed: '您的答案尚未发送：网络连接出现问题。请再次按“{send}”。',
    errorTitle: '出现问题',
    standardRead: '标准版',
    notRecognised: '无法识别此反馈链接。请检查网址，或询问工作人员。',
    skipLink: '跳到主要内容',
  },
  cy: {
    changeLanguage: 'Newid iaith',
    charactersLeft: 'Nodau ar ôl: {n}',
    rateLimited: "Mae llawer o atebion wedi'u hanfon o'r rhwydwaith hwn yn ystod yr ychydig funudau diwethaf, felly nid yw eich ateb wedi'i anfon eto. Arhoswch ychydig funudau, yna pwyswch '{send}' eto.",
    expired: "Nid yw eich ateb wedi'i anfon eto. Gwiriwch ef, yna pwyswch '{send}' eto.",
    commentTooLong: "Mae eich sylw yn rhy hir. Byrhewch ef i {max} nod neu lai.",
    offline: "Nid yw eich ateb wedi'i anfon eto: nid ydych wedi'ch cysylltu â'r rhyngrwyd. Pan fyddwch wedi'ch cysylltu eto, pwyswch '{send}'.",
    sendFailed: "Nid yw eich ateb wedi'i anfon eto: roedd problem gyda'r cysylltiad. Pwyswch '{send}' eto.",
    errorTitle: 'Mae problem wedi codi',
    standardRead: 'Fersiwn safonol',
    notRecognised: "Nid yw'r ddolen adborth hon yn cael ei hadnabod. Gwiriwch y cyfeiriad, neu gofynnwch i aelod o staff.",
    skipLink: "Neidio i'r prif gynnwys",
  },
};

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
      const file = JSON.parse(readFileSync(join(I18N_DIR, `${lang}.json`), 'utf8')) as Record<string, unknown>;
      strings = fromTranslationFile(file, FORM_ONLY[lang]);
    } catch {
      strings = ENGLISH;
    }
  }
  cache.set(lang, strings);
  return strings;
}

/** Maps a tablet translation file (keys in kiosk/app/i18n/README.md) onto the form's strings. */
export function fromTranslationFile(file: Record<string, unknown>, formOnly: Partial<FormOnly> = {}): FormStrings {
  const has = (key: string) => typeof file[key] === 'string' && !!file[key];
  const pick = (key: string, fallback: string) => (has(key) ? (file[key] as string) : fallback);
  // `{service}` comes from the same file as the question it goes into: the file's nouns carry its
  // grammar ("nasz oddział"), and an English question needs the English noun.
  const services = SERVICE_KINDS.every((k) => has(`service.${k}`)) ? (Object.fromEntries(SERVICE_KINDS.map((k) => [k, file[`service.${k}`]])) as Record<ServiceKind, string>) : undefined;
  const question2013 = services && has('fft-2013.question') ? (file['fft-2013.question'] as string) : undefined;
  // The 0–10 question as the tablet asks it (`nps-0-10.question`, with its words for the two ends
  // of the scale, or the 2013 answers' "extremely unlikely / likely" where a file has none yet);
  // else the file's 2013 question (the same "how likely are you to recommend our {service}…") with
  // those ends; English only if neither is there.
  const low = has('nps-0-10.0') ? 'nps-0-10.0' : 'fft-2013.5';
  const high = has('nps-0-10.10') ? 'nps-0-10.10' : 'fft-2013.1';
  const npsText = has('nps-0-10.question') ? (file['nps-0-10.question'] as string) : question2013;
  const questionNps = services && npsText && has(low) && has(high) ? `${npsText} (0 = ${file[low] as string}, 10 = ${file[high] as string})` : undefined;
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
    question2013: question2013 ?? ENGLISH.question2013,
    services2013: question2013 ? services! : ENGLISH.services2013,
    questionNps: questionNps ?? ENGLISH.questionNps,
    servicesNps: questionNps ? services! : ENGLISH.servicesNps,
    answers2020: answers('fft-2020', ENGLISH.answers2020),
    answers2013: answers('fft-2013', ENGLISH.answers2013),
    easyQuestion2020: pick('easy.fft-2020.question', ENGLISH.easyQuestion2020),
    easyQuestion2013: pick('easy.fft-2013.question', ENGLISH.easyQuestion2013),
    easyQuestionNps: has('easy.nps-0-10.question') && has('easy.nps-0-10.0') && has('easy.nps-0-10.10') ? `${file['easy.nps-0-10.question'] as string} (0 = ${file['easy.nps-0-10.0'] as string}, 10 = ${file['easy.nps-0-10.10'] as string})` : ENGLISH.easyQuestionNps,
    easyAnswers2020: answers('easy.fft-2020', ENGLISH.easyAnswers2020),
    easyAnswers2013: answers('easy.fft-2013', ENGLISH.easyAnswers2013),
    easyComment: pick('easy.comment.label', ENGLISH.easyComment),
    easyCommentHint: pick('easy.comment.hint', ENGLISH.easyCommentHint),
    easyChooseAnswer: pick('easy.error.chooseAnswer', ENGLISH.easyChooseAnswer),
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
    errorPrefix: pick('error.prefix', ENGLISH.errorPrefix),
    language: pick('languageButton', ENGLISH.language),
    easyRead: pick('toggle.easyRead', ENGLISH.easyRead),
    youSaidWeDid: pick('ysdw.heading', ENGLISH.youSaidWeDid),
    youSaid: pick('ysdw.youSaid', ENGLISH.youSaid),
    weDid: pick('ysdw.weDid', ENGLISH.weDid),
    changeLanguage: pick('form.changeLanguage', formOnly.changeLanguage ?? ENGLISH.changeLanguage),
    charactersLeft: pick('form.charactersLeft', formOnly.charactersLeft ?? ENGLISH.charactersLeft),
    rateLimited: pick('form.rateLimited', formOnly.rateLimited ?? ENGLISH.rateLimited),
    expired: pick('form.expired', formOnly.expired ?? ENGLISH.expired),
    commentTooLong: pick('form.commentTooLong', formOnly.commentTooLong ?? ENGLISH.commentTooLong),
    offline: pick('form.offline', formOnly.offline ?? ENGLISH.offline),
    sendFailed: pick('form.sendFailed', formOnly.sendFailed ?? ENGLISH.sendFailed),
    errorTitle: pick('form.errorTitle', formOnly.errorTitle ?? ENGLISH.errorTitle),
    standardRead: pick('form.standardRead', formOnly.standardRead ?? ENGLISH.standardRead),
    notRecognised: pick('form.notRecognised', formOnly.notRecognised ?? ENGLISH.notRecognised),
    skipLink: pick('form.skipLink', formOnly.skipLink ?? ENGLISH.skipLink),
  };
}

export function isLanguage(value: string | undefined): value is Language {
  return !!value && (LANGUAGES as readonly string[]).includes(value);
}
