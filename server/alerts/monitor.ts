/**
 * Watches for what a matron must know today: a concerning SPC signal on a ward's daily
 * % positive (yesterday's whole day at the latest: today so far is not judged), or a day whose
 * % negative is above the ward's threshold (today's too, from 5 responses). Runs off the request
 * path, a moment after responses are committed, and raises each signal once.
 */
import { addDays, today as londonToday } from '../../analytics/periods.ts';
import { alertCandidates, type AlertCandidate } from '../../analytics/alerts.ts';
import type { AlertRecord, Store, Unit } from '../../db/store.ts';
import { isolate } from '../bidi.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import type { OrgNode } from '../reads/node.ts';
import { scoreSeries, spcSeries } from '../reads/scores.ts';
import type { Settings } from '../settings.ts';

export interface AlertMonitor {
  /** Asks for these units to be looked at again soon. */
  notify(unitCodes: Iterable<string>): void;
  /** Looks at every unit asked about so far, now. */
  flush(): Promise<void>;
  /** Looks at one unit now and returns the alerts it newly raised. */
  evaluate(unitCode: string): Promise<AlertRecord[]>;
  stop(): void;
}

const RULE_NAMES: Record<string, string> = {
  'outside-limits': 'a point outside the process limits',
  'two-of-three': 'two of three points near a limit',
  shift: 'a run of 7 points below the mean',
  trend: 'a run of 7 points falling',
};

/**
 * A day's % negative beside the threshold it is above. The threshold reads as an admin typed it
 * (to hundredths of a percent, as parseThreshold keeps it); the day's share is whole unless that
 * would read as no more than the threshold (10.1% of a 10% threshold is not "10%, above 10%"),
 * with as many decimals as that takes: 2 of 6 against a third typed as 33.33% is 33.333%.
 */
function negativeAgainst(value: number, threshold: number): { value: string; threshold: string } {
  const shown = Math.round(threshold * 10000) / 100;
  let places = 0;
  while (places < 6 && Number((value * 100).toFixed(places)) <= shown) places++;
  return { value: `${(value * 100).toFixed(places)}%`, threshold: `${shown}%` };
}

function describe(c: AlertCandidate, unit: Unit, threshold: number): string {
  if (c.kind === 'negative-threshold') {
    const figures = negativeAgainst(c.value ?? 0, threshold);
    return `${isolate(unit.name)}: ${figures.value} of answers on ${c.period} were negative, above the ward's threshold of ${figures.threshold}`;
  }
  return `${isolate(unit.name)}: daily % positive shows special cause variation of concern (${RULE_NAMES[c.rule ?? ''] ?? c.rule}) up to ${c.period}`;
}

export function createAlertMonitor(deps: { store: Store; clock: Clock; logger: Logger; defaultThreshold: number; delayMs?: number; settings?: Settings }): AlertMonitor {
  const { store, clock, logger } = deps;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  async function evaluate(unitCode: string): Promise<AlertRecord[]> {
    const unit = await store.getUnit(unitCode);
    if (!unit) return [];
    const today = londonToday(clock());
    const node: OrgNode = { level: 'unit', code: unit.code, name: unit.name, setting: null, units: [unit] };
    const excludeFlagged = (await deps.settings?.get())?.excludeFlagged ?? true;
    const chart = await spcSeries(store, node, { period: 'day', from: addDays(today, -89), to: today, measure: 'positive', question: unit.question, excludeFlagged, today });
    const daily = await scoreSeries(store, node, { period: 'day', from: addDays(today, -1), to: today, question: unit.question, excludeFlagged });
    const threshold = unit.negativeThreshold ?? deps.defaultThreshold;
    const candidates = alertCandidates({
      unit: unit.code,
      spc: chart,
      negativeThreshold: threshold,
      daily: daily.map((p) => ({ day: p.period, score: p })),
    })
      // Only what is current: a signal that ended days ago is history, not news.
      .filter((c) => c.period >= addDays(today, -1));
    if (candidates.length === 0) return [];
    const at = clock().toISOString();
    const raised = await store.raiseAlerts(
      candidates.map((c) => ({
        id: newId(),
        key: c.key,
        unitCode: unit.code,
        kind: c.kind,
        period: c.period,
        reason: describe(c, unit, threshold),
        detail: { rule: c.rule ?? null, value: c.value ?? null, threshold: c.kind === 'negative-threshold' ? threshold : null },
        raisedAt: at,
        acknowledgedAt: null,
        acknowledgedBy: null,
      })),
    );
    for (const a of raised) logger.info({ unit: a.unitCode, kind: a.kind, period: a.period }, 'alert raised');
    return raised;
  }

  async function runPending() {
    const codes = [...pending];
    pending.clear();
    for (const code of codes) {
      try {
        await evaluate(code);
      } catch (err) {
        logger.error({ err, unit: code }, 'alert evaluation failed');
      }
    }
  }

  return {
    notify(unitCodes) {
      for (const code of unitCodes) pending.add(code);
      if (!timer && pending.size) {
        timer = setTimeout(() => {
          timer = null;
          running = running.then(runPending);
        }, deps.delayMs ?? 1000);
        timer.unref();
      }
    },
    async flush() {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      running = running.then(runPending);
      await running;
    },
    evaluate,
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
