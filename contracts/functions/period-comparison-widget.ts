/** The period-comparison widget's contract: its environment and the AWS calls it makes. */
import { defineEnvironment, envVar } from "../environment";
import { integerKind } from "../kinds";
import { declarePermissions } from "../permissions";
import { callBudgetVars } from "./call-budget";

/** The failure-handling variables the component leaves at their defaults (spread into toEnvironment). */
export const PERIOD_COMPARISON_FAILURE_DEFAULTS = { connectTimeoutMs: 2_000, requestTimeoutMs: 10_000, callMaxAttempts: 3, deadlineMarginMs: 3_000 };

export const PERIOD_COMPARISON_ENVIRONMENT = defineEnvironment({
  maxMetrics: envVar("MAX_METRICS", integerKind({ min: 1, max: 100 }), { default: 10, description: "Metrics one widget may compare (each costs three series in GetMetricData)." }),
  maxPoints: envVar("MAX_POINTS", integerKind({ min: 10, max: 1440 }), { default: 288, description: "Upper bound on datapoints per series; the period grows to stay below it." }),
  ...callBudgetVars(PERIOD_COMPARISON_FAILURE_DEFAULTS),
});

export const PERIOD_COMPARISON_PERMISSIONS = declarePermissions<never>({
  functionName: "period-comparison-widget",
  resources: {},
  calls: [
    // GetMetricData supports no resource-level permissions.
    { command: "GetMetricDataCommand", client: "@aws-sdk/client-cloudwatch", grants: [{ sid: "ReadMetrics", actions: ["cloudwatch:GetMetricData"], resource: "*" }] },
  ],
});
