import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BOM, csvField, toCsv } from './csv.ts';

describe('toCsv', () => {
  it('writes RFC 4180: CRLF after every record, quotes only where needed, quotes doubled', () => {
    const csv = toCsv(['Ward Name', 'Total Responses', 'Note'], [
      ['Ward 1', 12, null],
      ['Smith, Jones & "Co"', 0.25, 'line one\nline two'],
    ], { bom: false });
    expect(csv).toBe('Ward Name,Total Responses,Note\r\nWard 1,12,\r\n"Smith, Jones & ""Co""",0.25,"line one\nline two"\r\n');
  });

  it('starts with a UTF-8 byte-order mark by default, for Excel, and keeps any character', () => {
    const csv = toCsv(['Trust Name'], [['Ysbyty Gwynedd — Cymraeg ŵ 😊']]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1)).toBe('Trust Name\r\nYsbyty Gwynedd — Cymraeg ŵ 😊\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula, but not numbers or the placeholders', () => {
    expect(csvField('=HYPERLINK("http://x","click")')).toBe(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(csvField('+44 7700')).toBe("'+44 7700");
    expect(csvField('-1+1')).toBe("'-1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField(-5)).toBe('-5');
    expect(csvField('-')).toBe('-');
    expect(csvField('*')).toBe('*');
    expect(csvField('Ward = 3')).toBe('Ward = 3');
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
  });

  it('reads back, through a strict RFC 4180 parser, as the text it was given', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const csv = toCsv(['a', 'b', 'c'], rows, { bom: false });
        const parsed = parse(csv, { record_delimiter: '\r\n', relax_column_count: false }) as string[][];
        expect(parsed).toEqual([['a', 'b', 'c'], ...rows]);
      }),
    );
  });
});
