/** @jsxImportSource hono/jsx */
/**
 * The public results at /results, for patients, the public and Healthwatch (FFT.md §10:
 * "publish results in a form patients can use"): every trust, site and unit with this month's
 * and last month's % positive and % negative in plain English, its "You said, we did", and
 * each trust's monthly open-data CSV. No sign-in. What is shown comes only from
 * `results-figures.ts`, where small numbers are already withheld, and from text staff wrote
 * (redacted again); no patient comment appears here at all, redacted or not.
 */
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Question, Setting } from '../../analytics/fft.ts';
import { addDays, londonDay } from '../../analytics/periods.ts';
import { publishedYouSaid } from '../api/you-said.ts';
import type { Unit, YouSaidRecord } from '../../db/store.ts';
import type { WebAppDeps } from './index.ts';
import { StaffPage } from './layout.tsx';
import { Names } from './ui.tsx';
import { resultsCsv } from './results-csv.ts';
import { loadTrustResults, type Figure, type SiteResult, type TrustResult, type UnitResult } from './results-figures.ts';
import type { HtmlEscapedString } from 'hono/utils/html';

/** A rendered page (StaffPage includes the doctype). */
type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Pages change as answers arrive, but a few minutes' delay is fine and spares the database. */
export const RESULTS_CACHE = 'public, max-age=300';
/** Open-data files go back this many whole months. */
export const CSV_MONTHS = 12;
/** The FFT began in April 2013; no file before it. */
const FIRST_MONTH = '2013-04';
const YOU_SAID_SHOWN = 10;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthName(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

export function previousMonth(month: string): string {
  return addDays(`${month}-01`, -1).slice(0, 7);
}

const SETTING_NAMES: Record<Setting, string> = {
  inpatient: 'Inpatient ward',
  daycase: 'Day case',
  ae: 'A&E',
  'maternity-antenatal': 'Maternity: antenatal care',
  'maternity-birth': 'Maternity: birth',
  'maternity-postnatal-ward': 'Maternity: postnatal ward',
  'maternity-postnatal-community': 'Maternity: postnatal care at home',
  outpatient: 'Outpatients',
  community: 'Community service',
  'mental-health': 'Mental health service',
  'ambulance-pts': 'Patient transport',
  'ambulance-see-treat': 'Ambulance (see and treat)',
  gp: 'GP practice',
  dental: 'Dental practice',
  staff: 'Staff survey',
};

/** What "positive" and "negative" mean in the place's own question, as a patient would say it. */
const MEANING: Record<Question, { positive: string; negative: string; short: string }> = {
  'fft-2020': { positive: 'said their experience was good or very good', negative: 'said it was poor or very poor', short: 'good or very good' },
  'fft-2013': {
    positive: 'said they were extremely likely or likely to recommend it to friends and family',
    negative: 'said they were unlikely or extremely unlikely to recommend it',
    short: 'would recommend',
  },
  'nps-0-10': { positive: 'gave a score of 9 or 10 out of 10', negative: 'gave a score of 6 or less', short: 'scored 9 or 10' },
};

/** A share as people say it: "9 in 10 people", "About 7 in 10 people", "Everyone who answered". */
export function inTen(share: number): string {
  if (share >= 1) return 'Everyone who answered';
  if (share <= 0) return 'No one';
  if (share < 0.1) return 'Fewer than 1 in 10 people';
  if (share > 0.9) return 'More than 9 in 10 people';
  const tenths = Math.round(share * 10);
  return Math.abs(share * 10 - tenths) < 1e-9 ? `${tenths} in 10 people` : `About ${tenths} in 10 people`;
}

export function positiveSentence(figure: Extract<Figure, { kind: 'published' }>): string {
  return `${inTen(figure.positive)} (${figure.positivePercent}%) ${MEANING[figure.question].positive}.`;
}

export function negativeSentence(figure: Extract<Figure, { kind: 'published' }>): string {
  return `${inTen(figure.negative)} (${figure.negativePercent}%) ${MEANING[figure.question].negative}.`;
}

const NOT_ENOUGH = 'Not enough responses to publish';

interface Months {
  thisMonth: string;
  lastMonth: string;
}

function Page(props: { title: string; children: Child }) {
  return (
    <StaffPage title={props.title} styles={['/web/static/results.css']}>
      {props.children}
    </StaffPage>
  );
}

function Breadcrumbs(props: { trail: { href: string; label: string }[] }) {
  return (
    <nav class="nhsuk-breadcrumb" aria-label="Breadcrumb">
      <ol class="nhsuk-breadcrumb__list">
        {props.trail.map((t) => (
          <li class="nhsuk-breadcrumb__list-item">
            <a class="nhsuk-breadcrumb__link" href={t.href}>
              <bdi>{t.label}</bdi>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function MonthCard(props: { heading: string; figure: Figure; current: boolean }) {
  const f = props.figure;
  return (
    <div class="nhsuk-card fft-result">
      <div class="nhsuk-card__content">
        <h3 class="nhsuk-card__heading">{props.heading}</h3>
        {f.kind === 'published' ? (
          <>
            <p class="fft-result__headline">
              <span class="fft-result__percent">{`${f.positivePercent}%`}</span> {MEANING[f.question].short}
            </p>
            <p>{positiveSentence(f)}</p>
            <p>{negativeSentence(f)}</p>
            <p class="nhsuk-body-s">{`Based on ${f.responses} ${f.responses === 1 ? 'response' : 'responses'}${props.current ? ' so far' : ''}.`}</p>
          </>
        ) : f.kind === 'suppressed' ? (
          <>
            <p class="fft-result__headline">{NOT_ENOUGH}</p>
            <p class="nhsuk-body-s">We do not publish figures from fewer than 5 people, or figures that would let someone work out one that small.</p>
          </>
        ) : (
          <p class="fft-result__headline">{props.current ? 'No responses yet' : 'No responses'}</p>
        )}
      </div>
    </div>
  );
}

function Figures(props: { place: string; thisMonth: Figure; lastMonth: Figure; months: Months }) {
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading">
        How people rated <bdi>{props.place}</bdi>
      </h2>
      <div class="fft-result-cards">
        <MonthCard heading={`${monthName(props.months.thisMonth)} so far`} figure={props.thisMonth} current={true} />
        <MonthCard heading={monthName(props.months.lastMonth)} figure={props.lastMonth} current={false} />
      </div>
    </section>
  );
}

function cell(figure: Figure): string {
  return figure.kind === 'published' ? `${figure.positivePercent}% ${MEANING[figure.question].short}` : figure.kind === 'suppressed' ? NOT_ENOUGH : 'No responses';
}

function PlaceTable(props: { caption: string; heading: string; rows: { href: string; name: string; detail?: string; thisMonth: Figure; lastMonth: Figure }[]; months: Months }) {
  return (
    <div class="nhsuk-table-container">
      <table class="nhsuk-table">
        <caption class="nhsuk-table__caption nhsuk-table__caption--m">{props.caption}</caption>
        <thead class="nhsuk-table__head">
          <tr class="nhsuk-table__row">
            <th scope="col" class="nhsuk-table__header">{props.heading}</th>
            <th scope="col" class="nhsuk-table__header">{`${monthName(props.months.thisMonth)} so far`}</th>
            <th scope="col" class="nhsuk-table__header">{monthName(props.months.lastMonth)}</th>
          </tr>
        </thead>
        <tbody class="nhsuk-table__body">
          {props.rows.map((r) => (
            <tr class="nhsuk-table__row">
              <th scope="row" class="nhsuk-table__cell">
                <a href={r.href}>
                  <bdi>{r.name}</bdi>
                </a>
                {r.detail ? <span class="fft-result__detail">{r.detail}</span> : null}
              </th>
              <td class="nhsuk-table__cell">{cell(r.thisMonth)}</td>
              <td class="nhsuk-table__cell">{cell(r.lastMonth)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `places`: where each unit's action is, by unit code, when the list spans several units. */
function YouSaid(props: { items: YouSaidRecord[]; places?: Map<string, string[]> }) {
  return (
    <section aria-labelledby="you-said-heading">
      <h2 id="you-said-heading">You said, we did</h2>
      {props.items.length === 0 ? (
        <p>No changes have been published here yet.</p>
      ) : (
        <ul class="nhsuk-list fft-you-said">
          {props.items.map((y) => (
            <li class="fft-you-said__item">
              {props.places ? (
                <p class="nhsuk-body-s fft-you-said__place">
                  <Names names={props.places.get(y.unitCode) ?? []} />
                </p>
              ) : null}
              <p>
                <strong>You said:</strong> <bdi>{y.youSaid}</bdi>
              </p>
              <p>
                <strong>We did:</strong> <bdi>{y.weDid}</bdi>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AboutFigures() {
  return (
    <section aria-labelledby="about-heading">
      <h2 id="about-heading">About these figures</h2>
      <p>
        The Friends and Family Test asks people who used a service how their experience was overall (a few services still ask whether they would recommend it). Figures count
        everyone who answered, including people who said "Don't know". This month's figures grow as people answer.
      </p>
      <p>
        To protect people's privacy we do not publish a figure based on fewer than 5 responses, and we also hide the next smallest one beside it, so that the hidden figure cannot be
        worked out from the total. This is how NHS England publishes these results.
      </p>
      <p>We do not publish what people wrote in their comments. Staff read every comment, and "You said, we did" shows what they changed because of them.</p>
      <p>NHS England advises that these results are not for comparing one hospital or service with another.</p>
    </section>
  );
}

function NotFoundPage() {
  return (
    <Page title="Page not found">
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct. If you followed a link, the ward or service may have closed or moved.</p>
      <p>
        <a href="/results">See results for all hospitals and services</a>
      </p>
    </Page>
  );
}

async function render(c: Context, page: Child, status: 200 | 404 = 200) {
  if (status === 200) c.header('Cache-Control', RESULTS_CACHE);
  return c.html(page as Page, status);
}

const notFound = (c: Context) => render(c, <NotFoundPage />, 404);

function byName<T extends { name: string; code: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/** The public results pages and the trust's monthly open-data CSV. */
export function resultsRoutes(deps: WebAppDeps) {
  const { store, clock, settings } = deps;
  const app = new Hono();

  const months = (): Months => {
    const thisMonth = londonDay(clock()).slice(0, 7);
    return { thisMonth, lastMonth: previousMonth(thisMonth) };
  };

  /** A trust that has a unit open to the public: all its units, for totals and suppression. */
  async function trustUnits(code: string): Promise<Unit[] | null> {
    const units = (await store.listUnits()).filter((u) => u.trustCode === code);
    return units.some((u) => u.active) ? units : null;
  }

  async function results(units: Unit[], m: Months): Promise<{ now: TrustResult; before: TrustResult }> {
    const excludeFlagged = (await settings.get()).excludeFlagged;
    const byMonth = await loadTrustResults(store, units, [m.thisMonth, m.lastMonth], excludeFlagged);
    return { now: byMonth.get(m.thisMonth)!, before: byMonth.get(m.lastMonth)! };
  }

  async function youSaid(units: Unit[]): Promise<YouSaidRecord[]> {
    const codes = units.filter((u) => u.active).map((u) => u.code);
    return publishedYouSaid(store, codes, YOU_SAID_SHOWN);
  }

  app.get('/results', async (c) => {
    const active = (await store.listUnits()).filter((u) => u.active);
    const trusts = [...groupBy(active, (u) => u.trustCode).values()].map((units) => ({ code: units[0]!.trustCode, name: units[0]!.trustName, units })).sort(byName);
    return render(
      c,
      <Page title="Friends and Family Test results">
        <h1>Friends and Family Test results</h1>
        <p class="nhsuk-lede-text">What people said about the hospitals, wards and services below, and what staff changed because of it.</p>
        <p>Choose a trust, a hospital or site, or a ward or service to see how people rated it this month and last month.</p>
        {trusts.map((trust) => (
          <section class="fft-results-trust" aria-labelledby={`trust-${trust.code}`}>
            <h2 id={`trust-${trust.code}`}>
              <a href={`/results/trust/${encodeURIComponent(trust.code)}`}>
                <bdi>{trust.name}</bdi>
              </a>
            </h2>
            <ul class="nhsuk-list fft-results-sites">
              {[...groupBy(trust.units, (u) => u.siteCode).values()]
                .map((units) => ({ code: units[0]!.siteCode, name: units[0]!.siteName, units }))
                .sort(byName)
                .map((site) => (
                  <li>
                    <a class="fft-results-site" href={`/results/site/${encodeURIComponent(site.code)}`}>
                      <bdi>{site.name}</bdi>
                    </a>
                    <ul class="nhsuk-list nhsuk-list--bullet fft-results-units">
                      {[...site.units].sort(byName).map((u) => (
                        <li>
                          <a href={`/results/unit/${encodeURIComponent(u.code)}`}>
                            <bdi>{u.name}</bdi>
                          </a>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
            </ul>
          </section>
        ))}
        {trusts.length === 0 ? <p>No results have been published yet.</p> : null}
        <AboutFigures />
      </Page>,
    );
  });

  app.get('/results/trust/:code', async (c) => {
    const units = await trustUnits(c.req.param('code'));
    if (!units) return notFound(c);
    const m = months();
    const { now, before } = await results(units, m);
    const activeSites = now.sites.filter((s) => s.units.some((u) => u.unit.active));
    const siteBefore = new Map(before.sites.map((s) => [s.code, s]));
    const files: string[] = [];
    for (let month = m.lastMonth; files.length < CSV_MONTHS && month >= FIRST_MONTH; month = previousMonth(month)) files.push(month);
    return render(
      c,
      <Page title={`${now.name}: Friends and Family Test results`}>
        <Breadcrumbs trail={[{ href: '/results', label: 'All results' }]} />
        <h1>
          <span class="nhsuk-caption-l">Friends and Family Test results</span>
          <bdi>{now.name}</bdi>
        </h1>
        <Figures place={now.name} thisMonth={now.figure} lastMonth={before.figure} months={m} />
        <PlaceTable
          caption="Hospitals and sites"
          heading="Site"
          months={m}
          rows={activeSites.map((s) => ({ href: `/results/site/${encodeURIComponent(s.code)}`, name: s.name, thisMonth: s.figure, lastMonth: siteBefore.get(s.code)!.figure }))}
        />
        <YouSaid items={await youSaid(units)} places={new Map(units.map((u) => [u.code, [u.name, u.siteName]]))} />
        <section aria-labelledby="open-data-heading">
          <h2 id="open-data-heading">Open data</h2>
          <p>Each month's figures for every site and ward or service as a CSV file, with hidden figures shown as *.</p>
          <ul class="nhsuk-list fft-results-files">
            {files.map((month) => (
              <li>
                <a href={`/results/trust/${encodeURIComponent(now.code)}/fft-${month}.csv`} download>
                  {`${monthName(month)} (CSV)`}
                </a>
              </li>
            ))}
          </ul>
        </section>
        <AboutFigures />
      </Page>,
    );
  });

  app.get('/results/trust/:code/:file', async (c) => {
    const match = /^fft-(\d{4}-(0[1-9]|1[0-2]))\.csv$/.exec(c.req.param('file'));
    const m = months();
    // Only whole months are published: this month's file would change under its readers.
    if (!match || match[1]! < FIRST_MONTH || match[1]! >= m.thisMonth) return notFound(c);
    const month = match[1]!;
    const units = await trustUnits(c.req.param('code'));
    if (!units) return notFound(c);
    const byMonth = await loadTrustResults(store, units, [month], (await settings.get()).excludeFlagged);
    const result = byMonth.get(month)!;
    c.header('Cache-Control', RESULTS_CACHE);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="fft-${result.code.replace(/[^A-Za-z0-9-]/g, '')}-${month}.csv"`);
    return c.body(resultsCsv(result));
  });

  app.get('/results/site/:code', async (c) => {
    const code = c.req.param('code');
    const site = (await store.listUnits()).find((u) => u.siteCode === code && u.active);
    const units = site && (await trustUnits(site.trustCode));
    if (!site || !units) return notFound(c);
    const m = months();
    const { now, before } = await results(units, m);
    const pick = (r: TrustResult) => r.sites.find((s) => s.code === code)!;
    const [siteNow, siteBefore] = [pick(now), pick(before)];
    const unitBefore = new Map(siteBefore.units.map((u) => [u.unit.code, u]));
    const listed = siteNow.units.filter((u) => u.unit.active);
    return render(
      c,
      <Page title={`${siteNow.name}, ${now.name}: Friends and Family Test results`}>
        <Breadcrumbs trail={[{ href: '/results', label: 'All results' }, { href: `/results/trust/${encodeURIComponent(now.code)}`, label: now.name }]} />
        <h1>
          <span class="nhsuk-caption-l">
            <bdi>{now.name}</bdi>
          </span>
          <bdi>{siteNow.name}</bdi>
        </h1>
        <Figures place={siteNow.name} thisMonth={siteNow.figure} lastMonth={siteBefore.figure} months={m} />
        <PlaceTable
          caption="Wards and services"
          heading="Ward or service"
          months={m}
          rows={listed.map((u: UnitResult) => ({ href: `/results/unit/${encodeURIComponent(u.unit.code)}`, name: u.unit.name, detail: SETTING_NAMES[u.unit.setting], thisMonth: u.figure, lastMonth: unitBefore.get(u.unit.code)!.figure }))}
        />
        <YouSaid items={await youSaid(siteNow.units.map((u) => u.unit))} places={new Map(siteNow.units.map((u) => [u.unit.code, [u.unit.name]]))} />
        <AboutFigures />
      </Page>,
    );
  });

  app.get('/results/unit/:code', async (c) => {
    const unit = await store.getUnit(c.req.param('code'));
    const units = unit?.active ? await trustUnits(unit.trustCode) : null;
    if (!unit || !units) return notFound(c);
    const m = months();
    const { now, before } = await results(units, m);
    const pick = (r: TrustResult): UnitResult => r.sites.find((s: SiteResult) => s.code === unit.siteCode)!.units.find((u) => u.unit.code === unit.code)!;
    return render(
      c,
      <Page title={`${unit.name}, ${unit.siteName}: Friends and Family Test results`}>
        <Breadcrumbs
          trail={[
            { href: '/results', label: 'All results' },
            { href: `/results/trust/${encodeURIComponent(unit.trustCode)}`, label: unit.trustName },
            { href: `/results/site/${encodeURIComponent(unit.siteCode)}`, label: unit.siteName },
          ]}
        />
        <h1>
          <span class="nhsuk-caption-l">
            {SETTING_NAMES[unit.setting]}, <bdi>{unit.siteName}</bdi>
          </span>
          <bdi>{unit.name}</bdi>
        </h1>
        <Figures place={unit.name} thisMonth={pick(now).figure} lastMonth={pick(before).figure} months={m} />
        <YouSaid items={await youSaid([unit])} />
        <AboutFigures />
      </Page>,
    );
  });

  return app;
}
