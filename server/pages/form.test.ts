import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../testing.ts';
import { SETTINGS } from '../../analytics/fft.ts';
import { FORM_SENDS_PER_10_MINUTES } from './form.tsx';
import { serviceKind } from './strings.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.cleanup();
});

/** Opens the form as a browser would: the page, its CSRF cookie and hidden fields. */
async function open(path = '/f/W1') {
  const res = await t.app.request(path);
  const html = await res.text();
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const id = /name="id" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return { res, html, cookie, csrf, id };
}

function submit(path: string, fields: Record<string, string>, cookie: string, app = t.app, extra: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...extra },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('web form', () => {
  it('shows the unit’s question with answer choices and a CSRF-protected form', async () => {
    const { res, html, cookie, csrf } = await open();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(cookie).toMatch(/^fft_csrf=/);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    expect(csrf.length).toBeGreaterThan(20);
    expect(html).toContain('Overall, how was your experience of our service?');
    expect(html).toContain('Ward 1');
    for (const label of ['Very good', 'Good', 'Neither good nor poor', 'Poor', 'Very poor', 'Don&#39;t know']) expect(html).toContain(label);
    expect(html).toContain('name="comment"');
    expect(html).toContain('data-action="submit"');
    expect(html).toContain('/assets/nhsuk/nhsuk-frontend.min.css');
  });

  it('stores an answer (mode Online) and thanks the patient; a resubmit stores nothing more', async () => {
    const { cookie, csrf, id } = await open();
    const before = await t.store.countResponses();
    const res = await submit('/f/W1', { csrf, id, answer: '2', comment: 'Kind nurses 😊', ageBand: '65-74', ethnicity: 'K', website: '' }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/f/W1/thanks');
    expect(await t.store.getResponse(id)).toMatchObject({ unitCode: 'W1', answer: 2, channel: 'web', mode: 'online', comment: 'Kind nurses 😊', ageBand: '65-74', ethnicity: 'K', language: 'en' });
    expect((await submit('/f/W1', { csrf, id, answer: '2' }, cookie)).status).toBe(303);
    expect(await t.store.countResponses()).toBe(before + 1);
    const thanks = await t.app.request('/f/W1/thanks');
    expect(await thanks.text()).toContain('Thank you');
  });

  it('marks answers from a link sent home as Electronic Home', async () => {
    const { cookie, csrf, id, html } = await open('/f/W1?m=home');
    expect(html).toContain('action="/f/W1?m=home"');
    await submit('/f/W1?m=home', { csrf, id, answer: '1' }, cookie);
    expect(await t.store.getResponse(id)).toMatchObject({ mode: 'electronic-home' });
  });

  it('gives a home link’s answer a mode the setting’s return has: After Appointment in outpatients, Online in A&E', async () => {
    await t.store.upsertOrg([{ icbCode: 'QAA', icbName: 'Test ICB', trustCode: 'RAA', trustName: 'Test Trust', siteCode: 'RAA01', siteName: 'General', unitCode: 'OPD', unitName: 'Eye Clinic', setting: 'outpatient', specialty1: '130', specialty2: null, question: 'fft-2020' }]);
    for (const [unit, mode] of [['OPD', 'electronic-after-appointment'], ['ED', 'online']] as const) {
      const { cookie, csrf, id } = await open(`/f/${unit}?m=home`);
      expect((await submit(`/f/${unit}?m=home`, { csrf, id, answer: '1' }, cookie)).status).toBe(303);
      expect(await t.store.getResponse(id), unit).toMatchObject({ unitCode: unit, mode });
    }
  });

  it('refuses a POST without the CSRF token, or with another browser’s, storing nothing', async () => {
    const mine = await open();
    const theirs = await open();
    const before = await t.store.countResponses();
    expect((await submit('/f/W1', { answer: '1', id: mine.id }, mine.cookie)).status).toBe(403);
    expect((await submit('/f/W1', { answer: '1', id: mine.id, csrf: mine.csrf }, '')).status).toBe(403);
    expect((await submit('/f/W1', { answer: '1', id: mine.id, csrf: theirs.csrf }, mine.cookie)).status).toBe(403);
    expect(await t.store.countResponses()).toBe(before);
  });

  it('gives the form back, filled in, in the patient’s language with a fresh token when the CSRF cookie was lost; only the next Send stores', async () => {
    const { csrf, id } = await open('/f/W1?lang=pl');
    const before = await t.store.countResponses();
    // The cookie is gone (an in-app browser, a restored tab): the POST carries the old field only.
    const res = await submit('/f/W1?lang=pl', { csrf, id, answer: '4', comment: 'Długo czekałem', sex: 'female', website: '' }, '');
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('nie została jeszcze wysłana');
    expect(html).toContain('Wyślij');
    expect(html).toMatch(/<html lang="pl"/);
    expect(html).toMatch(/id="answer-4"[^>]*checked/);
    expect(html).toMatch(/id="sex-female"[^>]*checked/);
    expect(html).toContain('Długo czekałem');
    expect(html).not.toContain('This form has expired');
    expect(await t.store.countResponses()).toBe(before);
    // The page set a new cookie and signed a new field for it: sending again from it stores once.
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^fft_csrf=/);
    const fresh = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const freshId = /name="id" value="([^"]+)"/.exec(html)![1]!;
    expect(fresh).not.toBe(csrf);
    const again = await submit('/f/W1?lang=pl', { csrf: fresh, id: freshId, answer: '4', comment: 'Długo czekałem' }, cookie);
    expect(again.status).toBe(303);
    expect(await t.store.countResponses()).toBe(before + 1);
    expect(await t.store.getResponse(freshId)).toMatchObject({ answer: 4, comment: 'Długo czekałem', language: 'pl' });
  });

  it('re-renders after a staff sign-in changed the session cookie, without storing, and echoes nothing but what the patient entered', async () => {
    const { cookie, csrf, id } = await open();
    const before = await t.store.countResponses();
    const res = await submit('/f/W1', { csrf, id, answer: '2', comment: 'x', extra: '<script>alert(1)</script>' }, `${cookie}; fft_session=signed-in-since`);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('Your answer has not been sent yet. Please check it, then press Send again.');
    expect(html).not.toContain('alert(1)');
    expect(await t.store.countResponses()).toBe(before);
  });

  it('refuses a form sent from another website even with a good token, storing nothing; our own page’s post goes through', async () => {
    const { cookie, csrf, id } = await open();
    const before = await t.store.countResponses();
    const fromElsewhere = await submit('/f/W1', { csrf, id, answer: '5' }, cookie, t.app, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(fromElsewhere.status).toBe(403);
    expect(await fromElsewhere.text()).toContain('sent from another website');
    expect(await t.store.countResponses()).toBe(before);
    const ours = await submit('/f/W1', { csrf, id, answer: '1' }, cookie, t.app, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(ours.status).toBe(303);
    expect(await t.store.countResponses()).toBe(before + 1);
  });

  it('asks again, with an error, when no answer was chosen — keeping what was typed', async () => {
    const { cookie, csrf, id } = await open();
    const res = await submit('/f/W1', { csrf, id, comment: 'Forgot to pick' }, cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('Choose an answer');
    expect(html).toContain('Forgot to pick');
    expect(await t.store.getResponse(id)).toBeUndefined();
  });

  it('thanks a bot that filled the honeypot, and stores nothing', async () => {
    const { cookie, csrf, id } = await open();
    const res = await submit('/f/W1', { csrf, id, answer: '1', website: 'http://spam.example' }, cookie);
    expect(res.status).toBe(303);
    expect(await t.store.getResponse(id)).toBeUndefined();
  });

  it('does not say whether an unknown unit exists', async () => {
    const res = await t.app.request('/f/NOPE');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('This feedback link is not recognised');
  });

  it('asks the 2013 question for a unit that still uses it, and offers easy read', async () => {
    const { html } = await open('/f/DN');
    expect(html).toContain('How likely are you to recommend our service to friends and family');
    expect(html).toContain('Extremely likely');
    const easy = await open('/f/DN?easy=1');
    expect(easy.html).toContain('Would you tell your friends and family to come here?');
  });

  it('asks in the patient’s language, right to left for Arabic, from the tablet’s translation files', async () => {
    const ar = await open('/f/W1?lang=ar');
    expect(ar.html).toMatch(/<html lang="ar" dir="rtl">/);
    const arabic = JSON.parse(await (await t.app.request('/kiosk/i18n/ar.json')).text()) as Record<string, string>;
    expect(ar.html).toContain(arabic['fft-2020.question']);
    const pl = await open('/f/W1?lang=pl&easy=1');
    const polish = JSON.parse(await (await t.app.request('/kiosk/i18n/pl.json')).text()) as Record<string, string>;
    expect(pl.html).toContain(polish['easy.fft-2020.question']);
    expect(pl.html).toMatch(/<html lang="pl" dir="ltr">/);
  });

  it('prints an A4 poster with a QR code to the form', async () => {
    const res = await t.app.request('/f/W1/poster');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<svg');
    expect(html).toContain('http://localhost:3000/f/W1');
  });

  it('limits how often one address can send', async () => {
    const s = await testApp();
    const page = await s.app.request('/f/W1');
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const statuses: number[] = [];
    // A busy A&E waiting room on one guest Wi-Fi address: far more than 30 patients in 10 minutes.
    expect(FORM_SENDS_PER_10_MINUTES).toBeGreaterThanOrEqual(300);
    for (let i = 0; i < FORM_SENDS_PER_10_MINUTES; i++) statuses.push((await submit('/f/W1', { csrf, answer: '1', website: 'x' }, cookie, s.app)).status);
    expect(statuses.every((x) => x === 303)).toBe(true);
    const before = await s.store.countResponses();
    // Over the limit: a page in the patient's language, their answer and comment still filled in.
    const id = '0b7f3c1e-8d2a-4e5f-9a6b-1c2d3e4f5a6b';
    const over = await submit('/f/W1?lang=pl', { csrf, id, answer: '5', comment: 'Bardzo długo czekałam' }, cookie, s.app);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(over.headers.get('content-type')).toMatch(/text\/html/);
    const html = await over.text();
    expect(html).toMatch(/<html lang="pl"/);
    expect(html).toContain('Prosimy odczekać kilka minut');
    expect(html).toMatch(/id="answer-5"[^>]*checked/);
    expect(html).toContain('Bardzo długo czekałam');
    expect(html).toContain('class="nhsuk-error-summary"');
    // The same id, so this refused POST re-sent later (Back, resubmit) and the page's Send store one answer.
    expect(html).toContain(`name="id" value="${id}"`);
    expect(await s.store.countResponses()).toBe(before);
    await s.cleanup();
  });

  it('refuses an oversized or non-form body', async () => {
    const { cookie, csrf } = await open();
    expect((await submit('/f/W1', { csrf, answer: '1', comment: 'x'.repeat(100_000) }, cookie)).status).toBe(413);
    const json = await t.app.request('/f/W1', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    expect(json.status).toBe(415);
  });

  it('shows "You said, we did" items that are done, redacted, even behind newer planned ones', async () => {
    const post = (body: object) => t.send('POST', '/api/v1/you-said', { unit: 'W1', ...body });
    expect((await post({ youSaid: 'Dr Paul Green was rude', weDid: 'Training for Dr Green, ring 07700 900123', status: 'done' })).status).toBe(201);
    for (const n of [1, 2, 3]) expect((await post({ youSaid: `Planned change ${n} about Sister Rose Hill`, weDid: 'Not yet', status: 'planned' })).status).toBe(201);
    const { html } = await open();
    expect(html).toContain('was rude');
    expect(html).toContain('[PHONE]');
    expect(html).not.toMatch(/Paul|Green|07700|Planned change|Rose Hill/);
  });

  it('stops reading a chunked body at the limit instead of holding all of it', async () => {
    const { cookie } = await open();
    let sent = 0;
    const chunk = new TextEncoder().encode('comment=' + 'a'.repeat(64 * 1024 - 8));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 8 MB offered, with no Content-Length: only a reader that stops early reads little of it.
        if (sent >= 8 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await t.app.request('/f/W1', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked', cookie },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(256 * 1024);
  });

  it('tells the patient a comment over 5,000 characters is too long, keeping it, and stores nothing', async () => {
    const { cookie, csrf, id } = await open();
    const long = 'Słowo '.repeat(834).trim() + 'x'; // 5,004 characters
    const res = await submit('/f/W1', { csrf, id, answer: '1', comment: long }, cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Your comment is too long. Please shorten it to 5,000 characters or fewer.');
    expect(html).toContain('href="#comment"');
    expect(html).toContain(long);
    expect(html).toMatch(/id="answer-1"[^>]*checked/);
    expect(await t.store.getResponse(id)).toBeUndefined();
  });

  it('takes a full-length comment in Bengali (3 bytes a character) instead of refusing it as too large', async () => {
    const { cookie, csrf, id } = await open('/f/W1?lang=bn');
    const comment = 'ক'.repeat(5000);
    const res = await submit('/f/W1?lang=bn', { csrf, id, answer: '1', comment, ageBand: '25-34', sex: 'female', ethnicity: 'K', disability: 'no', completedBy: 'patient' }, cookie);
    expect(res.status).toBe(303);
    expect((await t.store.getResponse(id))?.comment).toBe(comment);
  });

  it('tells browsers not to restore the last patient’s entries when Back brings the page again', async () => {
    const { html } = await open();
    expect(html).toMatch(/<form method="post"[^>]*autocomplete="off"/);
  });

  it('changes language only with a "Change language" button, which keeps easy read and the home-link mode', async () => {
    const { html } = await open('/f/W1?lang=cy&easy=1&m=home');
    const langForm = /<form method="get"[^]*?<\/form>/.exec(html)![0];
    expect(langForm).toContain('name="easy" value="1"');
    expect(langForm).toContain('name="m" value="home"');
    expect(langForm).toMatch(/<button[^>]*type="submit"[^>]*>Newid iaith<\/button>/);
    const js = await (await t.app.request('/static/form.js')).text();
    // Its one navigation is to the thank-you page a Send was redirected to.
    expect(js).toContain('location.assign(res.url)');
    expect(js.replace('location.assign(res.url)', '')).not.toMatch(/requestSubmit|\.submit\(|location\.(href|assign|replace)|'change'/);
  });

  it('puts the unit’s service noun in the question in the page’s language, as the tablet does', async () => {
    await t.store.upsertOrg([{ icbCode: 'QAA', icbName: 'Test ICB', trustCode: 'RAA', trustName: 'Test Trust', siteCode: 'RAA01', siteName: 'General', unitCode: 'EYE13', unitName: 'Eye Clinic', setting: 'outpatient', specialty1: '130', specialty2: null, question: 'fft-2013' }]);
    for (const [lang, unit, kind] of [['pl', 'DN', 'default'], ['pl', 'EYE13', 'outpatient'], ['cy', 'EYE13', 'outpatient'], ['ar', 'DN', 'default']] as const) {
      const file = JSON.parse(await (await t.app.request(`/kiosk/i18n/${lang}.json`)).text()) as Record<string, string>;
      const { html } = await open(`/f/${unit}?lang=${lang}`);
      const h1 = /<h1 class="nhsuk-fieldset__heading">([^<]*)<\/h1>/.exec(html)![1]!.replace(/&#39;/g, "'");
      expect(h1, `${lang} ${unit}`).toBe(file['fft-2013.question']!.replace('{service}', file[`service.${kind}`]!));
      expect(h1).not.toMatch(/service|clinic/);
    }
    expect((await open('/f/EYE13')).html).toContain('How likely are you to recommend our clinic to friends and family');
  });

  it('asks the 0–10 question in the page’s language, from the tablet’s own 2013 wording and scale ends', async () => {
    await t.store.upsertOrg([{ icbCode: 'QAA', icbName: 'Test ICB', trustCode: 'RAA', trustName: 'Test Trust', siteCode: 'RAA01', siteName: 'General', unitCode: 'NPS1', unitName: 'Staff survey', setting: 'inpatient', specialty1: null, specialty2: null, question: 'nps-0-10' }]);
    const file = JSON.parse(await (await t.app.request('/kiosk/i18n/pl.json')).text()) as Record<string, string>;
    const { html } = await open('/f/NPS1?lang=pl');
    const h1 = /<h1 class="nhsuk-fieldset__heading">([^<]*)<\/h1>/.exec(html)![1]!;
    // As the tablet asks it in Polish; Polish has no words yet for "not at all likely", so that end is the 2013 question's "extremely unlikely".
    expect(h1).toBe(`${file['nps-0-10.question']!.replace('{service}', file['service.ward']!)} (0 = ${file['fft-2013.5']}, 10 = ${file['nps-0-10.10']})`);
    expect(h1).not.toMatch(/How likely|ward/);
    expect(html).toContain('id="answer-0"');
    // Nothing chosen: the error links to the first choice, 0, and is prefixed in Polish.
    const { cookie, csrf, id } = await open('/f/NPS1?lang=pl');
    const error = await (await submit('/f/NPS1?lang=pl', { csrf, id }, cookie)).text();
    expect(error).toContain('href="#answer-0"');
    expect(error).toContain(`<span class="nhsuk-u-visually-hidden">${file['error.prefix']}</span>`);
    expect(html).toContain('id="answer-10"');
    expect((await open('/f/NPS1')).html).toContain('How likely are you to recommend our ward to friends and family if they needed similar care or treatment? (0 = Not at all likely, 10 = Extremely likely)');
    const welsh = JSON.parse(await (await t.app.request('/kiosk/i18n/cy.json')).text()) as Record<string, string>;
    expect((await open('/f/NPS1?lang=cy')).html).toContain(`${welsh['nps-0-10.question']!.replace('{service}', welsh['service.ward']!)} (0 = ${welsh['nps-0-10.0']}, 10 = ${welsh['nps-0-10.10']})`);
  });

  it('says "there is a problem", "standard version" and "link not recognised" in the page’s language, not English', async () => {
    const { LANGUAGES, formStrings } = await import('./strings.ts');
    const english = formStrings('en');
    for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
      const s = formStrings(lang);
      for (const key of ['errorTitle', 'standardRead', 'notRecognised', 'offline', 'sendFailed', 'skipLink'] as const) expect(s[key], `${lang} ${key}`).not.toBe(english[key]);
      expect(s.offline, lang).toContain('{send}');
      expect(s.sendFailed, lang).toContain('{send}');
    }
    // What a Polish patient sees: after Send with no answer, in easy read, and from a mistyped link.
    const { cookie, csrf, id } = await open('/f/W1?lang=pl&easy=1');
    const html = await (await submit('/f/W1?lang=pl&easy=1', { csrf, id }, cookie)).text();
    expect(html).toContain('<h2 class="nhsuk-error-summary__title" id="error-summary-title">Wystąpił problem</h2>');
    expect(html).toContain('<title>Wystąpił problem: ');
    expect(html).toMatch(/class="nhsuk-link fft-easy-link"[^>]*>Wersja standardowa</);
    expect(html).toContain('data-offline="Pana/Pani odpowiedź nie została jeszcze wysłana: brak połączenia z internetem. Po ponownym połączeniu prosimy nacisnąć „Wyślij”."');
    expect(html).toContain('data-error-title="Wystąpił problem"');
    expect(html).toContain('data-send-failed="Pana/Pani odpowiedź nie została jeszcze wysłana: wystąpił problem z połączeniem. Prosimy ponownie nacisnąć „Wyślij”."');
    expect(html).not.toMatch(/There is a problem|Standard version/);
    const missing = await (await t.app.request('/f/NOPE?lang=pl')).text();
    expect(missing).toContain('<h1>Ten link do opinii nie został rozpoznany.');
  });

  it('says "skip to main content" in the page’s language, and marks it English only where it is', async () => {
    const skip = (html: string) => /<a class="nhsuk-skip-link"[^>]*>[^<]*<\/a>/.exec(html)?.[0];
    expect(skip((await open('/f/W1?lang=pl')).html)).toBe('<a class="nhsuk-skip-link" href="#main-content">Przejdź do treści głównej</a>');
    expect(skip((await open('/f/W1?lang=ar')).html)).toBe('<a class="nhsuk-skip-link" href="#main-content">الانتقال إلى المحتوى الرئيسي</a>');
    expect(skip(await (await t.app.request('/f/W1/thanks?lang=cy')).text())).toBe('<a class="nhsuk-skip-link" href="#main-content">Neidio i&#39;r prif gynnwys</a>');
    expect(skip(await (await t.app.request('/f/NOPE?lang=zh')).text())).toBe('<a class="nhsuk-skip-link" href="#main-content">跳到主要内容</a>');
    expect(skip((await open('/f/W1')).html)).toBe('<a class="nhsuk-skip-link" href="#main-content">Skip to main content</a>');
    // A page in a language the form has no words for keeps the English, marked as English.
    const { Page } = await import('./layout.tsx');
    expect(skip(String(Page({ title: 'x', lang: 'fr', children: 'x' })))).toBe('<a class="nhsuk-skip-link" href="#main-content" lang="en">Skip to main content</a>');
  });

  it('gives the comment counter its words in the page’s language', async () => {
    expect((await open('/f/W1?lang=pl')).html).toContain('data-counter="Pozostało znaków: {n}"');
    expect((await open('/f/W1')).html).toContain('data-counter="{n} characters left"');
    const js = await (await t.app.request('/static/form.js')).text();
    expect(js).toContain('data-counter');
    expect(js).not.toContain('characters left`');
  });
});

describe('the form and the tablet', () => {
  it('say the same in easy read, in every language: question, answers, comment box and "choose an answer"', async () => {
    const { LANGUAGES, formStrings } = await import('./strings.ts');
    for (const lang of LANGUAGES) {
      const file = JSON.parse(await (await t.app.request(`/kiosk/i18n/${lang}.json`)).text()) as Record<string, string>;
      const s = formStrings(lang);
      expect(s.easyQuestion2020, lang).toBe(file['easy.fft-2020.question']);
      expect(s.easyQuestion2013, lang).toBe(file['easy.fft-2013.question']);
      expect(s.easyQuestionNps, lang).toBe(`${file['easy.nps-0-10.question']} (0 = ${file['easy.nps-0-10.0']}, 10 = ${file['easy.nps-0-10.10']})`);
      expect(s.easyAnswers2020, lang).toEqual([1, 2, 3, 4, 5, 6].map((code) => file[`easy.fft-2020.${code}`]));
      expect(s.easyAnswers2013, lang).toEqual([1, 2, 3, 4, 5, 6].map((code) => file[`easy.fft-2013.${code}`]));
      expect([s.easyComment, s.easyCommentHint, s.easyChooseAnswer], lang).toEqual([file['easy.comment.label'], file['easy.comment.hint'], file['easy.error.chooseAnswer']]);
    }
    // What the patient sees in English easy read, word for word as on the tablet.
    const { html, cookie, csrf, id } = await open('/f/W1?easy=1');
    for (const words of ['How was your visit?', 'Not happy or sad', 'Tell us why (you do not have to)', 'Do not write your name.']) expect(html).toContain(words);
    expect(html).not.toMatch(/>OK<|Please tell us why you gave your answer/);
    const error = await (await submit('/f/W1?easy=1', { csrf, id }, cookie)).text();
    expect(error).toContain('<a href="#answer-1">Tap a face first</a>');
    expect((await open('/f/DN?easy=1')).html).toContain('>Maybe<');
    // The 0–10 scale has no faces: its easy read asks the tablet's easy question, and "choose an answer" stays.
    const nps = await open('/f/NPS1?easy=1');
    expect(nps.html).toContain('Would you tell your friends and family to come here? (0 = No, never, 10 = Yes, for sure)');
    expect(await (await submit('/f/NPS1?easy=1', { csrf: nps.csrf, id: nps.id }, nps.cookie)).text()).toContain('<a href="#answer-0">Choose an answer</a>');
  });


  it('choose the same service noun for every setting (the form keeps its own copy of the tablet’s serviceKind)', async () => {
    const kiosk = (await import(new URL('../../kiosk/app/i18n.js', import.meta.url).href)) as { serviceKind: (setting: string) => string };
    for (const setting of SETTINGS) expect(serviceKind(setting), setting).toBe(kiosk.serviceKind(setting));
  });
});
