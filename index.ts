/**
 * Composition root: read and validate the stack's config, build the components, export outputs.
 * Bad config throws before any resource is declared. Outputs follow components/app/contract.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import { AccessLogPipeline } from "./components/access-log-pipeline";
import { ApiCallMetrics } from "./components/api-call-metrics";
import { deliveryOf, type ApiSpec } from "./contracts/api-types";
import { CONTRACT_VERSION, type OutputName, type UsageInsightsOutputs } from "./contracts/outputs";
import { UsageDashboard } from "./components/dashboard";
import { ObservabilityLink, ObservabilitySink, sinkForRegion } from "./components/monitoring";
import { qualifiedStackName } from "./contracts/stack-names";
import { regionalProvider } from "./components/shared/regional-provider";
import { UsageAnalytics } from "./components/quicksight";
import {
  API_CALL_METRICS_BINDING,
  COMPONENT_NAMES,
  DASHBOARD_BINDING,
  PIPELINE_BINDING,
  SINK_BINDING,
  StackConfig,
  USAGE_ANALYTICS_BINDING,
  argsFor,
  readStackConfig,
} from "./config";

/** Exactly the contract's keys: a missing or extra output is a type error. */
type StackOutputs = { [K in OutputName]: pulumi.Input<UsageInsightsOutputs[K]> };

export = async (): Promise<StackOutputs> => {
  const config = readStackConfig(pulumi.runtime.allConfig(), pulumi.getStack());
  return config.role === "monitoring" ? monitoringAccount(config) : sourceAccount(config);
};

function sourceAccount(config: StackConfig): StackOutputs {
  // Physical names carry the stack unless the stack predates stackScopedNames.
  const nameScope = config.stackScopedNames ? pulumi.getStack() : undefined;
  const common = {
    runtime: config.lambdaRuntime,
    architecture: config.lambdaArchitecture,
    logRetentionDays: config.logRetentionDays,
    kmsKeyArn: config.kmsKeyArn,
  };

  const apiCallArgs = argsFor(API_CALL_METRICS_BINDING, config.values);
  const apiCalls = config.apiCallMetricsEnabled ? new ApiCallMetrics(COMPONENT_NAMES.apiCallMetrics, { ...common, ...apiCallArgs, protectData: config.protectData }) : undefined;

  const pipelineArgs = argsFor(PIPELINE_BINDING, config.values);
  // From the stack's config, so every apiId is a plain string.
  const apis = (pipelineArgs.apis ?? []) as ApiSpec[];
  const pipeline = new AccessLogPipeline(COMPONENT_NAMES.pipeline, { ...common, ...pipelineArgs, apis, protectData: config.protectData, nameScope });

  const analytics = config.quicksightEnabled
    ? new UsageAnalytics(COMPONENT_NAMES.analytics, {
        ...argsFor(USAGE_ANALYTICS_BINDING, config.values),
        nameScope,
        glueDatabase: pipeline.glueDatabase,
        glueTable: pipeline.glueTable,
        athenaWorkgroup: pipeline.athenaWorkgroup,
        dataLakeBucketArn: pipeline.dataLakeBucketArn,
        athenaResultsBucketArn: pipeline.athenaResultsBucketArn,
      })
    : undefined;

  const dashboardArgs = argsFor(DASHBOARD_BINDING, config.values);
  const dashboard = config.dashboardEnabled
    ? new UsageDashboard(COMPONENT_NAMES.dashboard, {
        ...common,
        nameScope,
        ...dashboardArgs,
        apis: apis.map((api) => ({
          name: api.name,
          type: api.type,
          apiId: api.apiId,
          apiName: api.apiName,
          stage: api.stage,
          alarms: api.alarms,
          ...(deliveryOf(api) === "cloudwatch"
            ? {
                logGroupName: pipeline.accessLogGroupNames.apply((names) => names[api.name]),
                logGroupArn: pipeline.accessLogGroupArns.apply((arns) => arns[api.name]),
              }
            : {}),
        })),
        firehoseStreamName: pipeline.firehoseStreamName,
        cloudWatchLogsStreamName: pipeline.cloudWatchLogsStreamName,
        enricherFunctionName: pipeline.enricherFunctionName,
        enricherLogGroupName: pipeline.enricherLogGroupName,
        functionNames: [pipeline.enricherFunctionName, ...(apiCalls ? [apiCalls.functionName] : [])],
        apiCallMetrics: apiCalls ? { namespace: apiCalls.metricNamespace, metricName: apiCalls.metricName } : undefined,
        athena: {
          workgroup: pipeline.athenaWorkgroup,
          database: pipeline.glueDatabase,
          table: pipeline.glueTable,
          resultsBucketArn: pipeline.athenaResultsBucketArn,
          dataLakeBucketArn: pipeline.dataLakeBucketArn,
        },
        alarms: { ...dashboardArgs.alarms, topicArn: config.dashboardAlarmTopicArn },
      })
    : undefined;

  const sinkArn = config.monitoringSinkArn ? pulumi.output(config.monitoringSinkArn) : config.monitoringStack ? sinkOfMonitoringStack(config) : undefined;
  if (sinkArn) new ObservabilityLink(COMPONENT_NAMES.link, { sinkArn });

  return {
    contractVersion: CONTRACT_VERSION,
    restAccessLogDestinationArn: pipeline.restAccessLogDestinationArn,
    restAccessLogFormat: pipeline.restAccessLogFormat,
    accessLogGroupArns: pipeline.accessLogGroupArns,
    httpAccessLogGroupArns: pipeline.accessLogGroupArns,
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
    oamSinkArns: {},
    quicksightDashboardUrl: analytics?.dashboardUrl ?? null,
    apiCallTrailArn: apiCalls ? apiCalls.trailArn.apply((arn) => arn ?? null) : null,
  };
}

/** The monitoring stack's sink for this stack's Region (a link attaches only to a sink in its own Region). */
function sinkOfMonitoringStack(config: StackConfig): pulumi.Output<string> {
  const name = qualifiedStackName(config.monitoringStack!, pulumi.getOrganization(), pulumi.getProject());
  const monitoring = new pulumi.StackReference(name);
  return pulumi
    .all([monitoring.getOutput("oamSinkArns"), monitoring.getOutput("oamSinkArn")])
    .apply(([oamSinkArns, oamSinkArn]) => sinkForRegion(name, config.region, { oamSinkArns, oamSinkArn }));
}

function monitoringAccount(config: StackConfig): StackOutputs {
  const apiCalls = API_CALL_METRICS_BINDING.schema.resolve("api-call metrics", argsFor(API_CALL_METRICS_BINDING, config.values));
  const sinkArgs = { ...argsFor(SINK_BINDING, config.values), apiCallNamespace: apiCalls.namespace, apiCallMetricName: apiCalls.metricName };
  // The stack's own Region keeps the stack's provider (its sink existed before other Regions were
  // served); every other Region gets one sink and dashboard through its own explicit provider.
  const sink = new ObservabilitySink(COMPONENT_NAMES.sink, sinkArgs);
  const others = (config.monitoringRegions as string[]).filter((r) => r !== config.region);
  const regional = others.map((region) => ({
    region,
    sink: new ObservabilitySink(`${COMPONENT_NAMES.sink}-${region}`, sinkArgs, { provider: regionalProvider(`${COMPONENT_NAMES.sink}-${region}`, region) }),
  }));
  const oamSinkArns = pulumi
    .all([sink.sinkArn, ...regional.map((r) => r.sink.sinkArn)])
    .apply(([home, ...rest]) => Object.fromEntries([[config.region, home], ...rest.map((arn, i) => [regional[i]!.region, arn])]) as Record<string, string>);
  return {
    contractVersion: CONTRACT_VERSION,
    restAccessLogDestinationArn: null,
    restAccessLogFormat: null,
    accessLogGroupArns: {},
    httpAccessLogGroupArns: {},
    httpAccessLogFormat: null,
    webSocketAccessLogFormat: null,
    dataLakeBucket: null,
    glueDatabase: null,
    glueTable: null,
    athenaWorkgroup: null,
    metricNamespace: apiCalls.namespace,
    dashboardName: sink.dashboardName,
    dashboardUrl: sink.dashboardUrl,
    quicksightDashboardId: null,
    widgetFunctionArns: [],
    dashboardViewerPolicyArn: null,
    oamSinkArn: sink.sinkArn,
    oamSinkArns,
    quicksightDashboardUrl: null,
    apiCallTrailArn: null,
  };
}
