/**
 * TwiML, Twilio's answer to an inbound-text webhook: the reply travels back in the HTTP
 * response instead of as a separate API call, and an empty `<Response/>` sends nothing.
 */

export const TWIML_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** The TwiML that replies with `text`, or sends nothing when `text` is null or empty. */
export function twimlReply(text: string | null): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  if (!text) return `${head}<Response/>`;
  return `${head}<Response><Message>${escapeXml(text)}</Message></Response>`;
}

// Characters XML 1.0 cannot carry at all, even escaped (C0 controls but tab, LF, CR; FFFE/FFFF).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeXml(text: string): string {
  return text
    .toWellFormed()
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
