import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import {
  isPermanentStatus,
  logProvider,
  notifyProvider,
  providerFromConfig,
  readSmsConfig,
  SmsConfigError,
  SmsSendError,
  twilioProvider,
  type SmsLogger,
  type SmsProvider,
} from './providers.ts';
import { decodeJwt, refusedUrl, startFakeProvider, type FakeProviderServer } from './testing.ts';

const SERVICE = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const API_KEY = `fft_live-${SERVICE}-${SECRET}`;
const TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'twilio-auth-token-for-tests';
const NOW = '2026-11-22T10:00:00.000Z';

const message = { to: '+447700900123', body: 'Ward 4: how was your experience? Reply 1–6. Dziękujemy 🙏 & <thanks>', reference: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' };

let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.requests.length = 0;
});

async function sendError(provider: SmsProvider, msg = message): Promise<SmsSendError> {
  try {
    await provider.send(msg);
  } catch (error) {
    expect(error).toBeInstanceOf(SmsSendError);
    return error as SmsSendError;
  }
  throw new Error('expected the send to fail');
}

describe('notifyProvider sends exactly what Notify expects', () => {
  const clock = fixedClock(NOW);
  const notify = () => notifyProvider({ apiKey: API_KEY, templateId: TEMPLATE, baseUrl: `${fake.baseUrl}/`, clock });

  it('POSTs JSON to /v2/notifications/sms with a fresh, verifiable JWT and returns Notify’s id', async () => {
    fake.respond({ status: 201, body: { id: '740e5834-3a29-46b4-9a6f-16142fde533a', reference: message.reference, content: { body: message.body } } });
    const result = await notify().send(message);
    expect(result).toEqual({ providerId: '740e5834-3a29-46b4-9a6f-16142fde533a' });

    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v2/notifications/sms');
    expect(req.headers['content-type']).toBe('application/json');
    const auth = req.headers.authorization ?? '';
    expect(auth).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const jwt = decodeJwt(auth.slice('Bearer '.length), SECRET);
    expect(jwt.header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(jwt.claims).toEqual({ iss: SERVICE, iat: Date.parse(NOW) / 1000 });
    expect(jwt.signatureValid).toBe(true);
    expect(JSON.parse(req.body)).toEqual({
      phone_number: '+447700900123',
      template_id: TEMPLATE,
      personalisation: { message: message.body },
      reference: message.reference,
    });
  });

  it('signs each request at the clock’s time', async () => {
    fake.respond({ status: 201, body: { id: 'n1' } });
    const provider = notify();
    await provider.send(message);
    clock.advance(45_000);
    await provider.send(message);
    const iats = fake.requests.map((r) => decodeJwt((r.headers.authorization ?? '').slice(7), SECRET).claims.iat);
    expect(iats).toEqual([Date.parse(NOW) / 1000, Date.parse(NOW) / 1000 + 45]);
    clock.set(NOW);
  });

  it('names the sender when an sms_sender_id is configured', async () => {
    fake.respond({ status: 201, body: { id: 'n2' } });
    const senderId = '0fa3c3d8-9a6b-4a4f-8a3e-1d2c3b4a5f6e';
    await notifyProvider({ apiKey: API_KEY, templateId: TEMPLATE, baseUrl: fake.baseUrl, clock, smsSenderId: senderId }).send(message);
    expect(JSON.parse(fake.requests[0].body)).toMatchObject({ sms_sender_id: senderId });
  });

  it('400 ValidationError (not a UK mobile) is permanent, with Notify’s error name as the code', async () => {
    fake.respond({ status: 400, body: { status_code: 400, errors: [{ error: 'ValidationError', message: 'phone_number Not a UK mobile number' }] } });
    const error = await sendError(notify());
    expect(error).toMatchObject({ permanent: true, status: 400, code: 'ValidationError' });
    expect(error.message).toContain('phone_number Not a UK mobile number');
  });

  it('400 BadRequestError (trial mode, team key) is permanent', async () => {
    fake.respond({ status: 400, body: { status_code: 400, errors: [{ error: 'BadRequestError', message: 'Cannot send to this recipient using a team-only API key' }] } });
    expect(await sendError(notify())).toMatchObject({ permanent: true, code: 'BadRequestError' });
  });

  it('429 is temporary and carries Retry-After', async () => {
    fake.respond({
      status: 429,
      headers: { 'retry-after': '30' },
      body: { status_code: 429, errors: [{ error: 'RateLimitError', message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds' }] },
    });
    expect(await sendError(notify())).toMatchObject({ permanent: false, status: 429, code: 'RateLimitError', retryAfterMs: 30_000 });
  });

  it('500 is temporary, and so is 403 (a wrong key or clock: fix the configuration, do not drop the text)', async () => {
    fake.respond({ status: 500, body: { status_code: 500, errors: [{ error: 'Exception', message: 'Internal server error' }] } });
    expect(await sendError(notify())).toMatchObject({ permanent: false, status: 500, code: 'Exception' });
    fake.respond({ status: 403, body: { status_code: 403, errors: [{ error: 'AuthError', message: 'Invalid token: API key not found' }] } });
    expect(await sendError(notify())).toMatchObject({ permanent: false, status: 403, code: 'AuthError' });
  });

  it('an error page that is not JSON is still classified by its status', async () => {
    fake.respond({ status: 502, body: '<html>Bad gateway</html>', headers: { 'content-type': 'text/html' } });
    expect(await sendError(notify())).toMatchObject({ permanent: false, status: 502 });
  });

  it('a 201 with an unreadable body counts as sent (retrying would text the patient twice)', async () => {
    fake.respond({ status: 201, body: 'not json' });
    expect(await notify().send(message)).toEqual({ providerId: '' });
  });

  it('connection refused is temporary', async () => {
    const provider = notifyProvider({ apiKey: API_KEY, templateId: TEMPLATE, baseUrl: await refusedUrl(), clock });
    const error = await sendError(provider);
    expect(error).toMatchObject({ permanent: false, code: 'network' });
    expect(error.status).toBeUndefined();
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('a provider that does not answer in time is temporary', async () => {
    fake.respond({ status: 201, body: { id: 'late' }, delayMs: 2_000 });
    const provider = notifyProvider({ apiKey: API_KEY, templateId: TEMPLATE, baseUrl: fake.baseUrl, clock, timeoutMs: 100 });
    expect(await sendError(provider)).toMatchObject({ permanent: false, code: 'timeout' });
  });

  it('refuses a recipient not in E.164 form without calling Notify', async () => {
    expect(await sendError(notify(), { ...message, to: '07700 900123' })).toMatchObject({ permanent: true, code: 'invalid-recipient' });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a malformed API key when built', () => {
    expect(() => notifyProvider({ apiKey: 'oops', templateId: TEMPLATE, clock })).toThrow(/Notify API key/);
  });
});

describe('twilioProvider sends exactly what Twilio expects', () => {
  const twilio = (extra: Partial<Parameters<typeof twilioProvider>[0]> = {}) =>
    twilioProvider({ accountSid: ACCOUNT, authToken: AUTH_TOKEN, from: '+447700900999', baseUrl: fake.baseUrl, ...extra });

  it('POSTs a form to Messages.json with basic auth and returns the Message SID', async () => {
    fake.respond({ status: 201, body: { sid: 'SM0123456789abcdef0123456789abcdef', status: 'queued' } });
    expect(await twilio().send(message)).toEqual({ providerId: 'SM0123456789abcdef0123456789abcdef' });

    const [req] = fake.requests;
    expect(req.method).toBe('POST');
    expect(req.url).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Messages.json`);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const auth = req.headers.authorization ?? '';
    expect(auth.startsWith('Basic ')).toBe(true);
    expect(Buffer.from(auth.slice(6), 'base64').toString('utf8')).toBe(`${ACCOUNT}:${AUTH_TOKEN}`);
    const form = new URLSearchParams(req.body);
    expect([...form.keys()].sort()).toEqual(['Body', 'From', 'To']);
    expect(form.get('To')).toBe('+447700900123');
    expect(form.get('From')).toBe('+447700900999');
    expect(form.get('Body')).toBe(message.body); // '&', '<', '+', Polish and emoji survive the encoding
    expect(req.body).toContain('To=%2B447700900123');
  });

  it('sends MessagingServiceSid instead of From when configured', async () => {
    fake.respond({ status: 201, body: { sid: 'SMx' } });
    const service = 'MG0123456789abcdef0123456789abcdef';
    await twilio({ from: undefined, messagingServiceSid: service }).send(message);
    const form = new URLSearchParams(fake.requests[0].body);
    expect([...form.keys()].sort()).toEqual(['Body', 'MessagingServiceSid', 'To']);
    expect(form.get('MessagingServiceSid')).toBe(service);
  });

  it('needs exactly one of from and messagingServiceSid', () => {
    expect(() => twilio({ from: undefined })).toThrow(/exactly one/);
    expect(() => twilio({ messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' })).toThrow(/exactly one/);
  });

  it('400 21211 (invalid To) is permanent, and the number Twilio quotes is not kept in the error', async () => {
    fake.respond({ status: 400, body: { code: 21211, message: "The 'To' number +447700900123 is not a valid phone number.", more_info: 'https://www.twilio.com/docs/errors/21211', status: 400 } });
    const error = await sendError(twilio());
    expect(error).toMatchObject({ permanent: true, status: 400, code: '21211', recipientOptedOut: false });
    expect(error.message).not.toContain('7700900123');
    expect(error.message).toContain('[number]');
  });

  it('400 21610 (the recipient sent STOP to Twilio) is permanent and flagged as an opt-out', async () => {
    fake.respond({ status: 400, body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 } });
    expect(await sendError(twilio())).toMatchObject({ permanent: true, code: '21610', recipientOptedOut: true });
  });

  it('401, 429 and 5xx are temporary', async () => {
    fake.respond({ status: 401, body: { code: 20003, message: 'Authenticate', status: 401 } });
    expect(await sendError(twilio())).toMatchObject({ permanent: false, status: 401, code: '20003' });
    fake.respond({ status: 429, body: { code: 20429, message: 'Too Many Requests', status: 429 } });
    expect(await sendError(twilio())).toMatchObject({ permanent: false, status: 429, code: '20429' });
    fake.respond({ status: 503, body: '' });
    expect(await sendError(twilio())).toMatchObject({ permanent: false, status: 503 });
  });

  it('connection refused is temporary', async () => {
    expect(await sendError(twilio({ baseUrl: await refusedUrl() }))).toMatchObject({ permanent: false, code: 'network' });
  });
});

describe('logProvider', () => {
  it('logs the text with the number masked, sends nothing, and returns a made-up id', async () => {
    const lines: { obj: any; msg: string }[] = [];
    const logger: SmsLogger = { info: (obj, msg) => lines.push({ obj, msg }) };
    const provider = logProvider(logger, () => 'log-1');
    expect(provider.name).toBe('log');
    expect(await provider.send(message)).toEqual({ providerId: 'log-1' });
    expect(lines).toHaveLength(1);
    expect(lines[0].obj.sms).toEqual({ to: '+44 7*** ***123', reference: message.reference, providerId: 'log-1', body: message.body });
    expect(JSON.stringify(lines)).not.toContain('900123');
  });

  it('takes the service’s pino logger as it is, and makes a fresh id each time', async () => {
    const provider = logProvider(createLogger('silent'));
    const a = await provider.send(message);
    const b = await provider.send(message);
    expect(a.providerId).toMatch(/^log-/);
    expect(a.providerId).not.toBe(b.providerId);
  });
});

describe('readSmsConfig and providerFromConfig', () => {
  const logger = createLogger('silent');
  const notifyEnv = { FFT_SMS_PROVIDER: 'notify', FFT_NOTIFY_API_KEY: API_KEY, FFT_NOTIFY_TEMPLATE_ID: TEMPLATE, FFT_NOTIFY_INBOUND_TOKEN: 'inbound-token' };
  const twilioEnv = { FFT_SMS_PROVIDER: 'twilio', FFT_TWILIO_ACCOUNT_SID: ACCOUNT, FFT_TWILIO_AUTH_TOKEN: AUTH_TOKEN, FFT_TWILIO_FROM: '+447700900999' };

  it('defaults to the log provider, so nothing is sent unless asked', () => {
    expect(readSmsConfig({})).toEqual({ provider: 'log' });
    expect(readSmsConfig({ FFT_SMS_PROVIDER: '' })).toEqual({ provider: 'log' });
    expect(providerFromConfig({}, { logger }).name).toBe('log');
  });

  it('reads Notify settings, including the inbound callback token', () => {
    expect(readSmsConfig(notifyEnv)).toEqual({ provider: 'notify', apiKey: API_KEY, templateId: TEMPLATE, inboundToken: 'inbound-token' });
    expect(providerFromConfig(notifyEnv, { logger }).name).toBe('notify');
  });

  it('reads Twilio settings with From or a messaging service', () => {
    expect(readSmsConfig(twilioEnv)).toEqual({ provider: 'twilio', accountSid: ACCOUNT, authToken: AUTH_TOKEN, from: '+447700900999' });
    const viaService = { ...twilioEnv, FFT_TWILIO_FROM: undefined, FFT_TWILIO_MESSAGING_SERVICE_SID: 'MG0123456789abcdef0123456789abcdef' };
    expect(readSmsConfig(viaService)).toMatchObject({ provider: 'twilio', messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' });
    expect(providerFromConfig(twilioEnv, { logger }).name).toBe('twilio');
  });

  it('names every missing variable at once', () => {
    expect(() => readSmsConfig({ FFT_SMS_PROVIDER: 'notify' })).toThrow(
      new SmsConfigError('FFT_SMS_PROVIDER=notify needs FFT_NOTIFY_API_KEY, FFT_NOTIFY_TEMPLATE_ID and FFT_NOTIFY_INBOUND_TOKEN to be set'),
    );
    expect(() => readSmsConfig({ ...notifyEnv, FFT_NOTIFY_INBOUND_TOKEN: ' ' })).toThrow(/needs FFT_NOTIFY_INBOUND_TOKEN to be set/);
    expect(() => readSmsConfig({ FFT_SMS_PROVIDER: 'twilio', FFT_TWILIO_AUTH_TOKEN: 'x' })).toThrow(
      /needs FFT_TWILIO_ACCOUNT_SID and FFT_TWILIO_FROM or FFT_TWILIO_MESSAGING_SERVICE_SID to be set/,
    );
  });

  it('refuses wrong values with the variable named and the secret not echoed', () => {
    const badKey = () => readSmsConfig({ ...notifyEnv, FFT_NOTIFY_API_KEY: 'secret-but-truncated-26785a09' });
    expect(badKey).toThrow(/FFT_NOTIFY_API_KEY is not a Notify API key/);
    try {
      badKey();
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-but-truncated');
    }
    expect(() => readSmsConfig({ ...notifyEnv, FFT_NOTIFY_TEMPLATE_ID: 'welcome' })).toThrow(/FFT_NOTIFY_TEMPLATE_ID/);
    expect(() => readSmsConfig({ ...twilioEnv, FFT_TWILIO_FROM: 'NHSTRUST' })).toThrow(/FFT_TWILIO_FROM must be a phone number/);
    expect(() => readSmsConfig({ ...twilioEnv, FFT_TWILIO_ACCOUNT_SID: 'AC123' })).toThrow(/FFT_TWILIO_ACCOUNT_SID/);
    expect(() => readSmsConfig({ ...twilioEnv, FFT_TWILIO_MESSAGING_SERVICE_SID: 'MG0123456789abcdef0123456789abcdef' })).toThrow(/not both/);
    expect(() => readSmsConfig({ FFT_SMS_PROVIDER: 'vonage' })).toThrow(/must be notify, twilio or log, not "vonage"/);
  });

  it('builds a working adapter from the environment (pointed at a stand-in provider)', async () => {
    fake.respond({ status: 201, body: { id: 'from-config' } });
    const provider = providerFromConfig({ ...notifyEnv, FFT_NOTIFY_BASE_URL: fake.baseUrl }, { logger, clock: fixedClock(NOW) });
    expect(await provider.send(message)).toEqual({ providerId: 'from-config' });
    expect(fake.requests[0].url).toBe('/v2/notifications/sms');
  });

  it('uses the injected fetch', async () => {
    const calls: string[] = [];
    const fetchStub: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(JSON.stringify({ sid: 'SMstub' }), { status: 201 });
    };
    const provider = providerFromConfig(twilioEnv, { logger, fetch: fetchStub });
    expect(await provider.send(message)).toEqual({ providerId: 'SMstub' });
    expect(calls).toEqual([`https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Messages.json`]);
  });
});

describe('isPermanentStatus', () => {
  it.each([
    [400, true], [404, false], [409, true], [413, true], [422, true],
    [401, false], [403, false], [408, false], [429, false], [500, false], [502, false], [503, false], [504, false],
  ])('%i → %s', (status, permanent) => {
    expect(isPermanentStatus(status)).toBe(permanent);
  });
});
