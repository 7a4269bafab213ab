/** @jsxImportSource hono/jsx */
/**
 * Trends across the trusts a commissioner commissions: % positive by month with its Wilson 95%
 * interval, and response volumes, drawn by `static/returns.js` with chart.js from the figures
 * put on each `<figure data-chart>`; the same figures as tables beneath, and as a CSV from the API.
 */
import type { Context } from 'hono';
import { SETTINGS, type Setting } from '../../analytics/fft.ts';
import { sharePercent } from '../../analytics/scores.ts';
import type { TrendSetting, Trends, TrustTrend } from '../exports/trends.ts';
import type { WebEnv } from './context.ts';
import { MonthSelect, ReturnsShell, type Problem } from './returns-page.tsx';
import { FieldFrame } from './ui.tsx';
import { countText, monthLong, monthShort, percentText, questionName } from './returns-format.ts';
import { SETTING_LABELS } from '../../analytics/fft.ts';

export interface TrendChoice {
  from: string;
  to: string;
  setting: TrendSetting | null;
}

/** The settings of the monthly return that gather several unit settings, offered on the page as one. */
export const TREND_GROUPS = { maternity: 'Maternity (all four questions)', ambulance: 'Ambulance (both services)' } as const;
export type TrendGroup = keyof typeof TREND_GROUPS;

export function trendSettingLabel(setting: TrendSetting): string {
  return (SETTINGS as readonly string[]).includes(setting) ? SETTING_LABELS[setting as Setting] : TREND_GROUPS[setting as TrendGroup];
}

export function trendsQuery(choice: TrendChoice, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ from: choice.from, to: choice.to, ...(choice.setting ? { setting: choice.setting } : {}), ...extra }).toString();
}

const asPercent = (share: number | null) => (share === null ? null : sharePercent(share, 1));

/** What returns.js draws: percentages 0–100 (null where a month had no responses) and counts. */
export function trendChartData(trends: Trends) {
  const labels = trends.trusts[0]?.months.map((m) => monthShort(m.month)) ?? [];
  return {
    labels,
    trusts: trends.trusts.map((t) => ({
      name: `${t.name} (${t.code})`,
      positive: t.months.map((m) => asPercent(m.positive)),
      lower: t.months.map((m) => asPercent(m.positiveCi?.[0] ?? null)),
      upper: t.months.map((m) => asPercent(m.positiveCi?.[1] ?? null)),
      responses: t.months.map((m) => m.responses),
    })),
  };
}

function TrustTable(props: { trust: TrustTrend }) {
  const { trust } = props;
  const id = `trend-${trust.code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <div class="fft-table-wrap" role="region" aria-labelledby={`${id}-caption`} tabindex={0}>
      <table class="nhsuk-table fft-trend-table" data-trust={trust.code}>
        <caption class="nhsuk-table__caption nhsuk-table__caption--s" id={`${id}-caption`}>
          <bdi>{trust.name}</bdi> ({trust.code}), {questionName(trust.question)}
        </caption>
        <thead class="nhsuk-table__head">
          <tr class="nhsuk-table__row">
            <th class="nhsuk-table__header" scope="col">Month</th>
            <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Responses</th>
            <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">% positive</th>
            <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">95% interval</th>
            <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">% negative</th>
            <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Response rate</th>
          </tr>
        </thead>
        <tbody class="nhsuk-table__body">
          {trust.months.map((m) => (
            <tr class="nhsuk-table__row" data-month={m.month}>
              <th class="nhsuk-table__cell fft-row-header" scope="row">
                {monthLong(m.month)}
              </th>
              <td class="nhsuk-table__cell nhsuk-table__cell--numeric" data-column="responses">
                {countText(m.responses)}
                {m.suppressed ? <span class="fft-few"> (fewer than 5)</span> : null}
              </td>
              <td class="nhsuk-table__cell nhsuk-table__cell--numeric" data-column="positive">
                {m.positive === null ? '–' : percentText(m.positive)}
              </td>
              <td class="nhsuk-table__cell nhsuk-table__cell--numeric" data-column="interval">
                {m.positiveCi ? `${percentText(m.positiveCi[0])} to ${percentText(m.positiveCi[1])}` : '–'}
              </td>
              <td class="nhsuk-table__cell nhsuk-table__cell--numeric" data-column="negative">
                {m.negative === null ? '–' : percentText(m.negative)}
              </td>
              <td class="nhsuk-table__cell nhsuk-table__cell--numeric" data-column="rate">
                {m.responseRate === null ? '–' : percentText(m.responseRate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TrendsView(props: { trends: Trends; choice: TrendChoice }) {
  const { trends, choice } = props;
  const range = trends.from === trends.to ? monthLong(trends.from) : `${monthLong(trends.from)} to ${monthLong(trends.to)}`;
  const what = choice.setting ? `${trendSettingLabel(choice.setting)} only` : 'all settings';
  if (!trends.trusts.length) {
    return (
      <p class="fft-trends__none">
        None of the trusts you can see has {choice.setting ? `${trendSettingLabel(choice.setting).toLowerCase()} units` : 'any units'}.
      </p>
    );
  }
  const data = trendChartData(trends);
  const names = trends.trusts.map((t) => t.name).join(', ');
  return (
    <div class="fft-trends" id="trends">
      <section class="fft-returns-section" aria-labelledby="positive-title">
        <h2 id="positive-title">Percentage positive by month</h2>
        <p>
          {range}, {what}. The shaded band is the 95% interval (Wilson): with few responses the true figure could lie anywhere in it.
        </p>
        <figure class="fft-chart" data-chart="positive" data-chart-label={`Line chart of percentage positive by month with 95% intervals for ${names}, ${range}. The figures are in the tables below.`} data-chart-data={JSON.stringify(data)}></figure>
      </section>
      <section class="fft-returns-section" aria-labelledby="volumes-title">
        <h2 id="volumes-title">Responses by month</h2>
        <figure class="fft-chart" data-chart="responses" data-chart-label={`Bar chart of responses by month for ${names}, ${range}. The figures are in the tables below.`} data-chart-data={JSON.stringify(data)}></figure>
      </section>
      <section class="fft-returns-section" aria-labelledby="figures-title">
        <h2 id="figures-title">The figures</h2>
        {trends.trusts.map((t) => (
          <TrustTable trust={t} />
        ))}
        <a class="nhsuk-button nhsuk-button--secondary fft-download" href={`/api/v1/exports/trends?${trendsQuery(choice, { format: 'csv' })}`} download data-format="csv">
          Download these trends (CSV)
        </a>
      </section>
    </div>
  );
}

export function TrendsPage(props: { c: Context<WebEnv>; choice: TrendChoice; months: string[]; settings: TrendSetting[]; problems?: Problem[]; trends?: Trends }) {
  const { choice } = props;
  const problems = props.problems ?? [];
  const err = (field: string) => problems.find((p) => p.field === field)?.message;
  return (
    <ReturnsShell c={props.c} title={problems.length ? 'Error: Trends' : 'Trends'} section="/returns/trends" problems={problems} scripts={['/assets/chart.js/chart.umd.min.js', '/web/static/charts.js', '/web/static/returns.js']}>
      <h1>Trends across your trusts</h1>
      <p>Percentage positive and responses by month for each trust you commission.</p>
      <form method="get" action="/returns/trends" class="fft-returns-form" novalidate>
        <div class="fft-returns-form__row">
          <MonthSelect id="from" label="From" months={props.months} value={choice.from} error={err('from')} />
          <MonthSelect id="to" label="To" months={props.months} value={choice.to} error={err('to')} />
          <FieldFrame id="setting" label="Setting" error={err('setting')} class="fft-returns-form__field">
            <select class={`nhsuk-select${err('setting') ? ' nhsuk-select--error' : ''}`} id="setting" name="setting" aria-describedby={err('setting') ? 'setting-error' : undefined}>
              <option value="" selected={choice.setting === null}>
                All settings
              </option>
              {props.settings.map((s) => (
                <option value={s} selected={s === choice.setting}>
                  {trendSettingLabel(s)}
                </option>
              ))}
            </select>
          </FieldFrame>
        </div>
        <button class="nhsuk-button" type="submit" data-module="nhsuk-button">
          Show trends
        </button>
      </form>
      {props.trends ? <TrendsView trends={props.trends} choice={choice} /> : null}
    </ReturnsShell>
  );
}
