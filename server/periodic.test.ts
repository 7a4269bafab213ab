import { afterEach, describe, expect, it, vi } from 'vitest';
import { periodic } from './periodic.ts';

describe('periodic', () => {
  afterEach(() => vi.useRealTimers());

  it('runs at start and every interval, never two rounds at once, and stop waits for the one under way', async () => {
    vi.useFakeTimers();
    let running = 0;
    let most = 0;
    let rounds = 0;
    let finish!: () => void;
    const loop = periodic(async () => {
      running++;
      rounds++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => (finish = resolve));
      running--;
    });
    loop.start(1000);
    expect(rounds).toBe(1);
    // Three intervals pass while the first round is still going: none starts beside it.
    await vi.advanceTimersByTimeAsync(3000);
    expect(rounds).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(rounds).toBe(2);
    expect(most).toBe(1);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    // Stopped: no more rounds.
    await vi.advanceTimersByTimeAsync(5000);
    expect(rounds).toBe(2);
  });
});
