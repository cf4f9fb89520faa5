/**
 * The environment variables every function shares for bounding its AWS calls: connection and
 * request timeouts of the SDK's HTTP handler, the SDK's attempt count (standard retry mode), and
 * the margin kept below the Lambda timeout (`context.getRemainingTimeInMillis()`) for the
 * function's degraded answer. Each function's contract picks its own defaults.
 */
import { envVar } from "../environment";
import { integerKind } from "../kinds";

export interface CallBudget {
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly callMaxAttempts: number;
  readonly deadlineMarginMs: number;
}

export function callBudgetVars(defaults: CallBudget) {
  return {
    connectTimeoutMs: envVar("CONNECT_TIMEOUT_MS", integerKind({ min: 10, max: 60_000 }), {
      default: defaults.connectTimeoutMs,
      description: "Longest wait for a TCP/TLS connection to an AWS endpoint, in ms.",
    }),
    requestTimeoutMs: envVar("REQUEST_TIMEOUT_MS", integerKind({ min: 10, max: 900_000 }), {
      default: defaults.requestTimeoutMs,
      description: "Longest silence on an open AWS connection before the attempt is abandoned, in ms.",
    }),
    callMaxAttempts: envVar("CALL_MAX_ATTEMPTS", integerKind({ min: 1, max: 10 }), {
      default: defaults.callMaxAttempts,
      description: "Attempts per AWS call in the SDK's standard retry mode, the first one included.",
    }),
    deadlineMarginMs: envVar("DEADLINE_MARGIN_MS", integerKind({ min: 0, max: 60_000 }), {
      default: defaults.deadlineMarginMs,
      description: "Time kept below the Lambda timeout for the degraded answer; every AWS call is aborted by then, in ms.",
    }),
  };
}
