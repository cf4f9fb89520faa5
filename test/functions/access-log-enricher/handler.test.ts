import assert from "node:assert/strict";
import {
  APIGatewayClient,
  GetApiKeysCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
} from "@aws-sdk/client-api-gateway";
import type { FirehoseTransformationResult } from "aws-lambda";
import { type AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { transformBatch } from "../../../functions/access-log-enricher/transform";
import { UsagePlanCatalog } from "../../../functions/access-log-enricher/usage-plans";
import { assertRowMatchesSchema, b64, config, firehoseEvent, fixtureText, gzipB64, outputRows, RecordingLogger } from "./helpers";

type EnricherModule = typeof import("../../../functions/access-log-enricher/index");

// Installed for this file's describe block only, so other files (the fault suite) reach the real client.
let apiGateway: AwsClientStub<APIGatewayClient>;
let enricher: EnricherModule;
const ENV_KEYS = ["USER_ID_ORDER", "IP_ADDRESS_MODE", "PARTITION_BY_HOUR", "MIXED_PARTITIONS", "USAGE_PLAN_LOOKUP", "USAGE_PLAN_CACHE_TTL_SECONDS"];

function servePlans(): void {
  apiGateway.on(GetUsagePlansCommand).resolves({ items: [{ id: "up-gold", name: "Gold", apiStages: [{ apiId: "a1b2c3d4e5", stage: "prod" }] }] });
  apiGateway.on(GetApiKeysCommand).resolves({
    items: [
      { id: "k3y1d0000a", name: "reporting-partner", customerId: "cust-042" },
      { id: "k3y1d0000b", name: "acme-backend", customerId: "cust-007" },
    ],
  });
  apiGateway.on(GetUsagePlanKeysCommand).resolves({ items: [{ id: "k3y1d0000a" }, { id: "k3y1d0000b" }] });
}

async function run(datas: string[], env: Record<string, string> = {}): Promise<FirehoseTransformationResult> {
  Object.assign(process.env, env);
  return enricher.handler(firehoseEvent(datas));
}

function onlyRow(result: FirehoseTransformationResult, index = 0): Record<string, unknown> {
  const rows = outputRows(result.records[index]);
  assert.equal(rows.length, 1);
  assertRowMatchesSchema(rows[0]);
  return rows[0];
}

describe("access-log-enricher handler", () => {
  before(() => {
    apiGateway = mockClient(APIGatewayClient);
  });
  after(() => apiGateway.restore());
  before(async () => {
    // The function's logger reads its level when the module loads; keep the test output quiet.
    const level = process.env.POWERTOOLS_LOG_LEVEL;
    process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
    enricher = await import("../../../functions/access-log-enricher/index");
    if (level === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
    else process.env.POWERTOOLS_LOG_LEVEL = level;
  });
  beforeEach(() => {
    apiGateway.reset();
    servePlans();
    for (const key of ENV_KEYS) delete process.env[key];
    enricher.resetForTests();
  });
  after(() => {
    for (const key of ENV_KEYS) delete process.env[key];
    enricher.resetForTests();
  });

  it("writes a REST request with a Cognito user as one row in the schema's column order", async () => {
    const result = await run([b64(fixtureText("rest-cognito.json"))]);
    assert.equal(result.records[0].result, "Ok");
    assert.deepEqual(result.records[0].metadata, { partitionKeys: { dt: "2026-11-21" } });
    assert.deepEqual(onlyRow(result), {
      request_id: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
      extended_request_id: "Ub6JnFy0IAMEbPA=",
      request_time: "2026-11-21 08:43:43.123",
      request_time_epoch_ms: 1795250623123,
      api_id: "a1b2c3d4e5",
      api_type: "REST",
      stage: "prod",
      domain_name: "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com",
      http_method: "GET",
      route: "/users/{userId}/orders",
      route_source: "template",
      path: "/prod/users/42/orders",
      protocol: "HTTP/1.1",
      status: 200,
      response_length: 1834,
      response_latency_ms: 87,
      integration_latency_ms: 71,
      integration_status: 200,
      authorizer_latency_ms: 12,
      error_message: null,
      error_response_type: null,
      source_ip: "203.0.113.0",
      user_agent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15",
      user_id: "8f0e5c2a-1b3d-4e6f-9a7b-0c1d2e3f4a5b",
      user_source: "claims_sub",
      auth_method: "cognito",
      claims_sub: "8f0e5c2a-1b3d-4e6f-9a7b-0c1d2e3f4a5b",
      principal_id: null,
      cognito_identity_id: null,
      iam_user_arn: null,
      api_key_id: null,
      api_key_name: null,
      usage_plan_id: null,
      usage_plan_name: null,
      customer_id: null,
      event_type: null,
      connection_id: null,
    });
  });

  it("makes no management API call for a batch without API keys", async () => {
    await run([b64(fixtureText("rest-cognito.json")), b64(fixtureText("http-jwt.json"))]);
    assert.equal(apiGateway.calls().length, 0);
  });

  it("leaves a column without a value out of the written line, so the line is no longer than it must be", async () => {
    const result = await run([b64(fixtureText("rest-cognito.json"))]);
    const written = JSON.parse(Buffer.from(result.records[0].data ?? "", "base64").toString("utf8")) as Record<string, unknown>;
    assert.equal("error_message" in written, false);
    assert.equal("api_key_name" in written, false);
    assert.equal(written.claims_sub, "8f0e5c2a-1b3d-4e6f-9a7b-0c1d2e3f4a5b");
    assert.equal(Object.values(written).includes(null), false);
  });

  it("turns a REST error full of '-' into nulls and infers the route from the path", async () => {
    const row = onlyRow(await run([b64(fixtureText("rest-missing-token.json"))]));
    assert.equal(row.status, 403);
    assert.equal(row.error_response_type, "MISSING_AUTHENTICATION_TOKEN");
    assert.equal(row.route, "/users/:id/avatar/:id");
    assert.equal(row.route_source, "inferred");
    assert.equal(row.integration_latency_ms, null);
    assert.equal(row.user_agent, null);
    assert.equal(row.auth_method, "none");
    assert.equal(row.user_id, null);
  });

  it("enriches an API-key request with its name, customer and usage plan", async () => {
    const result = await run([b64(fixtureText("rest-api-key-quota.json"))]);
    const row = onlyRow(result);
    assert.deepEqual(
      [row.api_key_id, row.api_key_name, row.customer_id, row.usage_plan_id, row.usage_plan_name, row.user_source, row.auth_method],
      ["k3y1d0000a", "reporting-partner", "cust-042", "up-gold", "Gold", "api_key_id", "api_key"],
    );
    assert.equal(row.source_ip, "2001:db8:85a3::");
    assert.equal(row.request_time, "2026-11-21 23:59:59.999");
    assert.deepEqual(result.records[0].metadata?.partitionKeys, { dt: "2026-11-21" });
  });

  it("reads an IAM caller and a request time given only in CLF with an offset", async () => {
    const result = await run([b64(fixtureText("rest-iam.json"))]);
    const row = onlyRow(result);
    assert.equal(row.request_time, "2026-11-21 23:43:43.000");
    assert.equal(row.request_time_epoch_ms, Date.UTC(2026, 10, 21, 23, 43, 43));
    assert.deepEqual([row.user_id, row.user_source, row.auth_method], ["arn:aws:iam::123456789012:user/deploy-bot", "iam_user_arn", "iam"]);
    assert.equal(row.route, "/jobs/{jobId}");
  });

  it("takes a Lambda authorizer's principal as the user and still looks up its API key", async () => {
    const row = onlyRow(await run([b64(fixtureText("rest-lambda-authorizer.json"))]));
    assert.deepEqual([row.user_id, row.user_source, row.auth_method], ["user|acme|1234", "principal_id", "lambda_authorizer"]);
    assert.equal(row.api_key_name, "acme-backend");
  });

  it("writes an HTTP API route key as the route without its method", async () => {
    const row = onlyRow(await run([b64(fixtureText("http-jwt.json"))]));
    assert.deepEqual([row.api_type, row.route, row.route_source, row.auth_method], ["HTTP", "/pets/{petId}", "template", "jwt"]);
  });

  it("templates the path of an HTTP request that hit $default", async () => {
    const row = onlyRow(await run([b64(fixtureText("http-default-route.json"))]));
    assert.deepEqual([row.route, row.route_source, row.status, row.integration_status], ["/orders/:id/items/:id", "inferred", 502, null]);
  });

  it("keeps WebSocket event type, connection id and route key", async () => {
    const row = onlyRow(await run([b64(fixtureText("websocket-message.json"))]));
    assert.deepEqual([row.api_type, row.event_type, row.connection_id, row.route, row.http_method], ["WEBSOCKET", "MESSAGE", "Ub6Qxc4_oAMCJQA=", "sendMessage", null]);
    assert.deepEqual([row.user_id, row.auth_method], ["device-4711", "lambda_authorizer"]);
  });

  it("writes every event of a gzipped CloudWatch Logs envelope as a line of the same record", async () => {
    const result = await run([gzipB64(fixtureText("cloudwatch-envelope.json"))]);
    const rows = outputRows(result.records[0]);
    rows.forEach(assertRowMatchesSchema);
    assert.deepEqual(rows.map((r) => [r.request_id, r.route, r.user_source]), [
      ["Ub6RzjWhoAMEMyD=", "/pets", null],
      ["Ub6S0kXioAMENzE=", "/pets", "cognito_identity_id"],
    ]);
    assert.deepEqual(result.records[0].metadata?.partitionKeys, { dt: "2026-11-21" });
  });

  it("drops CloudWatch Logs control messages", async () => {
    const data = gzipB64(fixtureText("cloudwatch-control.json"));
    const result = await run([data]);
    assert.deepEqual(result.records[0], { recordId: "record-0", result: "Dropped", data });
  });

  it("fails only the unreadable records, returning their original data, in order and one to one", async () => {
    const bad = b64("not json at all");
    const result = await run([b64(fixtureText("rest-cognito.json")), bad, b64(fixtureText("http-jwt.json")), b64('{"requestId":"x"}')]);
    assert.deepEqual(result.records.map((r) => [r.recordId, r.result]), [
      ["record-0", "Ok"],
      ["record-1", "ProcessingFailed"],
      ["record-2", "Ok"],
      ["record-3", "ProcessingFailed"],
    ]);
    assert.equal(result.records[1].data, bad);
    assert.equal(result.records[1].metadata, undefined);
  });

  it("logs why each failed record failed", async () => {
    const logger = new RecordingLogger();
    await transformBatch(firehoseEvent([b64('{"requestId":"x","requestTimeEpoch":"1795250623123","status":"teapot"}')]), { config: config(), logger });
    assert.deepEqual(logger.warnings.map((w) => w.extra), [{ recordId: "record-0", reason: 'field status is "teapot"; expected an integer from -2147483647 to 2147483647 (or "-")' }]);
    assert.deepEqual(logger.infos[0].extra, { records: 1, ok: 0, dropped: 0, failed: 1, overBudget: 0, withoutUsagePlans: 0 });
  });

  describe("when one record's rows fall in different partitions", () => {
    const acrossMidnight = [
      JSON.stringify({ apiType: "HTTP", requestId: "a", requestTimeEpoch: String(Date.UTC(2026, 10, 21, 23, 59, 59, 900)) }),
      JSON.stringify({ apiType: "HTTP", requestId: "b", requestTimeEpoch: String(Date.UTC(2026, 10, 22, 0, 0, 0, 100)) }),
    ].join("\n");

    it("files the record under its first row's date by default, each row keeping its own time", async () => {
      const result = await run([b64(acrossMidnight)]);
      assert.equal(result.records[0].result, "Ok");
      assert.deepEqual(result.records[0].metadata?.partitionKeys, { dt: "2026-11-21" });
      assert.deepEqual(outputRows(result.records[0]).map((r) => r.request_time), ["2026-11-21 23:59:59.900", "2026-11-22 00:00:00.100"]);
    });

    it("fails the record when MIXED_PARTITIONS is fail", async () => {
      const result = await run([b64(acrossMidnight)], { MIXED_PARTITIONS: "fail" });
      assert.equal(result.records[0].result, "ProcessingFailed");
    });
  });

  it("adds the hour partition when hourly partitioning is on", async () => {
    const result = await run([b64(fixtureText("rest-cognito.json"))], { PARTITION_BY_HOUR: "true" });
    assert.deepEqual(result.records[0].metadata?.partitionKeys, { dt: "2026-11-21", hour: "08" });
  });

  it("keeps or drops the source IP as configured", async () => {
    assert.equal(onlyRow(await run([b64(fixtureText("rest-cognito.json"))], { IP_ADDRESS_MODE: "keep" })).source_ip, "203.0.113.77");
    enricher.resetForTests();
    assert.equal(onlyRow(await run([b64(fixtureText("rest-cognito.json"))], { IP_ADDRESS_MODE: "drop" })).source_ip, null);
  });

  it("still writes every record, with empty usage plan columns, when the management API fails", async () => {
    apiGateway.reset();
    apiGateway.on(GetUsagePlansCommand).rejects(new Error("AccessDenied"));
    apiGateway.on(GetApiKeysCommand).rejects(new Error("AccessDenied"));
    const logger = new RecordingLogger();
    const usagePlans = new UsagePlanCatalog({ client: new APIGatewayClient({ region: "eu-west-1" }), ttlMs: 300_000, keysConcurrency: 2, logger });
    const result = await transformBatch(
      firehoseEvent([b64(fixtureText("rest-api-key-quota.json")), b64(fixtureText("rest-lambda-authorizer.json"))]),
      { config: config(), usagePlans, logger },
    );
    assert.deepEqual(result.records.map((r) => r.result), ["Ok", "Ok"]);
    const row = onlyRow(result);
    assert.deepEqual([row.api_key_id, row.api_key_name, row.usage_plan_id, row.customer_id], ["k3y1d0000a", null, null, null]);
    assert.deepEqual(
      logger.warnings.map((w) => w.message),
      ["Usage plan lookup failed; records are enriched without usage plan data until the next refresh", "Records enriched without fresh usage plan data (fail open)"],
    );
    assert.equal(logger.warnings[1].extra.records, 2);
  });

  it("skips usage plan lookups when USAGE_PLAN_LOOKUP is false", async () => {
    const row = onlyRow(await run([b64(fixtureText("rest-api-key-quota.json"))], { USAGE_PLAN_LOOKUP: "false" }));
    assert.equal(row.api_key_name, null);
    assert.equal(apiGateway.calls().length, 0);
  });

  it("rejects the invocation with the variable's name when the configuration is wrong", async () => {
    await assert.rejects(run([b64(fixtureText("rest-cognito.json"))], { IP_ADDRESS_MODE: "hash" }), {
      name: "EnvironmentError",
      message: 'IP_ADDRESS_MODE must be one of keep, truncate, drop, got "hash"',
    });
  });

  it("answers an empty batch with no records", async () => {
    assert.deepEqual(await run([]), { records: [] });
  });
});
