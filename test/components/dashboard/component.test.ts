import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { UsageDashboard, type UsageDashboardArgs } from "../../../components/dashboard";
import { ALL_POLICIES } from "../../../policies/all";
import { declare } from "../../engine/harness";
import { runPolicies } from "../../../synth/policy-runner";

const FN = "aws:lambda/function:Function";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const ACCOUNT = "123456789012";

function args(extra: Partial<UsageDashboardArgs> = {}): UsageDashboardArgs {
  return {
    apis: [
      { name: "orders", type: "REST", apiId: "a1b2c3d4e5", apiName: "orders-api", stage: "prod" },
      { name: "billing", type: "HTTP", apiId: pulumi.output("f6g7h8i9j0"), stage: "$default", logGroupName: pulumi.output("/aws/apigateway/billing") },
    ],
    firehoseStreamName: "amazon-apigateway-usage",
    enricherFunctionName: "usage-enricher",
    functionNames: ["usage-enricher", pulumi.output("usage-counter")],
    apiCallMetrics: { namespace: "ApiUsage/CloudTrail" },
    athena: {
      workgroup: "api-usage",
      database: "api_usage",
      table: "access_logs",
      resultsBucketArn: "arn:aws:s3:::usage-results",
      dataLakeBucketArn: "arn:aws:s3:::usage-lake",
    },
    ...extra,
  };
}

const build = (extra: Partial<UsageDashboardArgs> = {}, name = "usage") => declare(() => new UsageDashboard(name, args(extra)));

describe("UsageDashboard", () => {
  it("declares the dashboard, two widget functions, the viewer policy and one alarm per intent, and no quota filter for an HTTP API", async () => {
    const plan = await build();
    const component = plan.one("api-usage:dashboard:UsageDashboard");
    assert.deepEqual(plan.childrenOf(component).map((r) => `${r.type} ${r.name}`).sort(), [
      "api-usage:shared:BundledFunction usage-distinct-users",
      "api-usage:shared:BundledFunction usage-period-comparison",
      "aws:cloudwatch/compositeAlarm:CompositeAlarm usage-billing-health",
      "aws:cloudwatch/compositeAlarm:CompositeAlarm usage-orders-health",
      "aws:cloudwatch/dashboard:Dashboard usage",
      `${ALARM} usage-billing-4xx-rate`,
      `${ALARM} usage-billing-5xx-rate`,
      `${ALARM} usage-billing-p90-latency`,
      `${ALARM} usage-firehose-delivery`,
      `${ALARM} usage-firehose-freshness`,
      `${ALARM} usage-function-0-errors`,
      `${ALARM} usage-function-1-errors`,
      `${ALARM} usage-orders-4xx-rate`,
      `${ALARM} usage-orders-5xx-rate`,
      `${ALARM} usage-orders-p90-latency`,
      "aws:iam/policy:Policy usage-viewer",
    ]);
  });

  it("writes the dashboard body from resolved values, wired to the widget functions by ARN", async () => {
    const plan = await build();
    const body = plan.json(plan.one("aws:cloudwatch/dashboard:Dashboard"), "dashboardBody") as { widgets: Array<{ type: string; properties: Record<string, unknown> }> };
    const endpoints = new Set(body.widgets.filter((w) => w.type === "custom").map((w) => w.properties.endpoint));
    assert.deepEqual([...endpoints].sort(), plan.ofType(FN).map((f) => f.outputs.arn).sort());
    const text = JSON.stringify(body);
    assert.ok(text.includes('"f6g7h8i9j0"') && text.includes("SOURCE '/aws/apigateway/billing'"));
    assert.ok(!text.includes("Calling [toString] on an [Output") && !text.includes("stand-in") && !text.includes("a000000000"));
    const status = body.widgets.find((w) => w.type === "alarm");
    const composites = plan.ofType("aws:cloudwatch/compositeAlarm:CompositeAlarm").map((a) => a.outputs.arn);
    const all = [...composites, ...plan.ofType(ALARM).map((a) => a.outputs.arn)];
    assert.deepEqual([...(status?.properties.alarms as string[])].sort(), all.map(String).sort());
    assert.deepEqual((status?.properties.alarms as string[]).slice(0, 2).sort(), composites.map(String).sort(), "the per-API composites come first");
    assert.equal((status?.properties.alarms as string[]).length, 12);
  });

  it("names the dashboard after the component and links to it in the console", async () => {
    let dashboard: UsageDashboard | undefined;
    const plan = await declare(() => {
      dashboard = new UsageDashboard("usage", args());
    });
    assert.equal(plan.one("aws:cloudwatch/dashboard:Dashboard").inputs.dashboardName, "usage");
    const url = await new Promise<string>((resolve) => dashboard!.dashboardUrl.apply(resolve));
    assert.equal(url, "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/usage");
  });

  it("runs both widget functions for 60 s with a reserved concurrency of 2 by default", async () => {
    const fns = (await build()).ofType(FN);
    assert.deepEqual(fns.map((f) => [f.name, f.inputs.timeout, f.inputs.reservedConcurrentExecutions]).sort(), [
      ["usage-distinct-users", 60, 2],
      ["usage-period-comparison", 60, 2],
    ]);
  });

  it("takes another reserved concurrency, runtime and architecture", async () => {
    const fns = (await build({ widgetReservedConcurrency: 3, runtime: "nodejs22.x", architecture: "x86_64" })).ofType(FN);
    for (const f of fns) assert.deepEqual([f.inputs.reservedConcurrentExecutions, f.inputs.runtime, f.inputs.architectures], [3, "nodejs22.x", ["x86_64"]]);
  });

  it("gives the distinct-users function its deadline and the Athena defaults", async () => {
    const fn = (await build()).one(FN, "usage-distinct-users");
    assert.deepEqual((fn.inputs.environment as { variables: unknown }).variables, {
      DEADLINE_SECONDS: "50",
      DEFAULT_ATHENA_WORKGROUP: "api-usage",
      DEFAULT_ATHENA_DATABASE: "api_usage",
      DEFAULT_ATHENA_TABLE: "access_logs",
      CACHE_TTL_SECONDS: "60",
      MAX_CONCURRENT_QUERIES: "4",
      MAX_QUERIES: "1000",
      POLL_INITIAL_MS: "250",
      POLL_MAX_MS: "3000",
      CONNECT_TIMEOUT_MS: "2000",
      REQUEST_TIMEOUT_MS: "10000",
      CALL_MAX_ATTEMPTS: "3",
      DEADLINE_MARGIN_MS: "3000",
    });
  });

  it("lets the distinct-users function query exactly the API log groups, the workgroup, the table and the buckets", async () => {
    const plan = await build();
    const policy = plan.json(plan.one("aws:iam/rolePolicy:RolePolicy", "usage-distinct-users-policy"), "policy") as { Statement: unknown[] };
    const lg = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/apigateway/billing`;
    const glue = `arn:aws:glue:us-east-1:${ACCOUNT}`;
    assert.deepEqual(policy.Statement.slice(1), [
      { Sid: "QueryApiLogGroups", Effect: "Allow", Action: "logs:StartQuery", Resource: [lg, `${lg}:*`] },
      { Sid: "ReadAndStopOwnQueries", Effect: "Allow", Action: ["logs:GetQueryResults", "logs:StopQuery"], Resource: "*" },
      {
        Sid: "RunAthenaQueries",
        Effect: "Allow",
        Action: ["athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults", "athena:StopQueryExecution"],
        Resource: `arn:aws:athena:us-east-1:${ACCOUNT}:workgroup/api-usage`,
      },
      { Sid: "ReadTableMetadata", Effect: "Allow", Action: ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"], Resource: [`${glue}:catalog`, `${glue}:database/api_usage`, `${glue}:table/api_usage/access_logs`] },
      { Sid: "ListDataLake", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: "arn:aws:s3:::usage-lake" },
      { Sid: "ReadDataLake", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::usage-lake/*" },
      { Sid: "ListQueryResults", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"], Resource: "arn:aws:s3:::usage-results" },
      { Sid: "WriteQueryResults", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"], Resource: "arn:aws:s3:::usage-results/*" },
    ]);
  });

  it("adds KMS data-key use to the distinct-users function only when a key is given", async () => {
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`;
    const plan = await build({ kmsKeyArn: key });
    const policy = plan.json(plan.one("aws:iam/rolePolicy:RolePolicy", "usage-distinct-users-policy"), "policy") as { Statement: unknown[] };
    assert.deepEqual(policy.Statement.at(-1), { Sid: "UseStackKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: key });
  });

  it("lets the period-comparison function read metrics and nothing else", async () => {
    const plan = await build();
    const policy = plan.json(plan.one("aws:iam/rolePolicy:RolePolicy", "usage-period-comparison-policy"), "policy") as { Statement: unknown[] };
    assert.deepEqual(policy.Statement.slice(1), [{ Sid: "ReadMetrics", Effect: "Allow", Action: "cloudwatch:GetMetricData", Resource: "*" }]);
  });

  it("grants dashboard viewers lambda:InvokeFunction on exactly the two widget functions", async () => {
    const plan = await build();
    assert.deepEqual(plan.json(plan.one("aws:iam/policy:Policy"), "policy"), {
      Version: "2012-10-17",
      Statement: [{ Sid: "InvokeDashboardWidgets", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: plan.ofType(FN).map((f) => f.outputs.arn).sort() }],
    });
  });

  it("counts QUOTA_EXCEEDED responses of a CloudWatch-logged WebSocket API by ApiId and Stage, and alarms on that metric after the filter exists", async () => {
    const chat = { name: "chat", type: "WEBSOCKET" as const, apiId: "k1l2m3n4o5", stage: "live", logGroupName: "/aws/apigateway/chat" };
    const plan = await build({ apis: [...args().apis, chat] });
    const filter = plan.one("aws:cloudwatch/logMetricFilter:LogMetricFilter");
    assert.deepEqual([filter.name, filter.inputs.logGroupName, filter.inputs.pattern, filter.inputs.metricTransformation], [
      "usage-chat-quota-filter",
      "/aws/apigateway/chat",
      '{ $.errorResponseType = "QUOTA_EXCEEDED" }',
      { name: "QuotaExceeded", namespace: "ApiUsage/AccessLogs", value: "1", unit: "Count", dimensions: { ApiId: "$.apiId", Stage: "$.stage" } },
    ]);
    const alarm = plan.one(ALARM, "usage-chat-quota-exceeded");
    assert.deepEqual(alarm.dependsOn, [filter.urn]);
    assert.deepEqual((alarm.inputs.metricQueries as Array<{ metric: unknown }>)[0].metric, {
      namespace: "ApiUsage/AccessLogs",
      metricName: "QuotaExceeded",
      dimensions: { ApiId: "k1l2m3n4o5", Stage: "live" },
      stat: "Sum",
      period: 300,
    });
  });

  it("alarms on the 5xx rate with metric math over REST metrics keyed by ApiName", async () => {
    const alarm = (await build()).one(ALARM, "usage-orders-5xx-rate").inputs;
    assert.deepEqual(
      [alarm.name, alarm.comparisonOperator, alarm.threshold, alarm.evaluationPeriods, alarm.datapointsToAlarm, alarm.treatMissingData],
      ["usage-orders-5xx-rate", "GreaterThanThreshold", 1, 3, 3, "notBreaching"],
    );
    const queries = alarm.metricQueries as Array<Record<string, unknown>>;
    assert.deepEqual(queries.map((q) => [q.id, q.returnData]), [["requests", false], ["errors_5xx", false], ["rate", true]]);
    assert.equal(queries[2].expression, "IF(requests > 0, 100 * errors_5xx / requests, 0)");
    assert.deepEqual((queries[1].metric as { dimensions: unknown }).dimensions, { ApiName: "orders-api", Stage: "prod" });
  });

  it("names function alarms after the resolved function names", async () => {
    const plan = await build();
    assert.deepEqual([plan.one(ALARM, "usage-function-0-errors").inputs.name, plan.one(ALARM, "usage-function-1-errors").inputs.name], ["usage-usage-enricher-errors", "usage-usage-counter-errors"]);
  });

  it("takes thresholds and notifies the SNS topic on alarm and on recovery: per API through its composite alarm, else directly", async () => {
    const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT}:oncall`;
    const plan = await build({ alarms: { serverErrorRatePercent: 5, latencyP90Ms: 800, firehoseFreshnessSeconds: 600, topicArn } });
    const inputs = (n: string) => plan.one(ALARM, n).inputs;
    assert.deepEqual([inputs("usage-orders-5xx-rate").threshold, inputs("usage-billing-p90-latency").threshold, inputs("usage-firehose-freshness").threshold], [5, 800, 600]);
    for (const a of plan.ofType(ALARM)) {
      const perApi = /^usage-(orders|billing)-/.test(a.name);
      assert.deepEqual([a.inputs.alarmActions, a.inputs.okActions], perApi ? [[], []] : [[topicArn], [topicArn]], a.name);
    }
    for (const c of plan.ofType("aws:cloudwatch/compositeAlarm:CompositeAlarm")) assert.deepEqual([c.inputs.alarmActions, c.inputs.okActions], [[topicArn], [topicArn]]);
  });

  it("raises one composite alarm per API over exactly that API's alarms, declared after them", async () => {
    const plan = await build();
    const orders = plan.one("aws:cloudwatch/compositeAlarm:CompositeAlarm", "usage-orders-health");
    assert.equal(orders.inputs.alarmRule, 'ALARM("usage-orders-5xx-rate") OR ALARM("usage-orders-4xx-rate") OR ALARM("usage-orders-p90-latency")');
    const members = ["usage-orders-5xx-rate", "usage-orders-4xx-rate", "usage-orders-p90-latency"].map((n) => plan.one(ALARM, n).urn);
    assert.deepEqual([...orders.dependencies].sort(), members.sort());
  });

  it("leaves alarms without actions when no topic is given", async () => {
    for (const a of (await build()).ofType(ALARM)) assert.deepEqual(a.inputs.alarmActions, []);
  });

  it("fails naming the key when an HTTP API has no log group", () => {
    assert.throws(
      () => new UsageDashboard("usage", args({ apis: [{ name: "billing", type: "HTTP", apiId: "f6g7h8i9j0", stage: "$default" }] })),
      /UsageDashboard apis\[0\]\.logGroupName = undefined: expected the access-log group while apis\[0\]\.type is "HTTP": HTTP APIs log to CloudWatch Logs only/,
    );
  });

  it("fails naming the key when a user field is not in the API type's access-log format", () => {
    assert.throws(
      () => new UsageDashboard("usage", args({ apis: [{ name: "chat", type: "WEBSOCKET", apiId: "k1l2m3n4o5", stage: "live", logGroupName: "/c", userField: "claimsSub" }] })),
      /apis\[0\]\.userField = "claimsSub": expected fields of the WEBSOCKET access-log format .*claimsSub is not one/,
    );
  });

  it("accepts a coalesce() expression over format fields as the user field", () => {
    assert.doesNotThrow(() => new UsageDashboard("u2", args({ apis: [{ name: "b", type: "HTTP", apiId: "f6g7h8i9j0", stage: "s", logGroupName: "/b", userField: "coalesce(claimsSub, principalId)" }] })));
  });

  it("fails naming the key when two APIs share a name or a threshold is negative", () => {
    const api = { name: "orders", type: "REST" as const, apiId: "a1b2c3d4e5", stage: "prod" };
    assert.throws(() => new UsageDashboard("usage", args({ apis: [api, api] })), /apis\[1\]\.name = "orders": expected a name no other API uses \(apis\[0\]\.name is "orders" too\)/);
    assert.throws(() => new UsageDashboard("usage", args({ alarms: { latencyP90Ms: -1 } })), /^SchemaError: UsageDashboard usage: alarms\.latencyP90Ms must be an integer from 1 to 60000, got -1$/);
  });
});


describe("UsageDashboard under the project's policies", () => {
  it("violates none of them", async () => {
    const plan = await declare(() => new UsageDashboard("usage", args({ alarms: { topicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:oncall` } })));
    const report = await runPolicies(ALL_POLICIES, plan.resources);
    const violations = report.violations.map((r) => `${r.policy}: ${r.message ?? ""}`);
    assert.deepEqual(violations, []);
    const checked = new Set(report.results.filter((r) => r.outcome === "pass").map((r) => r.policy));
    for (const policy of ["lambda-widget-reserved-concurrency", "lambda-supported-runtime"]) assert.ok(checked.has(policy), `${policy} did not run`);
  });
});
