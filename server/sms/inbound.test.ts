import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { notifyInbound, senderE164, twilioInbound } from './inbound.ts';
import { formParams } from './twilio-signature.ts';

const clock = fixedClock('2026-11-22T10:00:00.000Z');

describe('notifyInbound', () => {
  it('reads Notify’s received-text callback; its sender has no "+"', () => {
    const body = {
      id: 'c5f2b1f4-6b1c-4c3e-9f0a-1b2c3d4e5f60',
      source_number: '447700900123',
      destination_number: '07700987654',
      message: 'Very good 🙂',
      date_received: '2026-11-22T09:58:30.123456Z',
    };
    expect(notifyInbound(body, clock)).toEqual({
      ok: true,
      sms: {
        provider: 'notify',
        providerMessageId: body.id,
        from: '+447700900123',
        to: '07700987654',
        text: 'Very good 🙂',
        receivedAt: new Date('2026-11-22T09:58:30.123Z'),
      },
    });
  });

  it('uses the clock when date_received is missing or unreadable, and ignores unknown fields', () => {
    const base = { id: 'x', source_number: '07700900123', destination_number: '', message: '5' };
    for (const extra of [{}, { date_received: 'yesterday' }, { reference: null, something_new: 1 }, { date_received: '1' }, { date_received: '2026-13-45T00:00:00Z' },
      // Out of range: a day that far ahead or back would become the answer's day.
      { date_received: '9999-12-31T00:00:00Z' }, { date_received: '2026-11-22T10:06:00Z' }, { date_received: '2025-11-01T10:00:00Z' }]) {
      const result = notifyInbound({ ...base, ...extra }, clock);
      expect(result).toMatchObject({ ok: true, sms: { receivedAt: clock() } });
    }
  });

  it('keeps a plausible date_received a little ahead or well back, and reads one without a zone as UTC', () => {
    const base = { id: 'x', source_number: '07700900123', destination_number: '', message: '5' };
    const at = (date_received: string) => (notifyInbound({ ...base, date_received }, clock) as { sms: { receivedAt: Date } }).sms.receivedAt.toISOString();
    expect(at('2026-11-22T10:04:00.000000Z')).toBe('2026-11-22T10:04:00.000Z');
    expect(at('2026-01-10T08:00:00Z')).toBe('2026-01-10T08:00:00.000Z');
    expect(at('2026-11-22T09:00:00')).toBe('2026-11-22T09:00:00.000Z');
  });

  it('refuses what is not a received-text callback', () => {
    expect(notifyInbound(null, clock)).toMatchObject({ ok: false });
    expect(notifyInbound({ id: 'x', message: '5' }, clock)).toMatchObject({ ok: false, problem: expect.stringContaining('source_number'), field: 'source_number' });
    expect(notifyInbound({ id: 'x', source_number: 'Anonymous', destination_number: '', message: '5' }, clock)).toMatchObject({ ok: false });
  });

  it('refuses a message id with a control character, naming it: it is kept to spot a callback sent again, and PostgreSQL cannot hold U+0000', () => {
    expect(notifyInbound({ id: 'x\u0000', source_number: '07700900123', destination_number: '', message: '5' }, clock)).toMatchObject({ ok: false, field: 'id' });
  });
});

describe('twilioInbound', () => {
  it('reads Twilio’s webhook form', () => {
    const params = formParams('MessageSid=SM0123&AccountSid=AC1&From=%2B447700900123&To=%2B447700900999&Body=Bardzo+dobre&NumMedia=0');
    expect(twilioInbound(params, clock)).toEqual({
      ok: true,
      sms: { provider: 'twilio', providerMessageId: 'SM0123', from: '+447700900123', to: '+447700900999', text: 'Bardzo dobre', receivedAt: clock() },
    });
  });

  it('treats a missing Body (a picture only) as empty text', () => {
    expect(twilioInbound({ MessageSid: 'SM1', From: '+447700900123' }, clock)).toMatchObject({ ok: true, sms: { text: '' } });
  });

  it('refuses a form without a MessageSid or a sender', () => {
    expect(twilioInbound({ From: '+447700900123', Body: '5' }, clock)).toMatchObject({ ok: false, field: 'MessageSid' });
    expect(twilioInbound({ MessageSid: 'SM1', Body: '5' }, clock)).toMatchObject({ ok: false, field: 'From' });
  });

  it('refuses a MessageSid with a control character', () => {
    expect(twilioInbound({ MessageSid: 'SM\u0000', From: '+447700900123', Body: '5' }, clock)).toMatchObject({ ok: false, field: 'MessageSid' });
  });
});

describe('senderE164', () => {
  it.each([
    ['447700900123', '+447700900123'],
    ['+447700900123', '+447700900123'],
    ['07700 900123', '+447700900123'],
    ['33612345678', '+33612345678'],
    ['+1 415 555 2671', '+14155552671'],
    ['01614960000', '+441614960000'],
    ['Anonymous', null],
    ['', null],
  ])('%j → %j', (raw, e164) => {
    expect(senderE164(raw)).toBe(e164);
  });
});
