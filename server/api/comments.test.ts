import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../testing.ts';
import { examplesFrom } from './comments.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
  await t.give('W1', '2026-11-20', [1], { comment: 'The nurses were so kind and caring. Nurse Kelly was amazing with my mum.' });
  await t.give('W1', '2026-11-21', [5], { comment: 'I was left in pain for hours and nobody came when I rang the buzzer.' });
  await t.give('ED', '2026-11-21', [5], { comment: 'Waited 6 hours to be seen. Call me on 07700 900123 if you want to know more.' });
  await t.give('W1', '2026-11-21', [2]);
  await t.comments.flush();
});
afterAll(async () => {
  await t.cleanup();
});

const url = (extra = '') => `/api/v1/comments?level=unit&code=W1&from=2026-11-01&to=2026-11-30${extra}`;

describe('GET /api/v1/comments', () => {
  it('lists a ward’s comments, newest first, themed, with sentiment and personal data redacted', async () => {
    const { status, body } = await t.get(url(), t.tokens.matron);
    expect(status).toBe(200);
    expect(body.total).toBe(2);
    const [pain, praise] = body.comments;
    expect(pain.comment).toContain('left in pain');
    expect(pain.concern).toBe('unsafe-care');
    expect(pain.sentiment).toBeGreaterThanOrEqual(4);
    expect(praise.sentiment).toBeLessThanOrEqual(2);
    expect(praise.labels.length).toBeGreaterThan(0);
    // Staff names in praise are kept for internal views by default…
    expect(praise.comment).toContain('Nurse Kelly');
    expect(praise).not.toHaveProperty('original');
  });

  it('redacts staff names too when the admin setting says so', async () => {
    await t.send('PUT', '/api/v1/settings', { staffNamesInternal: 'redact' });
    const { body } = await t.get(url(), t.tokens.matron);
    expect(body.comments[1].comment).toContain('Nurse [NAME]');
    // …and a search for the name finds nothing: it would tell which comments name her.
    expect((await t.get(`${url()}&q=kelly`, t.tokens.matron)).body.total).toBe(0);
    await t.send('PUT', '/api/v1/settings', { staffNamesInternal: 'keep' });
    expect((await t.get(`${url()}&q=kelly`, t.tokens.matron)).body.total).toBe(1);
  });

  it('always redacts phone numbers and the like', async () => {
    const { body } = await t.get('/api/v1/comments?level=unit&code=ED&from=2026-11-01&to=2026-11-30', t.tokens.commissioner);
    expect(body.comments[0].comment).toContain('[PHONE]');
    expect(body.comments[0].comment).not.toContain('07700');
  });

  it('filters by theme, sentiment, serious concern and words', async () => {
    const all = (await t.get(url(), t.tokens.matron)).body.comments;
    const theme = all[1].labels[0].subCategory as string;
    const themed = (await t.get(url(`&theme=${encodeURIComponent(theme)}`), t.tokens.matron)).body;
    expect(themed.comments.map((c: { id: string }) => c.id)).toContain(all[1].id);
    expect((await t.get(url('&concern=1'), t.tokens.matron)).body.comments.map((c: { concern: string }) => c.concern)).toEqual(['unsafe-care']);
    // concern=0: only those not flagged.
    expect((await t.get(url('&concern=0'), t.tokens.matron)).body.comments.map((c: { concern: string | null }) => c.concern)).toEqual([null]);
    // A search box left with only a space in it is no search, not a 400.
    const blank = await t.get(url('&q=%20'), t.tokens.matron);
    expect(blank.status).toBe(200);
    expect(blank.body.total).toBe(2);
    expect((await t.get(url('&q=BUZZER'), t.tokens.matron)).body.total).toBe(1);
    expect((await t.get(url('&q=100%25_'), t.tokens.matron)).body.total).toBe(0);
    expect((await t.get(url(`&sentiment=${all[0].sentiment}`), t.tokens.matron)).body.comments.some((c: { id: string }) => c.id === all[0].id)).toBe(true);
    expect((await t.get(url('&pageSize=1&page=2'), t.tokens.matron)).body.comments).toHaveLength(1);
  });

  it('shows the original only to an admin, and logs that it was seen', async () => {
    expect((await t.get(url('&original=1'), t.tokens.matron)).status).toBe(403);
    const { body } = await t.get(url('&original=1'), t.tokens.admin);
    expect(body.comments[1].original).toBe('The nurses were so kind and caring. Nurse Kelly was amazing with my mum.');
    expect((await t.store.listAudit(5)).some((a) => a.action === 'comments.unredacted')).toBe(true);
  });

  it('keeps other wards’ comments from a matron', async () => {
    expect((await t.get('/api/v1/comments?level=unit&code=ED&from=2026-11-01&to=2026-11-30', t.tokens.matron)).status).toBe(404);
  });

  it('raises a serious-concern alert for the ward at once', async () => {
    const alerts = (await t.get('/api/v1/alerts?level=unit&code=W1', t.tokens.matron)).body.alerts;
    const concern = alerts.find((a: { kind: string }) => a.kind === 'serious-concern');
    expect(concern.reason).toMatch(/unsafe care/);
    expect(concern.reason).toContain('left in pain');
  });
});

describe('GET /api/v1/themes', () => {
  it('counts themes by period and sentiment, with redacted examples', async () => {
    const { status, body } = await t.get('/api/v1/themes?level=site&code=RAA01&from=2026-11-01&to=2026-11-30&period=month', t.tokens.commissioner);
    expect(status).toBe(200);
    expect(body.themes.length).toBeGreaterThan(0);
    for (const theme of body.themes) {
      expect(Object.values(theme.sentiment as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(theme.total);
      expect(theme.examples.length).toBeGreaterThan(0);
      for (const e of theme.examples) expect(e.comment).not.toContain('07700');
    }
    expect(body.periods[0]).toMatchObject({ period: '2026-11', start: '2026-11-01', end: '2026-11-30', from: '2026-11-01', to: '2026-11-30', partial: false });
  });

  it('says which periods the range cuts, and which of their days were counted', async () => {
    const { body } = await t.get('/api/v1/themes?level=site&code=RAA01&from=2026-10-20&to=2026-11-10&period=month', t.tokens.commissioner);
    expect(body.periods.map((p: any) => [p.period, p.start, p.end, p.from, p.to, p.partial])).toEqual([
      ['2026-10', '2026-10-01', '2026-10-31', '2026-10-20', '2026-10-31', true],
      ['2026-11', '2026-11-01', '2026-11-30', '2026-11-01', '2026-11-10', true],
    ]);
  });

  it('gives each theme its newest examples, looked for only over the latest days that hold them', async () => {
    const { body } = await t.get('/api/v1/themes?level=unit&code=W1&from=2026-11-01&to=2026-11-30&period=month', t.tokens.matron);
    for (const theme of body.themes) {
      const { body: listed } = await t.get(url(`&theme=${encodeURIComponent(theme.subCategory)}`), t.tokens.matron);
      expect(theme.examples.map((e: any) => e.id)).toEqual(listed.comments.slice(0, 3).map((c: any) => c.id));
    }
    const perDay = new Map([['2026-11-20', 2], ['2026-11-03', 5], ['2026-11-21', 1]]);
    expect(examplesFrom(perDay, 3, '2026-11-01')).toBe('2026-11-20');
    expect(examplesFrom(perDay, 1, '2026-11-01')).toBe('2026-11-21');
    expect(examplesFrom(perDay, 9, '2026-11-01')).toBe('2026-11-01');
  });

  it('refuses days outside 1900–2099 and ranges of too many periods with a 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['from=9999-01-01&to=9999-12-31', 'from'],
      ['from=0100-03-01&to=2026-11-30', 'from'],
      // 200 years of days: refused before anything is read (it once built a 275 MB answer).
      ['from=1900-01-01&to=2099-12-31&period=day', 'from'],
    ];
    for (const [query, path] of cases) {
      const { status, body } = await t.get(`/api/v1/themes?level=unit&code=W1&${query}`);
      expect(status, query).toBe(400);
      expect(body.error.issues.map((i: any) => i.path), query).toContain(path);
    }
    expect((await t.get('/api/v1/themes?level=unit&code=W1&from=1900-01-01&to=2099-12-31&period=year')).status).toBe(200);
  });
});

describe('history brought in from another system (channel import)', () => {
  it('flags an old comment’s concern without an alert, and alerts for a recent one, while a late paper card alerts whatever its day', async () => {
    const pain = 'I was left in pain for hours and nobody came when I rang the buzzer.';
    await t.give('DN', '2026-09-01', [5], { channel: 'import', comment: pain });
    await t.give('DN', '2026-11-18', [5], { channel: 'import', comment: `${pain} Again.` });
    await t.give('DN', '2026-09-02', [5], { channel: 'paper', comment: `${pain} On paper.` });
    await t.comments.flush();
    const flagged = (await t.get('/api/v1/comments?level=unit&code=DN&from=2026-08-01&to=2026-11-30&concern=1')).body.comments;
    expect(flagged.map((c: { day: string }) => c.day).sort()).toEqual(['2026-09-01', '2026-09-02', '2026-11-18']);
    const alerts = (await t.get('/api/v1/alerts?level=unit&code=DN')).body.alerts.filter((a: { kind: string }) => a.kind === 'serious-concern');
    expect(alerts.map((a: { period: string }) => a.period).sort()).toEqual(['2026-09-02', '2026-11-18']);
  });
});
