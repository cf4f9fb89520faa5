import assert from "node:assert/strict";
import { accessLogGroupName, resolveSettings, type PipelineSettingsArgs } from "../../../components/access-log-pipeline/settings";

const resolve = (args: PipelineSettingsArgs) => resolveSettings("logs", args);

describe("AccessLogPipeline settings", () => {
  describe("buffer hints", () => {
    it("reject an S3 buffer below 64 MiB, naming dynamic partitioning and Parquet", () => {
      assert.throws(
        () => resolve({ bufferHints: { sizeMiB: 32 } }),
        /^Error: AccessLogPipeline logs: bufferHints\.sizeMiB is 32; expected an integer from 64 to 128 MiB: Firehose needs at least 64 MiB with dynamic partitioning \(always on here\) and with Parquet conversion$/,
      );
    });

    it("reject a buffer below 64 MiB for GZIP JSON too, because dynamic partitioning is always on", () => {
      assert.throws(() => resolve({ format: "json", bufferHints: { sizeMiB: 5 } }), /bufferHints\.sizeMiB is 5; .*dynamic partitioning \(always on here\)$/);
    });

    it("reject a buffer above Firehose's 128 MiB and a fractional size", () => {
      assert.throws(() => resolve({ bufferHints: { sizeMiB: 129 } }), /bufferHints\.sizeMiB is 129/);
      assert.throws(() => resolve({ bufferHints: { sizeMiB: 64.5 } }), /bufferHints\.sizeMiB is 64\.5/);
    });

    it("accept 64 and 128 MiB", () => {
      assert.equal(resolve({ bufferHints: { sizeMiB: 64 } }).bufferSizeMiB, 64);
      assert.equal(resolve({ bufferHints: { sizeMiB: 128 } }).bufferSizeMiB, 128);
    });

    it("reject a buffer interval outside 60 to 900 seconds", () => {
      assert.throws(() => resolve({ bufferHints: { intervalSeconds: 30 } }), /bufferHints\.intervalSeconds is 30; expected an integer from 60 to 900 seconds/);
      assert.throws(() => resolve({ bufferHints: { intervalSeconds: 901 } }), /bufferHints\.intervalSeconds is 901/);
    });

    it("reject a processor buffer above 3 MB or below 0.2 MB, explaining the 6 MB response limit", () => {
      assert.throws(() => resolve({ processorBuffer: { sizeMb: 4 } }), /processorBuffer\.sizeMb is 4; expected 0\.2 to 3 MB \(the enricher's response is ≈1\.3× its input and Lambda returns at most 6 MB; 1 MB is safest\)/);
      assert.throws(() => resolve({ processorBuffer: { sizeMb: 0.1 } }), /processorBuffer\.sizeMb is 0\.1/);
      assert.equal(resolve({ processorBuffer: { sizeMb: 0.5 } }).processorBufferSizeMb, 0.5);
    });

    it("reject a processor interval outside 60 to 900 seconds", () => {
      assert.throws(() => resolve({ processorBuffer: { intervalSeconds: 10 } }), /processorBuffer\.intervalSeconds is 10; expected an integer from 60 to 900 seconds/);
    });
  });

  describe("apis", () => {
    it("deliver REST through Firehose and HTTP and WebSocket through CloudWatch Logs unless told", () => {
      const s = resolve({
        apis: [
          { name: "rest", type: "REST", apiId: "a", stage: "prod" },
          { name: "http", type: "HTTP", apiId: "b", stage: "$default" },
          { name: "ws", type: "WEBSOCKET", apiId: "c", stage: "live" },
        ],
      });
      assert.deepEqual(s.apis.map((a) => [a.name, a.delivery, a.logGroupName]), [
        ["rest", "firehose", undefined],
        ["http", "cloudwatch", "/aws/apigateway/http/default"],
        ["ws", "cloudwatch", "/aws/apigateway/ws/live"],
      ]);
    });

    it("let a REST API choose CloudWatch Logs", () => {
      const [api] = resolve({ apis: [{ name: "rest", type: "REST", apiId: "a", stage: "prod", delivery: "cloudwatch" }] }).apis;
      assert.equal(api.delivery, "cloudwatch");
      assert.equal(api.logGroupName, "/aws/apigateway/rest/prod");
    });

    it("refuse Firehose delivery for an HTTP API", () => {
      assert.throws(
        () => resolve({ apis: [{ name: "http", type: "HTTP", apiId: "b", stage: "prod", delivery: "firehose" }] }),
        /apis\[0\]\.delivery is "firehose"; expected "cloudwatch": HTTP APIs write access logs to CloudWatch Logs only/,
      );
    });

    it("refuse two APIs with the same name", () => {
      const api = { name: "orders", type: "REST" as const, apiId: "a", stage: "prod" };
      assert.throws(() => resolve({ apis: [api, { ...api, stage: "dev" }] }), /apis\[1\]\.name is "orders"; expected a name no other API uses/);
    });

    it("refuse an unknown API type, a bad name and a bad stage", () => {
      assert.throws(() => resolve({ apis: [{ name: "x", type: "GRPC" as "REST", apiId: "a", stage: "p" }] }), /apis\[0\]\.type is "GRPC"; expected one of REST, HTTP, WEBSOCKET/);
      assert.throws(() => resolve({ apis: [{ name: "a b", type: "REST", apiId: "a", stage: "p" }] }), /apis\[0\]\.name is "a b"/);
      assert.throws(() => resolve({ apis: [{ name: "x", type: "REST", apiId: "a", stage: "p/q" }] }), /apis\[0\]\.stage is "p\/q"/);
    });

    it("name log groups /aws/apigateway/<api>/<stage> without the $ of $default", () => {
      assert.equal(accessLogGroupName("orders", "$default"), "/aws/apigateway/orders/default");
      assert.equal(accessLogGroupName("orders", "v2"), "/aws/apigateway/orders/v2");
    });
  });

  describe("other arguments", () => {
    it("reject an unknown format, IP handling or user-id source", () => {
      assert.throws(() => resolve({ format: "csv" as "json" }), /format is "csv"; expected "parquet" or "json"/);
      assert.throws(() => resolve({ ipHandling: "hash" as "drop" }), /ipHandling is "hash"; expected one of keep, truncate, drop/);
      assert.throws(() => resolve({ userIdOrder: ["claims_sub", "claims_sub"] }), /userIdOrder is \["claims_sub","claims_sub"\]; expected a non-empty list of distinct sources/);
      assert.throws(() => resolve({ userIdOrder: [] }), /userIdOrder is \[\]/);
    });

    it("reject a transition earlier than S3's 30 days and an expiry not after the transition", () => {
      assert.throws(() => resolve({ dataLake: { transitionDays: 10 } }), /dataLake\.transitionDays is 10; expected 0 \(never\) or at least 30/);
      assert.throws(() => resolve({ dataLake: { transitionDays: 60, expirationDays: 60 } }), /dataLake\.expirationDays is 60; expected 0 \(never\) or more than dataLake\.transitionDays \(60\)/);
      assert.equal(resolve({ dataLake: { transitionDays: 0, expirationDays: 1 } }).expirationDays, 1);
    });

    it("reject an Athena cutoff under 10 MiB and results kept for 0 days", () => {
      assert.throws(() => resolve({ athena: { bytesScannedCutoffMiB: 5 } }), /athena\.bytesScannedCutoffMiB is 5; expected an integer from 10 to/);
      assert.throws(() => resolve({ athena: { resultsExpirationDays: 0 } }), /athena\.resultsExpirationDays is 0/);
    });

    it("reject a log retention CloudWatch Logs does not accept", () => {
      assert.throws(() => resolve({ logRetentionDays: 10 }), /logRetentionDays is 10; expected one of 1, 3, 5, 7, 14, 30/);
    });

    it("reject Glue names Athena cannot use unquoted and a bad projection start", () => {
      assert.throws(() => resolve({ glue: { tableName: "Access-Logs" } }), /glue\.tableName is "Access-Logs"; expected a Glue name/);
      assert.throws(() => resolve({ glue: { databaseName: "1db" } }), /glue\.databaseName is "1db"/);
      assert.throws(() => resolve({ glue: { projectionStartDate: "2024/01/01" } }), /glue\.projectionStartDate is "2024\/01\/01"; expected a date as yyyy-MM-dd/);
    });

    it("reject a crawler schedule that is not a Glue cron expression", () => {
      assert.throws(() => resolve({ crawler: { enabled: true, schedule: "daily" } }), /crawler\.schedule is "daily"; expected a Glue schedule/);
    });
  });
});
