import { describe, expect, it } from 'vitest';
import { changeOf, percent } from './dashboard-format.ts';
import { percentText } from './returns-format.ts';

describe('percentages on the staff pages', () => {
  it('round halves up as the exported figures do in a spreadsheet (57 of 200 is 29%, 201 of 400 is 50.3%)', () => {
    expect(percent(57 / 200)).toBe('29%');
    expect(percent(null)).toBe('–');
    expect(changeOf(-0.285).text).toBe('Down 29 points on yesterday');
    expect(changeOf(0.004).text).toBe('Same as yesterday');
    expect(percentText(201 / 400)).toBe('50.3%');
    expect(percentText(0.5)).toBe('50%');
  });
});
