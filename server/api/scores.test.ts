import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import { testApp } from '../testing.ts';

type T = Awaited<ReturnType<typeof testApp>>;
let t: T;

beforeAll(async () => {
  t = await testApp();
  // Ward 1 (fft-2020). 20 Nov: 1,1,2,4,6 — worked below. 21 Nov: 1,2 (two answers: suppressed).
  await t.give('W1', '2026-11-20', [1, 1, 2, 4, 6]);
  await t.give('W1', '2026-11-21', [1, 2]);
  // District nurses ask the 2013 question.
  await t.give('DN', '2026-11-20', [1, 2, 2, 3, 5, 6]);
  // ED: today and yesterday.
  await t.give('ED', '2026-11-21', [1, 1, 1, 1, 2, 2]);
  await t.give('ED', '2026-11-22', [1, 2, 4, 5, 5, 5], { channel: 'sms' });
});
afterAll(async () => {
  await t.cleanup();
});

describe('GET /api/v1/scores', () => {
  it('scores each day by the reference formulas, with empty days present', async () => {
    const { status, body } = await t.get('/api/v1/scores?level=unit&code=W1&period=day&from=2026-11-19&to=2026-11-21');
    expect(status).toBe(200);
    expect(body).toMatchObject({ question: 'fft-2020', level: 'unit', code: 'W1', name: 'Ward 1' });
    const [empty, day20, day21] = body.series;
    expect(empty).toMatchObject({ period: '2026-11-19', start: '2026-11-19', end: '2026-11-19', responses: 0, positive: null, negative: null, nps: null, positiveCi: null, suppressed: false, responseRate: null });
    expect(empty.counts).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0 });
    // N = 5 with Don't know; positive (1,1,2) = 3/5; negative (4) = 1/5;
    // NPS: promoters {1,1} = 2, detractors {4} = 1, over N − DK = 4 → (2 − 1) / 4 = 25.
    expect(day20).toMatchObject({ period: '2026-11-20', responses: 5, positive: 0.6, negative: 0.2, nps: 25, suppressed: false });
    expect(day20.counts).toEqual({ 1: 2, 2: 1, 3: 0, 4: 1, 5: 0, 6: 1 });
    // Wilson 95% for 3/5: centre (0.6 + 3.8416/10) / (1 + 3.8416/5) = 0.98416 / 1.76832 = 0.55655;
    // half-width 1.96 × √(0.6 × 0.4 / 5 + 3.8416 / 100) / 1.76832 = 0.32583 → [0.2307, 0.8824].
    expect(day20.positiveCi[0]).toBeCloseTo(0.2307, 3);
    expect(day20.positiveCi[1]).toBeCloseTo(0.8824, 3);
    expect(day20.npsCi[0]).toBeGreaterThanOrEqual(-100);
    expect(day21).toMatchObject({ responses: 2, positive: 1, suppressed: true });
  });

  it('rolls days into weeks and months, with the response rate where eligible counts exist', async () => {
    const week = await t.get('/api/v1/scores?level=unit&code=W1&period=week&from=2026-11-16&to=2026-11-22');
    expect(week.body.series).toHaveLength(1);
    expect(week.body.series[0]).toMatchObject({ period: '2026-W47', start: '2026-11-16', end: '2026-11-22', responses: 7, responseRate: null });
    expect((await t.send('PUT', '/api/v1/eligible', { unit: 'W1', month: '2026-11', eligible: 70 })).status).toBe(200);
    const month = await t.get('/api/v1/scores?level=unit&code=W1&period=month&from=2026-10-01&to=2026-11-30');
    expect(month.body.series.map((p: any) => [p.period, p.responses, p.responseRate])).toEqual([
      ['2026-10', 0, null],
      ['2026-11', 7, 0.1],
    ]);
    const year = await t.get('/api/v1/scores?level=unit&code=W1&period=year&from=2026-11-01&to=2026-11-30');
    expect(year.body.series[0]).toMatchObject({ period: '2026/27', start: '2026-04-01', end: '2027-03-31', responses: 7 });
    const quarter = await t.get('/api/v1/scores?level=unit&code=W1&period=quarter&from=2026-11-01&to=2026-11-30');
    expect(quarter.body.series[0]).toMatchObject({ period: '2026-Q4', responses: 7 });
  });

  it('never mixes question versions, and narrows to a setting', async () => {
    const trust = await t.get('/api/v1/scores?level=trust&code=RAA&period=month&from=2026-11-01&to=2026-11-30');
    expect(trust.body.question).toBe('fft-2020');
    expect(trust.body.series[0].responses).toBe(7 + 12);
    const legacy = await t.get('/api/v1/scores?level=trust&code=RAA&period=month&from=2026-11-01&to=2026-11-30&question=fft-2013');
    expect(legacy.body.series[0]).toMatchObject({ responses: 6, positive: 0.5 });
    const dn = await t.get('/api/v1/scores?level=unit&code=DN&period=month&from=2026-11-01&to=2026-11-30');
    expect(dn.body.question).toBe('fft-2013');
    const ae = await t.get('/api/v1/scores?level=trust&code=RAA&period=month&from=2026-11-01&to=2026-11-30&setting=ae');
    expect(ae.body.series[0].responses).toBe(12);
  });

  it('shows a response in the very next request', async () => {
    const before = (await t.get('/api/v1/scores?level=site&code=RAA02&period=day&from=2026-11-22&to=2026-11-22')).body.series[0].responses;
    await t.give('DN', '2026-11-22', [1]);
    const after = (await t.get('/api/v1/scores?level=site&code=RAA02&period=day&from=2026-11-22&to=2026-11-22')).body.series[0].responses;
    expect(after).toBe(before + 1);
  });

  it('shows each caller only what is theirs, and 404 for everything else', async () => {
    const url = (level: string, code: string) => `/api/v1/scores?level=${level}&code=${code}&period=day&from=2026-11-20&to=2026-11-20`;
    expect((await t.get(url('unit', 'W1'), t.tokens.matron)).status).toBe(200);
    expect((await t.get(url('unit', 'ED'), t.tokens.matron)).status).toBe(404);
    expect((await t.get(url('site', 'RAA01'), t.tokens.matron)).status).toBe(404);
    expect((await t.get(url('trust', 'RAA'), t.tokens.commissioner)).status).toBe(200);
    expect((await t.get(url('unit', 'DN'), t.tokens.commissioner)).status).toBe(200);
    expect((await t.get(url('icb', 'QAA'), t.tokens.commissioner)).status).toBe(404);
    expect((await t.get(url('unit', 'W1'), t.tokens.otherCommissioner)).status).toBe(404);
    expect((await t.get(url('unit', 'W1'), t.tokens.kiosk)).status).toBe(404);
    expect((await t.get(url('unit', 'NOPE'), t.tokens.admin)).status).toBe(404);
    expect((await t.get(url('unit', 'W1'), null)).status).toBe(401);
    const notFound = await t.get(url('unit', 'ED'), t.tokens.matron);
    const unknown = await t.get(url('unit', 'NOPE'), t.tokens.matron);
    // A ward that exists but is not hers reads exactly like one that does not exist.
    expect(JSON.stringify(notFound.body).replaceAll('ED', 'X')).toBe(JSON.stringify(unknown.body).replaceAll('NOPE', 'X'));
  });

  it('refuses a bad query with a 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/api/v1/scores?code=W1&period=day&from=2026-11-20&to=2026-11-20', 'level'],
      ['/api/v1/scores?level=ward&code=W1&period=day&from=2026-11-20&to=2026-11-20', 'level'],
      ['/api/v1/scores?level=unit&code=W1&period=fortnight&from=2026-11-20&to=2026-11-20', 'period'],
      ['/api/v1/scores?level=unit&code=W1&period=day&from=2026-02-30&to=2026-11-20', 'from'],
      ['/api/v1/scores?level=unit&code=W1&period=day&from=2026-11-21&to=2026-11-20', 'from'],
      ['/api/v1/scores?level=unit&code=W1&period=day&from=2020-01-01&to=2026-11-20', 'from'],
      ['/api/v1/scores?level=unit&code=W1&period=day&from=2026-11-20&to=2026-11-20&question=fft-1999', 'question'],
      ['/api/v1/scores?level=unit&code=W1&period=day&from=2026-11-20&to=2026-11-20&setting=spa', 'setting'],
      // Real calendar days, but at the edge of 4-digit years: the periods around them would not be.
      ['/api/v1/scores?level=unit&code=W1&period=day&from=9999-12-01&to=9999-12-31', 'from'],
      ['/api/v1/scores?level=unit&code=W1&period=year&from=2026-01-01&to=9999-12-31', 'to'],
      ['/api/v1/scores?level=unit&code=W1&period=week&from=0100-01-01&to=0100-01-31', 'from'],
      ['/api/v1/spc?level=unit&code=W1&from=9999-12-01&to=9999-12-31', 'from'],
      ['/api/v1/spc?level=unit&code=W1&period=day&to=0100-01-03', 'to'],
    ];
    for (const [url, path] of cases) {
      const { status, body } = await t.get(url);
      expect(status, url).toBe(400);
      expect(body.error.issues.map((i: any) => i.path), url).toContain(path);
    }
  });
});

describe('GET /api/v1/scores/today', () => {
  it('gives each unit today and yesterday with the change', async () => {
    const { status, body } = await t.get('/api/v1/scores/today?level=site&code=RAA01', t.tokens.commissioner);
    expect(status).toBe(200);
    expect(body).toMatchObject({ today: '2026-11-22', yesterday: '2026-11-21' });
    const ed = body.units.find((u: any) => u.unit.code === 'ED');
    expect(ed.today).toMatchObject({ responses: 6, positive: 2 / 6, negative: 4 / 6 });
    expect(ed.yesterday).toMatchObject({ responses: 6, positive: 1 });
    expect(ed.change).toBeCloseTo(2 / 6 - 1, 10);
    const w1 = body.units.find((u: any) => u.unit.code === 'W1');
    expect(w1.today.responses).toBe(0);
    expect(w1.change).toBeNull();
    const mine = await t.get('/api/v1/scores/today?level=unit&code=W1', t.tokens.matron);
    expect(mine.body.units.map((u: any) => u.unit.code)).toEqual(['W1']);
  });
});

describe('GET /api/v1/spc', () => {
  it('draws a p-chart of daily % positive and flags a concerning fall', async () => {
    const s = await testApp();
    // 30 steady days (9 of 10 positive each), then 2 very bad days (2 of 10).
    for (let d = 0; d < 32; d++) {
      const day = new Date(Date.UTC(2026, 9, 21 + d)).toISOString().slice(0, 10);
      const good = d < 30 ? 9 : 2;
      await s.give('W1', day, [...Array(good).fill(1), ...Array(10 - good).fill(5)]);
    }
    const { status, body } = await s.get('/api/v1/spc?level=unit&code=W1&measure=positive&period=day&from=2026-10-21&to=2026-11-21');
    expect(status).toBe(200);
    expect(body.chart).toBe('p');
    expect(body.points).toHaveLength(32);
    expect(body.mean).toBeCloseTo((30 * 9 + 2 * 2) / 320, 10);
    // The two bad days pull the mean (0.856) below the 30 steady ones, so those read as a shift
    // above the mean: improving, by Making Data Count's rules. Limits: p̄ ± 3√(p̄(1−p̄)/10).
    expect(body.points[0]).toMatchObject({ period: '2026-10-21', value: 0.9, n: 10, question: 'fft-2020', signal: 'improving', rule: 'shift' });
    expect(body.points[0].lcl).toBeCloseTo(0.85625 - 3 * Math.sqrt((0.85625 * 0.14375) / 10), 10);
    expect(body.points[0].ucl).toBe(1);
    expect(body.points.at(-1)).toMatchObject({ value: 0.2, signal: 'concerning', rule: 'outside-limits' });
    // The same series as a run chart when only 10 points are asked for.
    const short = await s.get('/api/v1/spc?level=unit&code=W1&period=day&from=2026-10-21&to=2026-10-30');
    expect(short.body.chart).toBe('run');
    await s.cleanup();
  });

  it('charts a day in the question the unit asks, as /scores reads it, when a few answers to another version came that day', async () => {
    const s = await testApp();
    for (let d = 0; d < 20; d++) {
      const day = new Date(Date.UTC(2026, 9, 1 + d)).toISOString().slice(0, 10);
      await s.give('W1', day, [1, 1, 2, 4]);
    }
    // 7 October: the unit's four fft-2020 answers (1, 1, 2, 4) and as many to fft-2013 (4, 4, 5, 3).
    await s.give('W1', '2026-10-07', [4, 4, 5, 3], { question: 'fft-2013' });
    const scores = await s.get('/api/v1/scores?level=unit&code=W1&period=day&from=2026-10-07&to=2026-10-07');
    const { body } = await s.get('/api/v1/spc?level=unit&code=W1&period=day&from=2026-10-01&to=2026-10-20');
    const seventh = body.points.find((p: any) => p.period === '2026-10-07');
    expect(seventh).toMatchObject({ question: 'fft-2020', n: 4, value: scores.body.series[0].positive });
    expect(seventh.value).toBe(0.75);
    expect(body.phases).toHaveLength(1);
    expect(body.chart).toBe('p');
    await s.cleanup();
  });

  it('shows today so far as a partial point that no rule judges and the limits leave out', async () => {
    const s = await testApp();
    // 20 whole days from 2 November: 14 alternating 9 of 10 and 7 of 12 positive, then six of
    // 9 of 10; today (22 November, the test clock) 2 answers so far, both positive.
    for (let d = 0; d < 20; d++) {
      const day = new Date(Date.UTC(2026, 10, 2 + d)).toISOString().slice(0, 10);
      const [good, n] = d < 14 && d % 2 ? [7, 12] : [9, 10];
      await s.give('W1', day, [...Array(good).fill(1), ...Array(n - good).fill(5)]);
    }
    await s.give('W1', '2026-11-22', [1, 1]);

    // Responses, XmR of the 20 whole days: mean 214/20 = 10.7; moving ranges fourteen 2s and
    // five 0s, mean 28/19. Today's 2 would be far below the lower limit, and a seventh below the mean.
    const counts = await s.get('/api/v1/spc?level=unit&code=W1&measure=responses&from=2026-11-02');
    expect(counts.status).toBe(200);
    expect(counts.body.to).toBe('2026-11-22');
    expect(counts.body.chart).toBe('xmr');
    expect(counts.body.mean).toBeCloseTo(10.7, 10);
    expect(counts.body.lowerLimit).toBeCloseTo(10.7 - (2.66 * 28) / 19, 10);
    const today = counts.body.points.at(-1);
    expect(today).toMatchObject({ period: '2026-11-22', value: 2, n: 2, partial: true, signal: 'common' });
    expect(today.rule).toBeUndefined();
    expect(counts.body.points.filter((p: any) => p.partial).map((p: any) => p.period)).toEqual(['2026-11-22']);
    expect(counts.body.points.every((p: any) => p.signal === 'common')).toBe(true);

    // % positive, p-chart of the whole days: p̄ = 166/214; the last six whole days sit above it, and
    // today's 2 of 2 (limits too wide to flag it alone) would have made the seventh: a false shift.
    const positive = await s.get('/api/v1/spc?level=unit&code=W1&measure=positive&from=2026-11-02');
    expect(positive.body.chart).toBe('p');
    expect(positive.body.mean).toBeCloseTo(166 / 214, 10);
    expect(positive.body.points.at(-1)).toMatchObject({ period: '2026-11-22', value: 1, partial: true, signal: 'common' });
    expect(positive.body.points.every((p: any) => p.signal === 'common')).toBe(true);
    await s.cleanup();
  });

  it('charts the weeks before a unit started collecting as gaps, not zeros (the demo: 90 days of answers)', async () => {
    const s = await testApp();
    // Ward 1 starts on Monday 24 August: 2 answers a day, and 2 more on Monday every other week
    // (14 and 16 a week in turn): 12 whole weeks, and this week's 14 so far (today, Sunday 22
    // November, is not over).
    for (let d = 0; d < 91; d++) {
      const day = new Date(Date.UTC(2026, 7, 24 + d)).toISOString().slice(0, 10);
      await s.give('W1', day, d % 14 === 7 ? [1, 2, 1, 1] : [1, 2]);
    }
    // The default weekly chart reaches back 364 days: 40 weeks before the first answer.
    const { status, body } = await s.get('/api/v1/spc?level=unit&code=W1&measure=responses&period=week');
    expect(status).toBe(200);
    expect(body.points).toHaveLength(53);
    const first = body.points.findIndex((p: any) => p.n > 0);
    expect(body.points[first].start).toBe('2026-08-24');
    expect(first).toBe(40);
    expect(body.points.slice(0, first).every((p: any) => p.value === null && p.signal === 'common')).toBe(true);
    // 12 whole weeks are too few for limits: a run chart around their own mean, nothing flagged.
    // With the 40 weeks counted as zeros every real week read as improving, above the upper limit.
    expect(body.chart).toBe('run');
    expect(body.mean).toBe(15);
    expect(body.points.every((p: any) => p.signal === 'common')).toBe(true);
    expect(body.points.at(-1)).toMatchObject({ value: 14, partial: true });
    // The % positive chart (the one the ward page and the alerts read) has the same gaps.
    const positive = await s.get('/api/v1/spc?level=unit&code=W1&measure=positive&period=week');
    expect(positive.body.points.map((p: any) => p.value === null)).toEqual(body.points.map((p: any) => p.value === null));
    // A trust's monthly count chart, read from its own rollup: months before August are gaps too.
    const trust = await s.get('/api/v1/spc?level=trust&code=RAA&measure=responses&period=month');
    expect(trust.body.points.filter((p: any) => p.value !== null).map((p: any) => p.period)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    await s.cleanup();
  });

  it('starts a new phase where the question version changes', async () => {
    const s = await testApp();
    for (let d = 0; d < 40; d++) {
      const day = new Date(Date.UTC(2026, 9, 1 + d)).toISOString().slice(0, 10);
      await s.give('W1', day, [1, 1, 2, 3], { question: d < 20 ? 'fft-2013' : 'fft-2020' });
    }
    const { body } = await s.get('/api/v1/spc?level=unit&code=W1&period=day&from=2026-10-01&to=2026-11-09');
    expect(body.phases.map((p: any) => p.start)).toEqual(['2026-10-01', '2026-10-21']);
    expect(body.points[19].question).toBe('fft-2013');
    expect(body.points[20].question).toBe('fft-2020');
    await s.cleanup();
  });
});

describe('GET /api/v1/breakdown', () => {
  it('scores each group and suppresses small ones, and one more so none can be worked out', async () => {
    const s = await testApp();
    await s.give('ED', '2026-11-10', Array(10).fill(1), { equality: { ageBand: '65-74' } });
    await s.give('ED', '2026-11-10', [1, 2, 5], { equality: { ageBand: '16-24' } });
    await s.give('ED', '2026-11-10', [1, 1, 1, 2, 2, 4]);
    const { status, body } = await s.get('/api/v1/breakdown?level=unit&code=ED&from=2026-11-01&to=2026-11-30&by=age');
    expect(status).toBe(200);
    const groups = Object.fromEntries(body.groups.map((g: any) => [g.group, g]));
    // In one order on every store, "not stated" last.
    expect(body.groups.map((g: any) => g.group)).toEqual(['16-24', '65-74', 'not-stated']);
    expect(groups['16-24']).toMatchObject({ responses: null, suppressed: true, reason: 'primary', score: null });
    expect(groups['not-stated']).toMatchObject({ responses: null, suppressed: true, reason: 'secondary', score: null });
    expect(groups['65-74']).toMatchObject({ responses: 10, suppressed: false });
    expect(groups['65-74'].score.positive).toBe(1);
    expect(body.total.responses).toBe(19);
    const byChannel = await s.get('/api/v1/breakdown?level=unit&code=ED&from=2026-11-01&to=2026-11-30&by=channel');
    expect(byChannel.body.groups).toEqual([expect.objectContaining({ group: 'kiosk', responses: 19 })]);
    expect((await s.get('/api/v1/breakdown?level=unit&code=ED&from=2026-11-01&to=2026-11-30&by=religion')).status).toBe(400);
    await s.cleanup();
  });

  it('hides a third group when a small one and the one hidden beside it would give each other away', async () => {
    const s = await testApp();
    await s.give('ED', '2026-11-10', [5], { equality: { sex: 'female' } });
    await s.give('ED', '2026-11-10', [1, 1, 1, 1, 1], { equality: { sex: 'male' } });
    await s.give('ED', '2026-11-10', [1, 1, 2, 2, 2, 3, 3, 5]);
    const { body } = await s.get('/api/v1/breakdown?level=unit&code=ED&from=2026-11-10&to=2026-11-10&by=sex');
    // Shown: total 14. Had "not stated" (8) been shown too, female (primary: 1–4) + male
    // (secondary: at least 5) = 6 could only be 1 + 5.
    expect(body.total.responses).toBe(14);
    expect(body.groups.map((g: any) => [g.group, g.responses, g.reason])).toEqual([
      ['female', null, 'primary'],
      ['male', null, 'secondary'],
      ['not-stated', null, 'secondary'],
    ]);
    await s.cleanup();
  });
});

describe('eligible counts', () => {
  it('refuses bad input, unknown units and the wrong roles, writing nothing', async () => {
    expect((await t.send('PUT', '/api/v1/eligible', { unit: 'W1', month: '2026-13', eligible: 5 })).body.error.issues[0].path).toBe('month');
    expect((await t.send('PUT', '/api/v1/eligible', { unit: 'W1', month: '2026-10', eligible: -1 })).status).toBe(400);
    const partly = await t.send('PUT', '/api/v1/eligible', { items: [{ unit: 'W1', month: '2026-10', eligible: 50 }, { unit: 'NOPE', month: '2026-10', eligible: 5 }] });
    expect(partly.status).toBe(404);
    expect(partly.body.error.issues[0].path).toBe('items.1.unit');
    expect((await t.send('PUT', '/api/v1/eligible', { unit: 'W1', month: '2026-10', eligible: 5 }, t.tokens.matron)).status).toBe(403);
    const listed = await t.get('/api/v1/eligible?level=unit&code=W1&from=2026-10&to=2026-11');
    expect(listed.body.eligible).toEqual([{ unit: 'W1', month: '2026-11', eligible: 70 }]);
  });

  it('refuses a month still to come, naming it, and writes nothing of the batch; the current month is allowed', async () => {
    // The test clock is 22 November 2026.
    const next = await t.send('PUT', '/api/v1/eligible', { unit: 'W1', month: '2026-12', eligible: 50 });
    expect(next.status).toBe(400);
    expect(next.body.error.issues).toEqual([{ path: 'month', message: '2026-12 has not started yet' }]);
    const batch = await t.send('PUT', '/api/v1/eligible', { items: [{ unit: 'W1', month: '2026-11', eligible: 71 }, { unit: 'W1', month: '2030-01', eligible: 5 }] });
    expect(batch.status).toBe(400);
    expect(batch.body.error.issues).toEqual([{ path: 'items.1.month', message: '2030-01 has not started yet' }]);
    expect((await t.get('/api/v1/eligible?level=unit&code=W1&from=2026-11&to=2030-01')).body.eligible).toEqual([{ unit: 'W1', month: '2026-11', eligible: 70 }]);
    expect((await t.send('PUT', '/api/v1/eligible', { unit: 'W1', month: '2026-11', eligible: 70 })).status).toBe(200);
  });

  it('names the field when a count is of the wrong type or left out, alone or in a batch', async () => {
    const issues = async (body: unknown) => {
      const res = await t.send('PUT', '/api/v1/eligible', body);
      expect(res.status).toBe(400);
      return res.body.error.issues.map((i: { path: string }) => i.path);
    };
    expect(await issues({ unit: 'W1', month: '2026-10', eligible: '70' })).toEqual(['eligible']);
    expect(await issues({ unit: 'W1', month: '2026-10' })).toEqual(['eligible']);
    expect(await issues({ unit: 'W1', month: 202610, eligible: 70 })).toEqual(['month']);
    expect(await issues({ items: [{ unit: 'W1', month: '2026-10', eligible: 5 }, { unit: 'W1', month: '2026-09', eligible: '5' }] })).toEqual(['items.1.eligible']);
    expect((await t.get('/api/v1/eligible?level=unit&code=W1&from=2026-09&to=2026-10')).body.eligible).toEqual([]);
  });

  it('refuses a batch that gives a unit and month twice, naming the second, and writes none of it', async () => {
    const res = await t.send('PUT', '/api/v1/eligible', { items: [{ unit: 'W1', month: '2026-08', eligible: 50 }, { unit: 'W2', month: '2026-08', eligible: 9 }, { unit: 'W1', month: '2026-08', eligible: 5 }] });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'items.2.unit', message: '\u2068W1\u2069 2026-08 is already at items.0' }]);
    expect((await t.get('/api/v1/eligible?level=trust&code=RAA&from=2026-08&to=2026-08')).body.eligible).toEqual([]);
    // The same unit in two months is two counts.
    expect((await t.send('PUT', '/api/v1/eligible', { items: [{ unit: 'W1', month: '2026-08', eligible: 50 }, { unit: 'W1', month: '2026-07', eligible: 40 }] })).status).toBe(200);
  });
});

describe('alerts', () => {
  it('raises a bad day once, shows it to the right people, and lets a matron or admin acknowledge it', async () => {
    await t.alerts.flush();
    await t.alerts.evaluate('ED');
    const { body } = await t.get('/api/v1/alerts?level=unit&code=ED&open=1');
    const bad = body.alerts.filter((a: any) => a.kind === 'negative-threshold' && a.period === '2026-11-22');
    expect(bad).toHaveLength(1);
    expect(bad[0].reason).toMatch(/67% of answers on 2026-11-22 were negative/);
    expect((await t.get('/api/v1/alerts', t.tokens.matron)).body.alerts.some((a: any) => a.unitCode === 'ED')).toBe(false);
    expect((await t.send('POST', `/api/v1/alerts/${bad[0].id}/acknowledge`, {}, t.tokens.matron)).status).toBe(404);
    const ack = await t.send('POST', `/api/v1/alerts/${bad[0].id}/acknowledge`, {}, t.tokens.admin);
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedAt).toBe('2026-11-22T10:00:00.000Z');
    expect((await t.get('/api/v1/alerts?level=unit&code=ED&open=1')).body.alerts.filter((a: any) => a.id === bad[0].id)).toEqual([]);
  });

  it('pages the alerts and says how many there are, of one kind if asked', async () => {
    const s = await testApp();
    const alert = (i: number, kind: string) => ({ id: newId(), key: `page:${kind}:${i}`, unitCode: 'W1', kind, period: '2026-11-01', reason: 'r', detail: null, raisedAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(), acknowledgedAt: null, acknowledgedBy: null });
    await s.store.raiseAlerts([...Array.from({ length: 205 }, (_, i) => alert(i, 'negative-threshold')), alert(300, 'serious-concern')]);
    const first = (await s.get('/api/v1/alerts?level=unit&code=W1')).body;
    expect([first.total, first.page, first.pageSize, first.alerts.length]).toEqual([206, 1, 200, 200]);
    const second = (await s.get('/api/v1/alerts?level=unit&code=W1&page=2')).body;
    expect([second.total, second.alerts.length]).toEqual([206, 6]);
    expect(new Set([...first.alerts, ...second.alerts].map((a: any) => a.id)).size).toBe(206);
    const serious = (await s.get('/api/v1/alerts?level=unit&code=W1&open=1&kind=serious-concern')).body;
    expect([serious.total, serious.alerts.map((a: any) => a.kind)]).toEqual([1, ['serious-concern']]);
    const bad = await s.get('/api/v1/alerts?kind=loud&pageSize=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.path).sort()).toEqual(['kind', 'pageSize']);
    await s.cleanup();
  });

  it('raises a concerning SPC signal once, when the day is over', async () => {
    const s = await testApp();
    for (let d = 0; d < 30; d++) {
      const day = new Date(Date.UTC(2026, 9, 23 + d)).toISOString().slice(0, 10);
      // Steady at 8–9 of 10 positive, then a collapse yesterday (21 Nov), a whole day.
      const good = day === '2026-11-21' ? 1 : 8 + (d % 2);
      await s.give('W1', day, [...Array(good).fill(1), ...Array(10 - good).fill(3)]);
    }
    const raised = await s.alerts.evaluate('W1');
    expect(raised.map((a) => [a.kind, a.period])).toContainEqual(['spc-concerning', '2026-11-21']);
    expect(raised.find((a) => a.kind === 'spc-concerning')!.reason).toMatch(/special cause variation of concern/);
    expect(await s.alerts.evaluate('W1')).toEqual([]);
    await s.cleanup();
  });

  it('raises no SPC alert from a collapse in today’s answers so far', async () => {
    const s = await testApp();
    for (let d = 0; d < 30; d++) {
      const day = new Date(Date.UTC(2026, 9, 24 + d)).toISOString().slice(0, 10);
      // Steady at 8–9 of 10 positive, then 1 of 10 so far today (22 Nov, the test clock).
      const good = day === '2026-11-22' ? 1 : 8 + (d % 2);
      await s.give('W1', day, [...Array(good).fill(1), ...Array(10 - good).fill(3)]);
    }
    expect((await s.alerts.evaluate('W1')).filter((a) => a.kind === 'spc-concerning')).toEqual([]);
    await s.cleanup();
  });

  it('uses a unit’s own threshold, set by an admin', async () => {
    expect((await t.send('PATCH', '/api/v1/units/W1', { negativeThreshold: 1.5 })).status).toBe(400);
    // A day alerts only above its threshold: 1 (every answer negative) would never alert.
    const all = await t.send('PATCH', '/api/v1/units/W1', { negativeThreshold: 1 });
    expect(all.status).toBe(400);
    expect(all.body.error.issues[0].path).toBe('negativeThreshold');
    // 0 would flag every day; the alert check refuses it, and once stored it stopped all the unit's alerts.
    const zero = await t.send('PATCH', '/api/v1/units/W1', { negativeThreshold: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.error.issues[0].path).toBe('negativeThreshold');
    expect((await t.store.getUnit('W1'))?.negativeThreshold).toBeNull();
    expect((await t.send('PATCH', '/api/v1/units/W1', { negativeThreshold: 0.1 }, t.tokens.matron)).status).toBe(403);
    expect((await t.send('PATCH', '/api/v1/units/W1', { negativeThreshold: 0.1 })).body.negativeThreshold).toBe(0.1);
    await t.give('W1', '2026-11-22', [1, 1, 1, 1, 1, 1, 1, 1, 5]);
    await t.alerts.flush();
    const w1 = (await t.get('/api/v1/alerts?level=unit&code=W1', t.tokens.matron)).body.alerts;
    expect(w1.map((a: any) => [a.kind, a.period])).toContainEqual(['negative-threshold', '2026-11-22']);
  });
});
