/** @jsxImportSource hono/jsx */
/**
 * `/returns`: the commissioner's monthly return (an admin's too): a preview of the month's return
 * with the checks and the diff against the last export, downloads that are audit-logged and kept
 * in the export log, and `/returns/trends`. All figures come from `server/exports/`, the same
 * functions the API and `fft export` use, for the signed-in user's scope. A bad choice in the
 * address gives the page again with the problem named (400), never an error page.
 */
import { Hono, type Context } from 'hono';
import { SETTINGS } from '../../analytics/fft.ts';
import { RETURN_SETTINGS, RETURN_VARIANTS, type ReturnSetting, type ReturnVariant } from '../../analytics/returns.ts';
import type { Store } from '../../db/store.ts';
import { actorOf } from '../audit.ts';
import { isolate } from '../bidi.ts';
import type { Principal } from '../auth/scope.ts';
import { buildMonthlyReturn, exportMonthlyReturn, validateMonthlyReturn } from '../exports/monthly.ts';
import { MAX_TREND_MONTHS } from '../exports/routes.ts';
import { monthlyTrends, settingsOf, type TrendSetting } from '../exports/trends.ts';
import { ApiError } from '../middleware/errors.ts';
import { mayRead } from '../reads/node.ts';
import { formBody } from './admin-ui.tsx';
import { requireStaff, type WebEnv } from './context.ts';
import type { WebAppDeps } from './index.ts';
import { ReturnsPage, type Exporter, type Problem, type ReturnChoice } from './returns-page.tsx';
import { TREND_GROUPS, TrendsPage, type TrendChoice, type TrendGroup } from './returns-trends.tsx';
import { addMonths, monthOf, monthsFrom } from '../../analytics/periods.ts';
import { monthLong } from './returns-format.ts';
import type { HtmlEscapedString } from 'hono/utils/html';

/** A rendered page (StaffPage includes the doctype). */
type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

type ReturnsContext = Context<WebEnv>;

const MONTH = /^(19|20)\d\d-(0[1-9]|1[0-2])$/;
/** How far back the month lists reach (a month asked for by address further back is added). */
const MONTHS_LISTED = 36;
const DOWNLOAD_FORMATS = ['csv', 'xlsx'] as const;

/** A whole page: the doctype (standards mode), and never cached, as it holds unsuppressed figures. */
function page(c: ReturnsContext, body: Page, status: 200 | 400 | 403 = 200) {
  c.header('Cache-Control', 'no-store');
  return c.html(body as Page, status);
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** The months the lists offer, oldest first: the last three years up to this month, and `extra`. */
function monthList(current: string, ...extra: string[]): string[] {
  const months = new Set(monthsFrom(addMonths(current, -(MONTHS_LISTED - 1)), current));
  for (const m of extra) if (MONTH.test(m) && m <= current) months.add(m);
  return [...months].sort();
}

/** A month from the address: problems for one that is malformed or not yet started. */
function monthFrom(raw: string | undefined, fallback: string, current: string, field: string, label: string, problems: Problem[]): string {
  if (raw === undefined || raw === '') return fallback;
  if (!MONTH.test(raw)) {
    problems.push({ field, message: `${label} must be a month written as YYYY-MM, like ${fallback}` });
    return fallback;
  }
  if (raw > current) {
    problems.push({ field, message: `${monthLong(raw)} has not started yet: choose ${monthLong(current)} or earlier` });
    return fallback;
  }
  return raw;
}

/** The month, setting and variant from the address; the last complete month of inpatients, in full, by default. */
function returnChoice(c: ReturnsContext, now: Date): { choice: ReturnChoice; problems: Problem[]; current: string } {
  const current = monthOf(now);
  const problems: Problem[] = [];
  const month = monthFrom(c.req.query('month'), monthOf(now, -1), current, 'month', 'The month', problems);
  const setting = c.req.query('setting') ?? '';
  const variant = c.req.query('variant') ?? '';
  if (setting !== '' && !isOneOf(RETURN_SETTINGS, setting)) problems.push({ field: 'setting', message: 'Choose a setting from the list' });
  if (variant !== '' && !isOneOf(RETURN_VARIANTS, variant)) problems.push({ field: 'variant-full', message: 'Choose the full or the publishable return' });
  return {
    choice: {
      month,
      setting: isOneOf(RETURN_SETTINGS, setting) ? (setting as ReturnSetting) : 'inpatient',
      variant: isOneOf(RETURN_VARIANTS, variant) ? (variant as ReturnVariant) : 'full',
    },
    problems,
    current,
  };
}

/** Who made an export, as the page names them: "you", a colleague's email, a token, the command line. */
async function exporterOf(store: Store, actor: string, principal: Principal): Promise<Exporter> {
  if (actor === actorOf(principal)) return { you: true, name: 'you' };
  if (actor === 'cli') return { you: false, name: 'an operator (fft export)' };
  const [kind, id] = actor.split(':');
  if (kind === 'user' && id) {
    const user = await store.getUser(id);
    if (user) return { you: false, name: isolate(user.email) };
  }
  // A token's export (a commissioner's own script, an integration): the audit log names which.
  return { you: false, name: 'an API token' };
}

/**
 * A download may start only from this service's own pages (or a typed address): a link on
 * another site must not be able to add exports to the log in a signed-in user's name, which
 * would move the baseline the late-changes diff compares against.
 */
function fromAnotherSite(c: ReturnsContext): boolean {
  const site = c.req.header('sec-fetch-site');
  return site === 'cross-site' || site === 'same-site';
}

export function returnsRoutes(deps: WebAppDeps) {
  const { store, clock, settings } = deps;
  const app = new Hono<WebEnv>();
  // '/returns/*' matches '/returns' itself too: one guard, one session lookup per request. The
  // pages take no forms, but the guard's CSRF check reads any body sent: limited, and a garbled one a 400.
  app.use('/returns/*', formBody(16 * 1024), requireStaff(deps, ['commissioner', 'admin']));
  const excludeFlagged = async () => (await settings.get()).excludeFlagged;

  app.get('/returns', async (c) => {
    const { choice, problems, current } = returnChoice(c, clock());
    const months = monthList(current, choice.month);
    if (problems.length) return page(c, <ReturnsPage c={c} choice={choice} months={months} currentMonth={current} problems={problems} />, 400);
    const principal = c.get('principal');
    const request = { month: choice.month, setting: choice.setting, scope: principal, excludeFlagged: await excludeFlagged() };
    const [result, validation] = await Promise.all([buildMonthlyReturn(store, { ...request, variant: choice.variant }), validateMonthlyReturn(store, request)]);
    const exporter = validation.lastExport ? await exporterOf(store, validation.lastExport.export.actor, principal) : null;
    return page(c, <ReturnsPage c={c} choice={choice} months={months} currentMonth={current} preview={{ result, validation, exporter }} />);
  });

  app.get('/returns/download', async (c) => {
    const { choice, problems, current } = returnChoice(c, clock());
    const format = c.req.query('format') ?? '';
    const sheet = c.req.query('sheet');
    if (!isOneOf(DOWNLOAD_FORMATS, format)) problems.push({ message: 'Choose CSV or XLSX to download' });
    if (sheet !== undefined && sheet.length > 64) problems.push({ message: 'That sheet name is too long' });
    const again = (status: 400 | 403, more: Problem[] = []) => page(c, <ReturnsPage c={c} choice={choice} months={monthList(current, choice.month)} currentMonth={current} problems={[...problems, ...more]} />, status);
    if (problems.length) return again(400);
    if (fromAnotherSite(c)) return again(403, [{ message: 'Downloads start from this page: choose the return again and use its download buttons' }]);
    const principal = c.get('principal');
    try {
      const file = await exportMonthlyReturn(store, clock, {
        month: choice.month, setting: choice.setting, variant: choice.variant, format: format as 'csv' | 'xlsx',
        // A workbook holds every sheet; a sheet named beside it changes nothing.
        sheet: format === 'csv' && sheet ? sheet : undefined,
        scope: principal, actor: principal, excludeFlagged: await excludeFlagged(),
      });
      return c.body(file.body, 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        // Unsuppressed figures: never left in a shared cache.
        'Cache-Control': 'no-store',
      });
    } catch (error) {
      // The one refusal the builder makes of a well-formed choice: a sheet the return has not got.
      if (error instanceof ApiError && error.status === 400) return again(400, [{ message: error.issues?.length ? `${error.message} (${error.issues.map((i) => i.message).join('; ')})` : error.message }]);
      throw error;
    }
  });

  app.get('/returns/trends', async (c) => {
    const now = clock();
    const current = monthOf(now);
    const problems: Problem[] = [];
    const defaultTo = monthOf(now, -1);
    const to = monthFrom(c.req.query('to'), defaultTo, current, 'to', 'The last month', problems);
    const from = monthFrom(c.req.query('from'), addMonths(to, -11), current, 'from', 'The first month', problems);
    const rawSetting = c.req.query('setting') ?? '';
    const known = isOneOf(SETTINGS, rawSetting) || Object.hasOwn(TREND_GROUPS, rawSetting);
    if (rawSetting !== '' && !known) problems.push({ field: 'setting', message: 'Choose a setting from the list' });
    const choice: TrendChoice = { from, to, setting: known ? (rawSetting as TrendSetting) : null };
    if (!problems.length && from > to) problems.push({ field: 'from', message: 'The first month must not be after the last month' });
    if (!problems.length && monthsFrom(from, to).length > MAX_TREND_MONTHS) problems.push({ field: 'from', message: `Choose at most ${MAX_TREND_MONTHS / 12} years of months` });
    const principal = c.get('principal');
    const units = (await store.listUnits()).filter((u) => mayRead(principal, 'trust', u));
    // The settings the units have now, and any they had in the months shown: a ward re-set since
    // is in its old setting's trend for the months before the change (see monthlyTrends).
    const visible = new Set(units.map((u) => u.code));
    const held = new Set(units.map((u) => u.setting));
    if (!problems.length) for (const s of await store.unitSettings({ fromMonth: from, toMonth: to })) if (visible.has(s.unitCode)) held.add(s.setting);
    // Unit settings first, then maternity's four questions and ambulance's two services each as one.
    const groupsHere = (Object.keys(TREND_GROUPS) as TrendGroup[]).filter((g) => [...held].some((s) => settingsOf(g).has(s)) || g === choice.setting);
    const settingsHere: TrendSetting[] = [...SETTINGS.filter((s) => held.has(s) || s === choice.setting), ...groupsHere];
    const months = monthList(current, from, to);
    if (problems.length) return page(c, <TrendsPage c={c} choice={choice} months={months} settings={settingsHere} problems={problems} />, 400);
    const trends = await monthlyTrends(store, principal, { from, to, setting: choice.setting ?? undefined, excludeFlagged: await excludeFlagged() });
    return page(c, <TrendsPage c={c} choice={choice} months={months} settings={settingsHere} trends={trends} />);
  });

  return app;
}
