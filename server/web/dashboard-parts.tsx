/** @jsxImportSource hono/jsx */
/**
 * Pieces the dashboard and the ward page share: today against yesterday, the SPC signal as a
 * coloured tag that also says what it means, and the "live" line the page scripts poll from.
 */
import type { UnitToday } from '../reads/scores.ts';
import type { LatestSignal } from './dashboard-reads.ts';
import { changeOf, clockTime, percent, responsesText, signalSentence, SIGNALS } from './dashboard-format.ts';
import { SuccessBanner } from './ui.tsx';

/**
 * Where the page script asks whether anything changed (`data-pulse`) and the version shown
 * now. Without JavaScript it just says when the figures were read.
 */
export function LiveStatus(props: { pulse: string; version: string; asAt: Date }) {
  return (
    <p class="fft-live nhsuk-body-s" id="live-status" data-pulse={props.pulse} data-version={props.version}>
      <span class="fft-live__text">Figures as at {clockTime(props.asAt)}.</span>
    </p>
  );
}

function DayFigure(props: { label: string; field: string; score: UnitToday['today'] }) {
  const { score } = props;
  return (
    <div class="fft-figures__day">
      <dt class="fft-figures__label">{props.label}</dt>
      {score.responses === 0 ? (
        <dd class="fft-figures__value" data-field={`${props.field}-positive`}>
          No responses
        </dd>
      ) : (
        <dd class="fft-figures__value" data-field={`${props.field}-positive`}>
          <span class="fft-figures__big">{percent(score.positive)}</span> positive
        </dd>
      )}
      <dd class="fft-figures__count" data-field={`${props.field}-responses`}>
        {responsesText(score.responses)}
        {score.suppressed ? <span class="fft-figures__few"> (few: read with care)</span> : null}
      </dd>
    </div>
  );
}

/** Today's and yesterday's % positive and responses, with the change as an arrow and in words. */
export function DayFigures(props: { day: UnitToday }) {
  const change = changeOf(props.day.change);
  return (
    <div class="fft-day">
      <dl class="fft-figures">
        <DayFigure label="Today" field="today" score={props.day.today} />
        <DayFigure label="Yesterday" field="yesterday" score={props.day.yesterday} />
      </dl>
      <p class={`fft-change fft-change--${change.direction ?? 'none'}`} data-field="change">
        {change.arrow ? (
          <span class="fft-change__arrow" aria-hidden="true">
            {change.arrow}
          </span>
        ) : null}
        {change.text}
      </p>
    </div>
  );
}

/** The latest day's SPC signal: Making Data Count's colour, a shape and a word. */
export function SignalTag(props: { signal: LatestSignal | null }) {
  const look = SIGNALS[props.signal?.signal ?? 'none'];
  return (
    <strong class={`nhsuk-tag nhsuk-tag--${look.tag} fft-signal fft-signal--${props.signal?.signal ?? 'none'}`} data-field="signal">
      <span aria-hidden="true">{look.symbol} </span>
      {look.label}
    </strong>
  );
}

export function SignalLine(props: { signal: LatestSignal | null; withSentence?: boolean }) {
  return (
    <p class="fft-signal-line">
      <span class="fft-signal-line__label">Daily % positive (SPC):</span> <SignalTag signal={props.signal} />
      {props.withSentence ? <span class="fft-signal-line__sentence"> {signalSentence(props.signal?.signal ?? null, props.signal?.rule)}</span> : null}
    </p>
  );
}

/** A green banner after a form did what was asked (NHS.UK notification banner). */
export function Done(props: { text: string }) {
  return <SuccessBanner title="Success" text={props.text} role="alert" />;
}
