/**
 * Which alerts a unit's latest figures call for. Pure: given the unit's SPC chart and its daily
 * scores, return candidates with stable keys; the caller stores each key once, so running this
 * again on the next day's data raises nothing new for a signal already alerted.
 */
import type { Score } from './scores.ts';
import { SUPPRESSION_THRESHOLD } from './scores.ts';
import type { SpcResult, SpcRule } from './spc.ts';

export type AlertKind = 'spc-concerning' | 'negative-threshold';

/** Every kind of alert stored: the two above, and a comment that may need action today. */
export const ALERT_KINDS = ['serious-concern', 'spc-concerning', 'negative-threshold'] as const;

export interface AlertCandidate {
  kind: AlertKind;
  /** The latest period (or day) of the signal: the one that raised it. */
  period: string;
  /** Stable de-duplication key: the same signal gives the same key on every run. */
  key: string;
  /** For SPC alerts, the rule of the latest point of the signal. */
  rule?: SpcRule;
  /** For threshold alerts, the day's % negative (0–1). */
  value?: number;
}

export interface AlertInput {
  /** The unit's id, part of every key. */
  unit: string;
  /** Names the charted measure so two charts of one unit do not share keys. */
  measure?: string;
  spc: SpcResult | null;
  /** The unit's % negative threshold as a proportion 0–1; null for no threshold alerts. */
  negativeThreshold: number | null;
  daily: readonly { day: string; score: Pick<Score, 'responses' | 'negative'> }[];
  /** Days with fewer responses never breach the threshold; default 5, the small-number line. */
  minResponses?: number;
}

/**
 * Alert candidates for one unit: one 'spc-concerning' per concerning signal (consecutive
 * concerning points within one phase are one signal, keyed by where it started, so a shift
 * that grows from 7 to 9 points alerts once), and one 'negative-threshold' per day whose
 * % negative is above the unit's threshold (a day exactly at it does not alert: the threshold is
 * the most a ward accepts). A partial period never raises an SPC alert.
 * Days under `minResponses` are skipped:
 * a % from a handful of responses is noise, and a small number we would not publish.
 */
export function alertCandidates(input: AlertInput): AlertCandidate[] {
  const { negativeThreshold } = input;
  if (negativeThreshold !== null && !(negativeThreshold > 0 && negativeThreshold <= 1)) {
    throw new RangeError(`negativeThreshold is a proportion in (0, 1], got ${negativeThreshold}`);
  }
  return [...spcAlerts(input), ...thresholdAlerts(input)];
}

function spcAlerts({ unit, measure = 'percent-positive', spc }: AlertInput): AlertCandidate[] {
  if (!spc) return [];
  const phaseStarts = spc.phases.map((phase) => phase.start);
  const phaseOf = (period: string) => phaseStarts.filter((start) => start <= period).length;
  const alerts: AlertCandidate[] = [];
  let open: { phase: number; alert: AlertCandidate } | null = null;

  // Points without a value are gaps, not breaks: they neither end nor extend a signal. Nor does a
  // period not over yet (today so far): its few hours' figures are not a point to judge.
  for (const point of spc.points.filter((p) => p.value !== null && !p.partial)) {
    const phase = phaseOf(point.period);
    if (point.signal !== 'concerning' || (open && open.phase !== phase)) open = null;
    if (point.signal !== 'concerning') continue;
    if (!open) {
      const alert: AlertCandidate = {
        kind: 'spc-concerning',
        period: point.period,
        key: `spc-concerning:${unit}:${measure}:${point.period}`,
        rule: point.rule,
      };
      alerts.push(alert);
      open = { phase, alert };
    } else {
      open.alert.period = point.period;
      open.alert.rule = point.rule;
    }
  }
  return alerts;
}

function thresholdAlerts({ unit, negativeThreshold, daily, minResponses = SUPPRESSION_THRESHOLD }: AlertInput): AlertCandidate[] {
  if (negativeThreshold === null) return [];
  // A plain `>` on the stored figures is exact at the boundary: the day's share is one division
  // (negative / responses, as `score` gives it and the pages show it) and a threshold typed as a
  // percentage is one too (parseThreshold: hundredths of a percent / 10000), so equal fractions,
  // 1 of 10 against 10%, are the same double, and a day just above (10 of 99) is a larger one.
  return daily
    .filter(({ score }) => score.responses >= minResponses && score.negative !== null && score.negative > negativeThreshold)
    .map(({ day, score }) => ({
      kind: 'negative-threshold',
      period: day,
      key: `negative-threshold:${unit}:${day}`,
      value: score.negative!,
    }));
}
