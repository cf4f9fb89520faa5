/**
 * The enricher's configuration: its environment as the contract decodes it (defaults, limits and
 * error sentences live in contracts/functions/access-log-enricher.ts), in the units the code uses.
 */
import type { Environment } from "../../contracts/environment";
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
}

/** Throws the contract's EnvironmentError, listing every bad variable, when a value is wrong. */
export function readConfig(env: Environment): EnricherConfig {
  const values = ENRICHER_ENVIRONMENT.fromEnvironment(env);
  return {
    userIdOrder: values.userIdOrder,
    // Decoded by enumKind, so one of the policies; the casts only make up for the contract typing
    // both variables as string (envVar infers T from the default as well as from the kind).
    ipAddressMode: values.ipAddressMode as IpAddressMode,
    partitionByHour: values.partitionByHour,
    mixedPartitions: values.mixedPartitions as MixedPartitionPolicy,
    usagePlanLookup: values.usagePlanLookup,
    usagePlanCacheTtlMs: values.usagePlanCacheTtlSeconds * 1000,
    usagePlanKeysConcurrency: values.usagePlanKeysConcurrency,
  };
}
