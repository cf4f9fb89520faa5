/** Shared by the fault suite: a loopback AWS for a describe block, a Lambda context, and a stopwatch. */
import { startLoopbackAws, type LoopbackAws } from "../support/loopback-aws/server";

/**
 * Starts a loopback AWS before the block's tests and points the SDK at it through the standard
 * environment variables; restores the environment and stops the server after the block.
 */
export function useLoopbackAws(): () => LoopbackAws {
  let aws: LoopbackAws | undefined;
  let saved: Record<string, string | undefined> = {};
  before(async () => {
    aws = await startLoopbackAws();
    const env = aws.env();
    saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
  });
  after(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await aws?.close();
  });
  beforeEach(() => {
    aws!.reset();
    aws!.clearFaults();
  });
  return () => aws!;
}

/** The part of a Lambda context the functions read, for an invocation with `timeoutMs`. */
export function lambdaContext(timeoutMs: number): { getRemainingTimeInMillis(): number } {
  const started = Date.now();
  return { getRemainingTimeInMillis: () => timeoutMs - (Date.now() - started) };
}

/** Runs `work` and returns its outcome and how long it took in ms. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = Date.now();
  try {
    const value = await work();
    return { ms: Date.now() - started, value };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

export const FAULTS = ["hang", "slow", "500", "throttle", "reset", "malformed"] as const;
