/**
 * The optional equality questions and the exact codes the server takes
 * (analytics/fft.ts: AGE_BANDS, SEXES, ETHNIC_CODES, DISABILITY, COMPLETED_BY; a test keeps
 * them identical). Each option's label is the i18n key `<field>.<code>`, except the
 * "prefer not to say" option of every question, which shares the key `preferNotToSay`
 * (for ethnicity that option is NHS Data Dictionary code Z, "Not stated").
 */

export const AGE_BANDS = ['under-16', '16-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-84', '85+', 'prefer-not-to-say'];
export const SEXES = ['female', 'male', 'intersex', 'other', 'prefer-not-to-say'];
export const ETHNIC_CODES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'Z'];
export const DISABILITY = ['yes', 'no', 'prefer-not-to-say'];
export const COMPLETED_BY = ['patient', 'carer-or-relative', 'with-help', 'prefer-not-to-say'];

/** The code that means "prefer not to say" in each question. */
const NOT_SAID = { ageBand: 'prefer-not-to-say', sex: 'prefer-not-to-say', ethnicity: 'Z', disability: 'prefer-not-to-say', completedBy: 'prefer-not-to-say' };

/** In the order asked. `prefix` is the i18n key prefix for the question and its options. */
export const EQUALITY_QUESTIONS = [
  { field: 'ageBand', prefix: 'age', codes: AGE_BANDS },
  { field: 'sex', prefix: 'sex', codes: SEXES },
  { field: 'ethnicity', prefix: 'ethnicity', codes: ETHNIC_CODES },
  { field: 'disability', prefix: 'disability', codes: DISABILITY },
  { field: 'completedBy', prefix: 'completedBy', codes: COMPLETED_BY },
];

/** The i18n key for one option's label. */
export function optionKey(question, code) {
  return code === NOT_SAID[question.field] ? 'preferNotToSay' : `${question.prefix}.${code}`;
}

/** Every i18n key the equality questions use (for the key-parity test and the README). */
export function equalityKeys() {
  const keys = new Set();
  for (const question of EQUALITY_QUESTIONS) {
    keys.add(`${question.prefix}.question`);
    for (const code of question.codes) keys.add(optionKey(question, code));
  }
  return [...keys];
}

/**
 * The `equality` object for a response from the chosen radio values, keeping only known
 * codes; undefined when nothing was chosen, so the field is left out entirely.
 */
export function equalityFromChoices(choices) {
  const equality = {};
  for (const question of EQUALITY_QUESTIONS) {
    const value = choices[question.field];
    if (typeof value === 'string' && question.codes.includes(value)) equality[question.field] = value;
  }
  return Object.keys(equality).length > 0 ? equality : undefined;
}
