/**
 * The public results against hand-worked figures for a small organisation, on the test clock
 * (22 November 2026: "this month" is November, "last month" October).
 *
 * Trust RAA (Test Trust)
 *   General (RAA01): Ward 1, Ward 2, Ward 3, Emergency Department (all fft-2020)
 *   Community (RAA02): District Nurses (fft-2013)
 * Trust RBB (Second Trust)
 *   Northgate (RBB01): Ward B1      Southgate (RBB02): Ward B3
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ORG, response } from '../../db/store.contract.ts';
import type { OrgRow } from '../../db/store.ts';
import { testApp } from '../testing.ts';
import { BOM, csvField } from '../exports/csv.ts';
import { CSV_COLUMNS } from './results-csv.ts';
import { inTen } from './results.tsx';

type T = Awaited<ReturnType<typeof testApp>>;

const OCT = '2026-10-15';
const NOV = '2026-11-10';
const SECRET_COMMENT = 'Nurse Sarah Jones was lovely <script>alert("x")</script> ring me on 07700 900123';

const row = (over: Partial<OrgRow>): OrgRow => ({ ...ORG[0]!, ...over });
const EXTRA: OrgRow[] = [
  row({ unitCode: 'W2', unitName: 'Ward 2', specialty1: '301' }),
  row({ unitCode: 'W3', unitName: 'Ward 3', specialty1: '302' }),
  row({ trustCode: 'RBB', trustName: 'Second Trust', siteCode: 'RBB01', siteName: 'Northgate', unitCode: 'B1', unitName: 'Ward B1' }),
  row({ trustCode: 'RBB', trustName: 'Second Trust', siteCode: 'RBB02', siteName: 'Southgate', unitCode: 'B3', unitName: 'Ward B3' }),
];

const repeat = (answer: number, n: number) => Array.from({ length: n }, () => answer);

async function seed(t: T) {
  await t.store.upsertOrg([...ORG, ...EXTRA]);
  // October.
  await t.give('W1', OCT, [1, 1, 1, 1, 1, 1, 2, 2, 2, 4]); // 10: 90% positive, 10% negative
  await t.give('W2', OCT, [...repeat(1, 11), ...repeat(2, 4), 3, 3, 5, 6]); // 19 here …
  await t.give('W2', OCT, [1], { comment: SECRET_COMMENT }); // … + 1 = 20: 16 positive (80%), 1 negative (5%)
  await t.give('W3', OCT, [1, 1, 4]); // 3: primary suppression
  await t.give('DN', OCT, [1, 1, 1, 1, 2, 2, 2, 3, 4, 6]); // fft-2013, 10: 70% / 10%
  await t.give('B1', OCT, [1, 2, 3]); // 3
  await t.give('B3', OCT, [...repeat(1, 30), ...repeat(2, 6), ...repeat(4, 4)]); // 40
  // November, so far.
  await t.give('W1', NOV, [1, 1, 1, 2, 3, 5]); // 6
  await t.give('W2', NOV, [1, 2, 2]); // 3
  await t.comments.flush();
}

async function page(t: T, path: string) {
  const res = await t.app.request(path);
  return { status: res.status, headers: res.headers, html: await res.text() };
}

/** The visible text of some HTML, whitespace collapsed. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The two month cards: [this month, last month]. */
function cards(html: string): [string, string] {
  const parts = html.split('class="nhsuk-card fft-result"').slice(1).map((p) => text(p.split('</section>')[0]!));
  expect(parts).toHaveLength(2);
  return [parts[0]!, parts[1]!];
}

/** The text of the table row whose header names `name`. */
function tableRow(html: string, name: string): string {
  const rows = html
    .split('<tr')
    .slice(1)
    .map((r) => text(`<tr${r.split('</tr>')[0]}`))
    .filter((r) => r.startsWith(`${name} `));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

function parseCsv(body: string): Record<string, string>[] {
  const lines = body.split('\r\n');
  expect(lines.at(-1)).toBe('');
  const [header, ...rows] = lines.slice(0, -1).map((l) => l.split(','));
  return rows.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]!])));
}

describe('public results', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
    await seed(t);
  });
  afterAll(async () => t.cleanup());

  it('lists trusts, their sites and units without sign-in, cacheable, with no inline script or style', async () => {
    const { status, headers, html } = await page(t, '/results');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('public, max-age=300');
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    for (const href of ['/results/trust/RAA', '/results/site/RAA01', '/results/site/RAA02', '/results/unit/W1', '/results/unit/W2', '/results/unit/W3', '/results/unit/ED', '/results/unit/DN', '/results/trust/RBB', '/results/unit/B3']) {
      expect(html).toContain(`href="${href}"`);
    }
    // Trust → site → unit nesting: Ward 1 sits under General, under Test Trust.
    const raa = html.indexOf('Test Trust');
    expect(raa).toBeGreaterThan(-1);
    expect(html.indexOf('>General<', raa)).toBeGreaterThan(raa);
    expect(html.indexOf('>Ward 1<', html.indexOf('>General<'))).toBeGreaterThan(html.indexOf('>General<'));
    expect(html).toContain('href="/web/static/results.css"');
    expect(html).not.toMatch(/<script|style=/i);
    expect(html).not.toContain('Sign out');
  });

  it('shows a unit’s hand-worked figures in plain English, and nothing but "not enough" for a month of 1–4 responses', async () => {
    const { status, html } = await page(t, '/results/unit/W2');
    expect(status).toBe(200);
    const [november, october] = cards(html);
    // October: 20 responses, 12 + 4 = 16 very good or good (80%), 1 very poor (5%).
    expect(october).toContain('October 2026');
    expect(october).toContain('80% good or very good');
    expect(october).toContain('8 in 10 people (80%) said their experience was good or very good.');
    expect(october).toContain('Fewer than 1 in 10 people (5%) said it was poor or very poor.');
    expect(october).toContain('Based on 20 responses.');
    // November: 3 responses, so no percentage and no count at all.
    expect(november).toContain('November 2026 so far');
    expect(november).toContain('Not enough responses to publish');
    expect(november).not.toMatch(/%|\b3\b|responses so far/);
  });

  it('shows the fft-2013 unit in its own words', async () => {
    const [, october] = cards((await page(t, '/results/unit/DN')).html);
    expect(october).toContain('7 in 10 people (70%) said they were extremely likely or likely to recommend it to friends and family.');
    expect(october).toContain('1 in 10 people (10%) said they were unlikely or extremely unlikely to recommend it.');
    expect(october).toContain('Based on 10 responses.');
  });

  it('hides the next smallest ward beside one of 1–4 (secondary suppression), so the site total gives neither away', async () => {
    const { html } = await page(t, '/results/site/RAA01');
    const [november, october] = cards(html);
    // October: 10 + 20 + 3 = 33 responses; 9 + 16 + 2 = 27 positive (82%); 1 + 1 + 1 = 3 negative (9%).
    expect(october).toContain('About 8 in 10 people (82%) said their experience was good or very good.');
    expect(october).toContain('Fewer than 1 in 10 people (9%) said it was poor or very poor.');
    expect(october).toContain('Based on 33 responses.');
    // November: 6 + 3 = 9 responses; 4 + 3 = 7 positive (78%); 1 negative (11%).
    expect(november).toContain('About 8 in 10 people (78%) said their experience was good or very good.');
    expect(november).toContain('About 1 in 10 people (11%) said it was poor or very poor.');
    expect(november).toContain('Based on 9 responses so far.');
    // Ward 3 (3 in October) is rank 1 and small; Ward 1 (10) is rank 2 and hidden with it.
    // In November Ward 2 (3) is rank 1 and Ward 1 (6) rank 2.
    expect(tableRow(html, 'Ward 1')).toBe('Ward 1 Inpatient ward Not enough responses to publish Not enough responses to publish');
    expect(tableRow(html, 'Ward 2')).toBe('Ward 2 Inpatient ward Not enough responses to publish 80% good or very good');
    expect(tableRow(html, 'Ward 3')).toBe('Ward 3 Inpatient ward No responses Not enough responses to publish');
    expect(tableRow(html, 'Emergency Department')).toBe('Emergency Department A&E No responses No responses');
    expect((await page(t, '/results/unit/W1')).html).not.toMatch(/\d+%/);
  });

  it('withholds the wards under a withheld site (parent suppression) while the trust total stays', async () => {
    const trust = await page(t, '/results/trust/RBB');
    const [, october] = cards(trust.html);
    // 3 + 40 = 43 responses; 2 + 36 = 38 positive (88%); 4 negative (9%).
    expect(october).toContain('About 9 in 10 people (88%) said their experience was good or very good.');
    expect(october).toContain('Based on 43 responses.');
    // Northgate (3) is small, so Southgate (40, rank 2) is hidden beside it, and Ward B3, the
    // only ward of a hidden site, is hidden too: otherwise 43 − 40 would give Northgate's 3.
    expect(tableRow(trust.html, 'Northgate')).toContain('Not enough responses to publish');
    expect(tableRow(trust.html, 'Southgate')).toBe('Southgate No responses Not enough responses to publish');
    expect(cards((await page(t, '/results/unit/B3')).html)[1]).toContain('Not enough responses to publish');
    const csv = parseCsv(await (await t.app.request('/results/trust/RBB/fft-2026-10.csv')).text());
    expect(csv.map((r) => [r['Unit Code'] || r['Site Code'] || r['Trust Code'], r['Total Responses'], r['Percentage Positive']])).toEqual([
      ['RBB', '43', '88'],
      ['RBB01', '*', '*'],
      ['B1', '*', '*'],
      ['RBB02', '*', '*'],
      ['B3', '*', '*'],
    ]);
  });

  it('shows the trust total and links to the last 12 whole months of open data', async () => {
    const { html } = await page(t, '/results/trust/RAA');
    const [november, october] = cards(html);
    // The trust's figure is in fft-2020 (its units differ), so District Nurses' fft-2013 answers are not in it.
    expect(october).toContain('(82%) said their experience was good or very good.');
    expect(october).toContain('Based on 33 responses.');
    expect(november).toContain('Based on 9 responses so far.');
    expect(tableRow(html, 'Community')).toBe('Community No responses 70% would recommend');
    expect(tableRow(html, 'General')).toBe('General 78% good or very good 82% good or very good');
    const links = [...html.matchAll(/href="\/results\/trust\/RAA\/fft-(\d{4}-\d{2})\.csv"/g)].map((m) => m[1]);
    expect(links).toEqual(['2026-10', '2026-09', '2026-08', '2026-07', '2026-06', '2026-05', '2026-04', '2026-03', '2026-02', '2026-01', '2025-12', '2025-11']);
  });

  it('publishes the month as CSV: UTF-8, CRLF, a trust total, sites and units, small and secondary cells as *', async () => {
    const res = await t.app.request('/results/trust/RAA/fft-2026-10.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="fft-RAA-2026-10.csv"');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const body = await res.text();
    expect(body).toBe(
      [
        CSV_COLUMNS.join(','),
        '2026-10,Trust,RAA,Test Trust,,,,,,fft-2020,33,82,9,20,7,2,2,1,1',
        '2026-10,Site,RAA,Test Trust,RAA02,Community,,,,fft-2013,10,70,10,4,3,1,1,0,1',
        '2026-10,Unit,RAA,Test Trust,RAA02,Community,DN,District Nurses,community,fft-2013,10,70,10,4,3,1,1,0,1',
        '2026-10,Site,RAA,Test Trust,RAA01,General,,,,fft-2020,33,82,9,20,7,2,2,1,1',
        '2026-10,Unit,RAA,Test Trust,RAA01,General,ED,Emergency Department,ae,fft-2020,0,-,-,0,0,0,0,0,0',
        '2026-10,Unit,RAA,Test Trust,RAA01,General,W1,Ward 1,inpatient,fft-2020,*,*,*,*,*,*,*,*,*',
        '2026-10,Unit,RAA,Test Trust,RAA01,General,W2,Ward 2,inpatient,fft-2020,20,80,5,12,4,2,0,1,1',
        '2026-10,Unit,RAA,Test Trust,RAA01,General,W3,Ward 3,inpatient,fft-2020,*,*,*,*,*,*,*,*,*',
        '',
      ].join('\r\n'),
    );
    expect(CSV_COLUMNS.slice(10)).toEqual(['Total Responses', 'Percentage Positive', 'Percentage Negative', 'Very Good', 'Good', 'Neither Good nor Poor', 'Poor', 'Very Poor', "Don't Know"]);
  });

  it('leaves Ward 3’s October figures unrecoverable from the published totals', async () => {
    const rows = parseCsv(await (await t.app.request('/results/trust/RAA/fft-2026-10.csv')).text());
    const site = rows.find((r) => r.Level === 'Site' && r['Site Code'] === 'RAA01')!;
    const units = rows.filter((r) => r.Level === 'Unit' && r['Site Code'] === 'RAA01');
    const hidden = units.filter((r) => r['Total Responses'] === '*');
    const shown = units.filter((r) => r['Total Responses'] !== '*');
    expect(hidden.map((r) => r['Unit Code'])).toEqual(['W1', 'W3']);
    // What a reader can work out: the two hidden wards together.
    const left = Number(site['Total Responses']) - shown.reduce((s, r) => s + Number(r['Total Responses']), 0);
    const positiveLeft = Number(site['Very Good']) + Number(site.Good) - shown.reduce((s, r) => s + Number(r['Very Good']) + Number(r.Good), 0);
    expect([left, positiveLeft]).toEqual([13, 11]);
    // Ward 3 could hold any of 1–4 of them with Ward 1 holding the rest (5 or more): no single answer.
    expect([1, 2, 3, 4].filter((ward3) => left - ward3 >= 5)).toEqual([1, 2, 3, 4]);
    // The rule itself, for every parent in the file: never exactly one hidden child under a shown parent.
    for (const r of rows.filter((x) => x.Level === 'Site' && x['Total Responses'] !== '*')) {
      const hiddenHere = rows.filter((x) => x.Level === 'Unit' && x['Site Code'] === r['Site Code'] && x['Total Responses'] === '*');
      expect(hiddenHere.length).not.toBe(1);
    }
  });

  it('shows "You said, we did" that staff marked done, as text, with names redacted', async () => {
    const post = (body: object) => t.send('POST', '/api/v1/you-said', { unit: 'W2', ...body });
    expect((await post({ youSaid: 'The ward was too noisy at night', weDid: 'We fitted soft-close bins and dimmed the lights at 10pm', status: 'done' })).status).toBe(201);
    expect((await post({ youSaid: 'Mrs Jane Smith said <script>alert(1)</script> the menu was poor', weDid: 'A new menu from December', status: 'done' })).status).toBe(201);
    expect((await post({ youSaid: 'Parking is hard', weDid: 'Talking to the council', status: 'planned', owner: 'Sister Agnes Brown' })).status).toBe(201);
    for (const path of ['/results/unit/W2', '/results/site/RAA01', '/results/trust/RAA']) {
      const { html } = await page(t, path);
      const shown = text(html.split('id="you-said-heading"')[1]!.split('</section>')[0]!);
      expect(shown).toContain('You said: The ward was too noisy at night We did: We fitted soft-close bins and dimmed the lights at 10pm');
      expect(shown).toContain('You said: Mrs [NAME] said &lt;script&gt;alert(1)&lt;/script&gt; the menu was poor');
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toContain('Jane Smith');
      expect(shown).not.toContain('Parking');
      expect(html).not.toContain('Agnes');
    }
    expect(text((await page(t, '/results/unit/W1')).html)).toContain('No changes have been published here yet.');
  });

  it('never shows a patient’s comment, raw or redacted, on any page or in any file', async () => {
    const paths = ['/results', '/results/trust/RAA', '/results/site/RAA01', '/results/unit/W2', '/results/trust/RAA/fft-2026-10.csv'];
    for (const path of paths) {
      const body = await (await t.app.request(path)).text();
      for (const fragment of ['Sarah', 'Jones', 'alert("x")', '07700', 'lovely', '[NAME] was', '[PHONE]']) expect(body, `${path} shows ${fragment}`).not.toContain(fragment);
    }
  });

  it('answers 404 for unknown places and months that are not whole and published', async () => {
    for (const path of ['/results/unit/NOPE', '/results/site/NOPE', '/results/trust/NOPE', '/results/trust/NOPE/fft-2026-10.csv', '/results/trust/RAA/fft-2026-11.csv', '/results/trust/RAA/fft-2027-01.csv', '/results/trust/RAA/fft-2026-13.csv', '/results/trust/RAA/fft-2012-12.csv', '/results/trust/RAA/results.csv']) {
      const { status, html, headers } = await page(t, path);
      expect(status, path).toBe(404);
      expect(html).toContain('Page not found');
      expect(headers.get('cache-control')).not.toBe('public, max-age=300');
    }
  });
});

describe('inactive units', () => {
  let t: T;
  beforeEach(async () => {
    t = await testApp();
    await seed(t);
  });
  afterEach(async () => t.cleanup());

  it('leaves an inactive unit out of the lists and answers 404 for it, while its answers stay in the totals and its month’s file', async () => {
    expect(await t.store.updateUnit('W3', { active: false })).toBe(true);
    expect((await page(t, '/results/unit/W3')).status).toBe(404);
    const index = (await page(t, '/results')).html;
    expect(index).not.toContain('/results/unit/W3');
    expect(index).toContain('/results/unit/W1');
    const site = await page(t, '/results/site/RAA01');
    expect(site.html).not.toContain('Ward 3');
    // Still 33 in October, and still hiding Ward 1 beside it.
    expect(cards(site.html)[1]).toContain('Based on 33 responses.');
    expect(tableRow(site.html, 'Ward 1')).toContain('Not enough responses to publish Not enough responses to publish');
    const csv = await (await t.app.request('/results/trust/RAA/fft-2026-10.csv')).text();
    expect(csv).toContain('W3,Ward 3,inpatient,fft-2020,*,*,*');
    // A site or trust with no active unit is not found either.
    expect(await t.store.updateUnit('B1', { active: false })).toBe(true);
    expect((await page(t, '/results/site/RBB01')).status).toBe(404);
    expect((await page(t, '/results/trust/RBB')).status).toBe(200);
    expect(await t.store.updateUnit('B3', { active: false })).toBe(true);
    expect((await page(t, '/results/trust/RBB')).status).toBe(404);
    expect((await page(t, '/results/trust/RBB/fft-2026-10.csv')).status).toBe(404);
  });
});

describe('answers flagged by the gaming guard', () => {
  let t: T;
  beforeEach(async () => {
    t = await testApp();
    await seed(t);
    // Ten "very poor" taps in a burst on Ward 2's tablet in October.
    await t.store.insertResponses(Array.from({ length: 10 }, () => response({ unitCode: 'W2', answer: 5, answeredDay: OCT, answeredAt: `${OCT}T12:00:00.000Z`, flagged: true })));
  });
  afterEach(async () => t.cleanup());

  it('are left out while the admin setting says so, and counted when it is turned off, as the scores API does', async () => {
    const api = async () => (await t.get('/api/v1/scores?level=unit&code=W2&period=month&from=2026-10-01&to=2026-10-31')).body.series[0];
    expect((await api()).responses).toBe(20);
    expect(cards((await page(t, '/results/unit/W2')).html)[1]).toContain('Based on 20 responses.');
    expect((await t.send('PUT', '/api/v1/settings', { excludeFlagged: false })).status).toBe(200);
    const counted = await api();
    expect(counted.responses).toBe(30);
    const october = cards((await page(t, '/results/unit/W2')).html)[1];
    // 16 of 30 positive (53%), 11 of 30 negative (37%).
    expect(october).toContain('About 5 in 10 people (53%) said their experience was good or very good.');
    expect(october).toContain('About 4 in 10 people (37%) said it was poor or very poor.');
    expect(Math.round(counted.positive * 100)).toBe(53);
    expect(Math.round(counted.negative * 100)).toBe(37);
    const csv = await (await t.app.request('/results/trust/RAA/fft-2026-10.csv')).text();
    expect(csv).toContain('W2,Ward 2,inpatient,fft-2020,30,53,37,12,4,2,0,11,1');
  });
});

describe('the open-data CSV in a spreadsheet', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
    await t.store.upsertOrg([...ORG, row({ unitCode: 'W4', unitName: 'Ward – Côté' }), row({ unitCode: 'W5', unitName: '=HYPERLINK("http://x.test","Ward 5")' })]);
  });
  afterAll(async () => t.cleanup());

  it('starts with a byte-order mark, so Excel reads its names as UTF-8, and keeps a name from running as a formula', async () => {
    const bytes = new Uint8Array(await (await t.app.request('/results/trust/RAA/fft-2026-10.csv')).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(csv.startsWith(`${BOM}${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(csv).toContain(',W4,Ward – Côté,inpatient,');
    expect(csv).toContain(`,W5,"'=HYPERLINK(""http://x.test"",""Ward 5"")",inpatient,`);
  });
});

describe('plain English shares', () => {
  it('says a share as "n in 10", exact or about, with the ends said plainly', () => {
    expect([1, 0.9, 0.87, 0.8, 0.05, 0, 0.95, 0.1].map(inTen)).toEqual([
      'Everyone who answered', '9 in 10 people', 'About 9 in 10 people', '8 in 10 people', 'Fewer than 1 in 10 people', 'No one', 'More than 9 in 10 people', '1 in 10 people',
    ]);
  });
});

describe('CSV fields', () => {
  it('quotes only what needs it, and keeps a spreadsheet from running a name as a formula', () => {
    expect(['Ward 1', "St Mary's, North", 'The "Oaks"', 'Two\r\nlines', '-', '-5', '=HYPERLINK("x")', '@SUM(A1)', '-Ward'].map(csvField)).toEqual([
      'Ward 1', `"St Mary's, North"`, '"The ""Oaks"""', '"Two\r\nlines"', '-', "'-5", `"'=HYPERLINK(""x"")"`, "'@SUM(A1)", "'-Ward",
    ]);
  });
});
