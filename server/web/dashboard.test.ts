import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { addDays } from '../../analytics/periods.ts';
import { publishedYouSaid } from '../api/you-said.ts';
import { csrfTokenFor } from '../pages/csrf.ts';
import type { Store } from '../../db/store.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { TEST_NOW, testApp } from '../testing.ts';
import { wardView, type ShownAlert } from './dashboard-reads.ts';
import { addUser, browser } from './testing.ts';

// TEST_NOW is 2026-11-22T10:00Z: today and yesterday in London.
const TODAY = '2026-11-22';
const YESTERDAY = '2026-11-21';
const PAIN = 'I was left in pain for hours and nobody came when I rang the buzzer.';
const XSS = '<script>window.__xss=1</script> "><img src=x onerror=window.__xss=2> The staff were lovely';

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
  await addUser(t.store, 'matron@nhs.test', 'matron', ['unit:W1']);
  await addUser(t.store, 'admin@nhs.test', 'admin');
  await addUser(t.store, 'commissioner@nhs.test', 'commissioner', ['trust:RAA']);
  await addUser(t.store, 'elsewhere@nhs.test', 'commissioner', ['trust:RBB']);
  // W1: today 3 of 4 positive (one with a serious concern), yesterday 1 of 2.
  await t.give('W1', TODAY, [1, 1, 2]);
  await t.give('W1', TODAY, [5], { comment: PAIN });
  await t.give('W1', YESTERDAY, [1]);
  await t.give('W1', YESTERDAY, [5], { comment: 'Noisy at night and the food was cold.' });
  await t.give('W1', addDays(TODAY, -3), [1], { comment: XSS });
  await t.give('W1', addDays(TODAY, -4), [2], { comment: 'The nurses were kind and caring, thank you all.', channel: 'web' });
  // ED: 90% positive for 19 days, then half yesterday: below the lower process limit. Today,
  // not over yet, 90% so far.
  for (let d = 20; d >= 2; d--) await t.give('ED', addDays(TODAY, -d), [1, 1, 1, 1, 1, 1, 1, 1, 1, 5]);
  await t.give('ED', YESTERDAY, [1, 1, 1, 1, 1, 5, 5, 5, 5, 5]);
  await t.give('ED', TODAY, [1, 1, 1, 1, 1, 1, 1, 1, 1, 5]);
  await t.comments.flush();
  await t.alerts.evaluate('ED');
});
afterAll(async () => t.cleanup());

async function signedIn(email: string) {
  const b = browser(t.app);
  expect((await b.signIn(email)).status).toBe(303);
  return b;
}

/** The HTML of one tile. */
function tile(html: string, unit: string): string {
  const at = html.indexOf(`data-unit="${unit}"`);
  if (at < 0) throw new Error(`no tile for ${unit}`);
  return html.slice(html.lastIndexOf('<li', at), html.indexOf('</li>', at));
}

/** The text of the element marked data-field="name" (tags stripped, entities as HTML has them). */
function field(fragment: string, name: string): string {
  const m = fragment.match(new RegExp(`<(\\w+)[^>]*data-field="${name}"[^>]*>(.*?)</\\1>`, 's'));
  if (!m) throw new Error(`no field ${name}`);
  return m[2]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

/** The comments section of a ward page (alerts quote comments too). */
const commentsOf = (html: string) => html.slice(html.indexOf('<section class="fft-section" id="comments"'), html.indexOf('<section class="fft-section" id="you-said"'));

const tilesOf = (html: string) => [...html.matchAll(/data-unit="([^"]+)"/g)].map((m) => m[1]);

describe('who sees which wards', () => {
  it('sends a signed-out visitor to sign in', async () => {
    const res = await browser(t.app).request('/dashboard/unit/W1');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fdashboard%2Funit%2FW1');
  });

  it('shows a matron her ward only, and answers 404 to any other ward, existing or not, alike', async () => {
    const b = await signedIn('matron@nhs.test');
    const html = await (await b.request('/dashboard')).text();
    expect(tilesOf(html)).toEqual(['W1']);
    expect(html).not.toContain('Emergency Department');
    expect((await b.request('/dashboard/unit/W1')).status).toBe(200);
    const guessed = await b.request('/dashboard/unit/ED');
    const unknown = await b.request('/dashboard/unit/NOPE');
    expect(guessed.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await guessed.text()).toBe(await unknown.text());
    expect((await b.request('/dashboard/unit/ED/pulse')).status).toBe(404);
    const csrf = await b.csrfFrom('/dashboard');
    expect((await b.form('/dashboard/unit/ED/you-said', { youSaid: 'x', weDid: 'y' }, csrf)).status).toBe(404);
    expect(await t.store.listYouSaid(['ED'])).toEqual([]);
  });

  it('shows an admin every ward, and a commissioner her trust’s wards', async () => {
    for (const email of ['admin@nhs.test', 'commissioner@nhs.test']) {
      const b = await signedIn(email);
      expect(tilesOf(await (await b.request('/dashboard')).text()).sort()).toEqual(['DN', 'ED', 'W1']);
      expect((await b.request('/dashboard/unit/ED')).status).toBe(200);
    }
  });

  it('shows a commissioner of another trust nothing of ours', async () => {
    const b = await signedIn('elsewhere@nhs.test');
    const html = await (await b.request('/dashboard')).text();
    expect(tilesOf(html)).toEqual([]);
    expect(html).toContain('No wards are linked to your account');
    for (const name of ['Ward 1', 'Emergency Department', 'District Nurses', PAIN]) expect(html).not.toContain(name);
    for (const code of ['W1', 'ED', 'DN']) {
      const res = await b.request(`/dashboard/unit/${code}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain(code === 'W1' ? 'Ward 1' : code === 'ED' ? 'Emergency' : 'District');
    }
  });

  it('keeps staff pages to staff roles: a kiosk or integration token is no session', async () => {
    const res = await t.app.request('/dashboard', { headers: { authorization: `Bearer ${t.tokens.admin}` } });
    expect(res.status).toBe(303);
  });
});

describe('the dashboard tiles', () => {
  it('shows today’s and yesterday’s % positive, responses and the change in words', async () => {
    const b = await signedIn('matron@nhs.test');
    const w1 = tile(await (await b.request('/dashboard')).text(), 'W1');
    expect(field(w1, 'today-positive')).toBe('75% positive');
    expect(field(w1, 'today-responses')).toBe('4 responses (few: read with care)');
    expect(field(w1, 'yesterday-positive')).toBe('50% positive');
    expect(field(w1, 'yesterday-responses')).toBe('2 responses (few: read with care)');
    expect(field(w1, 'change')).toBe('▲Up 25 points on yesterday');
  });

  it('gives the SPC signal as a colour and a word, and puts serious concerns first', async () => {
    const b = await signedIn('admin@nhs.test');
    const html = await (await b.request('/dashboard')).text();
    // W1 has a serious concern, ED an open SPC alert, DN nothing.
    expect(tilesOf(html)).toEqual(['W1', 'ED', 'DN']);
    const ed = tile(html, 'ED');
    expect(ed).toContain('fft-tile--concerning');
    expect(ed).toContain('nhsuk-tag--orange');
    // Yesterday's signal: today so far is not judged, and its grey must not hide it.
    expect(field(ed, 'signal')).toBe('▲ Concerning');
    expect(field(ed, 'today-positive')).toBe('90% positive');
    expect(field(ed, 'yesterday-positive')).toBe('50% positive');
    expect(field(ed, 'change')).toBe('▲Up 40 points on yesterday');
    // Yesterday below the lower limit, and half negative against the default threshold of 20%.
    expect(field(ed, 'alerts')).toBe('2 open alerts on Emergency Department');
    expect(field(tile(html, 'W1'), 'alerts')).toBe('1 serious concern on Ward 1');
    expect(field(tile(html, 'W1'), 'signal')).toBe('● Common cause');
    expect(field(tile(html, 'DN'), 'today-positive')).toBe('No responses');
    expect(field(tile(html, 'DN'), 'change')).toBe('No change to show: needs responses on both days');
    expect(field(tile(html, 'DN'), 'signal')).toBe('○ No data');
    expect(html).toContain('1 serious concern</span></h2>');
  });

  it('has a pulse that stays the same until a response on her ward changes something', async () => {
    const b = await signedIn('matron@nhs.test');
    const page = await (await b.request('/dashboard')).text();
    const shown = page.match(/data-version="([^"]+)"/)![1];
    const pulse = async () => ((await (await b.request('/dashboard/pulse')).json()) as { version: string }).version;
    expect(await pulse()).toBe(shown);
    await t.give('DN', TODAY, [1]); // not her ward
    expect(await pulse()).toBe(shown);
    await t.give('W1', TODAY, [1]);
    const after = await pulse();
    expect(after).not.toBe(shown);
    const w1 = tile(await (await b.request('/dashboard')).text(), 'W1');
    expect(field(w1, 'today-responses')).toBe('5 responses');
    expect(field(w1, 'today-positive')).toBe('80% positive');
  });
});

describe('the ward page', () => {
  it('says why a channel’s count is hidden: fewer than 5 itself, or hidden beside one that is', async () => {
    const b = await signedIn('matron@nhs.test');
    const html = await (await b.request('/dashboard/unit/W1')).text();
    // W1: 7 answers by tablet, 1 on the web form: the 1 is hidden, and so is the 7, which would give it away.
    const row = (label: string) => html.match(new RegExp(`<th scope="row"[^>]*>${label}</th><td[^>]*>([^<]*)</td>`))?.[1];
    expect(row('Web form')).toBe('fewer than 5 (hidden)');
    expect(row('Ward tablet')).toBe('hidden (so a smaller figure beside it cannot be worked out)');
  });

  it('has the figures behind every chart as tables, and the SPC data for the chart', async () => {
    const b = await signedIn('admin@nhs.test');
    const html = await (await b.request('/dashboard/unit/ED')).text();
    for (const kind of ['spc', 'channels']) expect(html).toContain(`data-chart="${kind}"`);
    const data = JSON.parse(html.match(/data-chart="spc"[^>]*data-chart-data="([^"]+)"/)![1]!.replaceAll('&quot;', '"'));
    expect(data.chart).toBe('p');
    expect(data.values).toHaveLength(90);
    expect(data.values.at(-2)).toBe(50);
    expect(data.signals.at(-2)).toBe('concerning');
    expect(data.lcl.at(-2)).toBeGreaterThan(50);
    // Today so far: drawn, marked, and not judged.
    expect(data.values.at(-1)).toBe(90);
    expect(data.signals.at(-1)).toBeNull();
    expect(data.partial.at(-1)).toBe(true);
    expect(data.partial.filter(Boolean)).toHaveLength(1);
    expect(html).toContain('<caption class="nhsuk-table__caption nhsuk-table__caption--s" id="table-spc-caption">Daily % positive with mean, process limits and SPC signal, newest first</caption>');
    expect(html).toMatch(/<th scope="row" class="nhsuk-table__header fft-row-header">21 Nov 2026<\/th><td[^>]*>10<\/td><td[^>]*>50%<\/td>/);
    expect(html).toMatch(/<th scope="row" class="nhsuk-table__header fft-row-header">22 Nov 2026 \(today so far\)<\/th><td[^>]*>10<\/td><td[^>]*>90%<\/td>.*?<td[^>]*>Not judged until the day is over<\/td>/);
    expect(field(html, 'spc-today')).toMatch(/^Today so far: 90% positive from 10 responses, not judged until the day is over/);
    expect(html).toContain('Special cause of concern (a point outside the process limits)');
    expect(html).toMatch(/Ward tablet<\/th><td[^>]*>21\d<\/td>/);
  });

  it('shows comments as text, never as markup', async () => {
    const b = await signedIn('matron@nhs.test');
    const html = await (await b.request('/dashboard/unit/W1')).text();
    expect(html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=window.__xss=2&gt; The staff were lovely');
    expect(html).not.toContain('<script>window');
    expect(html).not.toContain('<img src=x');
    // The only scripts are this origin's files.
    expect([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script src="/assets/chart.js/chart.umd.min.js" defer="">',
      '<script src="/web/static/dashboard.js" defer="">',
      '<script src="/web/static/charts.js" defer="">',
      '<script src="/web/static/ward.js" defer="">',
    ]);
  });

  it('shows praise beside criticism, and filters by sentiment, words and theme', async () => {
    const b = await signedIn('matron@nhs.test');
    const html = await (await b.request('/dashboard/unit/W1')).text();
    const praise = html.indexOf('fft-comment-group--praise');
    const criticism = html.indexOf('fft-comment-group--criticism');
    expect(praise).toBeGreaterThan(0);
    expect(criticism).toBeGreaterThan(praise);
    expect(html.slice(praise, criticism)).toContain('The nurses were kind and caring');
    expect(html.slice(criticism)).toContain(PAIN);

    const onlyPraise = commentsOf(await (await b.request('/dashboard/unit/W1?sentiment=praise')).text());
    expect(onlyPraise).toContain('The nurses were kind and caring');
    expect(onlyPraise).not.toContain(PAIN);
    const words = commentsOf(await (await b.request('/dashboard/unit/W1?q=buzzer')).text());
    expect(words).toContain(PAIN);
    expect(words).not.toContain('The nurses were kind and caring');
    const theme = html.match(/<option value="([^"]+)">/)![1]!;
    const themed = await (await b.request(`/dashboard/unit/W1?theme=${encodeURIComponent(theme.replaceAll('&amp;', '&'))}`)).text();
    expect(themed).toContain(`<option value="${theme}" selected="">`);
  });
});

describe('You said, we did', () => {
  it('adds an action by form post with the CSRF field, refuses one without, and updates it', async () => {
    const b = await signedIn('matron@nhs.test');
    const fields = { youSaid: 'It was noisy at night', weDid: 'Quiet hours from 11pm', status: 'planned', owner: '', dueDate: '' };
    expect((await b.form('/dashboard/unit/W1/you-said', fields)).status).toBe(403);
    expect((await b.form('/dashboard/unit/W1/you-said', fields, 'forged-token')).status).toBe(403);
    expect(await t.store.listYouSaid(['W1'])).toEqual([]);

    const csrf = await b.csrfFrom('/dashboard/unit/W1');
    const created = await b.form('/dashboard/unit/W1/you-said', fields, csrf);
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/dashboard/unit/W1?done=added#you-said');
    const [item] = await t.store.listYouSaid(['W1']);
    expect(item).toMatchObject({ unitCode: 'W1', youSaid: 'It was noisy at night', weDid: 'Quiet hours from 11pm', status: 'planned', owner: null, dueDate: null });
    const page = await (await b.request(created.headers.get('location')!)).text();
    expect(page).toContain('The action was added.');
    expect(page).toContain('Quiet hours from 11pm');

    const update = { ...fields, status: 'done', owner: 'Sister Jones', dueDate: '2026-12-15' };
    expect((await b.form(`/dashboard/unit/W1/you-said/${item!.id}`, update)).status).toBe(403);
    const updated = await b.form(`/dashboard/unit/W1/you-said/${item!.id}`, update, csrf);
    expect(updated.status).toBe(303);
    expect(await t.store.getYouSaid(item!.id)).toMatchObject({ status: 'done', owner: 'Sister Jones', dueDate: '2026-12-15' });
    const after = await (await b.request(`/dashboard/unit/W1`)).text();
    expect(after).toContain('<strong class="nhsuk-tag nhsuk-tag--green">Done</strong>');
    expect(after).toContain('Tuesday, 15 December 2026');
    // …and the patients' API sees it as done.
    expect((await t.get('/api/v1/you-said?level=unit&code=W1', t.tokens.matron)).body.items[0].status).toBe('done');
    const actions = (await t.store.listAudit(20)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['you-said.create', 'you-said.update']));
  });

  it('says what is missing, keeping what was typed, and saves nothing', async () => {
    const b = await signedIn('matron@nhs.test');
    const csrf = await b.csrfFrom('/dashboard/unit/W1');
    const before = (await t.store.listYouSaid(['W1'])).length;
    const res = await b.form('/dashboard/unit/W1/you-said', { youSaid: '', weDid: 'Bought more chairs', status: 'planned', owner: '', dueDate: '2026-02-30' }, csrf);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('<a href="#create-youSaid">Enter what patients said</a>');
    expect(html).toContain('<a href="#create-dueDate">Enter the due date as a real date, for example 2026-12-15</a>');
    expect(html).toContain('>Bought more chairs</textarea>');
    expect((await t.store.listYouSaid(['W1'])).length).toBe(before);

    // An update that empties "We did" is refused the same way, with its form left open.
    const [item] = await t.store.listYouSaid(['W1']);
    const bad = await b.form(`/dashboard/unit/W1/you-said/${item!.id}`, { youSaid: item!.youSaid, weDid: ' ', status: 'done', owner: '', dueDate: '' }, csrf);
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain(`<a href="#${item!.id}-weDid">Enter what the ward did, or will do</a>`);
    expect(page).toContain(`<details class="nhsuk-details fft-action__edit" id="action-${item!.id}-edit" open="">`);
    expect(await t.store.getYouSaid(item!.id)).toEqual(item);
  });

  it('lets a commissioner read actions but not change them', async () => {
    const b = await signedIn('commissioner@nhs.test');
    const html = await (await b.request('/dashboard/unit/W1')).text();
    expect(html).toContain('You said, we did');
    expect(html).not.toContain('action="/dashboard/unit/W1/you-said"');
    expect(html).not.toContain('Acknowledge');
    const csrf = await b.csrfFrom('/dashboard/unit/W1');
    const res = await b.form('/dashboard/unit/W1/you-said', { youSaid: 'a', weDid: 'b', status: 'planned' }, csrf);
    expect(res.status).toBe(403);
  });

  it('keeps what staff wrote, but warns on the action when patients will see it with details hidden, saying what and how it will read', async () => {
    const b = await signedIn('matron@nhs.test');
    const csrf = await b.csrfFrom('/dashboard/unit/W1');
    const fields = { youSaid: 'Mrs Sarah Jones said her call bell went unanswered; her daughter rang 07700 900123', weDid: 'Sister Amy Patel now checks call bells every hour', status: 'done', owner: '', dueDate: '' };
    const created = await b.form('/dashboard/unit/W1/you-said', fields, csrf);
    expect(created.status).toBe(303);
    const item = (await t.store.listYouSaid(['W1'])).find((y) => y.weDid === fields.weDid);
    expect(item).toMatchObject({ youSaid: fields.youSaid, weDid: fields.weDid });
    const html = await (await b.request(created.headers.get('location')!)).text();
    const card = html.slice(html.indexOf(`id="action-${item!.id}"`), html.indexOf('</li>', html.indexOf(`id="action-${item!.id}"`)));
    const warning = field(card, 'published-warning');
    expect(warning).toContain('Patients will not see this as written');
    expect(warning).toContain('It has 2 names and a phone number, which the public results, the ward tablet and the web form hide (staff names too). Patients see:');
    expect(warning).toContain('You said: Mrs [NAME] said her call bell went unanswered; her daughter rang [PHONE]');
    expect(warning).toContain('We did: Sister [NAME] now checks call bells every hour');
    expect(warning).toContain('reword it under “Update this action”');
    // What it says patients see is what the ward tablet is given.
    const kiosk = await publishedYouSaid(t.store, ['W1'], 5);
    expect(kiosk.find((y) => y.id === item!.id)).toMatchObject({ youSaid: 'Mrs [NAME] said her call bell went unanswered; her daughter rang [PHONE]', weDid: 'Sister [NAME] now checks call bells every hour' });
    // Reworded, the warning goes; an action with nothing to hide never had one.
    await b.form(`/dashboard/unit/W1/you-said/${item!.id}`, { ...fields, youSaid: 'A patient said her call bell went unanswered' }, csrf);
    const after = await (await b.request('/dashboard/unit/W1')).text();
    expect(after.match(/data-field="published-warning"/g)).toHaveLength(1);
    await b.form(`/dashboard/unit/W1/you-said/${item!.id}`, { ...fields, youSaid: 'A patient said her call bell went unanswered', weDid: 'The nurse in charge now checks call bells every hour' }, csrf);
    expect(await (await b.request('/dashboard/unit/W1')).text()).not.toContain('published-warning');
  });
});

describe('alerts', () => {
  it('lists open alerts serious first, and acknowledges one by form post with the CSRF field', async () => {
    const b = await signedIn('matron@nhs.test');
    const [serious] = await t.store.listAlerts({ unitCodes: ['W1'], openOnly: true });
    expect(serious?.kind).toBe('serious-concern');
    const html = await (await b.request('/dashboard/unit/W1')).text();
    expect(html).toContain('Alerts (1 open)');
    // When the patient wrote the comment (09:00 UTC is 09:00 in London in November), not only when the alert was raised.
    expect(field(html, 'comment-written')).toBe('Comment written 22 Nov 2026, 09:00 (ward tablet)');
    expect(html).toContain(`action="/dashboard/unit/W1/alerts/${serious!.id}/acknowledge"`);
    expect(html).toContain(`data-api="/api/v1/alerts/${serious!.id}/acknowledge"`);

    expect((await b.form(`/dashboard/unit/W1/alerts/${serious!.id}/acknowledge`, {})).status).toBe(403);
    expect((await t.store.getAlert(serious!.id))?.acknowledgedAt).toBeNull();
    // Another ward's alert cannot be reached through this ward's address.
    const [edAlert] = await t.store.listAlerts({ unitCodes: ['ED'], openOnly: true });
    const csrf = await b.csrfFrom('/dashboard/unit/W1');
    expect((await b.form(`/dashboard/unit/W1/alerts/${edAlert!.id}/acknowledge`, {}, csrf)).status).toBe(404);
    expect((await t.store.getAlert(edAlert!.id))?.acknowledgedAt).toBeNull();

    const pulse = async () => ((await (await b.request('/dashboard/unit/W1/pulse')).json()) as { version: string }).version;
    const before = await pulse();
    expect(html).toContain(`data-version="${before}"`);
    const done = await b.form(`/dashboard/unit/W1/alerts/${serious!.id}/acknowledge`, {}, csrf);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/dashboard/unit/W1?done=acknowledged#alerts');
    expect((await t.store.getAlert(serious!.id))?.acknowledgedAt).toBe('2026-11-22T10:00:00.000Z');
    const after = await (await b.request(done.headers.get('location')!)).text();
    expect(after).toContain('The alert was acknowledged.');
    expect(after).toContain('No open alerts.');
    expect(after).toContain('Recently acknowledged alerts');
    // Who acknowledged it, named as the audit log names staff.
    expect(field(after, 'acknowledged')).toBe('Acknowledged 22 Nov, 10:00 by matron@nhs.test');
    expect(field(after, 'comment-written')).toBe('Comment written 22 Nov 2026, 09:00 (ward tablet)');
    // The ward's pulse moved on, so a wall screen showing this ward drops the alert too.
    expect(await pulse()).not.toBe(before);
    expect((await t.store.listAudit(20)).some((a) => a.action === 'alert.acknowledge' && a.target === serious!.id)).toBe(true);
  });

  it('lets the page script acknowledge through the API with the CSRF header', async () => {
    const b = await signedIn('admin@nhs.test');
    const [edAlert] = await t.store.listAlerts({ unitCodes: ['ED'], openOnly: true });
    const token = csrfTokenFor('development-secret-change-me', b.jar.get('fft_csrf')!, b.jar.get('fft_session'));
    const page = await (await b.request('/dashboard/unit/ED')).text();
    expect(page).toContain(`<meta name="csrf-token" content="${token}"/>`);
    const api = `/api/v1/alerts/${edAlert!.id}/acknowledge`;
    expect((await b.request(api, { method: 'POST' })).status).toBe(403);
    expect((await b.request(api, { method: 'POST', headers: { 'x-csrf-token': token } })).status).toBe(200);
    expect((await t.store.getAlert(edAlert!.id))?.acknowledgedAt).not.toBeNull();
  });
});

describe('paging through comments', () => {
  beforeAll(async () => {
    // District Nurses: 45 comments of praise, three pages of 20.
    for (let i = 0; i < 45; i++) await t.give('DN', addDays(TODAY, -10 - (i % 30)), [1], { comment: `The nurses were kind and caring, visit ${i}.` });
    await t.comments.flush();
  });

  it('shows the last page for a page past the end, numbered and linked as the last page', async () => {
    const b = await signedIn('admin@nhs.test');
    const last = commentsOf(await (await b.request('/dashboard/unit/DN?sentiment=praise&page=3')).text());
    expect(last).toContain('Praise (45), page 3 of 3');
    expect(last).toContain('href="/dashboard/unit/DN?sentiment=praise&amp;page=2#comments">Newer comments');
    expect(last).not.toContain('Older comments');
    expect(last.match(/visit \d+\./g)).toHaveLength(5);

    const beyond = await b.request('/dashboard/unit/DN?sentiment=praise&page=500');
    expect(beyond.status).toBe(200);
    // The same comments, heading and links as page 3: never "page 500 of 3" with a link to page 499.
    expect(commentsOf(await beyond.text())).toBe(last);
  });
});

describe('an alert for a paper card keyed in weeks after it was written', () => {
  it('says the day on the card, not today and no made-up time', async () => {
    await t.give('DN', '2026-10-13', [5], { comment: 'I was left in pain for hours and nobody came when I rang the buzzer at night.', channel: 'paper', mode: 'paper-home' });
    await t.comments.flush();
    const [alert] = await t.store.listAlerts({ unitCodes: ['DN'], openOnly: true });
    expect(alert?.kind).toBe('serious-concern');
    const b = await signedIn('admin@nhs.test');
    const html = await (await b.request('/dashboard/unit/DN')).text();
    expect(field(html, 'comment-written')).toBe('Comment written 13 Oct 2026 (paper card)');
  });
});

describe("the ward page's alerts", () => {
  it('reads the responses of all its serious concerns, open and acknowledged, in one store call', async () => {
    const s = await testApp();
    await s.give('ED', TODAY, [5], { comment: PAIN });
    await s.give('ED', '2026-10-13', [5], { comment: 'I was left in pain for hours and nobody came when I rang the buzzer at night.', channel: 'paper', mode: 'paper-home' });
    await s.give('ED', YESTERDAY, [4], { comment: 'Nobody came when I rang the buzzer and I was left in pain all night.' });
    await s.comments.flush();
    const alerts = await s.store.listAlerts({ unitCodes: ['ED'] });
    expect(alerts.map((a) => a.kind)).toEqual(Array(3).fill('serious-concern'));
    const responseOf = (a: (typeof alerts)[number]) => (a.detail as { responseId: string }).responseId;
    const byDay = new Map(await Promise.all(alerts.map(async (a) => [(await s.store.getResponse(responseOf(a)))!.answeredDay, a] as const)));
    // One acknowledged, and one whose response was taken back since: it keeps the alert's own day.
    await s.store.acknowledgeAlert(byDay.get(YESTERDAY)!.id, 'cli', '2026-11-22T09:30:00.000Z');
    await s.store.deleteResponse(responseOf(byDay.get(TODAY)!));

    const reads = { one: 0, many: 0 };
    const counted: Store = new Proxy(s.store, {
      get(target, key, receiver) {
        if (key === 'getResponse') reads.one++;
        if (key === 'getResponses') reads.many++;
        return Reflect.get(target, key, receiver);
      },
    });
    const unit = (await s.store.getUnit('ED'))!;
    const view = await wardView(counted, unit, new Date(TEST_NOW), DEFAULT_SETTINGS, { page: 1 });
    expect(reads).toEqual({ one: 0, many: 1 });
    const comment = (a: ShownAlert) => [a.id, a.comment];
    expect(view.alerts.open.map(comment)).toEqual(
      expect.arrayContaining([
        [byDay.get(TODAY)!.id, { day: byDay.get(TODAY)!.period, at: null, channel: null }],
        [byDay.get('2026-10-13')!.id, { day: '2026-10-13', at: null, channel: 'paper' }],
      ]),
    );
    expect(view.alerts.open).toHaveLength(2);
    expect(view.alerts.acknowledged.map(comment)).toEqual([[byDay.get(YESTERDAY)!.id, { day: YESTERDAY, at: `${YESTERDAY}T12:00:00Z`, channel: 'kiosk' }]]);
    await s.cleanup();
  });
});

describe('open alerts on the dashboard', () => {
  it('counts every open alert, not only the newest 200, and its pulse sees an old one acknowledged', async () => {
    const s = await testApp();
    await addUser(s.store, 'admin@nhs.test', 'admin');
    const alert = (unitCode: string, kind: string, i: number) => ({
      id: uuidv7(),
      key: `${kind}:${unitCode}:${i}`,
      unitCode,
      kind,
      period: '2026-09-01',
      reason: 'test',
      detail: null,
      raisedAt: new Date(Date.parse('2026-09-01T00:00:00Z') + i * 60_000).toISOString(),
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
    // A serious concern on W1, then 250 newer alerts on ED: the concern is not among the newest 200.
    const [serious] = await s.store.raiseAlerts([alert('W1', 'serious-concern', 0)]);
    await s.store.raiseAlerts(Array.from({ length: 250 }, (_, i) => alert('ED', 'negative-threshold', i + 1)));
    const b = browser(s.app);
    expect((await b.signIn('admin@nhs.test')).status).toBe(303);
    const html = await (await b.request('/dashboard')).text();
    expect(tilesOf(html)).toEqual(['W1', 'ED', 'DN']);
    expect(field(tile(html, 'W1'), 'alerts')).toBe('1 serious concern on Ward 1');
    expect(field(tile(html, 'ED'), 'alerts')).toBe('250 open alerts on Emergency Department');
    expect(html).toContain('1 serious concern</span></h2>');
    expect(html).toContain('250 other alerts are open on these wards.');
    const shown = html.match(/data-version="([^"]+)"/)![1];
    const pulse = async () => ((await (await b.request('/dashboard/pulse')).json()) as { version: string }).version;
    expect(await pulse()).toBe(shown);
    await s.store.acknowledgeAlert(serious!.id, 'cli', '2026-11-22T09:30:00.000Z');
    expect(await pulse()).not.toBe(shown);
    await s.cleanup();
  });

  it('shows a ward’s serious concern however many newer alerts it has, and how many are open', async () => {
    const s = await testApp();
    await addUser(s.store, 'admin@nhs.test', 'admin');
    const alert = (kind: string, i: number) => ({ id: uuidv7(), key: `${kind}:${i}`, unitCode: 'ED', kind, period: '2026-09-01', reason: `reason ${kind} ${i}`, detail: null, raisedAt: new Date(Date.parse('2026-09-01T00:00:00Z') + i * 60_000).toISOString(), acknowledgedAt: null, acknowledgedBy: null });
    await s.store.raiseAlerts([alert('serious-concern', 0)]);
    await s.store.raiseAlerts(Array.from({ length: 150 }, (_, i) => alert('negative-threshold', i + 1)));
    const b = browser(s.app);
    expect((await b.signIn('admin@nhs.test')).status).toBe(303);
    const html = await (await b.request('/dashboard/unit/ED')).text();
    expect(html).toContain('reason serious-concern 0');
    expect(html).toContain('Alerts (151 open)');
    expect(field(html, 'alerts-shown')).toBe('Showing 100 of them: serious concerns first, then the newest. Acknowledge these to see the rest.');
    expect(html.indexOf('reason serious-concern 0')).toBeLessThan(html.indexOf('reason negative-threshold 150'));
    await s.cleanup();
  });
});
