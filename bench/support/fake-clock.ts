/**
 * Virtual time for tests and the benchmark: `sleep` resolves when the clock is advanced to its
 * wake-up time. Advancing happens on `setImmediate`, after every pending promise has run, so
 * concurrent sleepers wake in time order and no real time passes.
 */
import type { Clock } from "../../functions/distinct-users-widget/clock";

interface Timer {
  at: number;
  seq: number;
  wake: () => void;
}

export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private seq = 0;
  private scheduled = false;
  sleeps = 0;

  constructor(private current = 1_700_000_000_000) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps++;
    return new Promise((resolve) => {
      this.timers.push({ at: this.current + Math.max(0, ms), seq: this.seq++, wake: resolve });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.timers.length === 0) return;
      let next = 0;
      for (let i = 1; i < this.timers.length; i++) {
        const t = this.timers[i];
        const best = this.timers[next];
        if (t.at < best.at || (t.at === best.at && t.seq < best.seq)) next = i;
      }
      const [timer] = this.timers.splice(next, 1);
      this.current = Math.max(this.current, timer.at);
      timer.wake();
      if (this.timers.length > 0) this.schedule();
    });
  }
}
