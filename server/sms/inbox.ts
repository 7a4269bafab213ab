/**
 * Every authenticated inbound text, whether or not the database is there. A text the database
 * cannot take (it is unavailable: stopped, locked, its disk full) is kept in the spool
 * (`spool.ts`) and the provider is told it arrived; a replay started with the server applies
 * the spooled texts, oldest first, through the same `receive` as a live text, and removes each
 * once it is committed. While texts wait in the spool, new ones join the queue behind them, so
 * a comment is never read before the score it follows.
 *
 * Applied at most once: the provider's message id is recorded in the transaction that applies a
 * text (`applySmsInbound`), so a text replayed again after a crash between its commit and its
 * removal, delivered twice by the provider (once spooled, once live), or replayed by two
 * processes at once, is a repeat that changes nothing and is not answered.
 */
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { InboundSms } from './inbound.ts';
import type { ReceiveOutcome, SmsReceiver } from './receive.ts';
import type { InboundSpool } from './spool.ts';

/**
 * A spooled text is answered (the question for a comment, thanks, help, the opt-out
 * confirmation) only if it is applied within this time of its arrival: the patient is still in
 * the conversation. Later, its answer is stored without a word: "Thank you, why did you give
 * that answer?" hours on, perhaps in the night, to someone who has put the phone down, would
 * puzzle more than it helps, and a comment may still come for a day anyway.
 */
export const LATE_REPLY_MS = 60 * 60 * 1000;

/** How often the spool is looked at: how soon after the database is back the texts in it are applied. */
export const REPLAY_EVERY_MS = 5_000;

/** How often texts set aside longer than they may be kept are deleted (a week's retention, checked hourly). */
export const PURGE_EVERY_MS = 60 * 60 * 1000;

export type InboxOutcome = ReceiveOutcome | { result: 'spooled'; action: null; reply: null };

export interface SmsInbox {
  /** Applies a text now, or keeps it in the spool (on disk when this resolves): the provider may then be told it arrived. */
  receive(sms: InboundSms): Promise<InboxOutcome>;
  /** One pass over the spool: applies what waits there, oldest first, until it is empty or the database fails. */
  replay(): Promise<void>;
  /** Replays now (texts a previous run left) and every `REPLAY_EVERY_MS`, on a timer that does not hold the process open. */
  start(): void;
  /** Stops the timer and waits for a pass under way. */
  stop(): Promise<void>;
}

export interface SmsInboxDeps {
  receiver: SmsReceiver;
  /** Without one, a text the database cannot take is refused (503) as before, for the provider to retry if it does. */
  spool?: InboundSpool;
  /** Sends a reply through the provider (a spooled text's reply cannot ride on the webhook's answer). */
  reply(sms: InboundSms, text: string): Promise<void>;
  clock: Clock;
  logger: Logger;
  replayEveryMs?: number;
}

const SPOOLED = { result: 'spooled', action: null, reply: null } as const;

export function createSmsInbox(deps: SmsInboxDeps): SmsInbox {
  const { receiver, spool, reply, clock, logger } = deps;
  /** Spool writes under way, and whether the spool was last seen holding texts. */
  let writing = 0;
  let waiting = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let purgedAt = -Infinity;

  const behind = () => writing > 0 || waiting;

  /** True once the text is on disk; a spool that cannot be written is logged, and the text is not acknowledged. */
  async function keep(sms: InboundSms): Promise<boolean> {
    if (!spool) return false;
    writing++;
    try {
      await spool.append(sms);
    } catch (err) {
      logger.error({ err, dir: spool.dir }, 'text could not be spooled');
      return false;
    } finally {
      writing--;
    }
    waiting = true;
    logger.warn({ provider: sms.provider }, 'text spooled, to be applied once the database is back');
    return true;
  }

  async function receive(sms: InboundSms): Promise<InboxOutcome> {
    if (behind() && (await keep(sms))) {
      // The database may well be back: the queue is worked through now, not at the next tick.
      void replay();
      return SPOOLED;
    }
    try {
      return await receiver.receive(sms);
    } catch (err) {
      if (isDatabaseUnavailable(err) && (await keep(sms))) return SPOOLED;
      throw err;
    }
  }

  async function pass(from: InboundSpool) {
    for (;;) {
      const names = await from.waiting();
      if (names.length === 0) {
        waiting = false;
        return;
      }
      waiting = true;
      for (const name of names) {
        if (stopped) return;
        const sms = await from.read(name);
        if (!sms) continue;
        let outcome: ReceiveOutcome;
        try {
          outcome = await receiver.receive(sms);
        } catch (err) {
          // Still down: this text and those behind it wait for the next pass, in order.
          if (isDatabaseUnavailable(err)) return;
          logger.error({ err, file: name }, 'spooled text could not be applied: set aside');
          await from.setAside(name, 'failed');
          continue;
        }
        await from.remove(name);
        if (outcome.result !== 'duplicate') logger.info({ provider: sms.provider, result: outcome.result }, 'spooled text applied');
        if (outcome.reply && clock().getTime() - sms.receivedAt.getTime() <= LATE_REPLY_MS) await reply(sms, outcome.reply.text);
      }
    }
  }

  function replay(): Promise<void> {
    if (!spool || stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          // Not on every pass: replays run every few seconds, and on each text spooled in an outage.
          if (clock().getTime() - purgedAt >= PURGE_EVERY_MS) {
            purgedAt = clock().getTime();
            await spool.purgeSetAside();
          }
          await pass(spool);
        } catch (err) {
          logger.error({ err, dir: spool.dir }, 'spool replay failed');
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    receive,
    replay,
    start() {
      if (!spool || timer) return;
      stopped = false;
      // Until the first pass has looked, a text a previous run left may be waiting: new ones queue behind it.
      waiting = true;
      timer = setInterval(() => void replay(), deps.replayEveryMs ?? REPLAY_EVERY_MS);
      timer.unref();
      void replay();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
