/**
 * Which PutMetricData failures are worth retrying (throttling, 5xx, a request that got no answer)
 * and how long to wait: exponential backoff with full jitter, capped.
 */
import type { RetrySettings } from "./config";

const THROTTLING_NAMES = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
]);

const TRANSIENT_NAMES = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);

export function isRetryable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, code, $metadata, $retryable } = error as {
    name?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: unknown };
    $retryable?: unknown;
  };
  if (typeof name === "string" && (THROTTLING_NAMES.has(name) || TRANSIENT_NAMES.has(name))) return true;
  if (typeof code === "string" && TRANSIENT_NAMES.has(code)) return true;
  if ($retryable !== undefined && $retryable !== null && $retryable !== false) return true;
  const status = $metadata?.httpStatusCode;
  return typeof status === "number" && (status === 429 || status >= 500);
}

/** Wait before attempt `attempt + 1`, where attempt 1 is the first call. `random` is in [0, 1). */
export function backoffDelayMs(attempt: number, settings: RetrySettings, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
