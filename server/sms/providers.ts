/**
 * Sending a text: one small interface, `SmsProvider`, and an adapter each for GOV.UK Notify,
 * Twilio and a log (for development, where nothing may reach a real phone). Adapters speak
 * plain HTTP through an injected `fetch` and take time from the injected clock, so tests run
 * them for real against a local server.
 *
 * A failed send throws `SmsSendError`, whose `permanent` says whether trying again could
 * help: a number the provider refuses (400) is permanent; a busy (429) or broken (5xx)
 * provider, a network failure or a timeout is temporary, to be retried with `retry.ts`.
 * Neither API takes an idempotency key, so a timeout after the provider accepted the text
 * can, on retry, send it twice: a rare duplicate text is the price of never silently losing
 * an invitation.
 */
import { randomUUID } from 'node:crypto';
import { UUID } from '../ids.ts';
import { systemClock, type Clock } from '../clock.ts';
import { notifyJwt, parseNotifyApiKey } from './notify-auth.ts';
import { maskPhone } from './phone.ts';

export type SmsProviderName = 'notify' | 'twilio' | 'log';

export interface SmsMessage {
  /** The recipient in E.164 form (`+447…`), from `normaliseUkMobile`. */
  to: string;
  body: string;
  /** Our id for the text (the invitation id); Notify stores it and returns it in receipts. */
  reference: string;
}

export interface SmsProvider {
  name: SmsProviderName;
  /** Hands the text to the provider; resolves with the provider's id for it. */
  send(msg: SmsMessage): Promise<{ providerId: string }>;
}

export interface SmsSendErrorDetails {
  permanent: boolean;
  /** The provider's HTTP status; absent when no response came (network, timeout). */
  status?: number;
  /** The provider's error name or number (Notify "ValidationError", Twilio "21211"), or "network" / "timeout". */
  code?: string;
  /** From a Retry-After header: wait at least this long before trying again. */
  retryAfterMs?: number;
  /** The recipient has opted out with the provider itself (Twilio 21610): record an opt-out. */
  recipientOptedOut?: boolean;
  cause?: unknown;
}

/** Why a text was not sent, and whether trying again could help. Never carries the number. */
export class SmsSendError extends Error {
  readonly permanent: boolean;
  readonly status?: number;
  readonly code?: string;
  readonly retryAfterMs?: number;
  readonly recipientOptedOut: boolean;

  constructor(message: string, details: SmsSendErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SmsSendError';
    this.permanent = details.permanent;
    this.status = details.status;
    this.code = details.code;
    this.retryAfterMs = details.retryAfterMs;
    this.recipientOptedOut = details.recipientOptedOut ?? false;
  }
}

/**
 * Whether an HTTP status from a provider means "this text will never go". 4xx is the
 * request's own fault and permanent, except: 408 and 429 (try later); 401 and 403 (a wrong
 * key or a skewed clock, which fail every text alike and are fixed by configuration: marking
 * each invitation failed for good would lose a whole day's invitations); and 404 (a wrong
 * base URL or account, likewise). 5xx and anything unexpected are temporary.
 */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && ![401, 403, 404, 408, 425, 429].includes(status);
}

const DEFAULT_TIMEOUT_MS = 15_000;

interface HttpDeps {
  fetch?: typeof fetch;
  /** Per request; a provider that has not answered by then is treated as a temporary failure. */
  timeoutMs?: number;
}

export interface NotifyOptions extends HttpDeps {
  apiKey: string;
  /** A text message template whose whole content is `((message))`. */
  templateId: string;
  /** The sender (an inbound number, so patients can reply); the service's default if absent. */
  smsSenderId?: string;
  baseUrl?: string;
  clock?: Clock;
}

/**
 * GOV.UK Notify: `POST /v2/notifications/sms` with JSON `{phone_number, template_id,
 * personalisation: {message}, reference}` and a fresh JWT per request. The template must be
 * exactly `((message))`, so that our texts (in every language) are written here, once.
 */
export function notifyProvider(options: NotifyOptions): SmsProvider {
  const key = parseNotifyApiKey(options.apiKey);
  const baseUrl = trimSlash(options.baseUrl ?? 'https://api.notifications.service.gov.uk');
  const clock = options.clock ?? systemClock;
  return {
    name: 'notify',
    async send(msg) {
      checkRecipient(msg.to);
      const payload: Record<string, unknown> = {
        phone_number: msg.to,
        template_id: options.templateId,
        personalisation: { message: msg.body },
        reference: msg.reference,
      };
      if (options.smsSenderId) payload.sms_sender_id = options.smsSenderId;
      const res = await post(options, `${baseUrl}/v2/notifications/sms`, {
        authorization: `Bearer ${notifyJwt(key, clock())}`,
        'content-type': 'application/json',
        accept: 'application/json',
      }, JSON.stringify(payload));
      const body = await readJson(res);
      if (res.ok) return { providerId: stringField(body, 'id') };
      // {"status_code": 400, "errors": [{"error": "ValidationError", "message": "phone_number Not a UK mobile number"}]}
      const errors = Array.isArray(body?.errors) ? (body.errors as { error?: unknown; message?: unknown }[]) : [];
      const code = typeof errors[0]?.error === 'string' ? errors[0].error : undefined;
      const detail = errors.map((e) => [e.error, e.message].filter((x) => typeof x === 'string').join(': ')).join('; ');
      throw new SmsSendError(`Notify refused the text (${res.status}${detail ? `: ${scrub(detail)}` : ''})`, {
        permanent: isPermanentStatus(res.status),
        status: res.status,
        code,
        retryAfterMs: retryAfter(res, clock()),
      });
    },
  };
}

export interface TwilioOptions extends HttpDeps {
  accountSid: string;
  authToken: string;
  /** Our number in E.164 form; or give `messagingServiceSid` instead. */
  from?: string;
  messagingServiceSid?: string;
  baseUrl?: string;
  clock?: Clock;
}

/**
 * Twilio: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded `To`, `From`
 * (or `MessagingServiceSid`) and `Body`, with HTTP basic auth. Twilio takes no client
 * reference, so the returned Message SID is the only key to the text.
 */
export function twilioProvider(options: TwilioOptions): SmsProvider {
  if (!options.from === !options.messagingServiceSid) {
    throw new Error('twilioProvider needs exactly one of from or messagingServiceSid');
  }
  const baseUrl = trimSlash(options.baseUrl ?? 'https://api.twilio.com');
  const clock = options.clock ?? systemClock;
  const basic = Buffer.from(`${options.accountSid}:${options.authToken}`, 'utf8').toString('base64');
  const url = `${baseUrl}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  return {
    name: 'twilio',
    async send(msg) {
      checkRecipient(msg.to);
      const form = new URLSearchParams({ To: msg.to });
      if (options.messagingServiceSid) form.set('MessagingServiceSid', options.messagingServiceSid);
      else form.set('From', options.from!);
      form.set('Body', msg.body);
      const res = await post(options, url, {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      }, form.toString());
      const body = await readJson(res);
      if (res.ok) return { providerId: stringField(body, 'sid') };
      // {"code": 21211, "message": "The 'To' number … is not a valid phone number.", "more_info": "…", "status": 400}
      const code = typeof body?.code === 'number' || typeof body?.code === 'string' ? String(body.code) : undefined;
      const detail = typeof body?.message === 'string' ? body.message : '';
      throw new SmsSendError(`Twilio refused the text (${res.status}${code ? ` ${code}` : ''}${detail ? `: ${scrub(detail)}` : ''})`, {
        permanent: isPermanentStatus(res.status),
        status: res.status,
        code,
        retryAfterMs: retryAfter(res, clock()),
        recipientOptedOut: code === '21610',
      });
    },
  };
}

/** The shape of logger the log provider needs; pino's satisfies it. */
export interface SmsLogger {
  info(obj: object, msg: string): void;
}

/**
 * Development and demo: writes the text to the log instead of sending it (the number masked)
 * and returns a made-up id. Nothing leaves the machine.
 */
export function logProvider(logger: SmsLogger, newId: () => string = () => `log-${randomUUID()}`): SmsProvider {
  return {
    name: 'log',
    async send(msg) {
      const providerId = newId();
      logger.info({ sms: { to: maskPhone(msg.to), reference: msg.reference, providerId, body: msg.body } }, 'text not sent (FFT_SMS_PROVIDER=log)');
      return { providerId };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Configuration

export type SmsConfig =
  | { provider: 'log' }
  | { provider: 'notify'; apiKey: string; templateId: string; inboundToken: string; smsSenderId?: string; baseUrl?: string }
  | {
      provider: 'twilio';
      accountSid: string;
      authToken: string;
      from?: string;
      messagingServiceSid?: string;
      baseUrl?: string;
    };

/** A setting is missing or wrong; the message names the variable, never its value. */
export class SmsConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmsConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * The SMS settings, checked, from the environment:
 *
 * | variable | for |
 * |---|---|
 * | `FFT_SMS_PROVIDER` | `notify`, `twilio` or `log` (default: `log`, nothing is sent) |
 * | `FFT_NOTIFY_API_KEY` | notify: a live API key |
 * | `FFT_NOTIFY_TEMPLATE_ID` | notify: the id of a text template whose content is `((message))` |
 * | `FFT_NOTIFY_INBOUND_TOKEN` | notify: the bearer token given to Notify for the received-texts callback |
 * | `FFT_NOTIFY_SMS_SENDER_ID` | notify, optional: the sender id of the inbound number |
 * | `FFT_TWILIO_ACCOUNT_SID`, `FFT_TWILIO_AUTH_TOKEN` | twilio |
 * | `FFT_TWILIO_FROM` or `FFT_TWILIO_MESSAGING_SERVICE_SID` | twilio: exactly one |
 * | `FFT_NOTIFY_BASE_URL`, `FFT_TWILIO_BASE_URL` | optional, for a stand-in provider in tests |
 *
 * Throws `SmsConfigError` naming every missing variable at once.
 */
export function readSmsConfig(env: Env): SmsConfig {
  const get = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const choice = (get('FFT_SMS_PROVIDER') ?? 'log').toLowerCase();
  const need = (names: string[]) => {
    const missing = names.filter((n) => !get(n));
    if (missing.length > 0) {
      throw new SmsConfigError(`FFT_SMS_PROVIDER=${choice} needs ${listNames(missing)} to be set`);
    }
  };
  switch (choice) {
    case 'log':
      return { provider: 'log' };
    case 'notify': {
      need(['FFT_NOTIFY_API_KEY', 'FFT_NOTIFY_TEMPLATE_ID', 'FFT_NOTIFY_INBOUND_TOKEN']);
      const apiKey = get('FFT_NOTIFY_API_KEY')!;
      try {
        parseNotifyApiKey(apiKey);
      } catch {
        throw new SmsConfigError('FFT_NOTIFY_API_KEY is not a Notify API key (<key name>-<service id>-<secret key>)');
      }
      const templateId = get('FFT_NOTIFY_TEMPLATE_ID')!;
      if (!UUID.test(templateId)) throw new SmsConfigError('FFT_NOTIFY_TEMPLATE_ID must be a template id (a UUID)');
      const smsSenderId = get('FFT_NOTIFY_SMS_SENDER_ID');
      if (smsSenderId && !UUID.test(smsSenderId)) throw new SmsConfigError('FFT_NOTIFY_SMS_SENDER_ID must be a sender id (a UUID)');
      return {
        provider: 'notify',
        apiKey,
        templateId,
        inboundToken: get('FFT_NOTIFY_INBOUND_TOKEN')!,
        ...(smsSenderId ? { smsSenderId } : {}),
        ...(get('FFT_NOTIFY_BASE_URL') ? { baseUrl: get('FFT_NOTIFY_BASE_URL') } : {}),
      };
    }
    case 'twilio': {
      const from = get('FFT_TWILIO_FROM');
      const messagingServiceSid = get('FFT_TWILIO_MESSAGING_SERVICE_SID');
      const missing = ['FFT_TWILIO_ACCOUNT_SID', 'FFT_TWILIO_AUTH_TOKEN'].filter((n) => !get(n));
      if (!from && !messagingServiceSid) missing.push('FFT_TWILIO_FROM or FFT_TWILIO_MESSAGING_SERVICE_SID');
      if (missing.length > 0) throw new SmsConfigError(`FFT_SMS_PROVIDER=twilio needs ${listNames(missing)} to be set`);
      if (from && messagingServiceSid) {
        throw new SmsConfigError('Set FFT_TWILIO_FROM or FFT_TWILIO_MESSAGING_SERVICE_SID, not both');
      }
      const accountSid = get('FFT_TWILIO_ACCOUNT_SID')!;
      if (!/^AC[0-9a-f]{32}$/i.test(accountSid)) throw new SmsConfigError('FFT_TWILIO_ACCOUNT_SID must be an account SID (AC followed by 32 hex digits)');
      if (messagingServiceSid && !/^MG[0-9a-f]{32}$/i.test(messagingServiceSid)) {
        throw new SmsConfigError('FFT_TWILIO_MESSAGING_SERVICE_SID must be a messaging service SID (MG followed by 32 hex digits)');
      }
      // An alphanumeric sender ("NHSTRUST") cannot receive texts, and patients must be able to reply.
      if (from && !/^\+[1-9]\d{6,14}$/.test(from)) {
        throw new SmsConfigError('FFT_TWILIO_FROM must be a phone number in E.164 form (+44…): patients reply to it');
      }
      return {
        provider: 'twilio',
        accountSid,
        authToken: get('FFT_TWILIO_AUTH_TOKEN')!,
        ...(from ? { from } : { messagingServiceSid }),
        ...(get('FFT_TWILIO_BASE_URL') ? { baseUrl: get('FFT_TWILIO_BASE_URL') } : {}),
      };
    }
    default:
      throw new SmsConfigError(`FFT_SMS_PROVIDER must be notify, twilio or log, not "${choice}"`);
  }
}

export interface ProviderDeps {
  logger: SmsLogger;
  fetch?: typeof fetch;
  clock?: Clock;
  timeoutMs?: number;
}

/** The provider the environment chooses (see `readSmsConfig`), ready to send. */
export function providerFromConfig(env: Env, deps: ProviderDeps): SmsProvider {
  return createProvider(readSmsConfig(env), deps);
}

/** The provider for settings already read (the routes need the same settings to verify callbacks). */
export function createProvider(config: SmsConfig, deps: ProviderDeps): SmsProvider {
  const http = { fetch: deps.fetch, clock: deps.clock, timeoutMs: deps.timeoutMs };
  switch (config.provider) {
    case 'log':
      return logProvider(deps.logger);
    case 'notify':
      return notifyProvider({ ...http, apiKey: config.apiKey, templateId: config.templateId, smsSenderId: config.smsSenderId, baseUrl: config.baseUrl });
    case 'twilio':
      return twilioProvider({
        ...http,
        accountSid: config.accountSid,
        authToken: config.authToken,
        from: config.from,
        messagingServiceSid: config.messagingServiceSid,
        baseUrl: config.baseUrl,
      });
  }
}

// ---------------------------------------------------------------------------------------------

function listNames(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function checkRecipient(to: string): void {
  if (!/^\+[1-9]\d{6,14}$/.test(to)) {
    throw new SmsSendError('The recipient is not in E.164 form (+447…); normalise it with normaliseUkMobile', { permanent: true, code: 'invalid-recipient' });
  }
}

async function post(deps: HttpDeps, url: string, headers: Record<string, string>, body: string): Promise<Response> {
  const doFetch = deps.fetch ?? globalThis.fetch;
  try {
    return await doFetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(deps.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
  } catch (error) {
    const timeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const reason = timeout ? 'did not answer in time' : `could not be reached (${networkCause(error)})`;
    throw new SmsSendError(`The SMS provider ${reason}`, { permanent: false, code: timeout ? 'timeout' : 'network', cause: error });
  }
}

function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (error instanceof Error) return error.message;
  return 'unknown error';
}

async function readJson(res: Response): Promise<Record<string, any> | null> {
  try {
    const text = await res.text();
    const value: unknown = text ? JSON.parse(text) : null;
    return value && typeof value === 'object' ? (value as Record<string, any>) : null;
  } catch {
    return null;
  }
}

// A 2xx means the provider has the text: it is sent even if the body is unreadable, so it must
// not be retried (that would text the patient twice). The id is then simply unknown.
function stringField(body: Record<string, any> | null, name: string): string {
  const value = body?.[name];
  return typeof value === 'string' ? value : '';
}

// Providers' messages can quote the number ("The 'To' number +447… is not valid"); errors are
// logged and stored, and must not carry it.
function scrub(message: string): string {
  return message.replace(/\+?\d[\d\s-]{5,}\d/g, '[number]').slice(0, 500);
}

function retryAfter(res: Response, now: Date): number | undefined {
  const header = res.headers.get('retry-after');
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
