/**
 * What people typed (place names, patients' comments, "You said, we did") may be in Arabic,
 * Urdu or Hebrew. Shown inside one of our left-to-right sentences it must be isolated (<bdi>, or
 * dir="auto" on an element holding it alone), or the bidirectional algorithm pulls the
 * punctuation and numbers beside it into its right-to-left run: in "جناح 7: 67% of answers…"
 * the 67 is drawn before the ward's name. Every page that shows such text is checked, every
 * place it appears.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG } from '../../db/store.contract.ts';
import { testApp } from '../testing.ts';
import { addUser, browser } from './testing.ts';

// The test clock's day (TEST_NOW is 2026-11-22).
const TODAY = '2026-11-22';
// Each ends in a neutral or a number, the characters that move when not isolated.
const TRUST = 'مستشفى النور!';
const SITE = 'الموقع 2';
const UNIT = 'جناح 7 (القلب)';
const COMMENT = 'عملہ بہت اچھا تھا، شکریہ!';
const YOU_SAID = 'كان الجناح صاخبًا ليلًا.';
const WE_DID = 'أطفأنا الأضواء الساعة 10.';
const OWNER = 'الأخت مريم 2';
const EMAIL = 'matron@nhs.test';
// A second ward, closed once a tablet is paired to it; a tablet's and a token's labels; a code staff typed that names nothing.
const CLOSED = 'جناح 8 (مغلق)';
const TABLET = 'سرير 3 (النافذة)';
const TOKEN = 'نظام المرضى 2';
const CODE = 'جناح9';
// The trust's name after a return was exported under the old one.
const RENAMED = 'مستشفى الأمل 3';
const TEXTS = { TRUST, SITE, UNIT, COMMENT, YOU_SAID, WE_DID, OWNER, EMAIL, CLOSED, TABLET, TOKEN, CODE, RENAMED };

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
  const arabic = { ...ORG[0]!, trustCode: 'RAR', trustName: TRUST, siteCode: 'RAR01', siteName: SITE, unitCode: 'AR', unitName: UNIT };
  await t.store.upsertOrg([...ORG, arabic, { ...arabic, unitCode: 'AR2', unitName: CLOSED }]);
  await addUser(t.store, EMAIL, 'matron', ['unit:AR']);
  await addUser(t.store, 'admin@nhs.test', 'admin');
  await addUser(t.store, 'commissioner@nhs.test', 'commissioner', ['trust:RAR']);
  await t.give('AR', TODAY, [1], { comment: COMMENT });
  await t.comments.flush();
  expect((await t.send('POST', '/api/v1/you-said', { unit: 'AR', youSaid: YOU_SAID, weDid: WE_DID, status: 'done', owner: OWNER })).status).toBe(201);
});
afterAll(async () => t.cleanup());

/**
 * Where `text` appears in the page's body (attribute values and a textarea's text aside: they are
 * what was typed, and no element can go there) without being isolated: each place as the markup
 * just before it.
 */
function bare(html: string, text: string): string[] {
  const body = html.slice(html.indexOf('<body'));
  const found: string[] = [];
  for (let at = body.indexOf(text); at >= 0; at = body.indexOf(text, at + 1)) {
    const before = body.slice(0, at);
    const after = body.slice(at + text.length);
    if (before.lastIndexOf('<') > before.lastIndexOf('>')) continue;
    if (before.lastIndexOf('<textarea') > before.lastIndexOf('</textarea>')) continue;
    const inBdi = /<bdi>\s*$/.test(before) && /^\s*<\/bdi>/.test(after);
    const aloneInAuto = /<[a-z0-9]+\b[^<>]*\bdir="auto"[^<>]*>\s*$/.test(before) && /^\s*<\//.test(after);
    const inIsolates = before.endsWith('\u2068') && after.startsWith('\u2069');
    if (!inBdi && !aloneInAuto && !inIsolates) found.push(before.slice(-60));
  }
  return found;
}

/** Each page against the texts it should show (names from TEXTS, space-separated): each one there, and isolated everywhere. */
async function check(pages: Record<string, string>, request: (path: string) => Response | Promise<Response>) {
  const problems: string[] = [];
  for (const [path, expected] of Object.entries(pages)) {
    const res = await request(path);
    expect(res.status, path).toBeLessThan(300);
    problems.push(...checkHtml(path, await res.text(), expected));
  }
  return problems;
}

/** One page's HTML against the texts it should show, as `check` does; for a page that is an answer to a form. */
function checkHtml(label: string, html: string, expected: string): string[] {
  const problems: string[] = [];
  for (const name of expected.split(' ')) {
    const text = TEXTS[name as keyof typeof TEXTS];
    if (!html.includes(text)) problems.push(`${label}: ${name} not shown`);
    for (const place of bare(html, text)) problems.push(`${label}: ${name} not isolated after …${place}`);
  }
  return problems;
}

/** The human sentences of a JSON error (its message, each issue's) that hold `text` not isolated; a note if none holds it. */
function bareInMessages(label: string, body: { error?: { message?: string; issues?: { message: string }[] } }, text: string): string[] {
  const sentences = [body.error?.message ?? '', ...(body.error?.issues ?? []).map((i) => i.message)];
  if (!sentences.some((s) => s.includes(text))) return [`${label}: not in any message of ${JSON.stringify(body)}`];
  const count = (s: string, part: string) => s.split(part).length - 1;
  return sentences.filter((s) => count(s, text) !== count(s, `\u2068${text}\u2069`)).map((s) => `${label}: ${s}`);
}

describe('text people typed, on every page that shows it', () => {
  it('is isolated on the web form, its thanks page and poster, and the public results', async () => {
    const problems = await check(
      {
        '/f/AR': 'UNIT YOU_SAID WE_DID',
        '/f/AR?lang=ar': 'UNIT YOU_SAID WE_DID',
        '/f/AR/thanks': 'UNIT',
        '/f/AR/poster': 'UNIT',
        '/results': 'TRUST SITE UNIT',
        '/results/trust/RAR': 'TRUST SITE UNIT YOU_SAID WE_DID',
        '/results/site/RAR01': 'TRUST SITE UNIT YOU_SAID WE_DID',
        '/results/unit/AR': 'TRUST SITE UNIT YOU_SAID WE_DID',
      },
      (path) => t.app.request(path),
    );
    expect(problems).toEqual([]);
  });

  it('is isolated on the matron’s dashboard, ward page and paper-card entry, and the admin’s organisation pages', async () => {
    const matron = browser(t.app);
    expect((await matron.signIn(EMAIL)).status).toBe(303);
    const admin = browser(t.app);
    expect((await admin.signIn('admin@nhs.test')).status).toBe(303);
    const problems = [
      ...(await check(
        {
          '/dashboard': 'TRUST SITE UNIT EMAIL',
          '/entry': 'UNIT',
          '/dashboard/unit/AR': 'TRUST SITE UNIT COMMENT YOU_SAID WE_DID OWNER',
          [`/entry?unit=AR&mode=paper-discharge&date=${TODAY}`]: 'UNIT',
        },
        (path) => matron.request(path),
      )),
      ...(await check({ '/admin/org': 'TRUST SITE UNIT', '/admin/org/units/AR': 'TRUST SITE UNIT' }, (path) => admin.request(path))),
    ];
    expect(problems).toEqual([]);
  });

  it('is isolated in the sentences built around it: the last paper card entered, and an alert’s reason', async () => {
    const matron = browser(t.app);
    expect((await matron.signIn(EMAIL)).status).toBe(303);
    const form = (await (await matron.request(`/entry?unit=AR&mode=paper-discharge&date=${TODAY}`)).text()).match(/name="id" value="([^"]+)"/)![1]!;
    const csrf = await matron.csrfFrom(`/entry?unit=AR&mode=paper-discharge&date=${TODAY}`);
    const saved = await matron.form('/entry/card', { unit: 'AR', mode: 'paper-discharge', date: TODAY, id: form, answer: '2', comment: '' }, csrf);
    expect(saved.status).toBe(303);
    const page = await (await matron.request(saved.headers.get('location')!)).text();
    expect(page).toContain(`1 card for \u2068${UNIT}\u2069, Mode Paper Discharge, Sunday 22 November 2026: answer 2`);

    // With the comment and the card above: 4 of 6 answers today very poor.
    await t.give('AR', TODAY, [5], { comment: 'I was left in pain for hours, الممرضة لم تأت' });
    await t.give('AR', TODAY, [5, 5, 5]);
    await t.comments.flush();
    const raised = [...(await t.store.listAlerts({ unitCodes: ['AR'], openOnly: true })), ...(await t.alerts.evaluate('AR'))].map((a) => a.reason);
    expect(raised).toContainEqual(expect.stringMatching(/^A comment may need action today \(.+\): “\u2068[^\u2068\u2069]*left in pain[^\u2068\u2069]*\u2069”$/));
    expect(raised).toContainEqual(`\u2068${UNIT}\u2069: 67% of answers on ${TODAY} were negative, above the ward's threshold of 20%`);
  });

  it('is isolated on the admin pages for tablets, eligible counts, thresholds, users, tokens and the audit log, and in their messages', async () => {
    // The matron signs in, for the audit log.
    expect((await browser(t.app).signIn(EMAIL)).status).toBe(303);
    const admin = browser(t.app);
    expect((await admin.signIn('admin@nhs.test')).status).toBe(303);
    const csrf = await admin.csrfFrom('/admin/kiosks');
    const problems: string[] = [];
    const answer = async (label: string, res: Response, status: number, expected: string) => {
      expect(res.status, label).toBe(status);
      problems.push(...checkHtml(label, await res.text(), expected));
    };

    // A tablet for each ward; the second ward then closes, and its tablet cannot be paired again.
    await answer('new tablet', await admin.form('/admin/kiosks', { unit: 'AR', label: TABLET }, csrf), 201, 'UNIT TABLET');
    await answer('tablet for the ward that closes', await admin.form('/admin/kiosks', { unit: 'AR2', label: '' }, csrf), 201, 'CLOSED');
    await t.store.updateUnit('AR2', { active: false });
    const closedTablet = (await t.store.listKiosks(['AR2']))[0]!;
    const refused = await admin.form(`/admin/kiosks/${closedTablet.id}/pairing`, {}, csrf);
    if (!(await refused.clone().text()).includes(`\u2068${CLOSED}\u2069 is no longer active`)) problems.push('pairing a closed ward: the ward not isolated in its message');
    await answer('pairing a closed ward', refused, 400, 'CLOSED');

    // Eligible counts: a file naming a unit that does not exist, twice.
    const file = `unit_code,month,eligible\n${CODE},2026-10,5\n${CODE},2026-10,6\n`;
    await answer('eligible file with a line twice', await admin.form('/admin/eligible/import', { csv: file }, csrf), 400, 'CODE');
    await answer('eligible file with an unknown unit', await admin.form('/admin/eligible/import', { csv: `unit_code,month,eligible\n${CODE},2026-10,5\n` }, csrf), 400, 'CODE');
    await answer('a threshold that is not a percentage', await admin.form('/admin/thresholds', { 'threshold-AR': 'high' }, csrf), 400, 'UNIT');

    // Users: one already there, and a scope that names nothing.
    await answer('a user twice', await admin.form('/admin/users', { email: EMAIL, role: 'matron', scopes: `unit:${CODE}`, password: 'short' }, csrf), 400, 'EMAIL CODE');
    const matronId = (await t.store.findUserByEmail(EMAIL))!.id;

    // A token with a label, then one refused for a scope that names nothing; the first sets an eligible count, for the audit log.
    const made = await admin.form('/admin/tokens', { label: TOKEN, role: 'integration', scopes: '' }, csrf);
    const madeHtml = await made.clone().text();
    await answer('new token', made, 201, 'TOKEN');
    await answer('a token with a bad scope', await admin.form('/admin/tokens', { label: 'PAS feed', role: 'integration', scopes: `trust:${CODE}` }, csrf), 400, 'CODE');
    const secret = madeHtml.match(/value="([^"]+)"[^>]*data-testid="new-token"/)![1]!;
    expect((await t.send('PUT', '/api/v1/eligible', { unit: 'AR', month: '2026-10', eligible: 40 }, secret)).status).toBe(200);

    // The audit log's detail column is each record's JSON as stored.
    const withoutDetail = async (path: string) => new Response((await (await admin.request(path)).text()).replace(/<td class="fft-detail">[\s\S]*?<\/td>/g, ''));
    problems.push(
      ...(await check(
        {
          '/admin/kiosks': 'UNIT CLOSED TABLET',
          '/admin/eligible?month=2026-10': 'UNIT SITE CLOSED',
          '/admin/thresholds': 'UNIT SITE CLOSED',
          '/admin/users': 'EMAIL',
          [`/admin/users/${matronId}`]: 'EMAIL',
          '/admin/tokens': 'TOKEN',
          '/admin/org/add-unit': 'TRUST SITE',
        },
        (path) => admin.request(path),
      )),
      ...(await check({ '/admin/audit': 'EMAIL TOKEN' }, withoutDetail)),
    );
    expect(problems).toEqual([]);
  });

  it('is isolated in the commissioner’s monthly return, its checks and changes, and the trends', async () => {
    const admin = browser(t.app);
    expect((await admin.signIn('admin@nhs.test')).status).toBe(303);
    const november = 'month=2026-11&setting=inpatient';
    // The admin downloads the month; then a late answer arrives, by a mode the return has no column
    // for, and the trust is renamed: the commissioner sees what changed since, old name and new.
    expect((await admin.request(`/returns/download?${november}&variant=full&format=csv&sheet=Wards`)).status).toBe(200);
    await t.give('AR', TODAY, [1], { mode: 'paper-at-appointment' });
    await t.store.upsertOrg([{ ...ORG[0]!, trustCode: 'RAR', trustName: RENAMED, siteCode: 'RAR01', siteName: SITE, unitCode: 'AR', unitName: UNIT }]);
    const commissioner = browser(t.app);
    expect((await commissioner.signIn('commissioner@nhs.test')).status).toBe(303);
    const problems = await check({ [`/returns?${november}`]: 'TRUST RENAMED SITE UNIT', '/returns/trends?from=2026-10&to=2026-11': 'RENAMED' }, (path) => commissioner.request(path));
    expect(problems).toEqual([]);
    const page = await (await commissioner.request(`/returns?${november}`)).text();
    expect(page).toContain(`\u2068${UNIT}\u2069 has no eligible count for November 2026`);
    expect(page).toContain(`\u2068${UNIT}\u2069 has 1 responses by a mode the Inpatient return has no column for`);
    expect(page).toContain('since \u2068admin@nhs.test\u2069 exported it');
    const changes = page.slice(page.indexOf('id="changes"'), page.indexOf('</section>', page.indexOf('id="changes"')));
    expect(changes).toContain(`scope="row"><bdi>${UNIT}</bdi></th>`);
  });

  it('is isolated in the JSON API’s messages about a unit or code staff gave', async () => {
    const code = encodeURIComponent(CODE);
    const answers = {
      'unit settings': await t.send('PATCH', `/api/v1/units/${code}`, { negativeThreshold: 0.2 }),
      'you said, we did': await t.send('POST', '/api/v1/you-said', { unit: CODE, youSaid: 'Noisy', weDid: 'Quiet', status: 'done' }),
      'a tablet': await t.send('POST', '/api/v1/kiosks', { unit: CODE }),
      'an eligible count': await t.send('PUT', '/api/v1/eligible', { unit: CODE, month: '2026-10', eligible: 5 }),
      'a response': await t.send('POST', '/api/v1/responses', { unit: CODE, answer: 1, channel: 'kiosk', answeredAt: `${TODAY}T09:00:00Z` }, t.tokens.integration),
      'scores': await t.get(`/api/v1/scores?level=unit&code=${code}&period=month&from=2026-11-01&to=2026-11-30`),
      'a sheet of the return': await t.send('GET', `/api/v1/exports/monthly?month=2026-11&setting=inpatient&format=csv&sheet=${code}`, undefined),
    };
    const problems: string[] = [];
    for (const [label, { status, body }] of Object.entries(answers)) {
      expect(status, label).toBeGreaterThanOrEqual(400);
      problems.push(...bareInMessages(label, body, CODE));
    }
    expect(problems).toEqual([]);
  });
});
