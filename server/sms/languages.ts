/**
 * The languages and question versions the SMS channel speaks. A language is added by giving
 * it an entry in both tables: the words patients may reply with (`replies.ts`) and the texts
 * we send (`messages.ts`); a test holds the two lists together. An invitation in any other
 * language is sent and read in English.
 */
import type { Question } from '../../analytics/fft.ts';

export const SMS_LANGUAGES = ['en', 'pl', 'cy'] as const;
export type SmsLanguage = (typeof SMS_LANGUAGES)[number];

/** The SMS language for a language tag: 'pl-PL' → 'pl'; anything not spoken here → 'en'. */
export function smsLanguage(tag: string | null | undefined): SmsLanguage {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (SMS_LANGUAGES as readonly string[]).includes(primary) ? (primary as SmsLanguage) : 'en';
}

/**
 * Question versions answerable by text: the six-answer FFT questions. `nps-0-10` (eleven
 * answers, staff surveys) is not offered by SMS.
 */
export const SMS_QUESTIONS = ['fft-2020', 'fft-2013'] as const satisfies readonly Question[];
export type SmsQuestion = (typeof SMS_QUESTIONS)[number];

export function isSmsQuestion(question: string): question is SmsQuestion {
  return (SMS_QUESTIONS as readonly string[]).includes(question);
}
