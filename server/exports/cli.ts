/**
 * `fft export --month YYYY-MM --setting SETTING --format csv|xlsx|json --out FILE
 * [--variant full|publishable] [--sheet NAME]`: the monthly return for every trust in the
 * database, written to a file, kept in the export log and audit-logged as actor `cli`. The
 * checks the page shows before a download are printed to stderr.
 */
import { access, constants, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RETURN_SETTINGS, RETURN_VARIANTS, type ReturnSetting, type ReturnVariant } from '../../analytics/returns.ts';
import type { Store } from '../../db/store.ts';
import { systemClock } from '../clock.ts';
import { ApiError } from '../middleware/errors.ts';
import { month as monthSchema } from '../org/eligible.ts';
import { assertMonthStarted, EXPORT_FORMATS, exportMonthlyReturn, validateMonthlyReturn, type ExportFormat } from './monthly.ts';

export const EXPORT_USAGE = 'fft export --month YYYY-MM --setting SETTING --format csv|xlsx|json --out FILE [--variant full|publishable] [--sheet NAME]';

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): value is T => value !== undefined && (values as readonly string[]).includes(value);

/** Runs the command; usage mistakes are reported as `fft: …` with exit code 2, like every other command. */
export async function exportCommand(args: string[], withStore: <T>(fn: (store: Store) => Promise<T>) => Promise<T>): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { month: { type: 'string' }, setting: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, variant: { type: 'string' }, sheet: { type: 'string' } },
  });
  const usage = (message: string) => {
    console.error(`fft: ${message}\nusage: ${EXPORT_USAGE}`);
    return 2;
  };
  if (!values.month || !monthSchema.safeParse(values.month).success) return usage('--month must be a month YYYY-MM');
  if (!oneOf(RETURN_SETTINGS, values.setting)) return usage(`--setting must be one of ${RETURN_SETTINGS.join(', ')}`);
  if (!oneOf(EXPORT_FORMATS, values.format)) return usage(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  const variant = values.variant ?? 'full';
  if (!oneOf(RETURN_VARIANTS, variant)) return usage(`--variant must be one of ${RETURN_VARIANTS.join(', ')}`);
  if (!values.out) return usage('--out FILE is required');
  if (values.sheet !== undefined && values.format !== 'csv') return usage('--sheet is for CSV only: XLSX and JSON hold every sheet');
  const request = { month: values.month, setting: values.setting as ReturnSetting, variant: variant as ReturnVariant, format: values.format as ExportFormat, sheet: values.sheet };

  try {
    assertMonthStarted(request.month, systemClock());
  } catch (e) {
    return usage((e as Error).message);
  }
  const out = values.out;
  // A bad path should fail before anything is logged as exported.
  const unwritable = await access(dirname(resolve(out)), constants.W_OK).then(() => null, (e: NodeJS.ErrnoException) => e);
  if (unwritable) return usage(`cannot write ${out}: ${unwritable.code === 'ENOENT' ? 'no such directory' : unwritable.message}`);
  if ((await stat(out).catch(() => null))?.isDirectory()) return usage(`cannot write ${out}: it is a folder; give a file name, like ${join(out, `fft-${request.month}.${request.format}`)}`);
  try {
    return await withStore(async (store) => {
      const { findings, lastExport } = await validateMonthlyReturn(store, { month: request.month, setting: request.setting, scope: 'all' });
      const exported = await exportMonthlyReturn(store, systemClock, { ...request, scope: 'all', actor: 'cli' });
      await writeFile(out, exported.body);
      for (const finding of findings) console.error(`check: ${finding.message}`);
      if (lastExport && lastExport.changes.length) {
        console.error(`check: ${lastExport.changes.length} row${lastExport.changes.length > 1 ? 's' : ''} changed since the export of ${lastExport.export.createdAt}`);
      }
      const rows = exported.result.sheets.map((s) => `${s.name} ${s.rows.length - 1}`).join(', ');
      console.log(`wrote ${out}: ${exported.result.title} return for ${request.month} (${request.variant}; rows: ${rows})`);
      return 0;
    });
  } catch (e) {
    if (e instanceof ApiError) return usage(e.issues.length ? `--${e.issues[0]!.path} ${e.issues[0]!.message}` : e.message);
    throw e;
  }
}
