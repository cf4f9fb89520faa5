/** The period-comparison widget's contract: its environment and the AWS calls it makes. */
import { defineEnvironment, envVar } from "../environment";
import { integerKind } from "../kinds";
import { declarePermissions } from "../permissions";

export const PERIOD_COMPARISON_ENVIRONMENT = defineEnvironment({
  maxMetrics: envVar("MAX_METRICS", integerKind({ min: 1, max: 100 }), { default: 10, description: "Metrics one widget may compare (each costs three series in GetMetricData)." }),
  maxPoints: envVar("MAX_POINTS", integerKind({ min: 10, max: 1440 }), { default: 288, description: "Upper bound on datapoints per series; the period grows to stay below it." }),
});

export const PERIOD_COMPARISON_PERMISSIONS = declarePermissions<never>({
  functionName: "period-comparison-widget",
  resources: {},
  calls: [
    // GetMetricData supports no resource-level permissions.
    { command: "GetMetricDataCommand", client: "@aws-sdk/client-cloudwatch", grants: [{ sid: "ReadMetrics", actions: ["cloudwatch:GetMetricData"], resource: "*" }] },
  ],
});
