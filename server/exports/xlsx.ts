/**
 * XLSX workbooks with exceljs: one worksheet per sheet of a return, header row first, numbers
 * stored as numbers (percentages formatted as such), and text — `*` and `-` included — as text.
 * exceljs writes strings as strings, never formulas, so text cannot become a formula here.
 */
import type { Cell } from '../../analytics/returns.ts';

export interface WorkbookSheet {
  name: string;
  columns: readonly string[];
  rows: readonly (readonly Cell[])[];
  /** Columns holding shares 0–1, shown as percentages. */
  percentColumns?: readonly string[];
}

/** Excel's limits on a worksheet name: 1–31 characters, none of : \ / ? * [ ], no apostrophe at either end. */
export function worksheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').replace(/^[\s']+|[\s']+$/g, '').slice(0, 31).trim() || 'Sheet';
}

export async function toXlsx(sheets: readonly WorkbookSheet[], meta: { title?: string; created?: Date } = {}): Promise<Uint8Array<ArrayBuffer>> {
  // Loaded on first use: exceljs is large, and most processes never write a workbook.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'FFT service';
  if (meta.title) workbook.title = meta.title;
  if (meta.created) workbook.created = workbook.modified = meta.created;
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(worksheetName(sheet.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((header) => ({ header, key: header, width: Math.max(10, Math.min(40, header.length + 2)) }));
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row.map((value) => (value === null ? null : value)));
    for (const column of sheet.percentColumns ?? []) {
      const index = sheet.columns.indexOf(column);
      if (index !== -1) worksheet.getColumn(index + 1).numFmt = '0.0%';
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
