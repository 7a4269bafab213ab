/**
 * The shared-tablet idle timer: when a patient walks away mid-way, warn, then clear
 * everything so the next person sees nothing of theirs.
 *
 * WCAG 2.2.1 (Timing Adjustable) asks for a warning with at least 20 seconds to extend a
 * time limit with one simple action, so the warning comes 20 s before the reset.
 * Pure: timers are injectable, and nothing here touches the DOM.
 */

export const WARNING_MS = 20_000;

/** When to warn and when to reset, for the server's `idleSeconds`. */
export function idleSchedule(idleSeconds) {
  const seconds = Number.isFinite(idleSeconds) && idleSeconds > 0 ? idleSeconds : 60;
  const resetMs = Math.round(seconds * 1000);
  const warnMs = Math.max(0, resetMs - WARNING_MS);
  return { warnMs, resetMs };
}

/**
 * `poke()` on every touch or key press (re)starts the countdown; `onWarn` fires at `warnMs`
 * of silence and `onReset` at `resetMs`. `stop()` disarms it (thank-you and setup screens).
 */
export function createIdleTimer({ idleSeconds = 60, onWarn = () => {}, onReset = () => {}, timers = globalThis }) {
  let schedule = idleSchedule(idleSeconds);
  let warnTimer = null;
  let resetTimer = null;
  let armed = false;

  function clear() {
    if (warnTimer !== null) timers.clearTimeout(warnTimer);
    if (resetTimer !== null) timers.clearTimeout(resetTimer);
    warnTimer = null;
    resetTimer = null;
  }

  function arm() {
    clear();
    armed = true;
    if (schedule.warnMs < schedule.resetMs) {
      warnTimer = timers.setTimeout(() => {
        warnTimer = null;
        onWarn(Math.round((schedule.resetMs - schedule.warnMs) / 1000));
      }, schedule.warnMs);
    }
    resetTimer = timers.setTimeout(() => {
      resetTimer = null;
      armed = false;
      onReset();
    }, schedule.resetMs);
  }

  return {
    poke: arm,
    start: arm,
    stop() {
      clear();
      armed = false;
    },
    /** A new `idleSeconds` from the server takes effect at the next poke. */
    setIdleSeconds(seconds) {
      schedule = idleSchedule(seconds);
      if (armed) arm();
    },
    get armed() {
      return armed;
    },
    get schedule() {
      return schedule;
    },
  };
}
