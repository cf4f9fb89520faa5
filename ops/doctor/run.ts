/**
 * Runs the checklist one check at a time, each bounded by its own deadline and all of them by the
 * run's budget, so a hanging endpoint costs one check's timeout and never hangs the run. A check
 * that throws is a failure whose cause is the error and whose fix says what usually causes it.
 */
import type { Check, CheckContext, DoctorInput, Outcome } from "./check";
import { fail } from "./check";
import type { AwsClients } from "./clients";
import { NotFound } from "./discover";

export interface RunOptions {
  readonly checkTimeoutMs: number;
  readonly budgetMs: number;
  readonly pollIntervalMs: number;
  readonly now?: () => Date;
  /** Called before each check: `[3/14] Access logs · …`. */
  readonly progress?: (index: number, total: number, check: Check) => void;
}

export interface CheckResult {
  readonly check: Check;
  readonly outcome: Outcome;
  readonly ms: number;
}

export async function runChecks(checks: readonly Check[], input: DoctorInput, aws: AwsClients, options: RunOptions): Promise<CheckResult[]> {
  const clock = options.now ?? (() => new Date());
  const memos = new Map<string, Promise<unknown>>();
  const memo = <T>(key: string, lookup: () => Promise<T>): Promise<T> => {
    if (!memos.has(key)) memos.set(key, lookup());
    return memos.get(key) as Promise<T>;
  };
  const started = Date.now();
  const results: CheckResult[] = [];
  for (const [i, check] of checks.entries()) {
    options.progress?.(i + 1, checks.length, check);
    const remaining = options.budgetMs - (Date.now() - started);
    if (remaining <= 0) {
      results.push({ check, ms: 0, outcome: fail(`not run: the run's ${seconds(options.budgetMs)} budget was spent`, "fix the checks that timed out above, or raise --timeout") });
      continue;
    }
    const limitMs = Math.min(options.checkTimeoutMs, remaining);
    const signal = AbortSignal.timeout(limitMs);
    const ctx: CheckContext = { ...input, aws, signal, memo, now: clock(), pollIntervalMs: options.pollIntervalMs };
    const t0 = Date.now();
    const outcome = await bounded(check.run(ctx), signal).catch((e: unknown) => failureOf(e, limitMs));
    results.push({ check, outcome, ms: Date.now() - t0 });
  }
  return results;
}

/** The check's promise, or a rejection when its signal fires first (an SDK call that ignores the signal still cannot hang the run). */
function bounded<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

export function failureOf(error: unknown, limitMs: number): Outcome {
  if (error instanceof NotFound) return fail(error.cause, error.fix);
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? "Error";
  const message = e?.message ?? String(error);
  if (name === "TimeoutError" || name === "AbortError" || /timed? ?out|aborted/i.test(message)) {
    return fail(
      `no answer from AWS within ${seconds(limitMs)} (${name}: ${message})`,
      "check the network path to the service endpoint (proxy, VPC endpoint, AWS_ENDPOINT_URL_<SERVICE>) or rerun with a larger --timeout",
    );
  }
  if (/AccessDenied|UnauthorizedOperation|NotAuthorized|Forbidden/i.test(name) || e?.$metadata?.httpStatusCode === 403) {
    return fail(`access denied: ${message}`, "run the doctor with a role that may read the stack's resources (the read-only actions it calls are listed in docs/operations.md, \"The doctor: after your first deploy\")");
  }
  if (/NotFound|NoSuch/i.test(name) || e?.$metadata?.httpStatusCode === 404) {
    return fail(`not found: ${message}`, "the stack's outputs point at something that does not exist: is the right account and Region selected, and is the stack deployed (`pulumi up`)?");
  }
  return fail(`${name}: ${message}`, "rerun; if it persists, the error names the failing call");
}
