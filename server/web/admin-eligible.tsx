/** @jsxImportSource hono/jsx */
/**
 * Eligible counts (patients who could have answered, e.g. discharges) per unit and month: the
 * response-rate denominator. One unit and month at a time, or the same CSV as
 * `fft eligible import` (unit_code,month,eligible), checked whole before anything is written.
 */
import { Hono } from 'hono';
import { londonDay } from '../../analytics/periods.ts';
import type { EligibleCount, Unit } from '../../db/store.ts';
import { audit } from '../audit.ts';
import { isolate } from '../bidi.ts';
import { checkEligibleCsv, ELIGIBLE_HEADER, eligibleBelowResponses, latestEligibleMonth, month as monthSchema, type EligibleBelowResponses } from '../org/eligible.ts';
import type { WebEnv } from './context.ts';
import type { WebAppDeps } from './index.ts';
import { monthLong } from './returns-format.ts';
import { AdminPage, AdminTable, Csrf, CsvImportForm, formFields, SelectField, TextField, uploadedText, type AdminContext, type Problem } from './admin-ui.tsx';

/** The calendar month before the London month of `now`: the one whose return is being made. */
function lastMonth(now: Date): string {
  const [y, m] = londonDay(now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Counts just saved that are below the responses stored: saved, but most likely a slip. */
function BelowResponsesWarning(props: { units: Unit[]; below: EligibleBelowResponses[] }) {
  const names = new Map(props.units.map((u) => [u.code, u.name]));
  return (
    <div class="nhsuk-warning-callout" data-testid="eligible-below-responses">
      <h2 class="nhsuk-warning-callout__label">
        <span class="nhsuk-u-visually-hidden">Important: </span>
        Fewer eligible patients than responses
      </h2>
      <p>These counts were saved, but are below the responses already stored for the unit and month. Check them, and correct any that are wrong.</p>
      <ul>
        {props.below.map((e) => (
          <li>
            <bdi>{names.get(e.unitCode) ?? e.unitCode}</bdi> <span class="fft-code">{e.unitCode}</span>, {monthLong(e.month)}: {e.eligible} eligible, {e.responses} responses
          </li>
        ))}
      </ul>
    </div>
  );
}

function EligiblePage(props: { c: AdminContext; units: Unit[]; month: string; counts: EligibleCount[]; notice?: string | null; below?: EligibleBelowResponses[]; problems?: Problem[]; form?: Record<string, string>; pasted?: string }) {
  const { c, units, problems, form } = props;
  const byUnit = new Map(props.counts.map((e) => [e.unitCode, e.count]));
  return (
    <AdminPage c={c} title="Eligible counts" section="/admin/eligible" notice={props.notice} problems={problems}>
      {props.below?.length ? <BelowResponsesWarning units={units} below={props.below} /> : null}
      <h1>Eligible counts</h1>
      <p>Patients who could have answered in a month (discharges, attendances, contacts), from the trust's activity data. Response rates need them.</p>

      <h2>Set one unit's count</h2>
      <form method="post" action="/admin/eligible" novalidate>
        <Csrf c={c} />
        <SelectField id="unit" label="Unit" value={form?.unit} problems={problems} options={[{ value: '', label: 'Choose a unit' }, ...units.map((u) => ({ value: u.code, label: `${isolate(u.name)} (${u.code})` }))]} />
        <TextField id="month" label="Month" type="month" hint="For example, 2026-10" value={form?.month ?? props.month} problems={problems} width={10} />
        <TextField id="eligible" label="Eligible patients" inputmode="numeric" value={form?.eligible} problems={problems} width={5} />
        <button class="nhsuk-button" type="submit">
          Save
        </button>
      </form>

      <h2>Import a file</h2>
      <p>
        A CSV file with the header <code>{ELIGIBLE_HEADER.join(',')}</code>, months as YYYY-MM. A file with any bad line is not applied at all; a unit and month
        already set is replaced.
      </p>
      <CsvImportForm c={c} action="/admin/eligible/import" pasted={props.pasted} />

      <h2 id="counts">Counts for {props.month}</h2>
      <form method="get" action="/admin/eligible" class="fft-inline-form">
        <TextField id="show-month" name="month" label="Show month" type="month" value={props.month} width={10} />
        <button class="nhsuk-button nhsuk-button--secondary" type="submit">
          Show
        </button>
      </form>
      <AdminTable caption={`Eligible patients per unit, ${props.month}`} heads={['Unit', 'Site', { label: 'Eligible', numeric: true }]}>
        {units.map((u) => (
          <tr>
            <td>
              <bdi>{u.name}</bdi> <span class="fft-code">{u.code}</span>
            </td>
            <td>
              <bdi>{u.siteName}</bdi>
            </td>
            <td class="fft-num">{byUnit.has(u.code) ? byUnit.get(u.code) : 'not set'}</td>
          </tr>
        ))}
      </AdminTable>
    </AdminPage>
  );
}

export function eligibleAdminPages(deps: WebAppDeps) {
  const { store, clock } = deps;
  const app = new Hono<WebEnv>();

  async function page(c: AdminContext, month: string, extra: Partial<Parameters<typeof EligiblePage>[0]> = {}, status: 200 | 400 = 200) {
    const units = await store.listUnits();
    const counts = await store.eligibleCounts({ unitCodes: units.map((u) => u.code), fromMonth: month, toMonth: month });
    return c.html(<EligiblePage c={c} units={units} month={month} counts={counts} {...extra} />, status);
  }

  app.get('/eligible', async (c) => {
    const asked = monthSchema.safeParse(c.req.query('month'));
    const done = c.req.query('done');
    const n = Number(c.req.query('n'));
    const notice = done === 'saved' ? 'The eligible count was saved.' : done === 'imported' && Number.isInteger(n) ? `${n} eligible count${n === 1 ? ' was' : 's were'} imported.` : null;
    const month = asked.success ? asked.data : lastMonth(clock());
    // Just after saving, the months saved (an import over several months says where they began) are
    // checked against the responses stored: a warning, not a refusal, as a late batch can do it too.
    const from = monthSchema.safeParse(c.req.query('from'));
    const below = notice ? await eligibleBelowResponses(store, (await store.listUnits()).map((u) => u.code), from.success && from.data < month ? from.data : month, month) : [];
    return page(c, month, { notice, below });
  });

  app.post('/eligible', async (c) => {
    const f = await formFields(c);
    const problems: Problem[] = [];
    const unit = f.unit ? await store.getUnit(f.unit) : undefined;
    if (!unit) problems.push({ field: 'unit', message: 'Choose the unit' });
    const month = monthSchema.safeParse((f.month ?? '').trim());
    const latest = latestEligibleMonth(clock());
    if (!month.success) problems.push({ field: 'month', message: 'Enter the month as YYYY-MM, like 2026-10' });
    else if (month.data > latest) problems.push({ field: 'month', message: `${monthLong(month.data)} has not started yet: enter ${monthLong(latest)} or earlier` });
    const raw = (f.eligible ?? '').trim();
    const eligible = Number(raw);
    if (!/^\d{1,8}$/.test(raw) || eligible > 10_000_000) problems.push({ field: 'eligible', message: 'Enter the number of eligible patients as a whole number, like 240' });
    if (problems.length || !unit || !month.success) return page(c, month.success && month.data <= latest ? month.data : lastMonth(clock()), { problems, form: f }, 400);
    await store.setEligible([{ unitCode: unit.code, month: month.data, count: eligible }], clock().toISOString());
    await audit(store, clock, c.get('principal'), 'eligible.set', unit.code, { month: month.data, eligible });
    return c.redirect(`/admin/eligible?done=saved&month=${month.data}`, 303);
  });

  app.post('/eligible/import', async (c) => {
    const { text, problem } = await uploadedText(c, 'file', 'csv');
    const pasted = (await formFields(c)).csv;
    const month = lastMonth(clock());
    if (problem) return page(c, month, { problems: [problem] }, 400);
    const { items, errors } = await checkEligibleCsv(store, text, clock());
    if (errors.length) {
      const problems: Problem[] = [
        { field: 'file', message: `Nothing was imported: the file has ${errors.length} problem${errors.length === 1 ? '' : 's'}` },
        ...errors.slice(0, 50).map((e) => ({ message: `Line ${e.line}: ${e.message}` })),
      ];
      return page(c, month, { problems, pasted }, 400);
    }
    await store.setEligible(items, clock().toISOString());
    await audit(store, clock, c.get('principal'), 'eligible.import', null, { items: items.length });
    const months = [...new Set(items.map((i) => i.month))].sort();
    const from = months.length > 1 ? `&from=${months[0]}` : '';
    return c.redirect(`/admin/eligible?done=imported&n=${items.length}&month=${months.at(-1)}${from}`, 303);
  });

  return app;
}
