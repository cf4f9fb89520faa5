/**
 * Composition root: read and validate the stack's config, build the components, export outputs.
 * Bad config throws before any resource is declared.
 */
import * as pulumi from "@pulumi/pulumi";
import { ApiCallMetrics } from "./components/api-call-metrics";
import { readStackConfig } from "./components/shared/config";

export = async () => {
  const config = readStackConfig(pulumi.runtime.allConfig(), pulumi.getStack());
  const common = {
    runtime: config.lambdaRuntime,
    architecture: config.lambdaArchitecture,
    logRetentionDays: config.logRetentionDays,
    kmsKeyArn: config.kmsKeyArn || undefined,
  };

  const apiCalls = config.apiCallMetricsEnabled
    ? new ApiCallMetrics("api-calls", {
        ...common,
        existingLogGroupName: config.cloudTrailExistingLogGroupName || undefined,
        namespace: config.apiCallMetricsNamespace,
        dimensionSets: config.apiCallMetricsDimensionSets,
        includeEventSources: config.apiCallMetricsIncludeEventSources,
        excludeEventSources: config.apiCallMetricsExcludeEventSources,
        readWriteType: config.cloudTrailReadWriteType,
        dataEvents: config.cloudTrailDataEvents,
        trailLogExpirationDays: config.cloudTrailS3RetentionDays,
      })
    : undefined;

  return {
    metricNamespace: apiCalls?.metricNamespace,
    apiCallTrailArn: apiCalls?.trailArn,
    apiCallLogGroupName: apiCalls?.logGroupName,
    apiCallCounterFunctionName: apiCalls?.functionName,
  };
};
