/**
 * A background task run at start and then every `everyMs`, on a timer that never keeps the
 * process alive; a slow round is not overlapped by the next, and `stop()` waits for the one
 * under way (so it can finish before the store closes). The task logs its own failures.
 */
export function periodic(task: () => Promise<void>) {
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<void> | null = null;
  const kick = () => {
    round ??= task().finally(() => (round = null));
  };
  return {
    start(everyMs: number) {
      if (timer) return;
      timer = setInterval(kick, everyMs);
      timer.unref();
      // What fell due while the service was down is done at once, not an interval later.
      kick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await round;
    },
  };
}
