/** @jsxImportSource hono/jsx */
/**
 * The commissioner's monthly return page: choose the month, setting and variant; see the checks
 * before sending, what changed since the month was last exported, and every sheet exactly as the
 * file will hold it (NHS England's columns, totals row first, `*` where the publishable variant
 * hides a cell); then download it as CSV (a sheet) or XLSX (the workbook).
 */
import type { Child } from 'hono/jsx';
import {
  RETURN_DEFINITIONS,
  RETURN_SETTINGS,
  type MonthlyReturn,
  type ReturnRow,
  type ReturnSetting,
  type ReturnSheet,
  type ReturnVariant,
  type RowChange,
} from '../../analytics/returns.ts';
import type { MonthlyValidation } from '../exports/monthly.ts';
import type { WebEnv } from './context.ts';
import type { Context } from 'hono';
import { StaffPage } from './layout.tsx';
import { describedBy, ErrorSummary, FieldFrame, type Problem } from './ui.tsx';

export type { Problem } from './ui.tsx';
import { diffCellText, FINDING_GROUPS, findingText, monthLong, shownCell, whenLong } from './returns-format.ts';


export interface ReturnChoice {
  month: string;
  setting: ReturnSetting;
  variant: ReturnVariant;
}

/** Who made the export the diff compares against, as the page names them. */
export interface Exporter {
  you: boolean;
  /** For a sentence: a colleague's email comes isolated. */
  name: string;
}

export interface Preview {
  result: MonthlyReturn;
  validation: MonthlyValidation;
  exporter: Exporter | null;
}

const VARIANT_TEXT: Record<ReturnVariant, { label: string; hint: string; caption: string }> = {
  full: { label: 'Full', hint: 'Every figure, as sent to NHS England', caption: 'Full return: every figure, as sent to NHS England' },
  publishable: { label: 'Publishable', hint: 'Small numbers hidden with *, as NHS England publishes them', caption: 'Publishable return: small numbers hidden with *, as NHS England publishes them' },
};

export function returnQuery(choice: ReturnChoice, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ month: choice.month, setting: choice.setting, variant: choice.variant, ...extra }).toString();
}

const sheetId = (sheet: ReturnSheet) => `sheet-${sheet.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/** The two returns pages, side by side under "Returns". */
export function ReturnsShell(props: { c: Context<WebEnv>; title: string; section: '/returns' | '/returns/trends'; problems?: Problem[]; scripts?: string[]; children: Child }) {
  const { c } = props;
  return (
    <StaffPage title={props.title} user={c.get('user')} csrf={c.get('csrf')} active="/returns" styles={['/web/static/returns.css']} scripts={props.scripts}>
      <nav class="fft-returns-nav" aria-label="Returns">
        <ul>
          <li>
            <a href="/returns" aria-current={props.section === '/returns' ? 'page' : undefined}>
              Monthly return
            </a>
          </li>
          <li>
            <a href="/returns/trends" aria-current={props.section === '/returns/trends' ? 'page' : undefined}>
              Trends
            </a>
          </li>
        </ul>
      </nav>
      {props.problems?.length ? <ErrorSummary problems={props.problems} /> : null}
      {props.children}
    </StaffPage>
  );
}

export function MonthSelect(props: { id: string; label: string; months: string[]; value: string; error?: string; hint?: string }) {
  return (
    <FieldFrame id={props.id} label={props.label} hint={props.hint} error={props.error} class="fft-returns-form__field">
      <select class={`nhsuk-select${props.error ? ' nhsuk-select--error' : ''}`} id={props.id} name={props.id} aria-describedby={describedBy(props.id, props.hint, props.error)}>
        {[...props.months].reverse().map((m) => (
          <option value={m} selected={m === props.value}>
            {monthLong(m)}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

function ChoiceForm(props: { choice: ReturnChoice; months: string[]; currentMonth: string; problems: Problem[] }) {
  const { choice, problems } = props;
  const err = (field: string) => problems.find((p) => p.field === field)?.message;
  return (
    <form method="get" action="/returns" class="fft-returns-form" novalidate>
      <div class="fft-returns-form__row">
        <MonthSelect id="month" label="Month" months={props.months} value={choice.month} error={err('month')} hint={`${monthLong(props.currentMonth)} is not over yet`} />
        <FieldFrame id="setting" label="Setting" error={err('setting')} class="fft-returns-form__field">
          <select class={`nhsuk-select${err('setting') ? ' nhsuk-select--error' : ''}`} id="setting" name="setting" aria-describedby={err('setting') ? 'setting-error' : undefined}>
            {RETURN_SETTINGS.map((s) => (
              <option value={s} selected={s === choice.setting}>
                {RETURN_DEFINITIONS[s].title}
              </option>
            ))}
          </select>
        </FieldFrame>
      </div>
      <div class={`nhsuk-form-group${err('variant-full') ? ' nhsuk-form-group--error' : ''}`}>
        <fieldset class="nhsuk-fieldset" aria-describedby={err('variant-full') ? 'variant-error' : undefined}>
          <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Which version?</legend>
          {err('variant-full') ? (
            <span class="nhsuk-error-message" id="variant-error">
              <span class="nhsuk-u-visually-hidden">Error:</span> {err('variant-full')}
            </span>
          ) : null}
          <div class="nhsuk-radios nhsuk-radios--inline">
            {(['full', 'publishable'] as const).map((v) => (
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id={`variant-${v}`} name="variant" type="radio" value={v} checked={choice.variant === v} aria-describedby={`variant-${v}-hint`} />
                <label class="nhsuk-label nhsuk-radios__label" for={`variant-${v}`}>
                  {VARIANT_TEXT[v].label}
                </label>
                <div class="nhsuk-hint nhsuk-radios__hint" id={`variant-${v}-hint`}>
                  {VARIANT_TEXT[v].hint}
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <button class="nhsuk-button" type="submit" data-module="nhsuk-button">
        Show the return
      </button>
    </form>
  );
}

function Checks(props: { validation: MonthlyValidation }) {
  const { findings, month } = props.validation;
  return (
    <section class="fft-returns-section" id="checks" aria-labelledby="checks-title">
      <h2 id="checks-title">Checks before you send</h2>
      {findings.length === 0 ? (
        <p>Nothing to check: every unit has responses and an eligible count, and every answer is to the return’s question.</p>
      ) : (
        <>
          <p>
            {findings.length === 1 ? '1 thing' : `${findings.length} things`} to look at before you send this return.
          </p>
          {FINDING_GROUPS.map((group) => {
            const items = findings.filter((f) => group.kinds.includes(f.kind));
            if (!items.length) return null;
            return (
              <div class="fft-check" data-check={group.kinds[0]}>
                <h3 class="fft-check__title">
                  {group.title} <span class="fft-check__count">({items.length})</span>
                </h3>
                {group.advice ? <p class="fft-check__advice">{group.advice}</p> : null}
                <ul class="fft-check__list">
                  {items.map((f) => (
                    <li data-unit={f.unitCode}>{findingText(f, month)}</li>
                  ))}
                </ul>
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}

function changeRows(change: RowChange) {
  if (change.change !== 'changed') {
    return [{ column: change.change === 'added' ? 'New row: not in the export' : 'Row no longer on the return', before: '', after: '' }];
  }
  return change.cells.map((cell) => ({ column: cell.column, before: diffCellText(cell.column, cell.before), after: diffCellText(cell.column, cell.after) }));
}

function Changes(props: { validation: MonthlyValidation; exporter: Exporter | null; variant: ReturnVariant }) {
  const last = props.validation.lastExport;
  const who = props.exporter;
  const since = last ? `${who?.you ? 'you exported it' : `${who?.name ?? 'someone'} exported it`} on ${whenLong(last.export.createdAt)}` : '';
  const rows = last?.changes.length ?? 0;
  return (
    <section class="fft-returns-section" id="changes" aria-labelledby="changes-title">
      <h2 id="changes-title">Changes since the last export</h2>
      {!last ? (
        <p>This month has not been exported yet.</p>
      ) : rows === 0 ? (
        <p class="fft-changes__summary">Nothing has changed since {since}.</p>
      ) : (
        <>
          <div class="nhsuk-warning-callout">
            <h3 class="nhsuk-warning-callout__label">
              <span class="nhsuk-u-visually-hidden">Important: </span>
              Late changes
            </h3>
            <p class="fft-changes__summary">
              {rows === 1 ? '1 row' : `${rows} rows`} changed since {since}.
            </p>
            {last.export.variant !== props.variant ? <p>That export was the {last.export.variant} return, so the changes are shown as that version.</p> : null}
          </div>
          <div class="fft-table-wrap" role="region" aria-labelledby="changes-caption" tabindex={0}>
            <table class="nhsuk-table fft-changes">
              <caption class="nhsuk-table__caption nhsuk-table__caption--s" id="changes-caption">
                Cells that changed
              </caption>
              <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                  <th class="nhsuk-table__header" scope="col">Sheet</th>
                  <th class="nhsuk-table__header" scope="col">Row</th>
                  <th class="nhsuk-table__header" scope="col">Column</th>
                  <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">At export</th>
                  <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Now</th>
                </tr>
              </thead>
              <tbody class="nhsuk-table__body">
                {last.changes.flatMap((change) =>
                  changeRows(change).map((cell) => (
                    <tr class="nhsuk-table__row" data-change={`${change.sheet} ${change.key}`}>
                      <td class="nhsuk-table__cell">{change.sheet}</td>
                      <th class="nhsuk-table__cell fft-row-header" scope="row">
                        <bdi>{change.label}</bdi>
                      </th>
                      <td class="nhsuk-table__cell">{cell.column}</td>
                      <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{cell.before ? <bdi>{cell.before}</bdi> : null}</td>
                      <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{cell.after ? <bdi>{cell.after}</bdi> : null}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          <p>Download the return again to send the corrected figures.</p>
        </>
      )}
    </section>
  );
}

/** The column a row is named in: its row header. */
function nameColumn(sheet: ReturnSheet): string {
  return sheet.level === 'ward' ? 'Ward Name' : sheet.level === 'site' ? 'Site Name' : 'Trust Name';
}

function SheetCell(props: { column: string; row: ReturnRow; header: boolean }) {
  const shown = shownCell(props.column, props.row.cells[props.column] ?? null, props.row.suppression);
  const numeric = shown.kind !== 'empty' && (shown.kind !== 'text' || shown.numeric);
  const cls = `nhsuk-table__cell${numeric ? ' nhsuk-table__cell--numeric' : ''}${props.header ? ' fft-row-header' : ''}`;
  const content =
    shown.kind === 'empty' ? null : shown.kind === 'text' ? (
      // Names (a ward's, a trust's) may be Arabic or Urdu: each cell's text on its own.
      shown.numeric ? (
        shown.text
      ) : (
        <bdi>{shown.text}</bdi>
      )
    ) : shown.kind === 'suppressed' ? (
      <>
        <span aria-hidden="true">*</span>
        <span class="nhsuk-u-visually-hidden">{shown.reason}</span>
      </>
    ) : (
      <>
        <span aria-hidden="true">-</span>
        <span class="nhsuk-u-visually-hidden">no responses</span>
      </>
    );
  return props.header ? (
    <th class={cls} scope="row" data-column={props.column}>
      {content}
    </th>
  ) : (
    <td class={cls} data-column={props.column}>
      {content}
    </td>
  );
}

function Sheet(props: { sheet: ReturnSheet; result: MonthlyReturn }) {
  const { sheet, result } = props;
  const id = sheetId(sheet);
  const named = nameColumn(sheet);
  return (
    <div class="fft-sheet" id={id}>
      <div class="fft-table-wrap" role="region" aria-labelledby={`${id}-caption`} tabindex={0}>
        <table class="nhsuk-table fft-sheet__table" data-sheet={sheet.name}>
          <caption class="nhsuk-table__caption nhsuk-table__caption--m" id={`${id}-caption`}>
            {sheet.name}
            <span class="fft-sheet__caption-hint">
              {' '}
              – {result.title}, {monthLong(result.month)}
              {result.variant === 'publishable' ? ', publishable' : ''}
            </span>
          </caption>
          <thead class="nhsuk-table__head">
            <tr class="nhsuk-table__row">
              {sheet.columns.map((column) => (
                <th class="nhsuk-table__header" scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="nhsuk-table__body">
            {sheet.rows.map((row) => (
              <tr class={`nhsuk-table__row${row.level === 'total' ? ' fft-sheet__total' : ''}`} data-row={row.key}>
                {sheet.columns.map((column) => (
                  <SheetCell column={column} row={row} header={column === named} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sheet.rows.length === 1 ? <p class="fft-sheet__empty">No {sheet.level === 'ward' ? 'wards' : sheet.level === 'site' ? 'sites' : 'trusts'} you can see return this setting.</p> : null}
    </div>
  );
}

function Downloads(props: { result: MonthlyReturn; choice: ReturnChoice }) {
  const { result, choice } = props;
  return (
    <section class="fft-returns-section" id="download" aria-labelledby="download-title">
      <h2 id="download-title">Download</h2>
      <p>Each download is kept in the export log, so late changes to this month can be shown later.</p>
      <ul class="fft-downloads">
        <li>
          <a class="nhsuk-button fft-download" href={`/returns/download?${returnQuery(choice, { format: 'xlsx' })}`} download data-format="xlsx">
            Download the workbook (XLSX)<span class="nhsuk-u-visually-hidden">: every sheet of the {result.title} return, {monthLong(result.month)}</span>
          </a>
        </li>
        {result.sheets.map((sheet) => (
          <li>
            <a class="nhsuk-button nhsuk-button--secondary fft-download" href={`/returns/download?${returnQuery(choice, { format: 'csv', sheet: sheet.name })}`} download data-format="csv" data-sheet={sheet.name}>
              {sheet.name} (CSV)<span class="nhsuk-u-visually-hidden">: the {sheet.name} sheet of the {result.title} return, {monthLong(result.month)}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PreviewView(props: { preview: Preview; choice: ReturnChoice }) {
  const { result, validation, exporter } = props.preview;
  return (
    <div class="fft-preview" id="preview">
      <h2 class="fft-preview__title" id="preview-title">
        {result.title} return, {monthLong(result.month)}
        <span class="nhsuk-caption-m fft-preview__caption">{VARIANT_TEXT[result.variant].caption}</span>
      </h2>
      <nav class="fft-contents" aria-label="On this return">
        <ul class="nhsuk-list">
          <li>
            <a href="#checks">Checks before you send</a>
          </li>
          <li>
            <a href="#changes">Changes since the last export</a>
          </li>
          {result.sheets.map((s) => (
            <li>
              <a href={`#${sheetId(s)}`}>{s.name} sheet</a>
            </li>
          ))}
          <li>
            <a href="#download">Download</a>
          </li>
        </ul>
      </nav>
      <Checks validation={validation} />
      <Changes validation={validation} exporter={exporter} variant={result.variant} />
      <section class="fft-returns-section" id="sheets" aria-labelledby="sheets-title">
        <h2 id="sheets-title">The return</h2>
        <p>
          NHS England’s columns in NHS England’s order, with the totals row first. Percentages are shown to one decimal place; the files hold them exactly. On a small screen, scroll each sheet sideways.
          {result.variant === 'publishable' ? ' A * is a figure hidden to protect patients: 1 to 4 responses, or a figure from which one could be worked out.' : ''}
        </p>
        {result.sheets.map((sheet) => (
          <Sheet sheet={sheet} result={result} />
        ))}
      </section>
      <Downloads result={result} choice={props.choice} />
    </div>
  );
}

export function ReturnsPage(props: { c: Context<WebEnv>; choice: ReturnChoice; months: string[]; currentMonth: string; problems?: Problem[]; preview?: Preview }) {
  const problems = props.problems ?? [];
  return (
    <ReturnsShell c={props.c} title={problems.length ? 'Error: Monthly return' : 'Monthly return'} section="/returns" problems={problems}>
      <h1>Monthly return</h1>
      <p>The Friends and Family Test return for NHS England, for the trusts you can see. Choose a month and a setting to check it and download it.</p>
      <ChoiceForm choice={props.choice} months={props.months} currentMonth={props.currentMonth} problems={problems} />
      {props.preview ? <PreviewView preview={props.preview} choice={props.choice} /> : null}
    </ReturnsShell>
  );
}
