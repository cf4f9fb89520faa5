/**
 * The counter's configuration: its environment as the contract decodes it (defaults, limits,
 * cross-variable rules and error sentences live in contracts/functions/api-call-counter.ts),
 * shaped for the code that counts and publishes.
 */
import type { Environment } from "../../contracts/environment";
import type { CallBudget } from "../../contracts/functions/call-budget";
import { COUNTER_ENVIRONMENT, type DeliveryGuarantee, type DimensionName } from "../../contracts/functions/api-call-counter";

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
  /** Timeouts and attempts of the SDK clients, and the margin kept below the Lambda timeout. */
  readonly calls: CallBudget;
  /** Publishing stops this long before the deadline, so that the rest can be dead-lettered. */
  readonly deadLetterReserveMs: number;
  readonly deliveryGuarantee: DeliveryGuarantee;
}

/** Throws the contract's EnvironmentError, listing every bad variable, when a value is wrong. */
export function readConfig(env: Environment): CounterConfig {
  const values = COUNTER_ENVIRONMENT.fromEnvironment(env);
  return {
    namespace: values.namespace,
    metricName: values.metricName,
    dimensionSets: values.dimensionSets,
    allowedEventSources: new Set(values.allowedEventSources),
    deniedEventSources: new Set(values.deniedEventSources),
    deadLetterQueueUrl: values.deadLetterQueueUrl,
    retry: { maxAttempts: values.publishMaxAttempts, baseDelayMs: values.publishBaseDelayMs, maxDelayMs: values.publishMaxDelayMs },
    concurrency: values.publishConcurrency,
    calls: {
      connectTimeoutMs: values.connectTimeoutMs,
      requestTimeoutMs: values.requestTimeoutMs,
      callMaxAttempts: values.callMaxAttempts,
      deadlineMarginMs: values.deadlineMarginMs,
    },
    deadLetterReserveMs: values.deadLetterReserveMs,
    deliveryGuarantee: values.deliveryGuarantee,
  };
}
