import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toXlsx, worksheetName } from './xlsx.ts';

async function load(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

describe('toXlsx', () => {
  it('writes numbers as numbers and text as text, even text that looks like a formula', async () => {
    const bytes = await toXlsx([
      {
        name: 'Wards',
        columns: ['Ward Name', 'Total Responses', 'Percentage Positive', 'Very Good'],
        rows: [['=HYPERLINK("http://x","y")', 12, 0.75, '*'], ['Ward 2', 0, '-', 0], ['Ward 3', 3, null, '*']],
        percentColumns: ['Percentage Positive'],
      },
    ], { title: 'Inpatient FFT - 2026-11', created: new Date('2026-11-22T10:00:00Z') });
    const workbook = await load(bytes);
    const sheet = workbook.getWorksheet('Wards')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Ward Name', 'Total Responses', 'Percentage Positive', 'Very Good']);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe('=HYPERLINK("http://x","y")');
    expect(first.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(first.getCell(2).value).toBe(12);
    expect(first.getCell(3).value).toBe(0.75);
    expect(first.getCell(3).numFmt).toBe('0.0%');
    expect(first.getCell(4).value).toBe('*');
    expect(sheet.getRow(3).getCell(3).value).toBe('-');
    expect(sheet.getRow(4).getCell(3).value).toBeNull();
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(workbook.title).toBe('Inpatient FFT - 2026-11');
  });

  it('keeps every sheet, with names Excel accepts', async () => {
    expect(worksheetName('Q4 Postnatal Community Trusts')).toBe('Q4 Postnatal Community Trusts');
    expect(worksheetName('A/B: [x]?*')).toBe('A B   x');
    expect(worksheetName('x'.repeat(40))).toHaveLength(31);
    expect(worksheetName("'Trusts'")).toBe('Trusts');
    expect(worksheetName('???')).toBe('Sheet');
    const workbook = await load(await toXlsx([
      { name: 'Sites', columns: ['A'], rows: [[1]] },
      { name: 'Trusts', columns: ['B'], rows: [] },
    ]));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Sites', 'Trusts']);
    expect(workbook.getWorksheet('Trusts')!.rowCount).toBe(1);
  });
});
