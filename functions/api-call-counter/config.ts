/**
 * Configuration of the api-call-counter, read from environment variables. Every bad value fails
 * with an error naming the variable, the value and what was expected.
 */
import { DIMENSION_NAMES, DimensionName, isDimensionName } from "./dimensions";

export const METRIC_NAMESPACE = "METRIC_NAMESPACE";
export const METRIC_NAME = "METRIC_NAME";
export const DIMENSION_SETS = "DIMENSION_SETS";
export const ALLOWED_EVENT_SOURCES = "ALLOWED_EVENT_SOURCES";
export const DENIED_EVENT_SOURCES = "DENIED_EVENT_SOURCES";
export const DEAD_LETTER_QUEUE_URL = "DEAD_LETTER_QUEUE_URL";
export const PUBLISH_MAX_ATTEMPTS = "PUBLISH_MAX_ATTEMPTS";
export const PUBLISH_BASE_DELAY_MS = "PUBLISH_BASE_DELAY_MS";
export const PUBLISH_MAX_DELAY_MS = "PUBLISH_MAX_DELAY_MS";
export const PUBLISH_CONCURRENCY = "PUBLISH_CONCURRENCY";

export const DEFAULT_NAMESPACE = "ApiUsage/CloudTrail";
export const DEFAULT_METRIC_NAME = "CallCount";
/** [] is the total: one metric with no dimensions. */
export const DEFAULT_DIMENSION_SETS: readonly (readonly DimensionName[])[] = [
  ["EventSource", "EventName"],
  ["EventSource", "ErrorCode"],
  ["Region"],
  [],
];

export interface RetrySettings {
  /** PutMetricData attempts per chunk, the first one included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export interface CounterConfig {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensionSets: readonly (readonly DimensionName[])[];
  /** Empty: every event source is counted. */
  readonly allowedEventSources: ReadonlySet<string>;
  readonly deniedEventSources: ReadonlySet<string>;
  readonly deadLetterQueueUrl: string;
  readonly retry: RetrySettings;
  /** Chunks published at the same time. */
  readonly concurrency: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

export function readConfig(env: Env): CounterConfig {
  const baseDelayMs = readInteger(env, PUBLISH_BASE_DELAY_MS, 100, 1, 10_000);
  const maxDelayMs = readInteger(env, PUBLISH_MAX_DELAY_MS, 5_000, 1, 60_000);
  if (maxDelayMs < baseDelayMs) {
    throw new Error(
      `${PUBLISH_MAX_DELAY_MS}="${maxDelayMs}" is invalid: expected a value ≥ ${PUBLISH_BASE_DELAY_MS} (${baseDelayMs})`,
    );
  }
  const allowedEventSources = readEventSources(env, ALLOWED_EVENT_SOURCES);
  const deniedEventSources = readEventSources(env, DENIED_EVENT_SOURCES);
  const both = [...allowedEventSources].filter((source) => deniedEventSources.has(source));
  if (both.length > 0) {
    throw new Error(
      `${DENIED_EVENT_SOURCES}="${env[DENIED_EVENT_SOURCES]}" is invalid: ${both.join(", ")} also appear(s) in ${ALLOWED_EVENT_SOURCES}; expected disjoint lists`,
    );
  }
  return {
    namespace: readNamespace(env),
    metricName: readMetricName(env),
    dimensionSets: readDimensionSets(env),
    allowedEventSources,
    deniedEventSources,
    deadLetterQueueUrl: readQueueUrl(env),
    retry: { maxAttempts: readInteger(env, PUBLISH_MAX_ATTEMPTS, 5, 1, 10), baseDelayMs, maxDelayMs },
    concurrency: readInteger(env, PUBLISH_CONCURRENCY, 4, 1, 16),
  };
}

function present(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function invalid(name: string, value: string, expected: string): Error {
  return new Error(`${name}="${value}" is invalid: expected ${expected}`);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

function readNamespace(env: Env): string {
  const value = present(env, METRIC_NAMESPACE) ?? DEFAULT_NAMESPACE;
  if (value.length > 255 || !PRINTABLE_ASCII.test(value) || value.startsWith(":") || value.startsWith("AWS/")) {
    throw invalid(METRIC_NAMESPACE, value, "1-255 printable ASCII characters, not starting with ':' or 'AWS/' (reserved)");
  }
  return value;
}

function readMetricName(env: Env): string {
  const value = present(env, METRIC_NAME) ?? DEFAULT_METRIC_NAME;
  if (value.length > 255 || !PRINTABLE_ASCII.test(value) || value.startsWith(":")) {
    throw invalid(METRIC_NAME, value, "1-255 printable ASCII characters, not starting with ':'");
  }
  return value;
}

function readDimensionSets(env: Env): readonly (readonly DimensionName[])[] {
  const raw = present(env, DIMENSION_SETS);
  if (raw === undefined) return DEFAULT_DIMENSION_SETS;
  const expected = `a JSON array of dimension sets, each an array of distinct names from ${DIMENSION_NAMES.join(", ")}, e.g. [["EventSource","EventName"],["Region"],[]]`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid(DIMENSION_SETS, raw, `${expected} (the value is not JSON)`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw invalid(DIMENSION_SETS, raw, `${expected} (got no sets)`);
  const seen = new Set<string>();
  return parsed.map((set: unknown, index: number) => {
    if (!Array.isArray(set)) throw invalid(DIMENSION_SETS, raw, `${expected} (set ${index} is not an array)`);
    const names = set.map((name: unknown) => {
      if (!isDimensionName(name)) {
        throw invalid(DIMENSION_SETS, raw, `${expected} (set ${index} has unknown dimension ${JSON.stringify(name)})`);
      }
      return name;
    });
    if (new Set(names).size !== names.length) {
      throw invalid(DIMENSION_SETS, raw, `${expected} (set ${index} repeats a dimension)`);
    }
    const key = [...names].sort().join(",");
    if (seen.has(key)) throw invalid(DIMENSION_SETS, raw, `${expected} (set ${index} duplicates an earlier set)`);
    seen.add(key);
    return names;
  });
}

// CloudTrail event sources are service endpoints such as "s3.amazonaws.com"; a bare "s3" would
// silently match nothing, so it is rejected.
const EVENT_SOURCE = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/;

function readEventSources(env: Env, name: string): ReadonlySet<string> {
  const raw = present(env, name);
  if (raw === undefined) return new Set();
  const sources = raw.split(",").map((source) => source.trim());
  for (const source of sources) {
    if (!EVENT_SOURCE.test(source)) {
      throw invalid(name, raw, `a comma-separated list of CloudTrail event sources like "s3.amazonaws.com,ec2.amazonaws.com" (bad entry "${source}")`);
    }
  }
  return new Set(sources);
}

function readQueueUrl(env: Env): string {
  const raw = env[DEAD_LETTER_QUEUE_URL];
  const value = present(env, DEAD_LETTER_QUEUE_URL);
  const expected = "the URL of a standard SQS queue, e.g. https://sqs.us-east-1.amazonaws.com/123456789012/api-call-counter-dlq";
  if (value === undefined) throw invalid(DEAD_LETTER_QUEUE_URL, raw ?? "", `${expected} (it is required: datums that cannot be published go there)`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(DEAD_LETTER_QUEUE_URL, value, expected);
  }
  if (url.protocol !== "https:" || !/^\/\d{12}\/[A-Za-z0-9_-]{1,80}$/.test(url.pathname)) {
    throw invalid(DEAD_LETTER_QUEUE_URL, value, `${expected} (FIFO queues are not supported)`);
  }
  return value;
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(name, raw, `an integer from ${min} to ${max}`);
  }
  return value;
}
