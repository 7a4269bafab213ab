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
const TEXTS = { TRUST, SITE, UNIT, COMMENT, YOU_SAID, WE_DID, OWNER, EMAIL };

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
  await t.store.upsertOrg([...ORG, { ...ORG[0]!, trustCode: 'RAR', trustName: TRUST, siteCode: 'RAR01', siteName: SITE, unitCode: 'AR', unitName: UNIT }]);
  await addUser(t.store, EMAIL, 'matron', ['unit:AR']);
  await addUser(t.store, 'admin@nhs.test', 'admin');
  await t.give('AR', TODAY, [1], { comment: COMMENT });
  await t.comments.flush();
  expect((await t.send('POST', '/api/v1/you-said', { unit: 'AR', youSaid: YOU_SAID, weDid: WE_DID, status: 'done', owner: OWNER })).status).toBe(201);
});
afterAll(async () => t.cleanup());

/**
 * Where `text` appears in the page's body (attribute values aside: no element can go there)
 * without being isolated: each place as the markup just before it.
 */
function bare(html: string, text: string): string[] {
  const body = html.slice(html.indexOf('<body'));
  const found: string[] = [];
  for (let at = body.indexOf(text); at >= 0; at = body.indexOf(text, at + 1)) {
    const before = body.slice(0, at);
    const after = body.slice(at + text.length);
    if (before.lastIndexOf('<') > before.lastIndexOf('>')) continue;
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
    const html = await res.text();
    for (const name of expected.split(' ')) {
      const text = TEXTS[name as keyof typeof TEXTS];
      if (!html.includes(text)) problems.push(`${path}: ${name} not shown`);
      for (const place of bare(html, text)) problems.push(`${path}: ${name} not isolated after …${place}`);
    }
  }
  return problems;
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
});
