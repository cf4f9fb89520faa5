/** Lambda runtimes and architectures the project deploys, and log retention CloudWatch Logs accepts. */
import { enumKind, integerKind } from "./kinds";

/** Supported Node.js runtimes, newest first; older ones are past their Lambda deprecation date. */
export const LAMBDA_RUNTIMES = ["nodejs24.x", "nodejs22.x"] as const;
export type LambdaRuntime = (typeof LAMBDA_RUNTIMES)[number];
export const RETIRED_RUNTIMES = ["nodejs20.x", "nodejs18.x", "nodejs16.x", "nodejs14.x", "nodejs12.x"] as const;

export const LAMBDA_ARCHITECTURES = ["arm64", "x86_64"] as const;
export type LambdaArchitecture = (typeof LAMBDA_ARCHITECTURES)[number];

export const lambdaRuntimeKind = enumKind(
  LAMBDA_RUNTIMES,
  Object.fromEntries(RETIRED_RUNTIMES.map((r) => [r, `${r} is past its Lambda deprecation date`])),
);
export const lambdaArchitectureKind = enumKind(LAMBDA_ARCHITECTURES);

/** Values CloudWatch Logs accepts for retentionInDays. */
export const CLOUDWATCH_LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/**
 * The shortest and longest retention the project allows (the policy pack's defaults too): a week
 * keeps enough to investigate an incident (AWS FSBP CloudWatch.16 asks for more than "never").
 */
export const LOG_RETENTION_LIMITS = { minDays: 7, maxDays: 3653 } as const;

/** The retention periods CloudWatch Logs accepts within the project's limits. */
export const LOG_RETENTION_DAYS = CLOUDWATCH_LOG_RETENTION_DAYS.filter(
  (d) => d >= LOG_RETENTION_LIMITS.minDays && d <= LOG_RETENTION_LIMITS.maxDays,
);

export const logRetentionKind = integerKind({ allowed: LOG_RETENTION_DAYS, because: `CloudWatch Logs values from ${LOG_RETENTION_LIMITS.minDays} days` });
