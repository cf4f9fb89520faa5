/** One stack's worth of resolved dashboard inputs: a Firehose-delivered REST API, an HTTP and a WebSocket API logging to CloudWatch. */
import { DASHBOARD_DEFAULTS } from "../../../components/dashboard/defaults";
import { checkModel, thresholdsOf, type DashboardModel } from "../../../components/dashboard/inputs";

export const ARNS = {
  distinctUsers: "arn:aws:lambda:eu-west-1:123456789012:function:usage-distinct-users",
  periodComparison: "arn:aws:lambda:eu-west-1:123456789012:function:usage-period-comparison",
};

export function fixtureModel(overrides: Partial<DashboardModel> = {}): DashboardModel {
  return checkModel({
    componentName: "usage",
    region: "eu-west-1",
    apis: [
      { name: "orders", type: "REST", apiId: "a1b2c3d4e5", apiName: "orders-api", stage: "prod", userField: "claimsSub", customerField: "apiKeyId" },
      {
        name: "billing",
        type: "HTTP",
        apiId: "f6g7h8i9j0",
        apiName: "billing",
        stage: "$default",
        logGroupName: "/aws/apigateway/billing",
        userField: "claimsSub",
        customerField: "claimsSub",
      },
      { name: "chat", type: "WEBSOCKET", apiId: "k1l2m3n4o5", apiName: "chat", stage: "live", logGroupName: "/aws/apigateway/chat", userField: "principalId", customerField: "apiKeyId" },
    ],
    firehoseStreamName: "amazon-apigateway-usage",
    enricherFunctionName: "usage-enricher",
    enricherLogGroupName: "/aws/lambda/usage-enricher",
    functionNames: ["usage-enricher", "usage-api-call-counter"],
    apiCalls: { namespace: "ApiUsage/CloudTrail", metricName: "CallCount" },
    athena: { workgroup: "api-usage", database: "api_usage", table: "access_logs" },
    thresholds: thresholdsOf({ latencyP90Ms: 1500 }),
    periodSeconds: DASHBOARD_DEFAULTS.periodSeconds,
    quotaMetricNamespace: DASHBOARD_DEFAULTS.quotaMetricNamespace,
    ...overrides,
  });
}
