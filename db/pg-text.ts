/**
 * PostgreSQL text cannot hold U+0000: a query that passes one fails ("invalid byte sequence for
 * encoding UTF8: 0x00"), where SQLite simply finds nothing. No stored key has one, so the
 * PostgreSQL store answers a look-up by such a key as by any unknown key, without asking.
 */
export function holdsNul(...texts: (string | null | undefined)[]): boolean {
  return texts.some((text) => typeof text === 'string' && text.includes('\u0000'));
}
