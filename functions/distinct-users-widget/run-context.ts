/**
 * What every query of one widget refresh shares: the clock, the deadline, a first-failure abort,
 * a bound on concurrent queries, backoff settings and a count of AWS calls made. Every AWS call
 * goes through `call` (aborted at the deadline) or, for the stops sent after it, `stopCall`.
 */
import { callBefore, Deadline, DeadlineExceededError } from "../shared/bounded-calls";
import { timedOutMessage } from "../shared/widget/errors";
import type { Clock } from "./clock";
import { DeadlineError, WidgetError } from "./errors";

/** Real time a best-effort stop may take after the deadline, at most (the handler keeps it within its margin). */
export const STOP_CALL_MS = 1_000;

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
  private readonly createdAt: number;

  constructor(
    readonly clock: Clock,
    readonly deadlineAt: number,
    readonly maxConcurrent: number,
    readonly backoff: Backoff,
    /** How long a stop sent after the deadline may take; within the margin left below the Lambda timeout. */
    readonly stopBudgetMs: number = STOP_CALL_MS,
  ) {
    this.createdAt = clock.now();
  }

  /** The DeadlineError for `what`: "timed out after N s while <what>". */
  timedOut(what: string): DeadlineError {
    return new DeadlineError(timedOutMessage(Math.max(0, Math.round((this.deadlineAt - this.createdAt) / 1000)), what));
  }

  /** One AWS call, aborted at the deadline; still running then, it fails (and aborts the refresh) with a DeadlineError. */
  async call<T>(what: string, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await callBefore(new Deadline(this.deadlineAt, () => this.clock.now()), what, send);
    } catch (error) {
      if (!(error instanceof DeadlineExceededError)) throw error;
      const timedOut = this.timedOut(`waiting for ${what}`);
      this.abort(timedOut);
      throw timedOut;
    }
  }

  /** A best-effort call after the deadline (stopping a query): bounded by `stopBudgetMs`, errors ignored. */
  async stopCall(what: string, send: (abortSignal: AbortSignal) => Promise<unknown>): Promise<void> {
    await callBefore(new Deadline(Date.now() + this.stopBudgetMs), what, send).catch(() => undefined);
  }

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
      const error = this.timedOut(what);
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
