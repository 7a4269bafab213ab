import { describe, expect, it } from 'vitest';
import { maskPhone, normaliseUkMobile, type PhoneRejection } from './phone.ts';

describe('normaliseUkMobile: accepted forms all become one E.164 number', () => {
  const same: string[] = [
    '07700900123',
    '07700 900123',
    '07700 900 123',
    '0770-090-0123',
    '07700.900.123',
    '(07700) 900123',
    '+447700900123',
    '+44 7700 900123',
    '+44 (0)7700 900123',
    '+44(0)7700-900-123',
    '+44 07700 900123',
    '0044 7700 900123',
    '00447700900123',
    '447700900123', // how Notify writes the sender of a received text
    '44 7700 900123',
    '7700900123', // a spreadsheet ate the leading zero
    '  07700\u00A0900123\t', // NBSP from a pasted cell
    '０７７００ ９００１２３', // full-width digits
  ];
  it.each(same)('%j → +447700900123', (input) => {
    expect(normaliseUkMobile(input)).toEqual({ ok: true, e164: '+447700900123' });
  });

  it('accepts every mobile range: 071–075, 077–079 and 07624 (Isle of Man)', () => {
    for (const n of ['07123456789', '07400123456', '07512345678', '07712345678', '07812345678', '07912345678', '07624123456']) {
      expect(normaliseUkMobile(n)).toEqual({ ok: true, e164: `+44${n.slice(1)}` });
    }
  });
});

describe('normaliseUkMobile: rejected, with a reason', () => {
  const cases: [string, PhoneRejection][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['07700 9OO123', 'letters'], // letter O for zero
    ['07700 900123 ext 4', 'letters'],
    ['mobile: 07700900123', 'letters'],
    ['07700/900123', 'symbols'],
    ['07700#900123', 'symbols'],
    ['07700 900123 📱', 'symbols'],
    ['+1 415 555 2671', 'not-uk'],
    ['+353 85 123 4567', 'not-uk'],
    ['00353851234567', 'not-uk'],
    ['0161 496 0000', 'landline'],
    ['020 7946 0000', 'landline'],
    ['+44 20 7946 0000', 'landline'],
    ['0300 123 4567', 'landline'],
    ['0800 123 4567', 'non-geographic'],
    ['0845 123 4567', 'non-geographic'],
    ['0909 879 0000', 'premium'],
    ['07000 123456', 'personal-number'],
    ['+44 7010 123456', 'personal-number'],
    ['07623 123456', 'pager'],
    ['07600 123456', 'pager'],
    ['0560 123 4567', 'not-mobile'],
    ['1614960000', 'not-mobile'],
    ['999', 'short-number'],
    ['118118', 'short-number'],
    ['60060', 'short-number'],
    ['0770090012', 'wrong-length'],
    ['077009001234', 'wrong-length'],
    ['+44 7700 90012', 'wrong-length'],
    ['+44 7700 9001234', 'wrong-length'],
    ['12345678', 'wrong-length'],
  ];
  it.each(cases)('%j → %s', (input, reason) => {
    const result = normaliseUkMobile(input);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
  });
});

describe('maskPhone', () => {
  it('keeps only the last three digits', () => {
    expect(maskPhone('+447700900123')).toBe('+44 7*** ***123');
    expect(maskPhone('+33612345678')).toBe('+33*** ***678');
    expect(maskPhone('+447700900123')).not.toContain('900');
  });
});
