import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { DEFAULT_SMS_SETTINGS, parseSendWindow, readSmsSettings } from './config.ts';

describe('SMS settings from the environment', () => {
  it('defaults to logging texts, the 09:00–20:00 window, and refusing both webhooks', () => {
    expect(readSmsSettings({})).toEqual(DEFAULT_SMS_SETTINGS);
    expect(DEFAULT_SMS_SETTINGS).toMatchObject({ provider: { provider: 'log' }, window: { start: '09:00', end: '20:00' }, notifyInboundToken: '', twilioAuthToken: '' });
  });

  it('reads the provider, window and webhook secrets, and is part of the service configuration', () => {
    const env = {
      FFT_SMS_PROVIDER: 'twilio',
      FFT_TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
      FFT_TWILIO_AUTH_TOKEN: ' twilio-token ',
      FFT_TWILIO_FROM: '+447700900999',
      FFT_SMS_WINDOW: '08:30 – 19:45',
      FFT_NOTIFY_INBOUND_TOKEN: 'notify-token',
    };
    expect(loadConfig(env).sms).toEqual({
      provider: { provider: 'twilio', accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-token', from: '+447700900999' },
      window: { start: '08:30', end: '19:45' },
      notifyInboundToken: 'notify-token',
      twilioAuthToken: 'twilio-token',
    });
  });

  it('refuses a malformed or inverted window, naming the variable', () => {
    expect(parseSendWindow('  ')).toEqual({ start: '09:00', end: '20:00' });
    expect(() => parseSendWindow('9-8')).toThrow(/FFT_SMS_WINDOW must be HH:MM-HH:MM/);
    expect(() => parseSendWindow('20:00-09:00')).toThrow(/FFT_SMS_WINDOW: The send window must open before it closes/);
    expect(() => parseSendWindow('09:00-24:00')).toThrow(/FFT_SMS_WINDOW: .*HH:MM/);
    expect(() => loadConfig({ FFT_SMS_PROVIDER: 'notify' })).toThrow(/FFT_NOTIFY_API_KEY/);
  });
});
