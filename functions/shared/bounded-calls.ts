/**
 * Bounded AWS calls. Every SDK client a function builds takes `boundedClientConfig`: connection
 * and request timeouts on the HTTP handler and the standard retry mode with a bounded attempt
 * count. Every call takes a `Deadline` (the invocation's remaining time minus a margin): the call
 * gets an abort signal that fires at the deadline, and `callBefore` settles by then even if the
 * SDK does not (a retry backoff is not interrupted by the signal).
 */
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { CallBudget } from "../../contracts/functions/call-budget";

export interface BoundedClientConfig {
  readonly maxAttempts: number;
  readonly retryMode: "standard";
  readonly requestHandler: NodeHttpHandler;
}

/** SDK client options; `maxAttempts` overrides the budget's (the counter retries PutMetricData itself). */
export function boundedClientConfig(budget: Pick<CallBudget, "connectTimeoutMs" | "requestTimeoutMs" | "callMaxAttempts">, maxAttempts = budget.callMaxAttempts): BoundedClientConfig {
  return {
    maxAttempts,
    retryMode: "standard",
    // Recent handlers only warn on requestTimeout unless told to throw; older ones (a Lambda
    // runtime's) treat it as the socket idle timeout, which socketTimeout also sets here.
    requestHandler: new NodeHttpHandler({
      connectionTimeout: budget.connectTimeoutMs,
      requestTimeout: budget.requestTimeoutMs,
      throwOnRequestTimeout: true,
      socketTimeout: budget.requestTimeoutMs,
    }),
  };
}

/** The part of the Lambda context a deadline needs. */
export interface RemainingTime {
  getRemainingTimeInMillis(): number;
}

export class DeadlineExceededError extends Error {
  override name = "DeadlineExceededError";
}

export class Deadline {
  constructor(
    /** Epoch ms. */
    readonly atMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The invocation's remaining time minus `marginMs`, and never later than `capMs` from now.
   * Without a context (a test or a script) only the cap applies.
   */
  static fromContext(context: RemainingTime | undefined, marginMs: number, capMs = Number.POSITIVE_INFINITY, now: () => number = Date.now): Deadline {
    const remaining = context === undefined ? Number.POSITIVE_INFINITY : context.getRemainingTimeInMillis() - marginMs;
    return new Deadline(now() + Math.max(0, Math.min(remaining, capMs)), now);
  }

  remainingMs(): number {
    return this.atMs - this.now();
  }

  expired(): boolean {
    return this.remainingMs() <= 0;
  }

  /** A deadline `ms` earlier than this one. */
  earlier(ms: number): Deadline {
    return new Deadline(this.atMs - ms, this.now);
  }

  /** This deadline or `ms` from now, whichever comes first. */
  within(ms: number): Deadline {
    return new Deadline(Math.min(this.atMs, this.now() + ms), this.now);
  }

  /** Seconds until the deadline from `startMs`, for "timed out after N s" messages. */
  secondsFrom(startMs: number): number {
    return Math.max(0, Math.round((this.atMs - startMs) / 1000));
  }
}

/**
 * Runs `call` with an abort signal that fires at the deadline and settles by the deadline: if
 * the call has not settled then, it rejects with DeadlineExceededError naming `what`.
 */
export async function callBefore<T>(deadline: Deadline, what: string, call: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
  const remaining = deadline.remainingMs();
  if (remaining <= 0) throw new DeadlineExceededError(`${what} not attempted: the deadline had passed`);
  if (!Number.isFinite(remaining)) return call(new AbortController().signal);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DeadlineExceededError(`${what} did not finish before the deadline (${Math.round(remaining)} ms)`);
      controller.abort(error);
      reject(error);
    }, remaining);
  });
  try {
    return await Promise.race([call(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
