// Plays the Pulumi CLI's side of the component package (provider/) in this checkout: launched as the
// Node.js language host launches it, from an empty consumer folder (test/support/component-host.ts),
// then GetSchema and Construct over Pulumi's provider protocol against a fake resource monitor.
// test/provider-install/ does the same from a clean clone installed as `pulumi package add` does.
import assert from "node:assert/strict";
import * as path from "node:path";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { CONTRACT_VERSION } from "../../contracts/outputs";
import { SAMPLE_ARGS, constructRequest as constructOf, fakeEngine, fakeMonitor, getSchemaRequest, rpc, startPlugin, stateOf, stopPlugin, type FakeMonitor, type Plugin, type Response } from "../support/component-host";

const root = path.resolve(__dirname, "../..");
const pluginDir = path.join(root, "provider");
const TYPE = "api-usage-insights:index:StageAccessLogs";
const INSIGHTS = "organization/api-usage-insights/prod";

const INSIGHTS_OUTPUTS: Record<string, unknown> = {
  contractVersion: CONTRACT_VERSION,
  restAccessLogDestinationArn: "arn:aws:firehose:eu-west-1:123456789012:deliverystream/amazon-apigateway-access-logs-prod",
  restAccessLogFormat: '{"requestId":"$context.requestId"}',
  accessLogGroupArns: { notifications: "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/notifications/prod" },
  httpAccessLogFormat: '{"requestId":"$context.requestId","routeKey":"$context.routeKey"}',
  webSocketAccessLogFormat: '{"requestId":"$context.requestId","eventType":"$context.eventType"}',
};

/** A Construct request for the StageAccessLogs component (setType changes the type). */
const constructRequest = (monitor: string, name: string, inputs: Record<string, unknown>): unknown => constructOf(monitor, TYPE, name, inputs);

describe("the component package, served to other languages over Pulumi's provider protocol", function () {
  this.timeout(120_000);
  const logs: string[] = [];
  let engine: Awaited<ReturnType<typeof fakeEngine>>;
  let monitor: FakeMonitor;
  let plugin: Plugin;

  before(async () => {
    engine = await fakeEngine(logs);
    monitor = await fakeMonitor(INSIGHTS_OUTPUTS);
    plugin = await startPlugin(engine.address, { pluginDir });
  });

  after(() => {
    stopPlugin(plugin);
    engine?.server.forceShutdown();
    monitor?.server.forceShutdown();
  });

  it("answers GetSchema with the app-side component and the access-log pipeline, every input and output described", async () => {
    const schema = JSON.parse(String((await rpc<Response>(plugin, "getSchema", getSchemaRequest())).getSchema!())) as {
      name: string;
      resources: Record<string, { isComponent: boolean; description?: string; inputProperties: Record<string, { description?: string }>; properties: Record<string, { description?: string }>; requiredInputs: string[] }>;
    };
    assert.equal(schema.name, "api-usage-insights");
    const component = schema.resources[TYPE];
    assert.ok(component?.isComponent, Object.keys(schema.resources).join(", "));
    assert.deepEqual(Object.keys(component.inputProperties).sort(), ["apiName", "apiType", "insightsStack", "restViaCloudWatchLogs"]);
    assert.deepEqual(component.requiredInputs.sort(), ["apiType", "insightsStack"]);
    assert.deepEqual(Object.keys(component.properties).sort(), ["contractVersion", "destinationArn", "format"]);
    const pipeline = schema.resources["api-usage-insights:index:AccessLogPipeline"];
    assert.ok(pipeline?.isComponent);
    assert.deepEqual(pipeline.requiredInputs, ["apis"]);
    assert.ok(["restAccessLogDestinationArn", "accessLogGroupArns", "dataLakeBucket", "glueTable", "athenaWorkgroup", "firehoseStreamName", "cloudWatchLogsStreamName"].every((k) => k in pipeline.properties));
    const undescribed = Object.entries(schema.resources).flatMap(([type, r]) =>
      [...Object.entries(r.inputProperties), ...Object.entries(r.properties)].filter(([, p]) => !p.description?.trim()).map(([k]) => `${type}.${k}`),
    );
    const types = (schema as unknown as { types: Record<string, { properties: Record<string, { description?: string }> }> }).types;
    for (const [type, t] of Object.entries(types)) for (const [k, p] of Object.entries(t.properties)) if (!p.description?.trim()) undescribed.push(`${type}.${k}`);
    assert.deepEqual(undescribed, []);
    assert.ok(component.description?.trim() && pipeline.description?.trim());
  });

  it("serves every property the YAML example app sets or reads (examples/app-stack-yaml)", async () => {
    const schema = JSON.parse(String((await rpc<Response>(plugin, "getSchema", getSchemaRequest())).getSchema!())) as {
      resources: Record<string, { inputProperties: Record<string, unknown>; properties: Record<string, unknown>; requiredInputs: string[] }>;
    };
    const program = parse(readFileSync(path.join(root, "examples/app-stack-yaml/Pulumi.yaml"), "utf8")) as { resources: Record<string, { type: string; properties?: Record<string, unknown> }> };
    const ours = Object.entries(program.resources).filter(([, r]) => r.type.startsWith("api-usage-insights:"));
    assert.ok(ours.length >= 2);
    const problems: string[] = [];
    for (const [name, r] of ours) {
      const spec = schema.resources[r.type];
      if (!spec) {
        problems.push(`${name}: type ${r.type} is not in the schema`);
        continue;
      }
      for (const key of Object.keys(r.properties ?? {})) if (!(key in spec.inputProperties)) problems.push(`${name}: ${key} is not an input`);
      for (const key of spec.requiredInputs) if (!(key in (r.properties ?? {}))) problems.push(`${name}: required input ${key} is not set`);
      const text = readFileSync(path.join(root, "examples/app-stack-yaml/Pulumi.yaml"), "utf8");
      for (const [, property] of text.matchAll(new RegExp(`\\$\\{${name}\\.([A-Za-z]+)\\}`, "g"))) if (!(property! in spec.properties)) problems.push(`${name}.${property} is not an output`);
    }
    assert.deepEqual(problems, []);
  });

  it("constructs the component for a REST stage: the insights stack's Firehose and REST format", async () => {
    const response = await rpc<Response>(plugin, "construct", constructRequest(monitor.address, "orders-logs", { insightsStack: INSIGHTS, apiType: "REST" }));
    assert.match(String(response.getUrn!()), /StageAccessLogs::orders-logs$/);
    assert.deepEqual(stateOf(response), {
      contractVersion: CONTRACT_VERSION,
      destinationArn: INSIGHTS_OUTPUTS.restAccessLogDestinationArn,
      format: INSIGHTS_OUTPUTS.restAccessLogFormat,
    });
    assert.ok(monitor.read.includes(`pulumi:pulumi:StackReference ${INSIGHTS}`), monitor.read.join("\n"));
  });

  it("constructs the component for a WebSocket stage: its log group and the WebSocket format", async () => {
    const response = await rpc<Response>(plugin, "construct", constructRequest(monitor.address, "notifications-logs", { insightsStack: INSIGHTS, apiType: "WEBSOCKET", apiName: "notifications" }));
    const state = stateOf(response);
    assert.equal(state.destinationArn, (INSIGHTS_OUTPUTS.accessLogGroupArns as Record<string, string>).notifications);
    assert.equal(state.format, INSIGHTS_OUTPUTS.webSocketAccessLogFormat);
  });

  it("constructs the access-log pipeline for another language: its children registered, its outputs returned", async () => {
    const before = monitor.registered.length;
    const request = constructRequest(monitor.address, "access-logs", SAMPLE_ARGS.accessLogPipeline) as { setType(t: string): void };
    request.setType("api-usage-insights:index:AccessLogPipeline");
    const state = stateOf(await rpc<Response>(plugin, "construct", request));
    const children = monitor.registered.slice(before);
    for (const child of ["api-usage:access-log-pipeline:AccessLogPipeline access-logs", "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream access-logs", "aws:glue/catalogTable:CatalogTable access-logs-table"]) {
      assert.ok(children.includes(child), `${child} not among ${children.length} registrations`);
    }
    assert.match(String(state.restAccessLogDestinationArn), /^arn:aws:firehose:us-east-1:123456789012:deliverystream\/amazon-apigateway-access-logs-py$/);
    assert.deepEqual(Object.keys(state.accessLogGroupArns as Record<string, string>), ["catalog"]);
    assert.deepEqual([state.firehoseStreamName, state.cloudWatchLogsStreamName], ["amazon-apigateway-access-logs-py", "apigateway-access-logs-cwlogs-py"]);
    assert.match(String(state.httpAccessLogFormat), /"requestId":"\$context\.requestId"/);
  });

  it("refuses an unknown API type in the access-log pipeline's args, naming the entry", async () => {
    const request = constructRequest(monitor.address, "access-logs-bad", { apis: [{ name: "orders", type: "SOAP", apiId: "a1b2c3d4e5", stage: "prod" }] }) as { setType(t: string): void };
    request.setType("api-usage-insights:index:AccessLogPipeline");
    await assert.rejects(rpc(plugin, "construct", request), /AccessLogPipeline access-logs-bad: apis\[0\]\.type must be one of REST, HTTP, WEBSOCKET, got "SOAP"/);
  });

  it("constructs the API-call metrics for another language: a trail and the counter, in the namespace given", async () => {
    const before = monitor.registered.length;
    const request = constructRequest(monitor.address, "api-calls", { namespace: "Acme/ApiCalls", dimensionSets: [["EventSource"], []], protectData: false }) as { setType(t: string): void };
    request.setType("api-usage-insights:index:ApiCallMetrics");
    const state = stateOf(await rpc<Response>(plugin, "construct", request));
    assert.equal(state.metricNamespace, "Acme/ApiCalls");
    assert.equal(state.metricName, "CallCount");
    assert.ok(monitor.registered.slice(before).includes("aws:cloudtrail/trail:Trail api-calls"));
  });

  it("refuses an API-call metrics setting beyond its limits with the component's own sentence", async () => {
    const request = constructRequest(monitor.address, "api-calls-bad", { readWriteType: "Everything" }) as { setType(t: string): void };
    request.setType("api-usage-insights:index:ApiCallMetrics");
    await assert.rejects(rpc(plugin, "construct", request), /ApiCallMetrics api-calls-bad: readWriteType must be one of All, ReadOnly, WriteOnly, got "Everything"/);
  });

  it("constructs the monitoring sink and a source's link for another language", async () => {
    const sinkRequest = constructRequest(monitor.address, "org-view", SAMPLE_ARGS.observabilitySink) as { setType(t: string): void };
    sinkRequest.setType("api-usage-insights:index:ObservabilitySink");
    const sink = stateOf(await rpc<Response>(plugin, "construct", sinkRequest));
    assert.match(String(sink.sinkArn), /^arn:aws:oam:us-east-1:123456789012:sink\//);
    const linkRequest = constructRequest(monitor.address, "monitoring-link", { sinkArn: sink.sinkArn }) as { setType(t: string): void };
    linkRequest.setType("api-usage-insights:index:ObservabilityLink");
    assert.match(String(stateOf(await rpc<Response>(plugin, "construct", linkRequest)).linkArn), /^arn:aws:oam:us-east-1:123456789012:link\//);
  });

  it("constructs the QuickSight assets for another language, and refuses an import mode it does not know", async () => {
    const base = SAMPLE_ARGS.usageAnalytics;
    const request = constructRequest(monitor.address, "usage-analytics", base) as { setType(t: string): void };
    request.setType("api-usage-insights:index:UsageAnalytics");
    assert.equal(stateOf(await rpc<Response>(plugin, "construct", request)).dashboardId, "usage-analytics-py-dashboard");
    const bad = constructRequest(monitor.address, "usage-analytics-bad", { ...base, importMode: "CACHED" }) as { setType(t: string): void };
    bad.setType("api-usage-insights:index:UsageAnalytics");
    await assert.rejects(rpc(plugin, "construct", bad), /importMode must be one of SPICE, DIRECT_QUERY, got "CACHED"/);
  });

  it("builds the QuickSight assets with the AWS and aws-native providers a program passes, each its package's Provider looked up by URN", async () => {
    const aws = "urn:pulumi:dev::app::pulumi:providers:aws::eu-account";
    const native = "urn:pulumi:dev::app::pulumi:providers:aws-native::eu-account-native";
    const request = constructOf(monitor.address, "api-usage-insights:index:UsageAnalytics", "usage-analytics-eu", SAMPLE_ARGS.usageAnalytics, { aws: `${aws}::pid-1`, "aws-native": `${native}::pid-2` });
    const before = monitor.registrations.length;
    await rpc<Response>(plugin, "construct", request);
    // Only a package the plugin registered (provider/index.ts loads both roots) turns a reference into its Provider, looked up
    // by URN; any other stays a bare reference (@pulumi/pulumi provider/server.js createProviderResource).
    assert.deepEqual([...monitor.lookedUp].sort(), [aws, native].sort());
    const providersOf = (prefix: string) => [...new Set(monitor.registrations.slice(before).filter((r) => r.type.startsWith(prefix)).map((r) => r.provider))];
    assert.deepEqual(providersOf("aws:quicksight/"), [`${aws}::known-id`]);
    assert.deepEqual(providersOf("aws-native:quicksight:"), [`${native}::known-id`]);
  });

  it("constructs the dashboard for another language: its widget functions and alarms, and refuses an unknown API type", async () => {
    const before = monitor.registered.length;
    const { apis } = SAMPLE_ARGS.usageDashboard;
    const request = constructRequest(monitor.address, "usage", SAMPLE_ARGS.usageDashboard) as { setType(t: string): void };
    request.setType("api-usage-insights:index:UsageDashboard");
    const state = stateOf(await rpc<Response>(plugin, "construct", request));
    assert.equal(state.dashboardName, "usage-py");
    assert.equal((state.widgetFunctionArns as string[]).length, 2);
    assert.ok(monitor.registered.slice(before).some((r) => r.startsWith("aws:cloudwatch/metricAlarm:MetricAlarm ")));
    const bad = constructRequest(monitor.address, "usage-bad", { apis: [{ ...apis[0], type: "GRPC" }] }) as { setType(t: string): void };
    bad.setType("api-usage-insights:index:UsageDashboard");
    await assert.rejects(rpc(plugin, "construct", bad), /UsageDashboard apis\[0\]\.type = "GRPC": expected REST, HTTP or WEBSOCKET/);
  });

  it("fails Construct for an insights stack of another contract major, naming both versions", async () => {
    const other = await fakeMonitor({ ...INSIGHTS_OUTPUTS, contractVersion: "2.0.0" });
    try {
      await assert.rejects(
        rpc(plugin, "construct", constructRequest(other.address, "orders-logs-v2", { insightsStack: INSIGHTS, apiType: "REST" })),
        new RegExp(`publishes output contract 2\\.0\\.0, but this api-usage-insights package reads contract 1\\.x \\(${CONTRACT_VERSION.replace(/\./g, "\\.")}\\)`),
      );
    } finally {
      other.server.forceShutdown();
    }
  });

  it("fails Construct for an HTTP stage without apiName, naming the input", async () => {
    await assert.rejects(
      rpc(plugin, "construct", constructRequest(monitor.address, "catalog-logs", { insightsStack: INSIGHTS, apiType: "HTTP" })),
      /StageAccessLogs catalog-logs: apiName is required for HTTP stages, got none/,
    );
  });
});
