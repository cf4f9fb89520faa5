/**
 * Composition root: read and validate the stack's config, build the components, export outputs.
 * Bad config throws before any resource is declared. Outputs follow components/app/contract.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import { AccessLogPipeline } from "./components/access-log-pipeline";
import { ApiCallMetrics } from "./components/api-call-metrics";
import type { OutputName, UsageInsightsOutputs } from "./components/app/contract";
import { UsageDashboard } from "./components/dashboard";
import { ObservabilityLink, ObservabilitySink } from "./components/monitoring";
import { UsageAnalytics } from "./components/quicksight";
import { StackConfig, deliveryOf, readStackConfig } from "./components/shared/config";

type StackOutputs = { [K in OutputName]: pulumi.Input<UsageInsightsOutputs[K]> } & Record<string, unknown>;

export = async (): Promise<StackOutputs> => {
  const config = readStackConfig(pulumi.runtime.allConfig(), pulumi.getStack());
  return config.role === "monitoring" ? monitoringAccount(config) : sourceAccount(config);
};

function sourceAccount(config: StackConfig): StackOutputs {
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

  const pipeline = new AccessLogPipeline("access-logs", {
    ...common,
    apis: config.apis,
    format: config.accessLogFormat,
    hourlyPartitions: config.accessLogHourlyPartitions,
    bufferHints: { sizeMiB: config.accessLogBufferSizeMiB, intervalSeconds: config.accessLogBufferIntervalSeconds },
    processorBuffer: { sizeMb: config.accessLogProcessorBufferSizeMb },
    ipHandling: config.accessLogIpHandling,
    userIdOrder: config.accessLogUserIdOrder,
    usagePlanLookup: config.accessLogUsagePlanLookup,
    usagePlanCacheTtlSeconds: config.accessLogUsagePlanCacheTtlSeconds,
    dataLake: { transitionDays: config.dataLakeTransitionDays, expirationDays: config.dataLakeExpirationDays },
    athena: { bytesScannedCutoffMiB: config.athenaBytesScannedCutoffMiB, resultsExpirationDays: config.athenaResultsExpirationDays },
    crawler: { enabled: config.glueCrawlerEnabled },
  });

  const analytics = config.quicksightEnabled
    ? new UsageAnalytics("usage-analytics", {
        glueDatabase: pipeline.glueDatabase,
        glueTable: pipeline.glueTable,
        athenaWorkgroup: pipeline.athenaWorkgroup,
        dataLakeBucketArn: pipeline.dataLakeBucketArn,
        athenaResultsBucketArn: pipeline.athenaResultsBucketArn,
        adminUserNames: config.quicksightAdminUserNames,
        readerUserNames: config.quicksightReaderUserNames,
        importMode: config.quicksightImportMode,
        refreshSchedule: { interval: config.quicksightRefreshInterval, timeOfDay: config.quicksightRefreshTimeOfDay },
        lookbackDays: config.quicksightLookbackDays,
        namespace: config.quicksightNamespace,
      })
    : undefined;

  const dashboard = config.dashboardEnabled
    ? new UsageDashboard("usage", {
        ...common,
        apis: config.apis.map((api) => ({
          name: api.name,
          type: api.type,
          apiId: api.apiId,
          apiName: api.apiName,
          stage: api.stage,
          ...(deliveryOf(api) === "cloudwatch"
            ? {
                logGroupName: pipeline.httpAccessLogGroupNames.apply((names) => names[api.name]),
                logGroupArn: pipeline.httpAccessLogGroupArns.apply((arns) => arns[api.name]),
              }
            : {}),
        })),
        firehoseStreamName: pipeline.firehoseStreamName,
        enricherFunctionName: pipeline.enricherFunctionName,
        enricherLogGroupName: pipeline.enricherLogGroupName,
        functionNames: [pipeline.enricherFunctionName, ...(apiCalls ? [apiCalls.functionName] : [])],
        apiCallMetrics: apiCalls ? { namespace: apiCalls.metricNamespace } : undefined,
        athena: {
          workgroup: pipeline.athenaWorkgroup,
          database: pipeline.glueDatabase,
          table: pipeline.glueTable,
          resultsBucketArn: pipeline.athenaResultsBucketArn,
          dataLakeBucketArn: pipeline.dataLakeBucketArn,
        },
        alarms: {
          serverErrorRatePercent: config.dashboardServerErrorRatePercent,
          latencyP90Ms: config.dashboardLatencyP90Ms,
          quotaExceededPerPeriod: config.dashboardQuotaExceededPerPeriod,
          firehoseFreshnessSeconds: config.dashboardFirehoseFreshnessSeconds,
          functionErrorsPerPeriod: config.dashboardFunctionErrorsPerPeriod,
          topicArn: config.dashboardAlarmTopicArn || undefined,
        },
        widgetReservedConcurrency: config.dashboardWidgetReservedConcurrency,
      })
    : undefined;

  const sinkArn = config.monitoringSinkArn
    ? pulumi.output(config.monitoringSinkArn)
    : config.monitoringStack
      ? new pulumi.StackReference(config.monitoringStack).requireOutput("oamSinkArn").apply(String)
      : undefined;
  if (sinkArn) new ObservabilityLink("monitoring-link", { sinkArn });

  return {
    restAccessLogDestinationArn: pipeline.restAccessLogDestinationArn,
    restAccessLogFormat: pipeline.restAccessLogFormat,
    httpAccessLogGroupArns: pipeline.httpAccessLogGroupArns,
    httpAccessLogFormat: pipeline.httpAccessLogFormat,
    webSocketAccessLogFormat: pipeline.webSocketAccessLogFormat,
    dataLakeBucket: pipeline.dataLakeBucket,
    glueDatabase: pipeline.glueDatabase,
    glueTable: pipeline.glueTable,
    athenaWorkgroup: pipeline.athenaWorkgroup,
    metricNamespace: apiCalls?.metricNamespace ?? null,
    dashboardName: dashboard?.dashboardName ?? null,
    dashboardUrl: dashboard?.dashboardUrl ?? null,
    quicksightDashboardId: analytics?.dashboardId ?? null,
    widgetFunctionArns: dashboard?.widgetFunctionArns ?? [],
    dashboardViewerPolicyArn: dashboard?.viewerPolicyArn ?? null,
    oamSinkArn: sinkArn ?? null,
    quicksightDashboardUrl: analytics?.dashboardUrl ?? null,
    apiCallTrailArn: apiCalls?.trailArn ?? null,
  };
}

function monitoringAccount(config: StackConfig): StackOutputs {
  const sink = new ObservabilitySink("org-view", {
    accountIds: config.monitoringSourceAccountIds,
    organizationId: config.monitoringOrganizationId || undefined,
    apiCallNamespace: config.apiCallMetricsNamespace,
  });
  return {
    restAccessLogDestinationArn: null,
    restAccessLogFormat: null,
    httpAccessLogGroupArns: {},
    httpAccessLogFormat: null,
    webSocketAccessLogFormat: null,
    dataLakeBucket: null,
    glueDatabase: null,
    glueTable: null,
    athenaWorkgroup: null,
    metricNamespace: config.apiCallMetricsNamespace,
    dashboardName: sink.dashboardName,
    dashboardUrl: sink.dashboardUrl,
    quicksightDashboardId: null,
    widgetFunctionArns: [],
    dashboardViewerPolicyArn: null,
    oamSinkArn: sink.sinkArn,
  };
}
