/**
 * The SMS channel's settings, read once from the environment by `server/config.ts`: which
 * provider sends (see `readSmsConfig`), when texts may go out, and the secrets that let each
 * provider's webhook in. A webhook whose secret is not set is refused, whatever is posted.
 */
import { readSmsConfig, SmsConfigError, type SmsConfig } from './providers.ts';
import { DEFAULT_SEND_WINDOW, nextSendTime, type SendWindow } from './window.ts';

export interface SmsSettings {
  /** The provider that sends invitations and, for Notify, replies. */
  provider: SmsConfig;
  /** London wall-clock times texts may be sent between. */
  window: SendWindow;
  /** The bearer token Notify's received-text callback carries; '' refuses every callback. */
  notifyInboundToken: string;
  /** The Twilio auth token webhooks are signed with; '' refuses every webhook. */
  twilioAuthToken: string;
}

/** Development defaults: texts only logged, webhooks refused. */
export const DEFAULT_SMS_SETTINGS: SmsSettings = { provider: { provider: 'log' }, window: DEFAULT_SEND_WINDOW, notifyInboundToken: '', twilioAuthToken: '' };

/**
 * `FFT_SMS_PROVIDER` and the provider's variables (see `readSmsConfig`), `FFT_SMS_WINDOW`
 * (`HH:MM-HH:MM`, London time, default 09:00-20:00), `FFT_NOTIFY_INBOUND_TOKEN` and
 * `FFT_TWILIO_AUTH_TOKEN` (each webhook is accepted only when its secret is set).
 */
export function readSmsSettings(env: Record<string, string | undefined>): SmsSettings {
  return {
    provider: readSmsConfig(env),
    window: parseSendWindow(env.FFT_SMS_WINDOW),
    notifyInboundToken: env.FFT_NOTIFY_INBOUND_TOKEN?.trim() ?? '',
    twilioAuthToken: env.FFT_TWILIO_AUTH_TOKEN?.trim() ?? '',
  };
}

/** `09:00-20:00` (a dash or an en dash) as a send window; throws naming FFT_SMS_WINDOW. */
export function parseSendWindow(value: string | undefined): SendWindow {
  if (!value?.trim()) return DEFAULT_SEND_WINDOW;
  const match = /^\s*(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})\s*$/.exec(value);
  if (!match) throw new SmsConfigError(`FFT_SMS_WINDOW must be HH:MM-HH:MM in London time (e.g. 09:00-20:00), not "${value}"`);
  const window = { start: match[1]!, end: match[2]! };
  try {
    nextSendTime(new Date(0), window);
  } catch (error) {
    throw new SmsConfigError(`FFT_SMS_WINDOW: ${(error as Error).message}`);
  }
  return window;
}
