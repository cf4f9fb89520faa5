import assert from "node:assert/strict";
import { accessLogGroupName, resolveSettings, type PipelineSettingsArgs } from "../../../components/access-log-pipeline/settings";

const resolve = (args: PipelineSettingsArgs) => resolveSettings("logs", args);

describe("AccessLogPipeline settings", () => {
  describe("buffer hints", () => {
    it("reject an S3 buffer below 64 MiB, naming dynamic partitioning and Parquet", () => {
      assert.throws(
        () => resolve({ bufferHints: { sizeMiB: 32 } }),
        /^SchemaError: AccessLogPipeline logs: bufferHints\.sizeMiB must be an integer from 64 to 128 \(dynamic partitioning and Parquet conversion need at least 64 MiB\), got 32$/,
      );
    });

    it("reject a buffer below 64 MiB for GZIP JSON too, because dynamic partitioning is always on", () => {
      assert.throws(() => resolve({ format: "json", bufferHints: { sizeMiB: 5 } }), /bufferHints\.sizeMiB must be an integer from 64 to 128 \(dynamic partitioning and Parquet conversion need at least 64 MiB\), got 5$/);
    });

    it("reject a buffer above Firehose's 128 MiB and a fractional size", () => {
      assert.throws(() => resolve({ bufferHints: { sizeMiB: 129 } }), /bufferHints\.sizeMiB must be an integer from 64 to 128 .*, got 129$/);
      assert.throws(() => resolve({ bufferHints: { sizeMiB: 64.5 } }), /bufferHints\.sizeMiB must be an integer from 64 to 128 .*, got 64\.5$/);
    });

    it("accept 64 and 128 MiB", () => {
      assert.equal(resolve({ bufferHints: { sizeMiB: 64 } }).bufferSizeMiB, 64);
      assert.equal(resolve({ bufferHints: { sizeMiB: 128 } }).bufferSizeMiB, 128);
    });

    it("reject a buffer interval outside 60 to 900 seconds", () => {
      assert.throws(() => resolve({ bufferHints: { intervalSeconds: 30 } }), /bufferHints\.intervalSeconds must be an integer from 60 to 900 \(dynamic partitioning needs at least 60 s\), got 30$/);
      assert.throws(() => resolve({ bufferHints: { intervalSeconds: 901 } }), /bufferHints\.intervalSeconds must be an integer from 60 to 900 .*, got 901$/);
    });

    it("reject a processor buffer above 3 MB or below 1 MB, explaining the 6 MB response limit", () => {
      assert.throws(() => resolve({ processorBuffer: { sizeMb: 4 } }), /processorBuffer\.sizeMb must be an integer from 1 to 3 \(Firehose hands a Lambda processor at most 3 MB, and the enricher's response stays within 6 MB for it\), got 4$/);
      assert.throws(() => resolve({ processorBuffer: { sizeMb: 0 } }), /processorBuffer\.sizeMb must be an integer from 1 to 3 .*, got 0$/);
      assert.equal(resolve({ processorBuffer: { sizeMb: 1 } }).processorBufferSizeMb, 1);
      assert.equal(resolve({ processorBuffer: { sizeMb: 3 } }).processorBufferSizeMb, 3);
    });

    it("reject a processor interval outside 60 to 900 seconds", () => {
      assert.throws(() => resolve({ processorBuffer: { intervalSeconds: 10 } }), /processorBuffer\.intervalSeconds must be an integer from 60 to 900, got 10$/);
    });
  });

  describe("apis", () => {
    it("deliver REST through Firehose and HTTP and WebSocket through CloudWatch Logs unless told", () => {
      const s = resolve({
        apis: [
          { name: "rest", type: "REST", apiId: "aaaaaaaaaa", stage: "prod" },
          { name: "http", type: "HTTP", apiId: "bbbbbbbbbb", stage: "$default" },
          { name: "ws", type: "WEBSOCKET", apiId: "cccccccccc", stage: "live" },
        ],
      });
      assert.deepEqual(s.apis.map((a) => [a.name, a.delivery, a.logGroupName]), [
        ["rest", "firehose", undefined],
        ["http", "cloudwatch", "/aws/apigateway/http/default"],
        ["ws", "cloudwatch", "/aws/apigateway/ws/live"],
      ]);
    });

    it("let a REST API choose CloudWatch Logs", () => {
      const [api] = resolve({ apis: [{ name: "rest", type: "REST", apiId: "aaaaaaaaaa", stage: "prod", delivery: "cloudwatch" }] }).apis;
      assert.equal(api.delivery, "cloudwatch");
      assert.equal(api.logGroupName, "/aws/apigateway/rest/prod");
    });

    it("refuse Firehose delivery for an HTTP API", () => {
      assert.throws(
        () => resolve({ apis: [{ name: "http", type: "HTTP", apiId: "bbbbbbbbbb", stage: "prod", delivery: "firehose" }] }),
        /apis\[0\]\.delivery must be "cloudwatch" while apis\[0\]\.type is "HTTP" \(only REST stages can log to Firehose\), got "firehose"$/,
      );
    });

    it("refuse two APIs with the same name", () => {
      const api = { name: "orders", type: "REST" as const, apiId: "aaaaaaaaaa", stage: "prod" };
      assert.throws(() => resolve({ apis: [api, { ...api, stage: "dev" }] }), /apis\[1\]\.name must be a name no other API uses \(apis\[0\]\.name is "orders" too\), got "orders"$/);
    });

    it("refuse an unknown API type, a bad name and a bad stage", () => {
      assert.throws(() => resolve({ apis: [{ name: "x", type: "GRPC" as "REST", apiId: "aaaaaaaaaa", stage: "p" }] }), /apis\[0\]\.type must be one of REST, HTTP, WEBSOCKET, got "GRPC"$/);
      assert.throws(() => resolve({ apis: [{ name: "a b", type: "REST", apiId: "aaaaaaaaaa", stage: "p" }] }), /apis\[0\]\.name must be a lowercase name \(a-z, 0-9, -; starting with a letter; at most 40\), got "a b"$/);
      assert.throws(() => resolve({ apis: [{ name: "x", type: "REST", apiId: "aaaaaaaaaa", stage: "p/q" }] }), /apis\[0\]\.stage must be a stage name \(1-128 letters, digits, _ and -; or \$default\), got "p\/q"$/);
    });

    it("name log groups /aws/apigateway/<api>/<stage> without the $ of $default", () => {
      assert.equal(accessLogGroupName("orders", "$default"), "/aws/apigateway/orders/default");
      assert.equal(accessLogGroupName("orders", "v2"), "/aws/apigateway/orders/v2");
    });
  });

  describe("other arguments", () => {
    it("reject an unknown format, IP handling or user-id source", () => {
      assert.throws(() => resolve({ format: "csv" as "json" }), /format must be one of parquet, json, got "csv"$/);
      assert.throws(() => resolve({ ipHandling: "hash" as "drop" }), /ipHandling must be one of keep, truncate, drop, got "hash"$/);
      assert.throws(() => resolve({ userIdOrder: ["claims_sub", "claims_sub"] }), /userIdOrder\[1\] repeats "claims_sub"; each entry must be unique$/);
      assert.throws(() => resolve({ userIdOrder: [] }), /userIdOrder must be a list of at least 1 of one of claims_sub, principal_id, cognito_identity_id, iam_user_arn, api_key_id \(each once\), got \[\]$/);
    });

    it("reject a transition earlier than S3's 30 days and an expiry not after the transition", () => {
      assert.throws(() => resolve({ dataLake: { transitionDays: 10 } }), /dataLake\.transitionDays must be 0, or an integer from 30 to 36500 \(S3 moves objects to Standard-IA after 30 days at the earliest\), got 10$/);
      assert.throws(() => resolve({ dataLake: { transitionDays: 60, expirationDays: 60 } }), /dataLake\.expirationDays must be 0 \(never\) or more than dataLake\.transitionDays \(60 days\), got 60$/);
      assert.equal(resolve({ dataLake: { transitionDays: 0, expirationDays: 1 } }).expirationDays, 1);
    });

    it("reject an Athena cutoff under 10 MiB and results kept for 0 days", () => {
      assert.throws(() => resolve({ athena: { bytesScannedCutoffMiB: 5 } }), /athena\.bytesScannedCutoffMiB must be an integer from 10 to 10000000 \(Athena's minimum is 10 MB\), got 5$/);
      assert.throws(() => resolve({ athena: { resultsExpirationDays: 0 } }), /athena\.resultsExpirationDays must be an integer from 1 to 3650, got 0$/);
    });

    it("reject a log retention CloudWatch Logs does not accept", () => {
      assert.throws(() => resolve({ logRetentionDays: 10 }), /logRetentionDays must be one of 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 \(CloudWatch Logs values from 7 days\), got 10$/);
    });

    it("reject Glue names Athena cannot use unquoted and a bad projection start", () => {
      assert.throws(() => resolve({ glue: { tableName: "Access-Logs" } }), /glue\.tableName must be a Glue name: lower-case letters, digits and _, starting with a letter \(at most 255\), got "Access-Logs"$/);
      assert.throws(() => resolve({ glue: { databaseName: "1db" } }), /glue\.databaseName must be a Glue name: .*, got "1db"$/);
      assert.throws(() => resolve({ glue: { projectionStartDate: "2024/01/01" } }), /glue\.projectionStartDate must be a date as yyyy-MM-dd, got "2024\/01\/01"$/);
    });

    it("reject a crawler schedule that is not a Glue cron expression", () => {
      assert.throws(() => resolve({ crawler: { enabled: true, schedule: "daily" } }), /crawler\.schedule must be a Glue schedule such as "cron\(0 1 \* \* \? \*\)", got "daily"$/);
    });
  });
});
