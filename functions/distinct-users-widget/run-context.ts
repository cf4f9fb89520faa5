/**
 * What every query of one widget refresh shares: the clock, the deadline, a first-failure abort,
 * a bound on concurrent queries, backoff settings and a count of AWS calls made.
 */
import type { Clock } from "./clock";
import { DeadlineError, WidgetError } from "./errors";

export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export class RunContext {
  readonly calls: Record<string, number> = {};
  private abortReason: Error | undefined;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly clock: Clock,
    readonly deadlineAt: number,
    readonly maxConcurrent: number,
    readonly backoff: Backoff,
  ) {}

  countCall(name: string): void {
    this.calls[name] = (this.calls[name] ?? 0) + 1;
  }

  get totalCalls(): number {
    return Object.values(this.calls).reduce((sum, n) => sum + n, 0);
  }

  /** Later checks throw this; the first reason wins. */
  abort(reason: Error): void {
    this.abortReason ??= reason;
  }

  get aborted(): Error | undefined {
    return this.abortReason;
  }

  remainingMs(): number {
    return this.deadlineAt - this.clock.now();
  }

  /** Throws when the refresh was aborted or the deadline has passed. */
  checkpoint(what: string): void {
    if (this.abortReason) throw this.abortReason;
    if (this.remainingMs() <= 0) {
      const error = new DeadlineError(`deadline reached while ${what}`);
      this.abort(error);
      throw error;
    }
  }

  /** Runs `task` when fewer than `maxConcurrent` tasks are running. */
  async limit<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.maxConcurrent) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  /** Sleeps for `ms`, cut short at the deadline. */
  async sleep(ms: number): Promise<void> {
    await this.clock.sleep(Math.max(0, Math.min(ms, this.remainingMs())));
  }

  nextDelay(previousMs: number | undefined): number {
    if (previousMs === undefined) return this.backoff.initialMs;
    return Math.min(this.backoff.maxMs, Math.ceil(previousMs * this.backoff.factor));
  }
}

/** Runs all tasks, waits for every one to settle (so stops are sent), then throws the first failure. */
export async function settleAll<T>(run: RunContext, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(
    tasks.map((task) =>
      task().catch((error: unknown) => {
        run.abort(error instanceof Error ? error : new WidgetError("aws-error", String(error)));
        throw error;
      }),
    ),
  );
  const failure = run.aborted ?? settled.find((s): s is PromiseRejectedResult => s.status === "rejected")?.reason;
  if (failure !== undefined) throw failure;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}
