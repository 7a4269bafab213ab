import { describe, expect, it } from 'vitest';
import { analyseText } from './analyse.ts';

describe('analyseText: the sentence quoted in a concern alert', () => {
  it('reads as the redacted comment does, even where the sentence ends inside an e-mail address', () => {
    const a = analyseText({ comment: 'Staff nurse Bob Jones hit my mother, ring me on 07700900456 or email pq@example.com', fftAnswer: 5 });
    expect(a.concern).not.toBeNull();
    expect(a.concernEvidence).not.toMatch(/pq@|example|07700|Bob|Jones/);
    expect(a.concernEvidence).toContain('[EMAIL]');
    expect(a.concernEvidence).toContain('[PHONE]');
  });

  it('keeps a phone number cut by the length limit out of the quote', () => {
    // The quote keeps 199 characters of a long sentence and adds '…': here the cut falls inside the number.
    const start = 'The nurse hit my dad and shouted at him and nobody stopped her, please ring me on ';
    const comment = `${(start + 'and on '.repeat(30)).slice(0, 192)} 07700 900456 and it went on all night long.`;
    const a = analyseText({ comment, fftAnswer: 5 });
    expect(a.concern).not.toBeNull();
    expect(a.concernEvidence).toMatch(/\[PHONE\]…$/);
    expect(a.concernEvidence).not.toMatch(/07700|900456|9004/);
  });
});
