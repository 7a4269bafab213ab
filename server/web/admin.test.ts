import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../testing.ts';
import { csrfTokenFor } from '../pages/csrf.ts';
import { createSettings } from '../settings.ts';
import { adminSmsControls } from '../sms/service.ts';
import { addUser, browser, TEST_PASSWORD, TEST_PASSWORD_COST } from './testing.ts';
import { adminRoutes } from './admin.tsx';
import { signInRoutes } from './signin.tsx';
import type { WebAppDeps } from './index.ts';

const SECRET = 'development-secret-change-me';
const ORG_HEADER = 'icb_code,icb_name,trust_code,trust_name,site_code,site_name,unit_code,unit_name,setting,specialty_1,specialty_2,question';

let t: Awaited<ReturnType<typeof testApp>>;
let adminId: string;
beforeEach(async () => {
  t = await testApp();
  adminId = await addUser(t.store, 'admin@nhs.test', 'admin');
  await addUser(t.store, 'matron@nhs.test', 'matron', ['unit:W1']);
});
afterEach(async () => t.cleanup());

/** A browser signed in as `email`, with a `post` that carries the CSRF token its pages hand out. */
async function signedIn(email = 'admin@nhs.test', app: Hono<any, any, any> = t.app) {
  const b = browser(app);
  const res = await b.signIn(email);
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  const csrf = () => csrfTokenFor(SECRET, b.jar.get('fft_csrf')!, b.jar.get('fft_session'));
  return Object.assign(b, {
    post: (path: string, fields: Record<string, string>) => b.form(path, fields, csrf()),
    upload: (path: string, fields: Record<string, string | Blob>) => {
      const body = new FormData();
      body.set('csrf', csrf());
      for (const [k, v] of Object.entries(fields)) body.set(k, v);
      return b.request(path, { method: 'POST', body });
    },
    html: async (path: string) => {
      const res = await b.request(path);
      return { status: res.status, text: await res.text() };
    },
  });
}

async function actions() {
  return (await t.store.listAudit(1000)).map((a) => a.action);
}

async function lastAudit(action: string) {
  return (await t.store.listAudit(1000)).find((a) => a.action === action);
}

describe('who may see the admin pages', () => {
  const pages = ['/admin', '/admin/org', '/admin/org/add-unit', '/admin/org/units/W1', '/admin/org/add-site', '/admin/org/sites/RAA01', '/admin/kiosks', '/admin/users', '/admin/tokens', '/admin/eligible', '/admin/thresholds', '/admin/settings', '/admin/audit', '/admin/no-such-page'];

  it('gives a matron the 404 page on every admin page, and refuses her POSTs the same way', async () => {
    const b = await signedIn('matron@nhs.test');
    for (const path of pages) {
      const { status, text } = await b.html(path);
      expect(status, path).toBe(404);
      expect(text).toContain('Page not found');
    }
    const res = await b.post('/admin/users', { email: 'new@nhs.test', role: 'admin', scopes: '', password: TEST_PASSWORD });
    expect(res.status).toBe(404);
    expect(await t.store.findUserByEmail('new@nhs.test')).toBeUndefined();
    const t2 = await b.post('/admin/org/units/W1/active', { active: '0' });
    expect(t2.status).toBe(404);
    expect((await t.store.getUnit('W1'))?.active).toBe(true);
    expect((await b.post('/admin/org/sites', { trust: 'RAA', code: 'RAA05', name: 'Hers' })).status).toBe(404);
    expect((await b.post('/admin/org/sites/RAA01', { name: 'Hers' })).status).toBe(404);
    expect((await t.store.listSites()).map((s) => [s.code, s.name])).toEqual([['RAA01', 'General'], ['RAA02', 'Community']]);
  });

  it('sends someone signed out to sign in, and shows an admin every page', async () => {
    const res = await browser(t.app).request('/admin/users');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fadmin%2Fusers');
    const b = await signedIn();
    for (const path of pages.filter((p) => p !== '/admin/no-such-page')) {
      const { status, text } = await b.html(path);
      expect(status, path).toBe(200);
      expect(text).toContain('aria-label="Admin sections"');
    }
    const missing = await b.html('/admin/no-such-page');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Page not found');
  });

  it('refuses an admin change without the CSRF token, or with a forged one, and changes nothing', async () => {
    const b = await signedIn();
    const fields = { email: 'new@nhs.test', role: 'matron', scopes: 'unit:W1', password: TEST_PASSWORD };
    expect((await b.form('/admin/users', fields)).status).toBe(403);
    expect((await b.form('/admin/users', fields, 'forged')).status).toBe(403);
    expect((await b.form('/admin/org/units/W1/active', { active: '0' })).status).toBe(403);
    expect((await b.form('/admin/org/sites', { trust: 'RAA', code: 'RAA05', name: 'Riverside' })).status).toBe(403);
    expect((await b.form('/admin/org/sites/RAA01', { name: 'Renamed' })).status).toBe(403);
    expect((await t.store.listSites()).map((s) => [s.code, s.name])).toEqual([['RAA01', 'General'], ['RAA02', 'Community']]);
    expect(await t.store.findUserByEmail('new@nhs.test')).toBeUndefined();
    expect((await t.store.getUnit('W1'))?.active).toBe(true);
  });
});

describe('what is posted', () => {
  it('refuses a body over the limit (413) and one that is not a readable form (400), never a 500', async () => {
    const b = await signedIn();
    const huge = await b.post('/admin/org/import', { csv: 'x'.repeat(5 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await huge.text();
    expect(page).toContain('<h1>The form is too large</h1>');
    expect(page).toContain('at most 4 MB. Nothing was saved.');
    expect(page).toContain('href="/dashboard">Go back</a>');
    const fromOrgPage = await b.request('/admin/org/import', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: 'http://localhost/admin/org?x=1' },
      body: 'csv=' + 'x'.repeat(5 * 1024 * 1024),
    });
    expect(fromOrgPage.status).toBe(413);
    expect(await fromOrgPage.text()).toContain('href="/admin/org?x=1">Go back</a>');
    const fromElsewhere = await b.request('/admin/org/import', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: 'https://evil.example/admin/org' },
      body: 'csv=' + 'x'.repeat(5 * 1024 * 1024),
    });
    expect(await fromElsewhere.text()).toContain('href="/dashboard">Go back</a>');
    const broken = await b.request('/admin/org/import', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=nope' }, body: '--other\r\ncontent-disposition: form-data; name="x"\r\n\r\n1' });
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain('The form could not be read');
    expect(await actions()).not.toContain('org.import');
  });

  it('answers a garbled body sent with any other method (PUT, PATCH, DELETE) with a 400 too: the CSRF check reads it as it reads a POST', async () => {
    const b = await signedIn();
    for (const [method, path] of [['PUT', '/admin/org'], ['DELETE', '/admin/no-such-page'], ['DELETE', '/entry/x'], ['PATCH', '/dashboard/unit/W1']]) {
      const res = await b.request(path, { method, headers: { 'content-type': 'multipart/form-data' }, body: 'x' });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(await res.text()).toContain('The form could not be read');
    }
  });
});

describe('a form posted to /admin itself', () => {
  it('is the 404 page (there is no form there), read once: never a 500', async () => {
    const b = await signedIn();
    for (const method of ['POST', 'PATCH']) {
      const res = await b.request('/admin', { method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf: csrfTokenFor(SECRET, b.jar.get('fft_csrf')!, b.jar.get('fft_session')) }) });
      expect(res.status, method).toBe(404);
      expect(await res.text()).toContain('Page not found');
    }
  });
});

describe('one-line text with a control character in it', () => {
  it('is refused, naming the field, and nothing is stored: a tablet or token label, an email address, a specialty code', async () => {
    const b = await signedIn();
    const nul = '\u0000';
    const kiosk = await b.post('/admin/kiosks', { unit: 'W1', label: `Bay${nul}2` });
    expect(kiosk.status).toBe(400);
    expect(await kiosk.text()).toContain('The label must be on one line');
    expect(await t.store.listKiosks(['W1'])).toEqual([]);
    const tokens = (await t.store.listTokens()).length;
    const token = await b.post('/admin/tokens', { role: 'integration', scopes: '', label: `EPR${nul}feed` });
    expect(token.status).toBe(400);
    expect(await token.text()).toContain('The label must be on one line');
    expect((await t.store.listTokens()).length).toBe(tokens);
    const users = (await t.store.listUsers()).length;
    const user = await b.post('/admin/users', { email: `new${nul}@nhs.test`, role: 'admin', scopes: '', password: 'Tangerine-Ladder-Quartz-91' });
    expect(user.status).toBe(400);
    expect(await user.text()).toContain('Enter an email address, like name@nhs.net');
    expect((await t.store.listUsers()).length).toBe(users);
    const unit = await b.post('/admin/org/units/W1', { name: 'Ward 1', setting: 'inpatient', question: 'fft-2020', specialty1: `300${nul}` });
    expect(unit.status).toBe(400);
    expect(await unit.text()).toContain('A specialty code must have no line breaks');
    expect((await t.store.getUnit('W1'))?.specialty1).toBe('300');
  });
});

describe('a form sent from another website', () => {
  it('is refused (403) before it does anything, even with the staff member’s cookies and a good CSRF field', async () => {
    const b = await signedIn();
    const csrf = await b.csrfFrom('/admin/org/units/W1');
    const res = await b.request('/admin/org/units/W1/active', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ active: '0', csrf }),
    });
    expect(res.status).toBe(403);
    expect((await t.store.getUnit('W1'))?.active).toBe(true);
    expect(await actions()).not.toContain('unit.deactivate');
  });
});

describe('organisation', () => {
  it('lists the hierarchy: ICB, trust, site and units', async () => {
    const b = await signedIn();
    const { text } = await b.html('/admin/org');
    expect(text).toContain('Test ICB');
    expect(text).toContain('Test Trust');
    expect(text).toContain('<bdi>General</bdi> (site RAA01)');
    expect(text).toContain('<bdi>Community</bdi> (site RAA02)');
    for (const unit of ['Ward 1', 'Emergency Department', 'District Nurses']) expect(text).toContain(unit);
  });

  it('imports an organisation file uploaded as a file, with the same checks as fft org import', async () => {
    const b = await signedIn();
    const csv = `${ORG_HEADER}\nQAA,Test ICB,RAA,Test Trust,RAA03,Riverside,W9,Ward 9,inpatient,320,,fft-2020\nQAA,Test ICB,RAA,Test Trust,RAA01,General,W1,Ward 1 (Cardiology),inpatient,320,,\n`;
    const res = await b.upload('/admin/org/import', { file: new File([csv], 'org.csv', { type: 'text/csv' }) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/org?done=imported&created=1&updated=1');
    // The new ward is added in the import's London month; Ward 1, there all along, stays so.
    expect(await t.store.getUnit('W9')).toMatchObject({ name: 'Ward 9', siteCode: 'RAA03', siteName: 'Riverside', specialty1: '320', addedMonth: '2026-11' });
    expect(await t.store.getUnit('W1')).toMatchObject({ name: 'Ward 1 (Cardiology)', addedMonth: null });
    expect(await lastAudit('org.import')).toMatchObject({ actor: `user:${adminId}`, detail: { unitsCreated: 1, unitsUpdated: 1 } });
    expect((await b.html('/admin/org?done=imported&created=1&updated=1')).text).toContain('The file was imported: 1 unit added, 1 updated.');
  });

  it('refuses a file that is not UTF-8 rather than store its accents as "�"', async () => {
    const b = await signedIn();
    const before = await t.store.listUnits();
    const latin1 = Buffer.from(`${ORG_HEADER}\nQAA,Test ICB,RAA,Test Trust,RAA01,General,W1,Caf\xe9 Ward,inpatient,,,fft-2020\n`, 'latin1');
    const res = await b.upload('/admin/org/import', { file: new File([latin1], 'org.csv', { type: 'text/csv' }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The file is not UTF-8 text');
    expect(await t.store.listUnits()).toEqual(before);
    const eligible = await b.upload('/admin/eligible/import', { file: new File([Buffer.from('unit_code,month,eligible\n\xffW1,2026-08,5\n', 'latin1')], 'e.csv') });
    expect(eligible.status).toBe(400);
    expect(await eligible.text()).toContain('The file is not UTF-8 text');
  });

  it('names the units an import moved to another site or trust, those on a moved site too', async () => {
    const b = await signedIn();
    const before = await t.store.getUnit('W1');
    // One row for Ward 1 puts its site, RAA01, under another trust: the A&E there moves with it.
    const row = (icb: string, trust: string) => `${ORG_HEADER}\n${icb},${before!.icbName},${trust},${before!.trustName},RAA01,General,W1,${before!.name},inpatient,${before!.specialty1 ?? ''},,fft-2020\n`;
    const res = await b.post('/admin/org/import', { csv: row('QBB', 'RBB') });
    expect(res.headers.get('location')).toBe('/admin/org?done=imported&created=0&updated=1&moved=ED%2CW1');
    expect(await lastAudit('org.import')).toMatchObject({ detail: { unitsMoved: ['ED', 'W1'] } });
    expect((await b.html(res.headers.get('location')!)).text).toContain('Moved to another site, trust or ICB, with their history: ED, W1.');
    expect((await t.store.getUnit('ED'))?.trustCode).toBe('RBB');
    await b.post('/admin/org/import', { csv: row('QAA', 'RAA') });
    expect((await t.store.getUnit('ED'))?.trustCode).toBe('RAA');
  });

  it('reports a file with a bad line by its line number and applies none of it', async () => {
    const b = await signedIn();
    const before = await t.store.listUnits();
    const csv = `${ORG_HEADER}\nQAA,Test ICB,RAA,Test Trust,RAA01,General,W1,Renamed ward,inpatient,,,\nQAA,Test ICB,RAA,Test Trust,RAA01,General,W8,Ward 8,surgery,,,\nQAA,Test ICB,RAA,Test Trust,RAA01,General,W9,Ward 9,inpatient,,,\n`;
    const res = await b.post('/admin/org/import', { csv });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Nothing was imported: the file has 1 problem');
    expect(html).toMatch(/Line 3: setting must be one of/);
    // What was pasted stays in the box to be corrected.
    expect(html).toContain('Renamed ward');
    expect(await t.store.listUnits()).toEqual(before);
    expect(await actions()).not.toContain('org.import');

    const empty = await b.post('/admin/org/import', { csv: '  ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Choose a CSV file, or paste its text');
    const header = await b.post('/admin/org/import', { csv: 'unit,name\nW1,Ward' });
    expect(header.status).toBe(400);
    expect(await header.text()).toContain('Line 1: the header must have the columns');
  });

  it('refuses an uploaded file with a unit or site code already stored in other capitals, by line, and applies none of it', async () => {
    const b = await signedIn();
    const before = await t.store.listUnits();
    const csv = `${ORG_HEADER}\nQAA,Test ICB,RAA,Test Trust,RAA01,General,W9,Ward 9,inpatient,,,\nQAA,Test ICB,RAA,Test Trust,RAA01,General,w1,Ward 1 again,inpatient,,,\nQAA,Test ICB,RAA,Test Trust,raa02,Community,W8,Ward 8,inpatient,,,\n`;
    const res = await b.upload('/admin/org/import', { file: new File([csv], 'org.csv', { type: 'text/csv' }) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Nothing was imported: the file has 2 problems');
    expect(html).toContain('Line 3: unit w1 differs only in capitals from unit W1, already stored');
    expect(html).toContain('Line 4: site raa02 differs only in capitals from site RAA02, already stored');
    expect(await t.store.listUnits()).toEqual(before);
    expect((await t.store.listSites()).map((s) => s.code)).toEqual(['RAA01', 'RAA02']);
    expect(await actions()).not.toContain('org.import');
  });

  it('adds a unit to a site, refusing a code already in use and saying what is wrong', async () => {
    const b = await signedIn();
    const unit = { site: 'RAA01', code: 'W2', name: 'Ward 2', setting: 'inpatient', specialty1: '300', specialty2: '', question: 'fft-2020', threshold: '25' };
    const res = await b.post('/admin/org/units', unit);
    expect(res.status).toBe(303);
    expect(await t.store.getUnit('W2')).toMatchObject({ name: 'Ward 2', siteCode: 'RAA01', trustCode: 'RAA', icbCode: 'QAA', setting: 'inpatient', specialty1: '300', specialty2: null, negativeThreshold: 0.25, active: true, addedMonth: '2026-11' });
    expect(await lastAudit('unit.add')).toMatchObject({ target: 'W2', detail: { site: 'RAA01', name: 'Ward 2', negativeThreshold: 0.25 } });

    const again = await b.post('/admin/org/units', { ...unit, name: 'Another' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('A unit with code W2 already exists');
    expect((await t.store.getUnit('W2'))?.name).toBe('Ward 2');
    // The same code in other capitals would be a second, look-alike unit.
    const lower = await b.post('/admin/org/units', { ...unit, code: 'w2', name: 'Another' });
    expect(lower.status).toBe(400);
    expect(await lower.text()).toContain('A unit with code W2 already exists: use another code');
    expect(await t.store.getUnit('w2')).toBeUndefined();

    const bad = await b.post('/admin/org/units', { site: 'NOPE', code: 'bad code!', name: '', setting: 'x', question: 'fft-1999', threshold: '120' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    // Listed in the order of the fields on the form.
    const listed = ['Choose the site', 'Enter a unit code of letters', 'Enter the unit’s name', 'Choose the setting', 'Choose the question version', 'The alert threshold must be a percentage'];
    const summary = html.slice(html.indexOf('nhsuk-error-summary'), html.indexOf('</ul>', html.indexOf('nhsuk-error-summary')));
    expect(listed.map((message) => summary.indexOf(message))).toEqual(listed.map((message) => summary.indexOf(message)).sort((a, b) => a - b));
    for (const message of listed) expect(summary).toContain(message);
  });

  it('adds a site to a trust, which then shows with no units and takes a unit', async () => {
    const b = await signedIn();
    const form = await b.html('/admin/org/add-site');
    // Names in an <option> are isolated with Unicode marks (it can hold no <bdi>).
    const unmarked = (html: string) => html.replace(/[\u2066-\u2069]/g, '');
    expect(unmarked(form.text)).toContain('<option value="RAA">Test Trust (RAA) – Test ICB</option>');
    const res = await b.post('/admin/org/sites', { trust: 'RAA', code: 'RAA05', name: '  Riverside  ' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/org?done=site-added');
    expect((await t.store.listSites()).find((s) => s.code === 'RAA05')).toEqual({ code: 'RAA05', name: 'Riverside', trustCode: 'RAA', trustName: 'Test Trust', icbCode: 'QAA', icbName: 'Test ICB' });
    expect(await lastAudit('site.add')).toMatchObject({ actor: `user:${adminId}`, target: 'RAA05', detail: { trust: 'RAA', name: 'Riverside' } });
    const org = (await b.html('/admin/org?done=site-added')).text;
    expect(org).toContain('The site was added.');
    expect(org).toMatch(/<bdi>Riverside<\/bdi> \(site RAA05\)[\s\S]*?No units yet/);
    // A site with no unit yet is one to add a unit to.
    expect(unmarked((await b.html('/admin/org/add-unit')).text)).toContain('<option value="RAA05">Riverside (RAA05) – Test Trust</option>');
    const unit = await b.post('/admin/org/units', { site: 'RAA05', code: 'RV1', name: 'River Ward', setting: 'inpatient', specialty1: '', specialty2: '', question: 'fft-2020', threshold: '' });
    expect(unit.status).toBe(303);
    expect(await t.store.getUnit('RV1')).toMatchObject({ siteCode: 'RAA05', siteName: 'Riverside', trustCode: 'RAA', icbCode: 'QAA' });
  });

  it('refuses a bad new site, naming and linking each field, and adds nothing', async () => {
    const b = await signedIn();
    const before = await t.store.listSites();
    const bad = await b.post('/admin/org/sites', { trust: 'NOPE', code: 'bad code!', name: '' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    const listed = ['href="#trust">Choose the trust', 'href="#code">Enter a site code of letters', 'href="#name">Enter the site’s name'];
    const summary = html.slice(html.indexOf('nhsuk-error-summary'), html.indexOf('</ul>', html.indexOf('nhsuk-error-summary')));
    for (const message of listed) expect(summary).toContain(message);
    // In the order of the form's fields.
    expect(listed.map((m) => summary.indexOf(m))).toEqual(listed.map((m) => summary.indexOf(m)).sort((x, y) => x - y));

    const cases: [Record<string, string>, string][] = [
      [{ code: 'RAA01', name: 'Another' }, 'A site with code RAA01 already exists'],
      // The same code in other capitals would be a second, look-alike site.
      [{ code: 'raa01', name: 'Another' }, 'A site with code RAA01 already exists: use another code, not the same one in other capitals'],
      [{ code: 'R'.repeat(65), name: 'Long code' }, 'Enter a site code of letters'],
      [{ code: 'RAA06', name: 'x'.repeat(201) }, 'The name must be at most 200 characters'],
      [{ code: 'RAA06', name: 'Two\nlines' }, 'The name must be on one line'],
    ];
    for (const [fields, message] of cases) {
      const res = await b.post('/admin/org/sites', { trust: 'RAA', ...fields });
      expect(res.status, message).toBe(400);
      expect(await res.text(), message).toContain(message);
    }
    expect(await t.store.listSites()).toEqual(before);
    expect(await actions()).not.toContain('site.add');
  });

  it('changes a site’s name in place (its units show it at once), audit-logged, and refuses a bad one', async () => {
    const b = await signedIn();
    expect((await b.html('/admin/org')).text).toContain('href="/admin/org/sites/RAA01"');
    expect((await b.html('/admin/org/sites/RAA01')).text).toContain('value="General"');
    const res = await b.post('/admin/org/sites/RAA01', { name: 'General Hospital' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/org?done=site-renamed');
    expect(await t.store.getUnit('W1')).toMatchObject({ siteCode: 'RAA01', siteName: 'General Hospital', trustCode: 'RAA', active: true });
    expect(await lastAudit('site.rename')).toMatchObject({ actor: `user:${adminId}`, target: 'RAA01', detail: { from: 'General', to: 'General Hospital' } });
    expect((await b.html('/admin/org')).text).toContain('<bdi>General Hospital</bdi> (site RAA01)');

    for (const [name, message] of [['  ', 'Enter the site’s name'], ['x'.repeat(201), 'The name must be at most 200 characters'], ['A\tB', 'The name must be on one line']]) {
      const bad = await b.post('/admin/org/sites/RAA01', { name: name! });
      expect(bad.status, message).toBe(400);
      expect(await bad.text(), message).toContain(`href="#name">${message}`);
    }
    expect((await t.store.getUnit('W1'))?.siteName).toBe('General Hospital');
    // Only its exact code: no look-alike in other capitals, nothing unknown.
    expect((await b.html('/admin/org/sites/raa01')).status).toBe(404);
    expect((await b.post('/admin/org/sites/NOPE', { name: 'x' })).status).toBe(404);
    expect((await t.store.listSites()).map((s) => s.code)).toEqual(['RAA01', 'RAA02']);
  });

  it('edits a unit in place and audits what changed', async () => {
    const b = await signedIn();
    expect((await b.html('/admin/org/units/W1')).text).toContain('value="Ward 1"');
    const res = await b.post('/admin/org/units/W1', { name: 'Ward One', setting: 'daycase', specialty1: '301', specialty2: '302', question: 'fft-2020', threshold: '12.5%' });
    expect(res.status).toBe(303);
    expect(await t.store.getUnit('W1')).toMatchObject({ name: 'Ward One', setting: 'daycase', specialty1: '301', specialty2: '302', negativeThreshold: 0.125, siteCode: 'RAA01', active: true });
    const entry = await lastAudit('unit.update');
    expect(entry).toMatchObject({ target: 'W1', detail: { changed: { name: { from: 'Ward 1', to: 'Ward One' }, setting: { from: 'inpatient', to: 'daycase' }, negativeThreshold: { from: null, to: 0.125 } } } });
    expect((entry!.detail as { changed: object }).changed).not.toHaveProperty('question');
    expect((await b.post('/admin/org/units/W1', { name: '', setting: 'daycase', question: 'fft-2020' })).status).toBe(400);
    const twoLines = await b.post('/admin/org/units/W1', { name: 'Ward One\r\nSurgery', setting: 'daycase', question: 'fft-2020' });
    expect(twoLines.status).toBe(400);
    expect(await twoLines.text()).toContain('The name must be on one line');
    expect((await t.store.getUnit('W1'))?.name).toBe('Ward One');
    expect((await b.post('/admin/org/units/NOPE', { name: 'x', setting: 'daycase', question: 'fft-2020' })).status).toBe(404);
  });

  it('re-sets a unit from this month on, saying so beside the setting, and an import from the month it is made in', async () => {
    const b = await signedIn();
    const months = async () => (await t.store.unitSettings({ fromMonth: '2026-10', toMonth: '2026-12' })).filter((s) => s.unitCode === 'W1').map((s) => `${s.month} ${s.setting}`);
    const fields = { name: 'Ward 1', setting: 'ae', specialty1: '300', specialty2: '', question: 'fft-2020', threshold: '' };
    const hint = 'A new setting counts from November 2026: from then on this unit is in that setting’s monthly return, and earlier months stay in the Inpatient return.';
    expect((await b.html('/admin/org/units/W1')).text).toContain(hint);
    expect((await b.post('/admin/org/units/W1', fields)).status).toBe(303);
    expect(await lastAudit('unit.update')).toMatchObject({ detail: { changed: { setting: { from: 'inpatient', to: 'ae' } }, settingFrom: '2026-11' } });
    expect(await months()).toEqual(['2026-10 inpatient', '2026-11 ae', '2026-12 ae']);
    // Still November: the months before it keep the setting the ward had in October.
    expect((await b.html('/admin/org/units/W1')).text).toContain(hint);
    // Saved again unchanged, nothing moves; in December, an import re-sets it from December.
    expect((await b.post('/admin/org/units/W1', { ...fields, name: 'Ward One' })).status).toBe(303);
    expect(await lastAudit('unit.update')).not.toHaveProperty('detail.settingFrom');
    t.clock.set('2026-12-05T10:00:00Z');
    const december = await signedIn();
    expect((await december.html('/admin/org/units/W1')).text).toContain('A new setting counts from December 2026: from then on this unit is in that setting’s monthly return, and earlier months stay in the A&amp;E return.');
    const res = await december.post('/admin/org/import', { csv: `${ORG_HEADER}\nQAA,Test ICB,RAA,Test Trust,RAA01,General,W1,Ward One,daycase,300,,fft-2020\n` });
    expect(res.headers.get('location')).toBe('/admin/org?done=imported&created=0&updated=1&new-setting=W1');
    expect(await months()).toEqual(['2026-10 inpatient', '2026-11 ae', '2026-12 daycase']);
    expect(await lastAudit('org.import')).toMatchObject({ detail: { unitsWithNewSetting: ['W1'] } });
    expect((await december.html(res.headers.get('location')!)).text).toContain('In another setting’s monthly return from December 2026, earlier months keeping the old one: W1.');
    // The same file again gives no unit a new setting.
    expect((await december.post('/admin/org/import', { csv: `${ORG_HEADER}\nQAA,Test ICB,RAA,Test Trust,RAA01,General,W1,Ward One,daycase,300,,fft-2020\n` })).headers.get('location')).toBe('/admin/org?done=imported&created=0&updated=1');
  });

  it('deactivates a unit (its web form closes at once) and reactivates it', async () => {
    const b = await signedIn();
    expect((await t.app.request('/f/DN')).status).toBe(200);
    expect((await b.post('/admin/org/units/DN/active', { active: '0' })).status).toBe(303);
    expect((await t.store.getUnit('DN'))?.active).toBe(false);
    expect((await t.app.request('/f/DN')).status).toBe(404);
    expect((await b.html('/admin/org')).text).toMatch(/District Nurses[\s\S]*?Inactive/);
    // Editing an inactive unit keeps it inactive.
    await b.post('/admin/org/units/DN', { name: 'District Nursing', setting: 'community', question: 'fft-2013', threshold: '' });
    expect(await t.store.getUnit('DN')).toMatchObject({ name: 'District Nursing', active: false });
    expect((await b.post('/admin/org/units/DN/active', { active: '1' })).status).toBe(303);
    expect((await t.store.getUnit('DN'))?.active).toBe(true);
    expect(await actions()).toEqual(expect.arrayContaining(['unit.deactivate', 'unit.reactivate']));
  });

  it('opens a unit and a site coded new (the organisation file has always taken it) for editing; the add pages are elsewhere', async () => {
    const b = await signedIn();
    const org = (await b.html('/admin/org')).text;
    expect(org).toContain('href="/admin/org/add-unit"');
    expect(org).toContain('href="/admin/org/add-site"');
    // An old link to the add pages still finds them while nothing has that code.
    expect((await b.request('/admin/org/units/new')).headers.get('location')).toBe('/admin/org/add-unit');
    expect((await b.request('/admin/org/sites/new')).headers.get('location')).toBe('/admin/org/add-site');
    const imported = await b.post('/admin/org/import', { csv: `${ORG_HEADER}\nQAA,Test ICB,RAA,Test Trust,new,New Wing,new,New Ward,inpatient,,,\n` });
    expect(imported.status).toBe(303);
    const unit = await b.html('/admin/org/units/new');
    expect(unit.status).toBe(200);
    expect(unit.text).toContain('<bdi>New Ward</bdi> <span class="fft-code">new</span>');
    expect(unit.text).toContain('value="New Ward"');
    expect((await b.post('/admin/org/units/new', { name: 'Newlands Ward', setting: 'inpatient', question: 'fft-2020', threshold: '' })).status).toBe(303);
    expect((await t.store.getUnit('new'))?.name).toBe('Newlands Ward');
    const site = await b.html('/admin/org/sites/new');
    expect(site.status).toBe(200);
    expect(site.text).toContain('<bdi>New Wing</bdi> <span class="fft-code">site new</span>');
    for (const path of ['/admin/org/add-unit', '/admin/org/add-site']) {
      const add = await b.html(path);
      expect(add.status, path).toBe(200);
      expect(add.text, path).toContain(path.endsWith('unit') ? '<h1>Add a unit</h1>' : '<h1>Add a site</h1>');
    }
  });
});

describe('ward tablets', () => {
  it('creates a tablet, shows its pairing code once, and the code pairs it', async () => {
    const b = await signedIn();
    const res = await b.post('/admin/kiosks', { unit: 'W1', label: 'Bay 2' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const code = html.match(/data-testid="pairing-code">\s*([A-Z2-9]{4}-[A-Z2-9]{4})/)![1]!;
    expect(html).toContain(`http://localhost:3000/kiosk/#pair=${code}`);
    expect(html).toMatch(/<img[^>]+src="data:image\/png;base64,/);
    const [kiosk] = await t.store.listKiosks(['W1']);
    expect(kiosk).toMatchObject({ unitCode: 'W1', label: 'Bay 2' });
    expect(await lastAudit('kiosk.create')).toMatchObject({ target: kiosk!.id, detail: { unit: 'W1' } });

    const paired = await t.app.request('/kiosk/api/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(paired.status).toBe(200);
    const { token } = (await paired.json()) as { token: string };
    await t.app.request('/kiosk/api/heartbeat', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ unsent: 7 }) });
    const list = (await b.html('/admin/kiosks')).text;
    expect(list).toContain('Paired');
    expect(list).toContain('22 Nov 2026, 10:00');
    expect(list).toMatch(/<td class="fft-num">7<\/td>/);
    // The page lists tablets but never repeats a code.
    expect(list).not.toContain(code);
  });

  it('gives a new pairing code and revokes a tablet, audit-logged', async () => {
    const b = await signedIn();
    await b.post('/admin/kiosks', { unit: 'ED', label: '' });
    const [kiosk] = await t.store.listKiosks(['ED']);
    const renewed = await b.post(`/admin/kiosks/${kiosk!.id}/pairing`, {});
    expect(renewed.status).toBe(200);
    expect(await renewed.text()).toMatch(/data-testid="pairing-code">\s*[A-Z2-9]{4}-[A-Z2-9]{4}/);
    const revoked = await b.post(`/admin/kiosks/${kiosk!.id}/revoke`, {});
    expect(revoked.headers.get('location')).toBe('/admin/kiosks?done=revoked');
    expect((await t.store.getKiosk(kiosk!.id))?.revokedAt).toBe('2026-11-22T10:00:00.000Z');
    expect(await actions()).toEqual(expect.arrayContaining(['kiosk.create', 'kiosk.pairing', 'kiosk.revoke']));
    for (const action of ['kiosk.create', 'kiosk.pairing', 'kiosk.revoke']) {
      expect(await lastAudit(action), action).toMatchObject({ actor: expect.stringMatching(/^user:/), target: kiosk!.id, detail: { unit: 'ED', address: expect.any(String) } });
    }
    expect((await b.post('/admin/kiosks/nope/revoke', {})).status).toBe(404);
    // A closed ward's tablet gets no new code.
    expect(await t.store.updateUnit('ED', { active: false })).toBe(true);
    try {
      const closed = await b.post(`/admin/kiosks/${kiosk!.id}/pairing`, {});
      expect(closed.status).toBe(400);
      const text = await closed.text();
      expect(text).toContain('is no longer active');
      // The error is this tablet's, not the Add a tablet form's: it links to no field there.
      expect(text).not.toContain('href="#unit"');
      expect(text).not.toMatch(/id="unit"[^>]*aria-invalid="true"|nhsuk-select--error/);
      expect((await t.store.getKiosk(kiosk!.id))?.revokedAt).toBe('2026-11-22T10:00:00.000Z');
    } finally {
      await t.store.updateUnit('ED', { active: true });
    }
  });

  it('adds one tablet from a form sent twice (a refresh, a double click), and says so the second time', async () => {
    const b = await signedIn();
    const form = (await b.html('/admin/kiosks')).text;
    const id = form.match(/name="id" value="([0-9a-f-]{36})"/)![1]!;
    const before = (await t.store.listKiosks(['DN'])).length;
    const [first, second] = await Promise.all([b.post('/admin/kiosks', { unit: 'DN', label: 'Twice', id }), b.post('/admin/kiosks', { unit: 'DN', label: 'Twice', id })]);
    expect([first.status, second.status].sort()).toEqual([201, 303]);
    const again = first.status === 303 ? first : second;
    expect(again.headers.get('location')).toBe('/admin/kiosks?done=already-added');
    expect((await b.html('/admin/kiosks?done=already-added')).text).toContain('That tablet was already added');
    expect((await b.post('/admin/kiosks', { unit: 'DN', label: 'Twice', id })).status).toBe(303);
    const kiosks = await t.store.listKiosks(['DN']);
    expect(kiosks).toHaveLength(before + 1);
    expect(kiosks.find((k) => k.label === 'Twice')?.id).toBe(id);
    expect((await t.store.listAudit(500)).filter((a) => a.action === 'kiosk.create' && a.target === id)).toHaveLength(1);
    // The page after adding offers a new form, with a new id.
    const shown = await (first.status === 201 ? first : second).text();
    expect(shown.match(/name="id" value="([0-9a-f-]{36})"/)![1]).not.toBe(id);
    // An id that is not one (hand-made) is replaced, never stored as sent.
    expect((await b.post('/admin/kiosks', { unit: 'DN', label: 'Odd', id: 'x' })).status).toBe(201);
    expect((await t.store.listKiosks(['DN'])).find((k) => k.label === 'Odd')?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('asks for the unit when none is chosen', async () => {
    const b = await signedIn();
    const res = await b.post('/admin/kiosks', { unit: '', label: '' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Choose the unit the tablet is for');
    expect(await t.store.listKiosks(['W1', 'ED', 'DN'])).toEqual([]);
  });
});

describe('users', () => {
  it('adds a user who can then sign in, with the role and scopes given', async () => {
    const b = await signedIn();
    const res = await b.post('/admin/users', { email: 'Sister.Jones@NHS.test', role: 'matron', scopes: 'unit:W1\nunit:ED', password: 'a long enough password' });
    expect(res.status).toBe(303);
    const user = await t.store.findUserByEmail('sister.jones@nhs.test');
    expect(user).toMatchObject({ role: 'matron', scopes: ['unit:W1', 'unit:ED'], active: true });
    expect(await lastAudit('user.add')).toMatchObject({ target: user!.id, detail: { email: 'sister.jones@nhs.test', role: 'matron', scopes: ['unit:W1', 'unit:ED'] } });
    expect(JSON.stringify(await t.store.listAudit(100))).not.toContain('a long enough password');
    expect((await browser(t.app).signIn('sister.jones@nhs.test', 'a long enough password')).status).toBe(303);
    // Her own address in the password: the first thing a guesser tries.
    const own = await b.post('/admin/users', { email: 'ward.sister@nhs.test', role: 'matron', scopes: 'unit:W1', password: 'ward.sister-2026!' });
    expect(own.status).toBe(400);
    expect(await t.store.findUserByEmail('ward.sister@nhs.test')).toBeUndefined();
  });

  it('says what is wrong with a new user and adds nobody', async () => {
    const b = await signedIn();
    const res = await b.post('/admin/users', { email: 'matron@nhs.test', role: 'kiosk', scopes: 'unit:NOPE ward:W1', password: 'short' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('There is already a user with email \u2068matron@nhs.test\u2069');
    expect(html).toContain('Choose a role');
    expect(html).toContain('there is no unit with code \u2068NOPE\u2069');
    expect(html).toContain('“\u2068ward:W1\u2069” is not a scope');
    expect(html).toContain('The password must be at least 12 characters');
    const noScope = await b.post('/admin/users', { email: 'c@nhs.test', role: 'commissioner', scopes: '', password: TEST_PASSWORD });
    expect(await noScope.text()).toContain('A commissioner needs at least one scope');
    // A scope that does not fit the role: a commissioner's returns hold whole trusts; a matron is not an ICB's.
    const unitCommissioner = await b.post('/admin/users', { email: 'c2@nhs.test', role: 'commissioner', scopes: 'unit:W1', password: TEST_PASSWORD });
    expect(unitCommissioner.status).toBe(400);
    expect(await unitCommissioner.text()).toContain('scopes are trust:CODE or icb:CODE, not unit:W1');
    const icbMatron = await b.post('/admin/users', { email: 'm3@nhs.test', role: 'matron', scopes: 'icb:QAA', password: TEST_PASSWORD });
    expect(await icbMatron.text()).toContain('scopes are unit:CODE or site:CODE, not icb:QAA');
    expect((await t.store.listUsers()).map((u) => u.email).sort()).toEqual(['admin@nhs.test', 'matron@nhs.test']);
  });

  it('refuses scopes for an admin, as fft user add does: they would not limit the admin pages', async () => {
    const b = await signedIn();
    const scoped = await b.post('/admin/users', { email: 'ward.admin@nhs.test', role: 'admin', scopes: 'unit:W1', password: TEST_PASSWORD });
    expect(scoped.status).toBe(400);
    expect(await scoped.text()).toContain('An admin sees everything: leave the scopes empty');
    expect(await t.store.findUserByEmail('ward.admin@nhs.test')).toBeUndefined();
    const matronId = (await t.store.findUserByEmail('matron@nhs.test'))!.id;
    expect((await b.post(`/admin/users/${matronId}/role`, { role: 'admin', scopes: 'unit:W1' })).status).toBe(400);
    expect(await t.store.getUser(matronId)).toMatchObject({ role: 'matron', scopes: ['unit:W1'] });
  });

  it('deactivating a user ends their session at once', async () => {
    const matron = await signedIn('matron@nhs.test');
    expect((await matron.request('/entry')).status).toBe(200);
    const id = (await t.store.findUserByEmail('matron@nhs.test'))!.id;
    const b = await signedIn();
    expect((await b.post(`/admin/users/${id}/active`, { active: '0' })).status).toBe(303);
    const after = await matron.request('/entry');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/signin?next=%2Fentry');
    expect((await matron.signIn('matron@nhs.test')).status).toBe(401);
    expect(await lastAudit('user.deactivate')).toMatchObject({ target: id, detail: { email: 'matron@nhs.test', sessionsEnded: 1 } });
    expect((await b.post(`/admin/users/${id}/active`, { active: '1' })).status).toBe(303);
    expect((await matron.signIn('matron@nhs.test')).status).toBe(303);
  });

  it('changes role and scopes (signing the user out), unlocks, and resets a password', async () => {
    const matron = await signedIn('matron@nhs.test');
    const id = (await t.store.findUserByEmail('matron@nhs.test'))!.id;
    const b = await signedIn();
    expect((await b.post(`/admin/users/${id}/role`, { role: 'commissioner', scopes: 'trust:RAA' })).status).toBe(303);
    expect(await t.store.getUser(id)).toMatchObject({ role: 'commissioner', scopes: ['trust:RAA'] });
    expect((await matron.request('/entry')).status).toBe(303);
    expect(await lastAudit('user.role')).toMatchObject({ detail: { from: { role: 'matron', scopes: ['unit:W1'] }, to: { role: 'commissioner', scopes: ['trust:RAA'] } } });

    await t.store.updateUser(id, { failedSignIns: 0, lockedUntil: '2026-11-22T10:15:00.000Z' });
    expect((await b.html(`/admin/users/${id}`)).text).toContain('Locked');
    expect((await b.post(`/admin/users/${id}/unlock`, {})).status).toBe(303);
    expect(await t.store.getUser(id)).toMatchObject({ failedSignIns: 0, lockedUntil: null });

    expect((await b.post(`/admin/users/${id}/password`, { password: 'too short' })).status).toBe(400);
    // Easily guessed, or her own address in it: refused here as by `fft user add`.
    const guessable = await b.post(`/admin/users/${id}/password`, { password: 'qwertyuiopas' });
    expect(guessable.status).toBe(400);
    expect(await guessable.text()).toContain('The password');
    // On the lists guessers start with, though long enough and no run or repeat.
    const common = await b.post(`/admin/users/${id}/password`, { password: 'football1234' });
    expect(common.status).toBe(400);
    expect(await common.text()).toContain('The password is too easy to guess: it is, or is close to, a commonly used password');
    expect((await b.post(`/admin/users/${id}/password`, { password: 'matron-spring-2026' })).status).toBe(400);
    expect((await b.post(`/admin/users/${id}/password`, { password: 'a brand new passphrase' })).status).toBe(303);
    expect((await browser(t.app).signIn('matron@nhs.test')).status).toBe(401);
    expect((await browser(t.app).signIn('matron@nhs.test', 'a brand new passphrase')).status).toBe(303);
    expect(await actions()).toEqual(expect.arrayContaining(['user.role', 'user.unlock', 'user.password']));
  });

  it('will not let an admin deactivate or demote themself', async () => {
    const b = await signedIn();
    const own = await b.post(`/admin/users/${adminId}/active`, { active: '0' });
    expect(own.status).toBe(400);
    expect(await own.text()).toContain('You cannot deactivate your own account');
    expect((await b.post(`/admin/users/${adminId}/role`, { role: 'matron', scopes: 'unit:W1' })).status).toBe(400);
    expect(await t.store.getUser(adminId)).toMatchObject({ role: 'admin', active: true });
    expect((await b.html('/admin/users/nobody')).status).toBe(404);
  });
});

describe('integration tokens', () => {
  it('makes a token shown once that works on the API, and revokes it', async () => {
    const b = await signedIn();
    const res = await b.post('/admin/tokens', { label: 'PAS feed', role: 'integration', scopes: 'site:RAA01' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const token = (await res.text()).match(/value="(fft_[\w-]+)"/)![1]!;
    const record = (await t.store.listTokens()).find((x) => x.label === 'PAS feed')!;
    expect(record).toMatchObject({ role: 'integration', scopes: ['site:RAA01'] });
    expect(await lastAudit('token.create')).toMatchObject({ target: record.id, detail: { role: 'integration', scopes: ['site:RAA01'], label: 'PAS feed' } });
    expect((await t.post({ unit: 'W1', answer: 1, channel: 'import' }, token)).status).toBe(201);
    expect((await b.html('/admin/tokens')).text).not.toContain(token);

    expect((await b.post(`/admin/tokens/${record.id}/revoke`, {})).status).toBe(303);
    expect((await t.post({ unit: 'W1', answer: 1, channel: 'import' }, token)).status).toBe(401);
    expect(await lastAudit('token.revoke')).toMatchObject({ target: record.id });
  });

  it('asks what a token is for and refuses an unknown scope', async () => {
    const b = await signedIn();
    const before = (await t.store.listTokens()).length;
    const res = await b.post('/admin/tokens', { label: '', role: 'integration', scopes: 'trust:NOPE' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Say what the token is for');
    expect(html).toContain('there is no trust with code \u2068NOPE\u2069');
    expect((await t.store.listTokens()).length).toBe(before);
  });

  it('refuses scopes that do not fit the role, as fft token create does', async () => {
    const b = await signedIn();
    const before = (await t.store.listTokens()).length;
    const cases: [string, string, string][] = [
      ['admin', 'unit:W1', 'An admin sees everything: leave the scopes empty'],
      ['matron', 'trust:RAA', 'scopes are unit:CODE or site:CODE, not trust:RAA'],
      ['commissioner', 'unit:W1', 'scopes are trust:CODE or icb:CODE, not unit:W1'],
      ['matron', '', 'A matron needs at least one scope'],
    ];
    for (const [role, scopes, message] of cases) {
      const res = await b.post('/admin/tokens', { label: 'BI tool', role, scopes });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect((await t.store.listTokens()).length).toBe(before);
    expect((await b.post('/admin/tokens', { label: 'BI tool', role: 'integration', scopes: 'unit:W1' })).status).toBe(201);
  });
});

describe('eligible counts', () => {
  it('sets one unit’s count for a month from the form', async () => {
    const b = await signedIn();
    expect((await b.post('/admin/eligible', { unit: 'W1', month: '2026-10', eligible: '240' })).status).toBe(303);
    expect(await t.store.eligibleCounts({ unitCodes: ['W1'], fromMonth: '2026-10', toMonth: '2026-10' })).toEqual([{ unitCode: 'W1', month: '2026-10', count: 240 }]);
    expect(await lastAudit('eligible.set')).toMatchObject({ target: 'W1', detail: { month: '2026-10', eligible: 240 } });
    expect((await b.html('/admin/eligible?month=2026-10')).text).toMatch(/Ward 1[\s\S]*?<td class="fft-num">240<\/td>/);
    const bad = await b.post('/admin/eligible', { unit: 'NOPE', month: '2026-13', eligible: '-4' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    for (const m of ['Choose the unit', 'Enter the month as YYYY-MM', 'Enter the number of eligible patients']) expect(html).toContain(m);
  });

  it('imports the fft eligible import CSV, and a file with a bad line or unknown unit not at all', async () => {
    const b = await signedIn();
    const ok = await b.post('/admin/eligible/import', { csv: 'unit_code,month,eligible\nW1,2026-09,100\nED,2026-09,900\n' });
    expect(ok.headers.get('location')).toBe('/admin/eligible?done=imported&n=2&month=2026-09');
    expect((await t.store.eligibleCounts({ unitCodes: ['W1', 'ED'], fromMonth: '2026-09', toMonth: '2026-09' })).map((e) => e.count)).toEqual([900, 100]);
    expect(await lastAudit('eligible.import')).toMatchObject({ detail: { items: 2 } });

    const bad = await b.post('/admin/eligible/import', { csv: 'unit_code,month,eligible\nW1,2026-08,50\nED,Aug,x\n' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Line 3: month must be a month YYYY-MM');
    const unknown = await b.upload('/admin/eligible/import', { file: new File(['unit_code,month,eligible\nW1,2026-08,50\nNOPE,2026-08,5\n'], 'e.csv') });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Line 3: there is no unit with code \u2068NOPE\u2069');
    // A line with no unit is named by the file's column, in words, not the schema's.
    const noUnit = await b.post('/admin/eligible/import', { csv: 'unit_code,month,eligible\nW1,2026-08,50\n,2026-08,5\n' });
    expect(noUnit.status).toBe(400);
    expect(await noUnit.text()).toContain('Line 3: unit_code is required');
    expect(await t.store.eligibleCounts({ unitCodes: ['W1', 'ED'], fromMonth: '2026-08', toMonth: '2026-08' })).toEqual([]);
    // One unit and month twice: which is meant? Nothing is imported, and the second line is named.
    const twice = await b.post('/admin/eligible/import', { csv: 'unit_code,month,eligible\nW1,2026-08,100\nED,2026-08,9\nW1,2026-08,5\n' });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('Line 4: \u2068W1\u2069 2026-08 is already on line 2');
    const words = await b.post('/admin/eligible/import', { csv: 'unit_code,month,eligible\nW1,2026-08,-5\nED,2026-08,1e3\n' });
    const said = await words.text();
    expect(said).toContain('Line 2: eligible must be a whole number of patients, like 120');
    expect(said).toContain('Line 3: eligible must be a whole number of patients, like 120');
    expect(await t.store.eligibleCounts({ unitCodes: ['W1', 'ED'], fromMonth: '2026-08', toMonth: '2026-08' })).toEqual([]);
  });

  it('refuses a month still to come on the form and in a file; the current month is allowed', async () => {
    // The test clock is 22 November 2026.
    const b = await signedIn();
    const next = await b.post('/admin/eligible', { unit: 'W1', month: '2026-12', eligible: '240' });
    expect(next.status).toBe(400);
    const html = await next.text();
    expect(html).toContain('nhsuk-error-summary');
    expect(html).toContain('December 2026 has not started yet: enter November 2026 or earlier');
    const file = await b.post('/admin/eligible/import', { csv: 'unit_code,month,eligible\nW1,2026-11,100\nED,2030-01,900\n' });
    expect(file.status).toBe(400);
    expect(await file.text()).toContain('Line 3: month 2030-01 has not started yet');
    expect(await t.store.eligibleCounts({ unitCodes: ['W1', 'ED'], fromMonth: '2026-01', toMonth: '2030-12' })).toEqual([]);
    expect((await b.post('/admin/eligible', { unit: 'W1', month: '2026-11', eligible: '240' })).status).toBe(303);
    expect(await t.store.eligibleCounts({ unitCodes: ['W1'], fromMonth: '2026-11', toMonth: '2026-11' })).toEqual([{ unitCode: 'W1', month: '2026-11', count: 240 }]);
  });

  it('names every problem of a file in one reading: a bad line and an unknown unit together', async () => {
    const b = await signedIn();
    const res = await b.post('/admin/eligible/import', { csv: 'unit_code,month,eligible\nNOPE,2026-08,5\nW1,Aug,50\n' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('the file has 2 problems');
    expect(html).toContain('Line 2: there is no unit with code \u2068NOPE\u2069');
    expect(html).toContain('Line 3: month must be a month YYYY-MM');
  });

  it('warns, after saving, of a count below the responses already stored, naming the unit, and saves it all the same', async () => {
    await t.give('W1', '2026-10-20', [1, 1, 2, 4, 6]);
    await t.give('ED', '2026-11-20', [1, 2, 2]);
    const b = await signedIn();
    const low = await b.post('/admin/eligible', { unit: 'W1', month: '2026-10', eligible: '3' });
    expect(low.status).toBe(303);
    expect(await t.store.eligibleCounts({ unitCodes: ['W1'], fromMonth: '2026-10', toMonth: '2026-10' })).toEqual([{ unitCode: 'W1', month: '2026-10', count: 3 }]);
    const warned = (await b.html(low.headers.get('location')!)).text;
    expect(warned).toContain('The eligible count was saved.');
    expect(warned).toMatch(/data-testid="eligible-below-responses"[\s\S]*Ward 1<\/bdi> <span class="fft-code">W1<\/span>, October 2026: 3 eligible, 5 responses/);
    // A count at or above the responses is no cause for a warning.
    const fine = await b.post('/admin/eligible', { unit: 'W1', month: '2026-10', eligible: '5' });
    expect((await b.html(fine.headers.get('location')!)).text).not.toContain('eligible-below-responses');
    // An import over two months is checked over both: ED's November count is below its 3 answers.
    const file = await b.post('/admin/eligible/import', { csv: 'unit_code,month,eligible\nW1,2026-10,120\nED,2026-11,2\n' });
    expect(file.headers.get('location')).toBe('/admin/eligible?done=imported&n=2&month=2026-11&from=2026-10');
    const imported = (await b.html(file.headers.get('location')!)).text;
    expect(imported).toMatch(/data-testid="eligible-below-responses"[\s\S]*ED<\/span>, November 2026: 2 eligible, 3 responses/);
    expect(imported).not.toMatch(/W1<\/span>, October 2026/);
  });
});

/** The SMS fields of the settings form as a fresh service has them: no window of the admin's, not paused. */
const SMS_AS_IS = { smsWindowStart: '', smsWindowEnd: '', smsPaused: 'no' };
/** The settings form with every field at its default, and `sms` over the SMS fields. */
const settingsForm = (sms: Record<string, string>) => ({ staffNamesInternal: 'keep', burstCount: '10', burstSeconds: '30', excludeFlagged: 'yes', ...SMS_AS_IS, ...sms });

/** The admin pages over the test store, with `env` as the environment they show. */
function appWithEnv(env: Record<string, string>) {
  const deps: WebAppDeps = { store: t.store, clock: t.clock, secret: SECRET, publicUrl: 'http://localhost:3000', writer: t.writer, settings: createSettings(t.store, t.clock), sessionMaxMs: 12 * 3600_000, passwordCost: TEST_PASSWORD_COST };
  const a = new Hono();
  a.route('/', signInRoutes(deps));
  a.route('/', adminRoutes(deps, { env }));
  return a;
}

/** The settings as stored, read afresh (not through any page's cache). */
const storedSettings = () => createSettings(t.store, t.clock).get();

describe('thresholds and settings', () => {
  it('sets per-unit alert thresholds, all or none', async () => {
    const b = await signedIn();
    await t.store.setUnitThreshold('ED', 0.3);
    expect((await b.post('/admin/thresholds', { 'threshold-W1': '25', 'threshold-ED': '', 'threshold-DN': '' })).status).toBe(303);
    expect((await t.store.getUnit('W1'))?.negativeThreshold).toBe(0.25);
    expect((await t.store.getUnit('ED'))?.negativeThreshold).toBeNull();
    const audits = (await t.store.listAudit(100)).filter((a) => a.action === 'unit.threshold');
    expect(audits.map((a) => [a.target, a.detail])).toEqual(expect.arrayContaining([['W1', { from: null, to: 0.25 }], ['ED', { from: 0.3, to: null }]]));
    expect(audits).toHaveLength(2);

    const bad = await b.post('/admin/thresholds', { 'threshold-W1': '10', 'threshold-ED': 'lots' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('\u2068Emergency Department\u2069: the threshold must be a percentage above 0 and below 100');
    expect((await t.store.getUnit('W1'))?.negativeThreshold).toBe(0.25);
    // 0% would flag every day, and the alert check refuses it: stored, it stopped all the unit's alerts.
    const zero = await b.post('/admin/thresholds', { 'threshold-W1': '0', 'threshold-ED': '' });
    expect(zero.status).toBe(400);
    expect(await zero.text()).toContain('the threshold must be a percentage above 0 and below 100');
    expect((await t.store.getUnit('W1'))?.negativeThreshold).toBe(0.25);
    // A day alerts only above its threshold, and no day is above 100%: stored, it would never alert.
    const all = await b.post('/admin/thresholds', { 'threshold-W1': '100', 'threshold-ED': '' });
    expect(all.status).toBe(400);
    expect(await all.text()).toContain('\u2068Ward 1\u2069: the threshold must be a percentage above 0 and below 100');
    expect((await t.store.getUnit('W1'))?.negativeThreshold).toBe(0.25);
    expect((await b.post('/admin/thresholds', { 'threshold-W1': '99.99', 'threshold-ED': '' })).status).toBe(303);
    expect((await t.store.getUnit('W1'))?.negativeThreshold).toBe(0.9999);
  });

  it('saves the redaction and gaming-guard settings, seen by the API at once', async () => {
    const b = await signedIn();
    const res = await b.post('/admin/settings', { staffNamesInternal: 'redact', burstCount: '12', burstSeconds: '40', excludeFlagged: 'no', ...SMS_AS_IS });
    expect(res.status).toBe(303);
    expect((await t.get('/api/v1/settings')).body).toEqual({ staffNamesInternal: 'redact', burstCount: 12, burstSeconds: 40, excludeFlagged: false, smsWindow: null, smsPaused: false });
    // Only what changed is logged: the SMS fields, left as they were, are not.
    expect(await lastAudit('settings.update')).toMatchObject({ target: 'service', detail: { staffNamesInternal: 'redact', burstCount: 12, burstSeconds: 40, excludeFlagged: false } });
    expect((await lastAudit('settings.update'))!.detail).not.toHaveProperty('smsPaused');
    const bad = await b.post('/admin/settings', { staffNamesInternal: 'shout', burstCount: '1', burstSeconds: 'soon', excludeFlagged: 'yes', ...SMS_AS_IS });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    for (const m of ['Choose whether staff names are shown', 'whole number from 2 to 1000', 'whole number from 1 to 3600']) expect(html).toContain(m);
    expect((await t.get('/api/v1/settings')).body.burstCount).toBe(12);
  });

  it('shows the SMS provider the environment configures, never its secrets, and a broken configuration plainly', async () => {
    const app = appWithEnv;
    const twilio = await signedIn('admin@nhs.test', app({ FFT_SMS_PROVIDER: 'twilio', FFT_TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef', FFT_TWILIO_AUTH_TOKEN: 'very-secret-token', FFT_TWILIO_FROM: '+447700900123', FFT_SMS_WINDOW: '10:00-19:00' }));
    const html = (await twilio.html('/admin/settings')).text;
    expect(html).toContain('Twilio');
    expect(html).toContain('AC0123456789abcdef0123456789abcdef');
    expect(html).toContain('10:00-19:00 (London time)');
    expect(html).not.toContain('very-secret-token');
    const broken = await signedIn('admin@nhs.test', app({ FFT_SMS_PROVIDER: 'notify' }));
    expect((await broken.html('/admin/settings')).text).toContain('Not usable: FFT_SMS_PROVIDER=notify needs');
    const none = await signedIn('admin@nhs.test', app({}));
    expect((await none.html('/admin/settings')).text).toContain('09:00-20:00 (London time)');
  });
});

describe('text message (SMS) settings', () => {
  const ENV = { FFT_SMS_PROVIDER: 'log', FFT_SMS_WINDOW: '10:00-19:00' };
  const settingsAudits = async () => (await t.store.listAudit(1000)).filter((a) => a.action === 'settings.update');

  it('lets an admin set the send window and pause invitation texts: stored, shown with where it comes from, audit-logged, read by the sender', async () => {
    const b = await signedIn('admin@nhs.test', appWithEnv(ENV));
    const before = (await b.html('/admin/settings')).text;
    expect(before).toContain('Text messages (SMS)');
    expect(before).toMatch(/data-testid="sms-window">\s*10:00-19:00 \(London time\), from <code>FFT_SMS_WINDOW<\/code> in the environment/);
    expect(before).toMatch(/data-testid="sms-sending">\s*Being sent/);
    expect(before).not.toContain('data-testid="sms-paused"');
    expect(before).toContain('type="time"');

    // "8:30", typed without its leading zero, is taken and stored as 08:30.
    const res = await b.post('/admin/settings', settingsForm({ smsWindowStart: '8:30', smsWindowEnd: '18:00', smsPaused: 'yes' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/settings?done=saved');
    expect(await storedSettings()).toMatchObject({ smsWindow: { start: '08:30', end: '18:00' }, smsPaused: true, burstCount: 10 });
    const entry = await lastAudit('settings.update');
    expect(entry).toMatchObject({ actor: `user:${adminId}`, target: 'service' });
    // Exactly what changed, nothing else.
    expect(entry!.detail).toEqual({ smsWindow: { start: '08:30', end: '18:00' }, smsPaused: true });

    const after = (await b.html('/admin/settings?done=saved')).text;
    expect(after).toMatch(/data-testid="sms-window">\s*08:30-18:00 \(London time\), set on this page by an admin/);
    expect(after).toContain('data-testid="sms-paused"');
    expect(after).toContain('Invitation texts are paused');
    expect(after).toMatch(/data-testid="sms-sending">\s*<strong>Paused/);
    expect(after).toMatch(/id="smsWindowStart"[^>]*value="08:30"|value="08:30"[^>]*id="smsWindowStart"/);
    expect(after).toMatch(/id="smsPaused-yes"[^>]*value="yes" checked/);

    // What fft serve's sender reads: the admin's window over the environment's, and the pause.
    const controls = adminSmsControls(createSettings(t.store, t.clock), { start: '10:00', end: '19:00' });
    expect(await controls.window()).toEqual({ start: '08:30', end: '18:00' });
    expect(await controls.paused()).toBe(true);

    // Resumed, and both times cleared: the environment's window applies again.
    t.clock.advance(60_000);
    expect((await b.post('/admin/settings', settingsForm({ smsWindowStart: '', smsWindowEnd: '', smsPaused: 'no' }))).status).toBe(303);
    expect(await storedSettings()).toMatchObject({ smsWindow: null, smsPaused: false });
    expect((await lastAudit('settings.update'))!.detail).toEqual({ smsWindow: null, smsPaused: false });
    expect(await settingsAudits()).toHaveLength(2);
    const cleared = (await b.html('/admin/settings')).text;
    expect(cleared).toMatch(/data-testid="sms-window">\s*10:00-19:00 \(London time\), from <code>FFT_SMS_WINDOW<\/code>/);
    expect(cleared).not.toContain('data-testid="sms-paused"');
    expect(await adminSmsControls(createSettings(t.store, t.clock), { start: '10:00', end: '19:00' }).window()).toEqual({ start: '10:00', end: '19:00' });

    // Saving again with nothing changed logs nothing.
    expect((await b.post('/admin/settings', settingsForm({}))).status).toBe(303);
    expect(await settingsAudits()).toHaveLength(2);
  });

  it('refuses a bad window or pause with 400, the field named and linked, and changes nothing', async () => {
    const b = await signedIn();
    expect((await b.post('/admin/settings', settingsForm({ smsWindowStart: '08:30', smsWindowEnd: '18:00' }))).status).toBe(303);
    const stored = await storedSettings();
    const audits = (await settingsAudits()).length;

    const cases: { fields: Record<string, string>; field: string; message: string }[] = [
      { fields: { smsWindowStart: '25:00', smsWindowEnd: '18:00' }, field: 'smsWindowStart', message: 'The time texts are sent from must be a 24-hour time HH:MM' },
      { fields: { smsWindowStart: '08:00', smsWindowEnd: 'teatime' }, field: 'smsWindowEnd', message: 'The time texts are sent until must be a 24-hour time HH:MM' },
      { fields: { smsWindowStart: '18:00', smsWindowEnd: '08:00' }, field: 'smsWindowEnd', message: 'The time texts are sent until must be after the time they are sent from (18:00)' },
      { fields: { smsWindowStart: '09:00', smsWindowEnd: '09:00' }, field: 'smsWindowEnd', message: 'must be after the time they are sent from (09:00)' },
      { fields: { smsWindowStart: '09:00', smsWindowEnd: '' }, field: 'smsWindowEnd', message: 'Enter the time texts are sent until, or leave both times empty' },
      { fields: { smsWindowStart: '', smsWindowEnd: '20:00' }, field: 'smsWindowStart', message: 'Enter the time texts are sent from, or leave both times empty' },
      { fields: { smsPaused: 'maybe' }, field: 'smsPaused-no', message: 'Choose whether invitation texts are sent or paused' },
    ];
    for (const { fields, field, message } of cases) {
      // Another change rides along, valid on its own: it is not saved either.
      const res = await b.post('/admin/settings', settingsForm({ burstCount: '20', smsWindowStart: '08:30', smsWindowEnd: '18:00', ...fields }));
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const html = await res.text();
      expect(html, JSON.stringify(fields)).toContain('There is a problem');
      // The error summary links to the field, and the message is by the field too.
      expect(html, JSON.stringify(fields)).toMatch(new RegExp(`<a href="#${field}">[^<]*${message.replace(/[()]/g, '\\$&')}`));
      expect(html).toContain(`id="${field.replace(/-no$/, '')}-error"`);
      // What was typed stays in the form to be put right.
      if (fields.smsWindowEnd) expect(html).toContain(`value="${fields.smsWindowEnd}"`);
    }
    expect(await storedSettings()).toEqual(stored);
    expect(await settingsAudits()).toHaveLength(audits);
  });

  it('gives a matron 404 for the SMS settings and changes nothing, and refuses a POST without the CSRF token', async () => {
    const matron = await signedIn('matron@nhs.test');
    const page = await matron.html('/admin/settings');
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('Text messages (SMS)');
    const res = await matron.post('/admin/settings', settingsForm({ smsWindowStart: '06:00', smsWindowEnd: '23:00', smsPaused: 'yes' }));
    expect(res.status).toBe(404);
    const admin = await signedIn();
    expect((await admin.form('/admin/settings', settingsForm({ smsPaused: 'yes' }))).status).toBe(403);
    const stored = await storedSettings();
    expect(stored.smsWindow ?? null).toBeNull();
    expect(stored.smsPaused ?? false).toBe(false);
    expect(await settingsAudits()).toHaveLength(0);
  });
});

describe('audit log', () => {
  it('shows the log newest first, by email, and filters by kind of action', async () => {
    const b = await signedIn();
    t.clock.advance(60_000);
    await b.post('/admin/users', { email: 'new@nhs.test', role: 'matron', scopes: 'unit:W1', password: TEST_PASSWORD });
    t.clock.advance(60_000);
    await b.post('/admin/org/units/W1/active', { active: '0' });
    const all = (await b.html('/admin/audit')).text;
    const deactivate = all.indexOf('<code>unit.deactivate</code>');
    const add = all.indexOf('<code>user.add</code>');
    const signin = all.indexOf('<code>signin</code>');
    expect(deactivate).toBeGreaterThan(0);
    expect(deactivate).toBeLessThan(add);
    expect(add).toBeLessThan(signin);
    expect(all).toContain('admin@nhs.test');
    expect(all).not.toContain(`user:${adminId}`);

    const users = (await b.html('/admin/audit?action=user')).text;
    expect(users).toContain('<code>user.add</code>');
    expect(users).not.toContain('<code>unit.deactivate</code>');
    expect(users).not.toContain('<code>signin</code>');
    // Something that is not an action name is ignored rather than refused.
    expect((await b.html('/admin/audit?action=%3Cscript%3E')).status).toBe(200);
  });
});
