/**
 * The SMS channel's routes, one sub-app mounted at the root:
 *
 * - `POST /api/v1/sms/invitations` (bearer; admin, integration, or a matron for her units):
 *   patients to invite, one result per row.
 * - `POST /sms/twilio`: Twilio's incoming-message webhook, only with a valid
 *   X-Twilio-Signature over FFT_PUBLIC_URL + path + query (else 403); answers with TwiML. The
 *   body is read only up to 64 KB, as it arrives (413 past it, before the signature is checked).
 * - `POST /sms/notify`: GOV.UK Notify's received-text callback, only with the configured
 *   bearer token (else 401); the reply goes out through the provider after the answer, so
 *   Notify, which retries a slow callback, gets its 200 at once.
 *
 * While the database is unavailable, an authenticated text is kept in the spool (`inbox.ts`)
 * and acknowledged as usual (Twilio: empty TwiML; Notify: 200 `{"result": "spooled"}`), once
 * it is on disk; without a spool, or if it cannot be written, the answer is 503.
 */
import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { ResponseWriter } from '../../db/group-commit.ts';
import type { Store } from '../../db/store.ts';
import { audit } from '../audit.ts';
import { requireBearer, type AuthEnv } from '../auth/bearer.ts';
import type { CommentAnalyser } from '../comments/analyser.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { ApiError, errorJson, zodIssues } from '../middleware/errors.ts';
import { readIncoming, readJson } from '../middleware/json-body.ts';
import { DEFAULT_SMS_SETTINGS, type SmsSettings } from './config.ts';
import { createSmsInbox, type SmsInbox } from './inbox.ts';
import { notifyInbound, twilioInbound, type InboundSms } from './inbound.ts';
import { verifyBearer } from './notify-auth.ts';
import { maskPhone } from './phone.ts';
import { createProvider, type SmsProvider } from './providers.ts';
import { createSmsReceiver } from './receive.ts';
import { createInboundSpool } from './spool.ts';
import { adminSmsControls, createSmsService, MAX_INVITATIONS, summariseInvites } from './service.ts';
import type { Settings } from '../settings.ts';
import { TWIML_CONTENT_TYPE, twimlReply } from './twiml.ts';
import { formParams, verifyTwilioSignature } from './twilio-signature.ts';

/** How the SMS channel is set up: settings from the environment, and optionally a provider to use instead of the one they name. */
export interface SmsOptions {
  settings?: SmsSettings;
  provider?: SmsProvider;
  /** Where texts that arrive while the database is unavailable are kept (`FFT_SPOOL_DIR`); none: they are refused with 503. */
  spoolDir?: string;
  /** How often the spool is looked at once the replay is started (default `REPLAY_EVERY_MS`). */
  replayEveryMs?: number;
}

export interface SmsRouteDeps {
  store: Store;
  writer: ResponseWriter;
  comments: Pick<CommentAnalyser, 'notify'>;
  clock: Clock;
  logger: Logger;
  /** Where Twilio was told to post: the signature is over this, never over the Host header. */
  publicUrl: string;
  secret: string;
  /** How long a staff session lasts from sign-in (invitations may be sent from a signed-in page). */
  sessionMaxMs: number;
  sms?: SmsOptions;
  /** The service settings: invitations are scheduled in the send window an admin set there. */
  settings?: Pick<Settings, 'get'>;
}

const INVITER_ROLES = new Set(['admin', 'integration', 'matron']);
// A text is at most a few kilobytes; a long comment in UCS-2 with Twilio's other fields stays well under this.
const MAX_WEBHOOK_BYTES = 64 * 1024;

const invitationsBody = z.strictObject({
  invitations: z
    .array(z.unknown(), 'invitations must be a list of {phone, unit, visitDate, language?}')
    .min(1, 'invitations must not be empty')
    .max(MAX_INVITATIONS, `at most ${MAX_INVITATIONS} invitations per request`),
});

/** The sub-app, and the inbox whose spool replay the server starts and stops. */
export function smsRoutes(deps: SmsRouteDeps): { app: Hono<AuthEnv>; inbox: SmsInbox } {
  const { store, clock, logger, publicUrl, secret } = deps;
  const settings = deps.sms?.settings ?? DEFAULT_SMS_SETTINGS;
  const provider = deps.sms?.provider ?? createProvider(settings.provider, { logger, clock });
  // Invitations are scheduled in the window the sender will use: the admin's, else the environment's.
  const controls = deps.settings ? adminSmsControls(deps.settings, settings.window) : { window: settings.window };
  const service = createSmsService({ store, provider, clock, logger, secret, ...controls });
  const receiver = createSmsReceiver({ store, writer: deps.writer, comments: deps.comments, clock, logger, secret });
  const spool = deps.sms?.spoolDir ? createInboundSpool({ dir: deps.sms.spoolDir, clock, logger }) : undefined;
  const inbox = createSmsInbox({ receiver, spool, reply, clock, logger, replayEveryMs: deps.sms?.replayEveryMs });
  const app = new Hono<AuthEnv>();

  app.post('/api/v1/sms/invitations', requireBearer(store, { clock, secret, sessionMaxMs: deps.sessionMaxMs }), async (c) => {
    const principal = c.get('principal');
    if (!INVITER_ROLES.has(principal.role)) throw new ApiError(403, 'forbidden', 'Only an admin, an integration or a matron may invite patients by text');
    const parsed = invitationsBody.safeParse(await readJson(c, 2 * 1024 * 1024));
    if (!parsed.success) throw new ApiError(400, 'invalid_invitations', 'The invitations were not accepted', zodIssues(parsed.error));
    const results = await service.invite(parsed.data.invitations, principal);
    const summary = summariseInvites(results);
    await audit(store, clock, principal, 'sms.invite', null, summary);
    return c.json(
      {
        results: results.map((r, i) => (r.status === 'invalid' ? { ...r, issues: r.issues.map((issue) => ({ ...issue, path: `invitations.${i}.${issue.path}` })) } : r)),
        summary,
      },
      summary.queued > 0 ? 201 : 200,
    );
  });

  app.post('/sms/twilio', async (c) => {
    const body = await readBody(c);
    const form = /^application\/x-www-form-urlencoded\b/i.test(c.req.header('content-type') ?? '');
    const params = form ? formParams(body) : {};
    const url = new URL(c.req.url);
    if (!verifyTwilioSignature(settings.twilioAuthToken, publicUrl + url.pathname + url.search, params, c.req.header('x-twilio-signature'))) {
      return errorJson(c, 403, 'forbidden', 'The request is not signed by Twilio for this address');
    }
    if (!form) throw new ApiError(415, 'unsupported_media_type', 'Send the webhook form-encoded (application/x-www-form-urlencoded)');
    const inbound = twilioInbound(params, clock);
    if (!inbound.ok) throw new ApiError(400, 'invalid_webhook', inbound.problem, [{ path: inbound.field, message: inbound.problem }]);
    const outcome = await inbox.receive(inbound.sms);
    return c.body(twimlReply(outcome.reply?.text ?? null), 200, { 'content-type': TWIML_CONTENT_TYPE });
  });

  app.post('/sms/notify', async (c) => {
    if (!verifyBearer(settings.notifyInboundToken, c.req.header('authorization'))) {
      c.header('WWW-Authenticate', 'Bearer');
      return errorJson(c, 401, 'unauthorized', 'The callback bearer token is missing or wrong');
    }
    const inbound = notifyInbound(await readJson(c, MAX_WEBHOOK_BYTES), clock);
    if (!inbound.ok) throw new ApiError(400, 'invalid_callback', inbound.problem, [{ path: inbound.field, message: inbound.problem }]);
    const outcome = await inbox.receive(inbound.sms);
    if (outcome.reply) void reply(inbound.sms, outcome.reply.text);
    return c.json({ result: outcome.result });
  });

  async function reply(sms: InboundSms, text: string) {
    try {
      await provider.send({ to: sms.from, body: text, reference: `reply-${sms.providerMessageId}` });
    } catch (err) {
      logger.warn({ err, to: maskPhone(sms.from) }, 'reply text not sent');
    }
  }

  return { app, inbox };
}

/**
 * The webhook's body, read only as far as the limit: 413 as soon as more arrives (a declared
 * Content-Length past it is refused unread), so a chunked upload without one is never held
 * whole before the signature is checked. Under Node, straight from the socket (as `readJson`
 * reads; the rest is discarded as it comes); elsewhere (tests, other runtimes), from the
 * request's stream, which is cancelled.
 */
async function readBody(c: Context): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > MAX_WEBHOOK_BYTES) throw tooLarge();
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && typeof incoming.on === 'function' && !incoming.readableEnded) return readIncoming(incoming, MAX_WEBHOOK_BYTES);
  return readLimited(c.req.raw.body, MAX_WEBHOOK_BYTES);
}

async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stop reading: the rest is not pulled.
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function tooLarge() {
  return new ApiError(413, 'payload_too_large', `The body must be at most ${MAX_WEBHOOK_BYTES} bytes`);
}
