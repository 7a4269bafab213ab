import { describe, expect, it } from 'vitest';
import { isSmsQuestion, smsLanguage } from './languages.ts';

describe('smsLanguage', () => {
  it.each([
    ['en', 'en'], ['pl', 'pl'], ['cy', 'cy'], ['pl-PL', 'pl'], ['CY_gb', 'cy'], [' PL ', 'pl'],
    ['ur', 'en'], ['en-GB', 'en'], ['', 'en'], [undefined, 'en'], [null, 'en'], ['polish', 'en'],
  ])('%j → %s', (tag, lang) => {
    expect(smsLanguage(tag)).toBe(lang);
  });
});

describe('isSmsQuestion', () => {
  it('offers the six-answer FFT questions by text, not the 0–10 scale', () => {
    expect(isSmsQuestion('fft-2020')).toBe(true);
    expect(isSmsQuestion('fft-2013')).toBe(true);
    expect(isSmsQuestion('nps-0-10')).toBe(false);
  });
});
