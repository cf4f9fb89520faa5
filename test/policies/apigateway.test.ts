import assert from "node:assert/strict";
import * as apigateway from "@pulumi/aws/apigateway";
import * as apigatewayv2 from "@pulumi/aws/apigatewayv2";
import * as sqs from "@pulumi/aws/sqs";
import type * as types from "@pulumi/aws/types";
import {
  apigatewayAccessLogNoApiKey,
  apigatewayRestMethodMetrics,
  apigatewayRestStageAccessLogging,
  apigatewayRestStageMetrics,
  apigatewayV2StageAccessLogging,
  contextVariables,
  isJsonObjectFormat,
} from "../../policies/apigateway";
import { buildAccessLogFormat } from "../../components/access-log-pipeline/access-log-format";
import { resultsOf, violations } from "./check";

const queueOnly = () => new sqs.Queue("q", {});
const FIREHOSE_ARN = "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-usage";
const LOG_GROUP_ARN = "arn:aws:logs:us-east-1:123456789012:log-group:/api/http-access";
const MINIMAL_REST = JSON.stringify({
  requestId: "$context.requestId",
  time: "$context.requestTimeEpoch",
  status: "$context.status",
  path: "$context.resourcePath",
  latency: "$context.responseLatency",
  ip: "$context.identity.sourceIp",
});

const restStage = (accessLogSettings?: types.input.apigateway.StageAccessLogSettings) => () =>
  new apigateway.Stage("prod", { restApi: "api123", deployment: "dep123", stageName: "prod", accessLogSettings });
const v2Stage = (accessLogSettings?: types.input.apigatewayv2.StageAccessLogSettings) => () =>
  new apigatewayv2.Stage("http", { apiId: "api456", name: "$default", accessLogSettings });

describe("API Gateway policies", () => {
  describe("access log format parsing", () => {
    it("reads the $context variables of a format, nested names included", () => {
      assert.deepEqual([...contextVariables('{"a":"$context.identity.sourceIp","b":$context.status}')], ["identity.sourceIp", "status"]);
    });

    it("accepts JSON with unquoted variables and rejects CLF", () => {
      assert.equal(isJsonObjectFormat('{"status":$context.status,"id":"$context.requestId"}'), true);
      assert.equal(isJsonObjectFormat("$context.identity.sourceIp - [$context.requestTime] $context.status"), false);
    });
  });

  describe("apigateway-rest-stage-access-logging", () => {
    it("passes the pipeline's REST format to Firehose, and a minimal format to a log group", async () => {
      assert.deepEqual(await violations(apigatewayRestStageAccessLogging, restStage({ destinationArn: FIREHOSE_ARN, format: buildAccessLogFormat("REST") })), []);
      assert.deepEqual(await violations(apigatewayRestStageAccessLogging, restStage({ destinationArn: LOG_GROUP_ARN, format: MINIMAL_REST })), []);
    });

    it("reports a stage without access logging", async () => {
      assert.deepEqual(await violations(apigatewayRestStageAccessLogging, restStage()), [
        "REST stage prod has no access logging; set accessLogSettings.destinationArn to a Firehose stream named amazon-apigateway-… or a CloudWatch Logs group",
      ]);
    });

    it("reports a Firehose stream API Gateway cannot deliver to, and a destination of the wrong kind", async () => {
      const wrongName = restStage({ destinationArn: "arn:aws:firehose:us-east-1:123456789012:deliverystream/usage", format: MINIMAL_REST });
      assert.deepEqual(await violations(apigatewayRestStageAccessLogging, wrongName), [
        "REST stage prod logs to Firehose stream usage, whose name does not start with amazon-apigateway- (API Gateway delivers only to such streams)",
      ]);
      const bucket = restStage({ destinationArn: "arn:aws:s3:::logs", format: MINIMAL_REST });
      assert.deepEqual(await violations(apigatewayRestStageAccessLogging, bucket), [
        'REST stage prod logs to "arn:aws:s3:::logs"; expected a Firehose stream named amazon-apigateway-… or a CloudWatch Logs group ARN',
      ]);
    });

    it("reports a format that is not JSON, or lacks fields, listing the alternatives for each", async () => {
      assert.deepEqual(await violations(apigatewayRestStageAccessLogging, restStage({ destinationArn: FIREHOSE_ARN, format: "$context.requestId $context.status" })), [
        "REST stage prod has an access log format that is not a JSON object",
      ]);
      assert.deepEqual(await violations(apigatewayRestStageAccessLogging, restStage({ destinationArn: FIREHOSE_ARN, format: '{"id":"$context.requestId","status":"$context.status"}' })), [
        "REST stage prod has an access log format without $context.requestTime or $context.requestTimeEpoch, $context.resourcePath or $context.routeKey, $context.responseLatency, $context.identity.sourceIp or $context.authorizer.principalId or $context.identity.apiKeyId or $context.identity.userArn or $context.identity.cognitoIdentityId",
      ]);
    });

    it("reads required fields and allowed destinations from config", async () => {
      const idOnly = restStage({ destinationArn: FIREHOSE_ARN, format: '{"id":"$context.requestId"}' });
      assert.deepEqual(await violations(apigatewayRestStageAccessLogging, idOnly, { requiredFields: [["requestId"]] }), []);
      assert.deepEqual(await violations(apigatewayRestStageAccessLogging, restStage({ destinationArn: FIREHOSE_ARN, format: MINIMAL_REST }), { allowedDestinations: ["cloudwatch-logs"] }), [
        `REST stage prod logs to "${FIREHOSE_ARN}"; expected a CloudWatch Logs group ARN`,
      ]);
    });

    it("does not apply to HTTP stages nor other resource types", async () => {
      assert.deepEqual(await resultsOf(apigatewayRestStageAccessLogging, v2Stage()), []);
      assert.deepEqual(await resultsOf(apigatewayRestStageAccessLogging, queueOnly), []);
    });
  });

  describe("apigateway-v2-stage-access-logging", () => {
    it("passes the pipeline's HTTP and WebSocket formats to a log group", async () => {
      assert.deepEqual(await violations(apigatewayV2StageAccessLogging, v2Stage({ destinationArn: LOG_GROUP_ARN, format: buildAccessLogFormat("HTTP") })), []);
      assert.deepEqual(await violations(apigatewayV2StageAccessLogging, v2Stage({ destinationArn: LOG_GROUP_ARN, format: buildAccessLogFormat("WEBSOCKET") })), []);
    });

    it("reports a stage without access logging, and one logging to Firehose", async () => {
      assert.deepEqual(await violations(apigatewayV2StageAccessLogging, v2Stage()), [
        "HTTP/WebSocket stage http has no access logging; set accessLogSettings.destinationArn to a CloudWatch Logs group",
      ]);
      assert.deepEqual(await violations(apigatewayV2StageAccessLogging, v2Stage({ destinationArn: FIREHOSE_ARN, format: buildAccessLogFormat("HTTP") })), [
        `HTTP/WebSocket stage http logs to "${FIREHOSE_ARN}"; expected a CloudWatch Logs group ARN`,
      ]);
    });

    it("requires the route key rather than the resource path", async () => {
      assert.deepEqual(await violations(apigatewayV2StageAccessLogging, v2Stage({ destinationArn: LOG_GROUP_ARN, format: MINIMAL_REST })), [
        "HTTP/WebSocket stage http has an access log format without $context.routeKey",
      ]);
      assert.deepEqual(await violations(apigatewayV2StageAccessLogging, v2Stage({ destinationArn: LOG_GROUP_ARN, format: MINIMAL_REST }), { requiredFields: [["resourcePath"]] }), []);
    });

    it("does not apply to REST stages nor other resource types", async () => {
      assert.deepEqual(await resultsOf(apigatewayV2StageAccessLogging, restStage()), []);
      assert.deepEqual(await resultsOf(apigatewayV2StageAccessLogging, queueOnly), []);
    });
  });

  describe("apigateway-access-log-no-api-key", () => {
    const withKey = '{"id":"$context.requestId","key":"$context.identity.apiKey"}';

    it("passes formats that log the key id only, and stages without a format", async () => {
      assert.deepEqual(await violations(apigatewayAccessLogNoApiKey, restStage({ destinationArn: FIREHOSE_ARN, format: buildAccessLogFormat("REST") })), []);
      assert.deepEqual(await violations(apigatewayAccessLogNoApiKey, v2Stage()), []);
    });

    it("reports the API key itself in REST and v2 formats", async () => {
      assert.deepEqual(await violations(apigatewayAccessLogNoApiKey, restStage({ destinationArn: FIREHOSE_ARN, format: withKey })), [
        "REST stage prod logs $context.identity.apiKey; log $context.identity.apiKeyId instead",
      ]);
      assert.deepEqual(await violations(apigatewayAccessLogNoApiKey, v2Stage({ destinationArn: LOG_GROUP_ARN, format: withKey })), [
        "HTTP/WebSocket stage http logs $context.identity.apiKey; log $context.identity.apiKeyId instead",
      ]);
    });

    it("stays mandatory unless config lowers it", async () => {
      const results = await resultsOf(apigatewayAccessLogNoApiKey, restStage({ destinationArn: FIREHOSE_ARN, format: withKey }), "advisory");
      assert.deepEqual(results.map((r) => r.enforcementLevel), ["advisory"]);
    });

    it("does not apply to other resource types", async () => {
      assert.deepEqual(await resultsOf(apigatewayAccessLogNoApiKey, queueOnly), []);
    });
  });

  describe("REST metrics", () => {
    const api = (metricsEnabled: boolean | undefined, methodPath = "*/*") => () => {
      const restApi = new apigateway.RestApi("api", {});
      const stage = new apigateway.Stage("prod", { restApi: restApi.id, deployment: "dep123", stageName: "prod" });
      new apigateway.MethodSettings("prod-all", { restApi: restApi.id, stageName: stage.stageName, methodPath, settings: { metricsEnabled } });
    };

    it("apigateway-rest-method-metrics passes enabled metrics and reports disabled or unset ones", async () => {
      assert.deepEqual(await violations(apigatewayRestMethodMetrics, api(true)), []);
      const message = "method settings prod-all (*/*) do not enable CloudWatch metrics; set settings.metricsEnabled to true";
      assert.deepEqual(await violations(apigatewayRestMethodMetrics, api(false)), [message]);
      assert.deepEqual(await violations(apigatewayRestMethodMetrics, api(undefined)), [message]);
      assert.deepEqual((await resultsOf(apigatewayRestMethodMetrics, api(false), "advisory")).map((r) => r.enforcementLevel), ["advisory"]);
      assert.deepEqual(await resultsOf(apigatewayRestMethodMetrics, queueOnly), []);
    });

    it("apigateway-rest-stage-metrics passes a stage with */* metrics", async () => {
      assert.deepEqual(await violations(apigatewayRestStageMetrics, api(true)), []);
    });

    it("apigateway-rest-stage-metrics reports a stage with metrics off, or only for one method, or no method settings", async () => {
      const message = "REST stage prod has no method settings for */* with settings.metricsEnabled true";
      assert.deepEqual(await violations(apigatewayRestStageMetrics, api(false)), [message]);
      assert.deepEqual(await violations(apigatewayRestStageMetrics, api(true, "users/GET")), [message]);
      assert.deepEqual(await violations(apigatewayRestStageMetrics, restStage()), [message]);
    });

    it("apigateway-rest-stage-metrics does not count settings of another stage", async () => {
      const build = () => {
        const restApi = new apigateway.RestApi("api", {});
        new apigateway.Stage("prod", { restApi: restApi.id, deployment: "dep123", stageName: "prod" });
        new apigateway.MethodSettings("test-all", { restApi: restApi.id, stageName: "test", methodPath: "*/*", settings: { metricsEnabled: true } });
      };
      assert.deepEqual(await violations(apigatewayRestStageMetrics, build), ["REST stage prod has no method settings for */* with settings.metricsEnabled true"]);
    });

    it("apigateway-rest-stage-metrics reads the method path from config and passes stacks without REST stages", async () => {
      assert.deepEqual(await violations(apigatewayRestStageMetrics, api(true, "users/GET"), { methodPath: "users/GET" }), []);
      assert.deepEqual((await resultsOf(apigatewayRestStageMetrics, v2Stage())).map((r) => r.outcome), ["pass"]);
    });
  });
});
