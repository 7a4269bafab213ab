import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../testing.ts';
import { publishedYouSaid } from './you-said.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.cleanup();
});

describe('/api/v1/you-said: what each action will be published as', () => {
  it('says what patients will read and what was hidden, on create, update and list, keeping the words as written', async () => {
    const made = await t.send('POST', '/api/v1/you-said', { unit: 'W1', youSaid: 'Mrs Ann Lee said her call bell went unanswered', weDid: 'Call bells answered within 5 minutes' }, t.tokens.matron);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      youSaid: 'Mrs Ann Lee said her call bell went unanswered',
      published: { youSaid: 'Mrs [NAME] said her call bell went unanswered', weDid: 'Call bells answered within 5 minutes', hidden: ['NAME'] },
    });

    // Published text hides staff names too, and each detail is listed in the order found.
    const patched = await t.send('PATCH', `/api/v1/you-said/${made.body.id}`, { weDid: 'Sister Jones checks call bells; ring 07700 900123 if not answered', status: 'done' }, t.tokens.matron);
    expect(patched.status).toBe(200);
    expect(patched.body.weDid).toBe('Sister Jones checks call bells; ring 07700 900123 if not answered');
    expect(patched.body.published).toEqual({
      youSaid: 'Mrs [NAME] said her call bell went unanswered',
      weDid: 'Sister [NAME] checks call bells; ring [PHONE] if not answered',
      hidden: ['NAME', 'NAME', 'PHONE'],
    });

    const listed = await t.get('/api/v1/you-said?level=unit&code=W1', t.tokens.matron);
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((y: { id: string }) => y.id === made.body.id).published).toEqual(patched.body.published);
  });

  it('an action with nothing to hide is published as written, with nothing hidden', async () => {
    const made = await t.send('POST', '/api/v1/you-said', { unit: 'W1', youSaid: 'It was noisy at night', weDid: 'Quiet hours from 11pm' }, t.tokens.matron);
    expect(made.body.published).toEqual({ youSaid: 'It was noisy at night', weDid: 'Quiet hours from 11pm', hidden: [] });
  });
});

describe('published actions', () => {
  it('shows a done action on the public page however many newer actions are still planned', async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 9, minute)).toISOString();
    const item = (id: string, status: string, minute: number) => ({ id, unitCode: 'ED', youSaid: `You said ${id}`, weDid: `We did ${id}`, status, owner: null, dueDate: null, createdAt: at(minute), updatedAt: at(minute) });
    await t.store.saveYouSaid(item('done-1', 'done', 0));
    for (let i = 1; i <= 201; i++) await t.store.saveYouSaid(item(`planned-${i}`, 'planned', i));

    expect((await publishedYouSaid(t.store, ['ED'], 10)).map((y) => y.id)).toEqual(['done-1']);
    const html = await (await t.app.request('/results/unit/ED')).text();
    expect(html).toContain('We did done-1');
    expect(html).not.toContain('We did planned-');
  });
});
