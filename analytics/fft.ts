/**
 * The Friends and Family Test's own vocabulary: question versions, answer codes, settings,
 * channels and NHS England's modes of collection (shared/reference/FFT.md §1, §4).
 * Pure data and tiny pure helpers; everything else in the service speaks these names.
 */

export const QUESTIONS = ['fft-2020', 'fft-2013', 'nps-0-10'] as const;
export type Question = (typeof QUESTIONS)[number];
export const DEFAULT_QUESTION: Question = 'fft-2020';

/** Valid answer codes per question version. */
export const ANSWER_CODES: Record<Question, readonly number[]> = {
  'fft-2020': [1, 2, 3, 4, 5, 6],
  'fft-2013': [1, 2, 3, 4, 5, 6],
  'nps-0-10': [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
};

export const ANSWER_LABELS: Record<'fft-2020' | 'fft-2013', Record<number, string>> = {
  'fft-2020': { 1: 'Very good', 2: 'Good', 3: 'Neither good nor poor', 4: 'Poor', 5: 'Very poor', 6: "Don't know" },
  'fft-2013': {
    1: 'Extremely likely', 2: 'Likely', 3: 'Neither likely nor unlikely', 4: 'Unlikely', 5: 'Extremely unlikely', 6: "Don't know",
  },
};

export function isValidAnswer(question: Question, answer: number): boolean {
  return ANSWER_CODES[question].includes(answer);
}

export const SETTINGS = [
  'inpatient', 'daycase', 'ae', 'maternity-antenatal', 'maternity-birth', 'maternity-postnatal-ward',
  'maternity-postnatal-community', 'outpatient', 'community', 'mental-health', 'ambulance-pts',
  'ambulance-see-treat', 'gp', 'dental', 'staff',
] as const;
export type Setting = (typeof SETTINGS)[number];

export const CHANNELS = ['kiosk', 'sms', 'web', 'paper', 'telephone', 'import'] as const;
export type Channel = (typeof CHANNELS)[number];

/** NHS England's mode-of-collection columns, as slugs; `MODE_COLUMNS` gives the verbatim names. */
export const MODES = [
  'sms', 'electronic-discharge', 'electronic-home', 'paper-discharge', 'paper-home', 'telephone', 'online', 'other',
  'electronic-at-appointment', 'electronic-after-appointment', 'paper-at-appointment', 'paper-after-appointment',
] as const;
export type Mode = (typeof MODES)[number];

export const MODE_COLUMNS: Record<Mode, string> = {
  sms: 'Mode SMS',
  'electronic-discharge': 'Mode Electronic Discharge',
  'electronic-home': 'Mode Electronic Home',
  'paper-discharge': 'Mode Paper Discharge',
  'paper-home': 'Mode Paper Home',
  telephone: 'Mode Telephone',
  online: 'Mode Online',
  other: 'Mode Other',
  'electronic-at-appointment': 'Mode Electronic At Appointment',
  'electronic-after-appointment': 'Mode Electronic After Appointment',
  'paper-at-appointment': 'Mode Paper At Appointment',
  'paper-after-appointment': 'Mode Paper After Appointment',
};

/**
 * The mode a response gets when the client does not say: a ward tablet is Electronic Discharge
 * (At Appointment in outpatients), a web form is Online, SMS is SMS, keyed cards are Paper.
 */
export function defaultMode(channel: Channel, setting: Setting): Mode {
  const outpatient = setting === 'outpatient';
  switch (channel) {
    case 'kiosk':
      return outpatient ? 'electronic-at-appointment' : 'electronic-discharge';
    case 'sms':
      return 'sms';
    case 'web':
      return 'online';
    case 'paper':
      return outpatient ? 'paper-at-appointment' : 'paper-discharge';
    case 'telephone':
      return 'telephone';
    case 'import':
      return 'other';
  }
}

/**
 * The mode of a web answer given from a link sent home (SMS, letter, e-mail): Electronic Home,
 * except where the return has no such column (FFT.md §4): outpatients answer After Appointment,
 * and A&E and ambulance, which have no Electronic Home, count it as Online.
 */
export function homeLinkMode(setting: Setting): Mode {
  if (setting === 'outpatient') return 'electronic-after-appointment';
  if (setting === 'ae' || setting === 'ambulance-pts' || setting === 'ambulance-see-treat') return 'online';
  return 'electronic-home';
}

export const ROLES = ['admin', 'matron', 'commissioner', 'kiosk', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export const AGE_BANDS = ['under-16', '16-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-84', '85+', 'prefer-not-to-say'] as const;
export const SEXES = ['female', 'male', 'intersex', 'other', 'prefer-not-to-say'] as const;
/** NHS Data Dictionary ethnic category codes (FFT.md §9). */
export const ETHNIC_CODES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'Z'] as const;
export const DISABILITY = ['yes', 'no', 'prefer-not-to-say'] as const;
export const COMPLETED_BY = ['patient', 'carer-or-relative', 'with-help', 'prefer-not-to-say'] as const;

export interface Equality {
  ageBand?: (typeof AGE_BANDS)[number];
  sex?: (typeof SEXES)[number];
  ethnicity?: (typeof ETHNIC_CODES)[number];
  disability?: (typeof DISABILITY)[number];
  completedBy?: (typeof COMPLETED_BY)[number];
}

/** What staff pages call each setting. */
export const SETTING_LABELS: Record<Setting, string> = {
  inpatient: 'Inpatient',
  daycase: 'Day case',
  ae: 'A&E',
  'maternity-antenatal': 'Maternity: antenatal (Q1)',
  'maternity-birth': 'Maternity: birth (Q2)',
  'maternity-postnatal-ward': 'Maternity: postnatal ward (Q3)',
  'maternity-postnatal-community': 'Maternity: postnatal community (Q4)',
  outpatient: 'Outpatients',
  community: 'Community',
  'mental-health': 'Mental health',
  'ambulance-pts': 'Ambulance: patient transport',
  'ambulance-see-treat': 'Ambulance: see and treat',
  gp: 'GP',
  dental: 'Dental',
  staff: 'Staff',
};
