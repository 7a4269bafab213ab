import { describe, expect, it } from 'vitest';
import { TWIML_CONTENT_TYPE, twimlReply } from './twiml.ts';

describe('twimlReply', () => {
  it('wraps a reply in <Response><Message>', () => {
    expect(twimlReply('Thank you.')).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thank you.</Message></Response>');
  });

  it('sends nothing for no reply', () => {
    expect(twimlReply(null)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(twimlReply('')).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('escapes XML and drops characters XML cannot carry, keeping every script and emoji', () => {
    expect(twimlReply('A&E <ward> "4" it\'s\u0001 Dziękujemy 🙏')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>A&amp;E &lt;ward&gt; &quot;4&quot; it&apos;s Dziękujemy 🙏</Message></Response>',
    );
  });

  it('is served as XML', () => {
    expect(TWIML_CONTENT_TYPE).toMatch(/^text\/xml/);
  });
});
