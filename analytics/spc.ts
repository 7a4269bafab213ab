/**
 * Statistical process control as NHS England's "Making Data Count" describes it
 * (shared/reference/FFT.md §6), in the style of NHSRplotthedots: each rule is its own small
 * function that can be read against the guidance, and `classifyPoints` alone decides a point's
 * colour. `spc` builds the chart: XmR, p-chart for proportions with varying n, or a run chart.
 */
import { mean } from 'simple-statistics';

export type Improvement = 'up' | 'down';
export type Signal = 'concerning' | 'improving' | 'common';
/** Which side of the centre line a special cause points to. */
export type Side = 'high' | 'low';
const SIDES: readonly Side[] = ['high', 'low'];
export type SpcRule = 'outside-limits' | 'two-of-three' | 'shift' | 'trend';
export type ChartKind = 'xmr' | 'p' | 'run';

/** One period of a measure; for a p-chart `value` is a proportion 0–1 and `n` its responses. */
export interface SpcInput {
  period: string;
  value: number | null;
  n?: number;
  /**
   * The period is not over yet (today, this week): its figure is shown but is not yet a point
   * to judge, as Making Data Count treats an incomplete period. A few hours' count would read
   * as a fall below the lower limit, and a few hours' answers could end a shift or a trend.
   */
  partial?: boolean;
}

export interface SpcPoint {
  period: string;
  value: number | null;
  mean: number | null;
  lcl: number | null;
  ucl: number | null;
  /** Not over yet: shown, but left out of the limits and every rule, so always 'common'. */
  partial: boolean;
  signal: Signal;
  rule?: SpcRule;
}

/** A stretch of the series with its own centre and limits (a new one starts at each break). */
export interface SpcPhase {
  start: string;
  chart: ChartKind;
  mean: number | null;
  /** Fixed limits of an XmR phase; null for p-chart (per point) and run-chart phases. */
  lowerLimit: number | null;
  upperLimit: number | null;
}

export interface SpcResult {
  /** 'xmr' or 'p' when any phase has limits, else 'run'. */
  chart: ChartKind;
  /** Centre and limits of the latest phase, the ones that judge new points. */
  mean: number | null;
  lowerLimit: number | null;
  upperLimit: number | null;
  phases: SpcPhase[];
  points: SpcPoint[];
}

export interface SpcOptions {
  /** Which way is better: 'up' for % positive, 'down' for % negative. */
  improvement: Improvement;
  /** Periods at which a new phase starts, e.g. the April 2020 question change ('2020-04'). */
  breaks?: readonly string[];
  /** Force a chart type; by default a p-chart when every point has n, else XmR. */
  chart?: 'xmr' | 'p';
}

/** Making Data Count: fewer points than this and a phase is a run chart, without limits. */
export const MIN_POINTS_FOR_LIMITS = 15;
/** Points needed for a shift (one side of the centre) or a trend (all rising or all falling). */
export const RUN_LENGTH = 7;
/** XmR limits are mean ± 2.66 × mean moving range (2.66 = 3 / d₂, d₂ = 1.128). */
export const XMR_SCALING = 2.66;

/** Rule 1: a point above the upper or below the lower process limit. */
export function outsideLimits(
  values: readonly number[],
  lcl: readonly number[],
  ucl: readonly number[],
): (Side | null)[] {
  return values.map((value, i) => (value > ucl[i] ? 'high' : value < lcl[i] ? 'low' : null));
}

/**
 * Rule 2: two of three consecutive points beyond two-thirds of the way from the centre to a
 * limit (the 2σ line) on the same side. Flags the points beyond the line, not their neighbour.
 * `sigma` is per point so the p-chart's varying n works; it is unclamped, unlike p limits.
 */
export function twoOfThreeBeyondTwoSigma(
  values: readonly number[],
  centre: number,
  sigma: readonly number[],
): (Side | null)[] {
  const beyond = values.map((value, i): Side | null =>
    value > centre + 2 * sigma[i] ? 'high' : value < centre - 2 * sigma[i] ? 'low' : null,
  );
  const flags: (Side | null)[] = values.map(() => null);
  for (let start = 0; start + 3 <= values.length; start++) {
    for (const side of SIDES) {
      let count = 0;
      for (let i = start; i < start + 3; i++) if (beyond[i] === side) count++;
      if (count >= 2) for (let i = start; i < start + 3; i++) if (beyond[i] === side) flags[i] = side;
    }
  }
  return flags;
}

/**
 * Rule 3: a shift, seven or more consecutive points on the same side of the centre line.
 * A point exactly on the centre line ends the run (as NHSRplotthedots counts it).
 */
export function shift(values: readonly number[], centre: number): (Side | null)[] {
  const sides = values.map((value): Side | null => (value > centre ? 'high' : value < centre ? 'low' : null));
  return flagRuns(sides, RUN_LENGTH);
}

/**
 * Rule 4: a trend, seven or more consecutive points each higher than the last (or each lower).
 * An unchanged value ends the trend.
 */
export function trend(values: readonly number[]): (Side | null)[] {
  // steps[i] is the direction from point i−1 to point i; a run of six steps spans seven points.
  const steps = values.map((value, i): Side | null =>
    i === 0 ? null : value > values[i - 1] ? 'high' : value < values[i - 1] ? 'low' : null,
  );
  const stepFlags = flagRuns(steps, RUN_LENGTH - 1);
  const flags = [...stepFlags];
  // The point a trend starts from is part of it too (unless it already ends an earlier trend).
  stepFlags.forEach((side, i) => {
    if (side && flags[i - 1] === null) flags[i - 1] = side;
  });
  return flags;
}

/** The lines a phase's points are judged against; limits are absent on a run chart. */
export interface PhaseLines {
  centre: number;
  sigma?: readonly number[];
  lcl?: readonly number[];
  ucl?: readonly number[];
}

/**
 * One signal per point from the four rules, in Making Data Count's precedence (outside limits,
 * two of three, shift, trend): the first rule that fires names the point's rule and direction,
 * and the direction with `improvement` makes it improving (blue) or concerning (orange).
 * Without limits only shift and trend can fire. `values` must hold no gaps (drop nulls first).
 */
export function classifyPoints(
  values: readonly number[],
  lines: PhaseLines,
  improvement: Improvement,
): { signal: Signal; rule?: SpcRule }[] {
  const rules: [SpcRule, (Side | null)[]][] = [];
  if (lines.lcl && lines.ucl) rules.push(['outside-limits', outsideLimits(values, lines.lcl, lines.ucl)]);
  if (lines.sigma) rules.push(['two-of-three', twoOfThreeBeyondTwoSigma(values, lines.centre, lines.sigma)]);
  rules.push(['shift', shift(values, lines.centre)], ['trend', trend(values)]);
  return values.map((_, i) => {
    for (const [rule, flags] of rules) {
      const side = flags[i];
      if (side) return { signal: (side === 'high') === (improvement === 'up') ? 'improving' : 'concerning', rule };
    }
    return { signal: 'common' };
  });
}

/**
 * The SPC chart of a series: XmR (mean ± 2.66 × mean moving range), or a p-chart for
 * proportions with varying n (p̄ = Σx/Σn, limits p̄ ± 3·sqrt(p̄(1−p̄)/nᵢ) clamped to [0, 1]).
 * Limits are computed per phase (a phase starts at each period in `breaks`, so scores of two
 * question versions never share limits). A phase with fewer than 15 values is a run chart:
 * centre line at its mean, no limits, and only shift and trend can fire, judged against that
 * mean so run and SPC phases read alike. Null values are left out of every calculation and
 * rule (a gap neither breaks nor extends a run) but keep their place in `points`; so are
 * partial periods, which keep their value and are marked `partial`.
 */
export function spc(series: readonly SpcInput[], options: SpcOptions): SpcResult {
  validateSeries(series);
  const usePChart = options.chart ? options.chart === 'p' : series.every((point) => point.value === null || (point.n ?? 0) > 0);
  if (usePChart) validateForPChart(series);

  const breaks = [...new Set(options.breaks ?? [])].sort();
  const phaseOf = (period: string) => {
    let phase = 0;
    for (const start of breaks) if (start <= period) phase++;
    return phase;
  };
  const points: SpcPoint[] = [];
  const phases: SpcPhase[] = [];

  for (let index = 0; index < series.length; ) {
    const phaseIndex = phaseOf(series[index].period);
    let end = index;
    while (end < series.length && phaseOf(series[end].period) === phaseIndex) end++;
    const { phase, points: phasePoints } = chartPhase(series.slice(index, end), usePChart ? 'p' : 'xmr', options.improvement);
    phases.push(phase);
    points.push(...phasePoints);
    index = end;
  }

  const latest = phases.at(-1);
  return {
    chart: phases.find((phase) => phase.chart !== 'run')?.chart ?? 'run',
    mean: latest?.mean ?? null,
    lowerLimit: latest?.lowerLimit ?? null,
    upperLimit: latest?.upperLimit ?? null,
    phases,
    points,
  };
}

function chartPhase(
  inputs: readonly SpcInput[],
  limitsChart: 'xmr' | 'p',
  improvement: Improvement,
): { phase: SpcPhase; points: SpcPoint[] } {
  const present = inputs.filter((point): point is SpcInput & { value: number } => point.value !== null && !point.partial);
  const values = present.map((point) => point.value);
  const chart: ChartKind = values.length < MIN_POINTS_FOR_LIMITS ? 'run' : limitsChart;
  const lines = phaseLines(chart, present);
  const signals = lines ? classifyPoints(values, lines, improvement) : [];
  // XmR limits are the same for every point, so a gap can show them too.
  const fixed = chart === 'xmr' && lines ? { lcl: lines.lcl![0], ucl: lines.ucl![0] } : null;

  const mean = lines?.centre ?? null;
  let next = 0;
  // Literals of two fixed shapes, not spreads: a large trust's dashboard builds 13,500 points,
  // and spread-built ones were several times slower to make and to extend.
  const points = inputs.map(({ period, value, partial = false }): SpcPoint => {
    if (value === null || partial || !lines) return { period, value, mean, lcl: fixed?.lcl ?? null, ucl: fixed?.ucl ?? null, partial, signal: 'common' };
    const i = next++;
    const lcl = lines.lcl?.[i] ?? null;
    const ucl = lines.ucl?.[i] ?? null;
    const { signal, rule } = signals[i];
    return rule ? { period, value, mean, lcl, ucl, partial, signal, rule } : { period, value, mean, lcl, ucl, partial, signal };
  });

  return {
    phase: {
      start: inputs[0].period,
      chart,
      mean: lines?.centre ?? null,
      lowerLimit: fixed?.lcl ?? null,
      upperLimit: fixed?.ucl ?? null,
    },
    points,
  };
}

function phaseLines(chart: ChartKind, present: readonly (SpcInput & { value: number })[]): PhaseLines | null {
  if (present.length === 0) return null;
  const values = present.map((point) => point.value);
  if (chart === 'run') return { centre: mean(values) };
  if (chart === 'xmr') {
    const centre = mean(values);
    const movingRanges = values.slice(1).map((value, i) => Math.abs(value - values[i]));
    const halfWidth = XMR_SCALING * mean(movingRanges);
    return {
      centre,
      sigma: values.map(() => halfWidth / 3),
      lcl: values.map(() => centre - halfWidth),
      ucl: values.map(() => centre + halfWidth),
    };
  }
  const n = present.map((point) => point.n!);
  const centre = present.reduce((sum, point) => sum + point.value * point.n!, 0) / n.reduce((sum, ni) => sum + ni, 0);
  const sigma = n.map((ni) => Math.sqrt((centre * (1 - centre)) / ni));
  return {
    centre,
    sigma,
    lcl: sigma.map((s) => Math.max(0, centre - 3 * s)),
    ucl: sigma.map((s) => Math.min(1, centre + 3 * s)),
  };
}

/** Marks every member of a run of at least `length` equal, non-null entries. */
function flagRuns(sides: readonly (Side | null)[], length: number): (Side | null)[] {
  const flags: (Side | null)[] = sides.map(() => null);
  let start = 0;
  for (let i = 1; i <= sides.length; i++) {
    if (i === sides.length || sides[i] !== sides[start]) {
      if (sides[start] !== null && i - start >= length) for (let j = start; j < i; j++) flags[j] = sides[start];
      start = i;
    }
  }
  return flags;
}

function validateSeries(series: readonly SpcInput[]): void {
  series.forEach((point, i) => {
    if (point.value !== null && !Number.isFinite(point.value)) throw new RangeError(`value for ${point.period} is not finite`);
    if (i > 0 && !(series[i - 1].period < point.period)) {
      throw new RangeError(`periods must be in ascending order: ${series[i - 1].period} then ${point.period}`);
    }
  });
}

function validateForPChart(series: readonly SpcInput[]): void {
  for (const point of series) {
    if (point.value === null) continue;
    if (!(point.n !== undefined && Number.isInteger(point.n) && point.n > 0)) {
      throw new RangeError(`p-chart needs responses n > 0 for ${point.period}`);
    }
    if (point.value < 0 || point.value > 1) throw new RangeError(`p-chart value for ${point.period} is not a proportion`);
  }
}
