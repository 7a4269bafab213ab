/**
 * Text of unknown direction (a ward's name, a patient's words) put into a sentence of ours, for
 * places with no markup to hold a <bdi>: stored alert reasons, messages sent as JSON. First
 * Strong Isolate … Pop Directional Isolate (Unicode UAX #9) keep an Arabic or Urdu name from
 * pulling the sentence's own colons, commas and numbers into its right-to-left run.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
