/**
 * The enricher's configuration: its environment as the contract decodes it (defaults, limits and
 * error sentences live in contracts/functions/access-log-enricher.ts), in the units the code uses.
 */
import type { Environment } from "../../contracts/environment";
import type { CallBudget } from "../../contracts/functions/call-budget";
import {
  ENRICHER_ENVIRONMENT,
  type IpAddressMode,
  type MixedPartitionPolicy,
  type UserSource,
} from "../../contracts/functions/access-log-enricher";

export interface EnricherConfig {
  readonly userIdOrder: readonly UserSource[];
  readonly ipAddressMode: IpAddressMode;
  readonly partitionByHour: boolean;
  readonly mixedPartitions: MixedPartitionPolicy;
  readonly usagePlanLookup: boolean;
  readonly usagePlanCacheTtlMs: number;
  readonly usagePlanKeysConcurrency: number;
  /** Timeouts and attempts of the API Gateway client, and the margin kept below the Lambda timeout. */
  readonly calls: CallBudget;
  /** Longest wait for a usage plan refresh before the batch is enriched without it. */
  readonly usagePlanLookupTimeoutMs: number;
  /** A gzipped record inflating beyond this is ProcessingFailed. */
  readonly maxInflatedBytes: number;
}

/** Throws the contract's EnvironmentError, listing every bad variable, when a value is wrong. */
export function readConfig(env: Environment): EnricherConfig {
  const values = ENRICHER_ENVIRONMENT.fromEnvironment(env);
  return {
    userIdOrder: values.userIdOrder,
    ipAddressMode: values.ipAddressMode,
    partitionByHour: values.partitionByHour,
    mixedPartitions: values.mixedPartitions,
    usagePlanLookup: values.usagePlanLookup,
    usagePlanCacheTtlMs: values.usagePlanCacheTtlSeconds * 1000,
    usagePlanKeysConcurrency: values.usagePlanKeysConcurrency,
    calls: {
      connectTimeoutMs: values.connectTimeoutMs,
      requestTimeoutMs: values.requestTimeoutMs,
      callMaxAttempts: values.callMaxAttempts,
      deadlineMarginMs: values.deadlineMarginMs,
    },
    usagePlanLookupTimeoutMs: values.usagePlanLookupTimeoutMs,
    maxInflatedBytes: values.maxInflatedBytes,
  };
}
