import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AccessLogPipeline, type AccessLogPipelineArgs } from "../../../components/access-log-pipeline";
import { isValidContextVariable } from "../../../components/access-log-pipeline/access-log-format";
import { ACCESS_LOG_COLUMNS } from "../../../contracts/data-lake";
import { declare } from "../../engine/harness";

const T = {
  component: "api-usage:access-log-pipeline:AccessLogPipeline",
  stream: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
  bucket: "aws:s3/bucket:Bucket",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  logStream: "aws:cloudwatch/logStream:LogStream",
  subscription: "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  fn: "aws:lambda/function:Function",
  database: "aws:glue/catalogDatabase:CatalogDatabase",
  table: "aws:glue/catalogTable:CatalogTable",
  crawler: "aws:glue/crawler:Crawler",
  workgroup: "aws:athena/workgroup:Workgroup",
  namedQuery: "aws:athena/namedQuery:NamedQuery",
};
const ACCOUNT = "123456789012";
const STREAM_ARN = `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/amazon-apigateway-logs`;
const CWLOGS_STREAM_ARN = `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/apigateway-logs-cwlogs`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1111-2222`;

const REST = { name: "orders", type: "REST" as const, apiId: "abcdefghij", stage: "prod" };
const HTTP = { name: "orders-http", type: "HTTP" as const, apiId: "klmnopqrst", stage: "$default" };
const REST_CW = { name: "legacy", type: "REST" as const, apiId: "uvwxyz0123", stage: "v1", delivery: "cloudwatch" as const };

type Json = Record<string, unknown>;
const pipeline = (args: AccessLogPipelineArgs = {}) => declare(() => new AccessLogPipeline("logs", args));
const s3Config = (inputs: Json) => inputs.extendedS3Configuration as Json;

describe("AccessLogPipeline", () => {
  it("declares the stream, enricher, delivery role, error log, buckets, Glue table, workgroup and seven queries", async () => {
    const plan = await pipeline({ apis: [REST] });
    const component = plan.one(T.component);
    assert.deepEqual(plan.childrenOf(component).map((r) => `${r.type} ${r.name}`).sort(), [
      `${T.stream} logs`,
      "api-usage:shared:BundledFunction logs-enricher",
      "api-usage:shared:SecureBucket logs-data-lake",
      "api-usage:shared:SecureBucket logs-athena-results",
      `${T.logGroup} logs-delivery-errors`,
      `${T.logStream} logs-delivery-errors`,
      `${T.role} logs-firehose`,
      `${T.rolePolicy} logs-firehose`,
      `${T.database} logs-database`,
      `${T.table} logs-table`,
      `${T.workgroup} logs-workgroup`,
      ...["distinct-users-per-day", "requests-by-route", "latency-by-route", "errors-by-response-type", "quota-exceeded-by-api-key", "bytes-by-customer", "top-users"].map(
        (k) => `${T.namedQuery} logs-${k}`,
      ),
    ].sort());
  });

  describe("Firehose stream", () => {
    it("is named amazon-apigateway-<name>, the prefix API Gateway requires, and delivers to the data lake", async () => {
      const plan = await pipeline();
      const stream = plan.one(T.stream).inputs;
      assert.equal(stream.name, "amazon-apigateway-logs");
      assert.ok(String(stream.name).startsWith("amazon-apigateway-"));
      assert.equal(stream.destination, "extended_s3");
      assert.equal(stream.kinesisSourceConfiguration, undefined, "DirectPut: no Kinesis source");
      assert.equal(s3Config(stream).bucketArn, plan.one(T.bucket, "logs-data-lake").outputs.arn);
      assert.equal(s3Config(stream).roleArn, plan.one(T.role, "logs-firehose").outputs.arn);
    });

    it("encrypts at rest with an AWS-owned key, or the customer key when given", async () => {
      assert.deepEqual((await pipeline()).one(T.stream).inputs.serverSideEncryption, { enabled: true, keyType: "AWS_OWNED_CMK" });
      assert.deepEqual((await pipeline({ kmsKeyArn: KEY })).one(T.stream).inputs.serverSideEncryption, { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY });
    });

    it("runs the enricher as its processor with the processor buffer hints", async () => {
      const plan = await pipeline({ processorBuffer: { sizeMb: 2, intervalSeconds: 120 } });
      assert.deepEqual(s3Config(plan.one(T.stream).inputs).processingConfiguration, {
        enabled: true,
        processors: [
          {
            type: "Lambda",
            parameters: [
              { parameterName: "LambdaArn", parameterValue: plan.one(T.fn, "logs-enricher").outputs.arn },
              { parameterName: "BufferSizeInMBs", parameterValue: "2" },
              { parameterName: "BufferIntervalInSeconds", parameterValue: "120" },
            ],
          },
        ],
      });
    });

    it("partitions dynamically by the enricher's dt key, in the table's data/ prefix", async () => {
      const s3 = s3Config((await pipeline()).one(T.stream).inputs);
      assert.deepEqual(s3.dynamicPartitioningConfiguration, { enabled: true });
      assert.equal(s3.prefix, "data/dt=!{partitionKeyFromLambda:dt}/");
    });

    it("adds the hour below the day with hourly partitions and tells the enricher so", async () => {
      const plan = await pipeline({ hourlyPartitions: true });
      assert.equal(s3Config(plan.one(T.stream).inputs).prefix, "data/dt=!{partitionKeyFromLambda:dt}/hour=!{partitionKeyFromLambda:hour}/");
      assert.equal((plan.one(T.fn).inputs.environment as { variables: Json }).variables.PARTITION_BY_HOUR, "true");
      assert.deepEqual((plan.one(T.table).inputs.partitionKeys as Json[]).map((k) => k.name), ["dt", "hour"]);
    });

    it("writes failures under an error prefix by error type and calendar date (yyyy, never YYYY)", async () => {
      const prefix = String(s3Config((await pipeline()).one(T.stream).inputs).errorOutputPrefix);
      assert.ok(prefix.includes("!{firehose:error-output-type}"));
      assert.ok(prefix.includes("!{timestamp:yyyy/MM/dd}"));
      assert.ok(!prefix.includes("YYYY"));
      assert.equal(prefix, "errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/");
    });

    it("buffers 64 MiB or 300 s by default and takes other hints", async () => {
      const s3 = s3Config((await pipeline()).one(T.stream).inputs);
      assert.equal(s3.bufferingSize, 64);
      assert.equal(s3.bufferingInterval, 300);
      const custom = s3Config((await pipeline({ bufferHints: { sizeMiB: 128, intervalSeconds: 900 } })).one(T.stream).inputs);
      assert.equal(custom.bufferingSize, 128);
      assert.equal(custom.bufferingInterval, 900);
    });

    it("converts to SNAPPY Parquet with the Glue table's schema, reading request_time as the enricher writes it", async () => {
      const plan = await pipeline();
      const s3 = s3Config(plan.one(T.stream).inputs);
      assert.equal(s3.compressionFormat, "UNCOMPRESSED");
      assert.deepEqual(s3.dataFormatConversionConfiguration, {
        enabled: true,
        inputFormatConfiguration: { deserializer: { hiveJsonSerDe: { timestampFormats: ["yyyy-MM-dd HH:mm:ss.SSS"] } } },
        outputFormatConfiguration: { serializer: { parquetSerDe: { compression: "SNAPPY" } } },
        schemaConfiguration: {
          catalogId: ACCOUNT,
          databaseName: "logs_test",
          tableName: "access_logs",
          region: "us-east-1",
          roleArn: plan.one(T.role, "logs-firehose").outputs.arn,
        },
      });
      assert.match(ACCESS_LOG_COLUMNS.find((c) => c.name === "request_time")!.comment, /yyyy-MM-dd HH:mm:ss\.SSS/);
    });

    it("writes GZIP JSON without conversion when asked", async () => {
      const s3 = s3Config((await pipeline({ format: "json" })).one(T.stream).inputs);
      assert.equal(s3.compressionFormat, "GZIP");
      assert.equal(s3.dataFormatConversionConfiguration, undefined);
    });

    it("logs delivery errors to its own log group and stream", async () => {
      const plan = await pipeline();
      const group = plan.one(T.logGroup, "logs-delivery-errors");
      assert.equal(group.inputs.name, "/aws/kinesisfirehose/amazon-apigateway-logs");
      assert.equal(group.inputs.retentionInDays, 30);
      assert.deepEqual(plan.one(T.logStream).inputs, { logGroupName: group.outputs.name, name: "DestinationDelivery" });
      assert.deepEqual(s3Config(plan.one(T.stream).inputs).cloudwatchLoggingOptions, {
        enabled: true,
        logGroupName: "/aws/kinesisfirehose/amazon-apigateway-logs",
        logStreamName: "DestinationDelivery",
      });
    });

    it("is created after its role's policy and the Glue table it converts with", async () => {
      const plan = await pipeline();
      const deps = plan.one(T.stream).dependencies;
      assert.ok(deps.includes(plan.one(T.rolePolicy, "logs-firehose").urn));
      assert.ok(deps.includes(plan.one(T.table).urn));
    });
  });

  describe("CloudWatch Logs stream", () => {
    const cwlogs = (plan: Awaited<ReturnType<typeof pipeline>>) => plan.one(T.stream, "logs-cloudwatch").inputs;

    it("exists only with a CloudWatch-delivered API, named apigateway-<name>-cwlogs with the name scope", async () => {
      assert.equal((await pipeline({ apis: [REST] })).ofType(T.stream).length, 1);
      assert.equal(cwlogs(await pipeline({ apis: [HTTP] })).name, "apigateway-logs-cwlogs");
      assert.equal(cwlogs(await pipeline({ apis: [HTTP], nameScope: "prod" })).name, "apigateway-logs-cwlogs-prod");
    });

    it("is never longer than the REST stream's name, so the stack-name budget of both is the REST one", async () => {
      const plan = await pipeline({ apis: [HTTP], nameScope: "a-long-stack-name" });
      assert.ok(String(cwlogs(plan).name).length <= String(plan.one(T.stream, "logs").inputs.name).length);
    });

    it("decompresses the envelopes before the enricher, with the same processor buffer hints", async () => {
      const plan = await pipeline({ apis: [HTTP], processorBuffer: { sizeMb: 2, intervalSeconds: 120 } });
      const processors = (s3Config(cwlogs(plan)).processingConfiguration as { processors: unknown[] }).processors;
      assert.deepEqual(processors, [
        { type: "Decompression", parameters: [{ parameterName: "CompressionFormat", parameterValue: "GZIP" }] },
        ...(s3Config(plan.one(T.stream, "logs").inputs).processingConfiguration as { processors: unknown[] }).processors,
      ]);
    });

    it("delivers into the same data lake, prefixes, conversion and role as the REST stream", async () => {
      const plan = await pipeline({ apis: [HTTP] });
      const rest = s3Config(plan.one(T.stream, "logs").inputs);
      const cw = s3Config(cwlogs(plan));
      for (const key of ["bucketArn", "roleArn", "prefix", "errorOutputPrefix", "compressionFormat", "dataFormatConversionConfiguration", "dynamicPartitioningConfiguration", "bufferingSize", "bufferingInterval"]) {
        assert.deepEqual(cw[key], rest[key], key);
      }
    });

    it("logs its delivery errors to a stream of its own in the pipeline's error log group, which Firehose's role may write", async () => {
      const plan = await pipeline({ apis: [HTTP] });
      assert.deepEqual(s3Config(cwlogs(plan)).cloudwatchLoggingOptions, {
        enabled: true,
        logGroupName: "/aws/kinesisfirehose/amazon-apigateway-logs",
        logStreamName: "CloudWatchLogsDestinationDelivery",
      });
      const statement = (plan.json(plan.one(T.rolePolicy, "logs-firehose"), "policy") as { Statement: Array<{ Sid: string; Resource: unknown }> }).Statement.find((x) => x.Sid === "LogDeliveryErrors");
      const group = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/kinesisfirehose/amazon-apigateway-logs`;
      assert.deepEqual(statement?.Resource, [`${group}:log-stream:DestinationDelivery`, `${group}:log-stream:CloudWatchLogsDestinationDelivery`]);
    });

    it("leaves the REST stream exactly as it was when a CloudWatch-delivered API is added", async () => {
      const before = (await pipeline({ apis: [REST] })).one(T.stream, "logs").inputs;
      const after = (await pipeline({ apis: [REST, HTTP] })).one(T.stream, "logs").inputs;
      assert.deepEqual(after, before);
    });
  });

  describe("IAM", () => {
    const firehoseStatements = (bucket: string, fn: string, extra: { glue?: boolean; kms?: boolean } = {}) => [
      {
        Sid: "WriteDataLake",
        Effect: "Allow",
        Action: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
        Resource: [bucket, `${bucket}/*`],
      },
      { Sid: "InvokeEnricher", Effect: "Allow", Action: ["lambda:InvokeFunction", "lambda:GetFunctionConfiguration"], Resource: [fn, `${fn}:*`] },
      ...(extra.glue
        ? [
            {
              Sid: "ReadTableSchema",
              Effect: "Allow",
              Action: ["glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"],
              Resource: [
                `arn:aws:glue:us-east-1:${ACCOUNT}:catalog`,
                `arn:aws:glue:us-east-1:${ACCOUNT}:database/logs_test`,
                `arn:aws:glue:us-east-1:${ACCOUNT}:table/logs_test/access_logs`,
              ],
            },
          ]
        : []),
      {
        Sid: "LogDeliveryErrors",
        Effect: "Allow",
        Action: "logs:PutLogEvents",
        Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/kinesisfirehose/amazon-apigateway-logs:log-stream:DestinationDelivery`,
      },
      ...(extra.kms
        ? [{ Sid: "EncryptDataLakeObjects", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: KEY, Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } }]
        : []),
    ];

    it("lets Firehose's role, assumed only by Firehose for this account, write the lake, call the enricher, read the table and log", async () => {
      const plan = await pipeline();
      assert.deepEqual(plan.json(plan.one(T.role, "logs-firehose"), "assumeRolePolicy"), {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }],
      });
      assert.deepEqual(plan.json(plan.one(T.rolePolicy, "logs-firehose"), "policy"), {
        Version: "2012-10-17",
        Statement: firehoseStatements(String(plan.one(T.bucket, "logs-data-lake").outputs.arn), String(plan.one(T.fn).outputs.arn), { glue: true }),
      });
    });

    it("drops the Glue statement for GZIP JSON and adds S3-scoped KMS use with a customer key", async () => {
      const json = await pipeline({ format: "json" });
      assert.deepEqual((json.json(json.one(T.rolePolicy, "logs-firehose"), "policy") as Json).Statement, firehoseStatements(String(json.one(T.bucket, "logs-data-lake").outputs.arn), String(json.one(T.fn).outputs.arn)));
      const kms = await pipeline({ kmsKeyArn: KEY });
      assert.deepEqual(
        (kms.json(kms.one(T.rolePolicy, "logs-firehose"), "policy") as Json).Statement,
        firehoseStatements(String(kms.one(T.bucket, "logs-data-lake").outputs.arn), String(kms.one(T.fn).outputs.arn), { glue: true, kms: true }),
      );
    });

    it("lets the enricher read usage plans, their keys and API keys and nothing else", async () => {
      const plan = await pipeline();
      const doc = plan.json(plan.one(T.rolePolicy, "logs-enricher-policy"), "policy") as { Statement: Json[] };
      assert.equal(doc.Statement[0].Sid, "WriteOwnLogs");
      assert.deepEqual(doc.Statement.slice(1), [
        {
          Sid: "ReadUsagePlans",
          Effect: "Allow",
          Action: "apigateway:GET",
          Resource: "arn:aws:apigateway:us-east-1::/usageplans",
        },
        {
          Sid: "ReadUsagePlanKeys",
          Effect: "Allow",
          Action: "apigateway:GET",
          Resource: "arn:aws:apigateway:us-east-1::/usageplans/*/keys",
        },
        {
          Sid: "ReadApiKeys",
          Effect: "Allow",
          Action: "apigateway:GET",
          Resource: "arn:aws:apigateway:us-east-1::/apikeys",
        },
      ]);
    });

    it("gives the enricher no API Gateway access when the usage-plan lookup is off", async () => {
      const plan = await pipeline({ usagePlanLookup: false });
      const doc = plan.json(plan.one(T.rolePolicy, "logs-enricher-policy"), "policy") as { Statement: Json[] };
      assert.deepEqual(doc.Statement.map((s) => s.Sid), ["WriteOwnLogs"]);
      assert.equal((plan.one(T.fn).inputs.environment as { variables: Json }).variables.USAGE_PLAN_LOOKUP, "false");
    });

    it("lets CloudWatch Logs, from this account and region only, put records into the CloudWatch Logs stream only", async () => {
      const plan = await pipeline({ apis: [HTTP, REST_CW] });
      assert.deepEqual(plan.json(plan.one(T.role, "logs-logs-to-firehose"), "assumeRolePolicy"), {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "logs.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringLike: { "aws:SourceArn": `arn:aws:logs:us-east-1:${ACCOUNT}:*` } },
          },
        ],
      });
      assert.deepEqual(plan.json(plan.one(T.rolePolicy, "logs-logs-to-firehose"), "policy"), {
        Version: "2012-10-17",
        Statement: [{ Sid: "PutIntoAccessLogStream", Effect: "Allow", Action: ["firehose:PutRecord", "firehose:PutRecordBatch"], Resource: CWLOGS_STREAM_ARN }],
      });
    });
  });

  describe("enricher", () => {
    it("is the access-log-enricher bundle, configured from the arguments", async () => {
      const plan = await pipeline({ ipHandling: "drop", userIdOrder: ["api_key_id", "claims_sub"], usagePlanCacheTtlSeconds: 900 });
      const fn = plan.one(T.fn).inputs;
      assert.deepEqual(fn.code, { fileArchive: "dist/functions/access-log-enricher" });
      assert.deepEqual((fn.environment as { variables: Json }).variables, {
        USER_ID_ORDER: "api_key_id,claims_sub",
        IP_ADDRESS_MODE: "drop",
        PARTITION_BY_HOUR: "false",
        USAGE_PLAN_LOOKUP: "true",
        USAGE_PLAN_CACHE_TTL_SECONDS: "900",
        MIXED_PARTITIONS: "first-row",
        USAGE_PLAN_KEYS_CONCURRENCY: "2",
        CONNECT_TIMEOUT_MS: "2000",
        REQUEST_TIMEOUT_MS: "5000",
        CALL_MAX_ATTEMPTS: "3",
        DEADLINE_MARGIN_MS: "5000",
        USAGE_PLAN_LOOKUP_TIMEOUT_MS: "15000",
        MAX_INFLATED_BYTES: "8388608",
      });
    });

    it("takes the runtime, architecture and key it is given", async () => {
      const fn = (await pipeline({ runtime: "nodejs22.x", architecture: "x86_64", kmsKeyArn: KEY })).one(T.fn).inputs;
      assert.equal(fn.runtime, "nodejs22.x");
      assert.deepEqual(fn.architectures, ["x86_64"]);
      assert.equal(fn.kmsKeyArn, KEY);
    });
  });

  describe("CloudWatch-delivered APIs", () => {
    it("get a log group and a subscription into the CloudWatch Logs stream each; a Firehose-delivered REST API gets neither", async () => {
      const plan = await pipeline({ apis: [REST, HTTP, REST_CW] });
      const groups = plan.ofType(T.logGroup).filter((g) => String(g.inputs.name).startsWith("/aws/apigateway/"));
      assert.deepEqual(groups.map((g) => g.inputs.name).sort(), ["/aws/apigateway/legacy/v1", "/aws/apigateway/orders-http/default"]);
      const subscriptions = plan.ofType(T.subscription);
      assert.deepEqual(subscriptions.map((s) => s.name).sort(), ["logs-legacy-to-firehose", "logs-orders-http-to-firehose"]);
      const role = plan.one(T.role, "logs-logs-to-firehose").outputs.arn;
      for (const s of subscriptions) {
        assert.equal(s.inputs.destinationArn, CWLOGS_STREAM_ARN);
        assert.equal(s.inputs.roleArn, role);
        assert.equal(s.inputs.filterPattern, "");
        assert.ok(s.dependsOn.includes(plan.one(T.rolePolicy, "logs-logs-to-firehose").urn));
      }
      assert.equal(plan.one(T.subscription, "logs-orders-http-to-firehose").inputs.logGroup, "/aws/apigateway/orders-http/default");
    });

    it("share one CloudWatch Logs role, and none exists without such APIs", async () => {
      assert.equal((await pipeline({ apis: [HTTP, REST_CW] })).ofType(T.role).filter((r) => r.name === "logs-logs-to-firehose").length, 1);
      const restOnly = await pipeline({ apis: [REST] });
      assert.equal(restOnly.ofType(T.subscription).length, 0);
      assert.equal(restOnly.ofType(T.role).filter((r) => r.name === "logs-logs-to-firehose").length, 0);
    });

    it("keep their logs for the retention given, encrypted with the key given", async () => {
      const plan = await pipeline({ apis: [HTTP], logRetentionDays: 90, kmsKeyArn: KEY });
      assert.deepEqual(plan.one(T.logGroup, "logs-orders-http-access-logs").inputs, { name: "/aws/apigateway/orders-http/default", retentionInDays: 90, kmsKeyId: KEY });
    });
  });

  describe("Glue table", () => {
    it("is an external table with exactly the enricher's columns, in order, with types and comments", async () => {
      const table = (await pipeline()).one(T.table).inputs;
      assert.equal(table.tableType, "EXTERNAL_TABLE");
      assert.equal(table.name, "access_logs");
      assert.equal(table.databaseName, "logs_test");
      const columns = (table.storageDescriptor as { columns: Json[] }).columns;
      assert.deepEqual(columns.map((c) => c.name), ACCESS_LOG_COLUMNS.map((c) => c.name));
      assert.deepEqual(columns.map((c) => c.type), ACCESS_LOG_COLUMNS.map((c) => c.type));
      assert.deepEqual(columns, ACCESS_LOG_COLUMNS.map((c) => ({ name: c.name, type: c.type, comment: c.comment })));
    });

    it("projects dt partitions at the path Firehose writes, so no crawler is needed", async () => {
      const plan = await pipeline();
      const bucket = plan.one(T.bucket, "logs-data-lake").outputs.bucket;
      const table = plan.one(T.table).inputs;
      assert.deepEqual(table.partitionKeys, [{ name: "dt", type: "string", comment: "request date, UTC, yyyy-MM-dd" }]);
      assert.deepEqual(table.parameters, {
        EXTERNAL: "TRUE",
        classification: "parquet",
        "parquet.compression": "SNAPPY",
        "projection.enabled": "true",
        "projection.dt.type": "date",
        "projection.dt.format": "yyyy-MM-dd",
        "projection.dt.range": "2024-01-01,NOW",
        "projection.dt.interval": "1",
        "projection.dt.interval.unit": "DAYS",
        "storage.location.template": `s3://${bucket}/data/dt=\${dt}/`,
      });
      assert.equal((table.storageDescriptor as Json).location, `s3://${bucket}/data/`);
      assert.equal(plan.ofType(T.crawler).length, 0);
    });

    it("reads Parquet with the Parquet SerDe, or GZIP JSON with the Hive JSON SerDe", async () => {
      const parquet = (await pipeline()).one(T.table).inputs.storageDescriptor as Json;
      assert.deepEqual(parquet.serDeInfo, { name: "parquet", serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", parameters: { "serialization.format": "1" } });
      assert.equal(parquet.inputFormat, "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
      const json = (await pipeline({ format: "json" })).one(T.table).inputs.storageDescriptor as Json;
      assert.deepEqual(json.serDeInfo, { name: "json", serializationLibrary: "org.apache.hive.hcatalog.data.JsonSerDe", parameters: { "timestamp.formats": "yyyy-MM-dd HH:mm:ss.SSS" } });
      assert.equal(json.compressed, true);
    });

    it("uses the database and table names and projection start it is given", async () => {
      const plan = await pipeline({ glue: { databaseName: "usage", tableName: "api_logs", projectionStartDate: "2025-03-01" } });
      assert.equal(plan.one(T.database).inputs.name, "usage");
      assert.equal(plan.one(T.table).inputs.name, "api_logs");
      assert.equal((plan.one(T.table).inputs.parameters as Json)["projection.dt.range"], "2025-03-01,NOW");
      assert.match(String(plan.one(T.namedQuery, "logs-top-users").inputs.query), /FROM "usage"\."api_logs"/);
    });

    it("gets a crawler only on request, adding partitions to this table with a least-privilege role", async () => {
      const plan = await pipeline({ crawler: { enabled: true } });
      const crawler = plan.one(T.crawler).inputs;
      assert.deepEqual(crawler.catalogTargets, [{ databaseName: "logs_test", tables: ["access_logs"] }]);
      assert.deepEqual(crawler.schemaChangePolicy, { updateBehavior: "LOG", deleteBehavior: "LOG" });
      assert.equal(crawler.schedule, "cron(0 1 * * ? *)");
      assert.equal(crawler.role, plan.one(T.role, "logs-crawler").outputs.arn);
      const bucket = plan.one(T.bucket, "logs-data-lake").outputs.arn;
      assert.deepEqual(plan.json(plan.one(T.rolePolicy, "logs-crawler"), "policy"), {
        Version: "2012-10-17",
        Statement: [
          { Sid: "ReadDataLake", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [bucket, `${bucket}/*`] },
          {
            Sid: "UpdateTablePartitions",
            Effect: "Allow",
            Action: [
              "glue:GetDatabase",
              "glue:GetTable",
              "glue:UpdateTable",
              "glue:GetPartition",
              "glue:GetPartitions",
              "glue:BatchGetPartition",
              "glue:CreatePartition",
              "glue:BatchCreatePartition",
              "glue:UpdatePartition",
              "glue:BatchUpdatePartition",
            ],
            Resource: [`arn:aws:glue:us-east-1:${ACCOUNT}:catalog`, `arn:aws:glue:us-east-1:${ACCOUNT}:database/logs_test`, `arn:aws:glue:us-east-1:${ACCOUNT}:table/logs_test/access_logs`],
          },
          {
            Sid: "WriteCrawlerLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws-glue/crawlers*`,
          },
        ],
      });
      assert.deepEqual(plan.json(plan.one(T.role, "logs-crawler"), "assumeRolePolicy"), {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "glue.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }],
      });
    });
  });

  describe("Athena", () => {
    it("enforces its configuration: CloudWatch metrics, a scan cutoff, automatic engine and SSE-S3 results in their own bucket", async () => {
      const plan = await pipeline();
      const results = plan.one(T.bucket, "logs-athena-results").outputs.bucket;
      assert.deepEqual(plan.one(T.workgroup).inputs, {
        name: "logs-test",
        description: "Queries over the enriched API Gateway access logs",
        configuration: {
          enforceWorkgroupConfiguration: true,
          publishCloudwatchMetricsEnabled: true,
          bytesScannedCutoffPerQuery: 10_240 * 1024 * 1024,
          engineVersion: { selectedEngineVersion: "AUTO" },
          resultConfiguration: { outputLocation: `s3://${results}/results/`, encryptionConfiguration: { encryptionOption: "SSE_S3" } },
        },
      });
    });

    it("encrypts results with the customer key and takes another cutoff", async () => {
      const config = (await pipeline({ kmsKeyArn: KEY, athena: { bytesScannedCutoffMiB: 100 } })).one(T.workgroup).inputs.configuration as Json;
      assert.equal(config.bytesScannedCutoffPerQuery, 100 * 1024 * 1024);
      assert.deepEqual((config.resultConfiguration as Json).encryptionConfiguration, { encryptionOption: "SSE_KMS", kmsKeyArn: KEY });
    });

    it("saves named queries in the workgroup over the table's database, each pruning on dt", async () => {
      const plan = await pipeline();
      const queries = plan.ofType(T.namedQuery);
      assert.equal(queries.length, 7);
      for (const q of queries) {
        assert.equal(q.inputs.workgroup, "logs-test");
        assert.equal(q.inputs.database, "logs_test");
        assert.match(String(q.inputs.query), /\nWHERE dt BETWEEN date_format\(date_add\('day', -1, CAST\(\? AS date\)\)/, q.name);
      }
    });
  });

  describe("outputs", () => {
    async function outputsOf(args: AccessLogPipelineArgs): Promise<Json> {
      let values: Json = {};
      await declare(
        () =>
          new Promise<void>((resolve) => {
            const c = new AccessLogPipeline("logs", args);
            pulumi
              .output({
                restAccessLogDestinationArn: c.restAccessLogDestinationArn,
                restAccessLogFormat: c.restAccessLogFormat,
                httpAccessLogFormat: c.httpAccessLogFormat,
                webSocketAccessLogFormat: c.webSocketAccessLogFormat,
                httpAccessLogGroupArns: c.httpAccessLogGroupArns,
                httpAccessLogGroupNames: c.httpAccessLogGroupNames,
                accessLogSettings: c.accessLogSettings,
                dataLakeBucket: c.dataLakeBucket,
                dataLakeBucketArn: c.dataLakeBucketArn,
                glueDatabase: c.glueDatabase,
                glueTable: c.glueTable,
                athenaWorkgroup: c.athenaWorkgroup,
                athenaResultsBucketArn: c.athenaResultsBucketArn,
                firehoseStreamName: c.firehoseStreamName,
                enricherFunctionName: c.enricherFunctionName,
              })
              .apply((v) => {
                values = v as Json;
                resolve();
              });
          }),
      );
      return values;
    }

    it("name the stream, log groups per CloudWatch API, bucket, database, table and workgroup", async () => {
      const o = await outputsOf({ apis: [REST, HTTP, REST_CW] });
      assert.equal(o.restAccessLogDestinationArn, STREAM_ARN);
      assert.equal(o.firehoseStreamName, "amazon-apigateway-logs");
      assert.deepEqual(o.httpAccessLogGroupArns, {
        "orders-http": `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/apigateway/orders-http/default`,
        legacy: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/apigateway/legacy/v1`,
      });
      assert.deepEqual(o.httpAccessLogGroupNames, { "orders-http": "/aws/apigateway/orders-http/default", legacy: "/aws/apigateway/legacy/v1" });
      assert.equal(o.glueDatabase, "logs_test");
      assert.equal(o.glueTable, "access_logs");
      assert.equal(o.athenaWorkgroup, "logs-test");
      assert.match(String(o.dataLakeBucket), /^logs-data-lake-/);
      assert.equal(o.dataLakeBucketArn, `arn:aws:s3:::${o.dataLakeBucket}`);
      assert.match(String(o.athenaResultsBucketArn), /^arn:aws:s3:::logs-athena-results-/);
      assert.match(String(o.enricherFunctionName), /^logs-enricher-/);
    });

    it("give each configured API the destination and format its stage must use", async () => {
      const o = await outputsOf({ apis: [REST, HTTP, REST_CW] });
      assert.deepEqual(o.accessLogSettings, {
        orders: { apiId: "abcdefghij", stage: "prod", destinationArn: STREAM_ARN, format: o.restAccessLogFormat },
        "orders-http": { apiId: "klmnopqrst", stage: "$default", destinationArn: (o.httpAccessLogGroupArns as Json)["orders-http"], format: o.httpAccessLogFormat },
        legacy: { apiId: "uvwxyz0123", stage: "v1", destinationArn: (o.httpAccessLogGroupArns as Json).legacy, format: o.restAccessLogFormat },
      });
    });

    it("give REST, HTTP and WebSocket formats that use only variables valid for that API type, never the API key", async () => {
      const o = await outputsOf({});
      for (const [type, format] of [["REST", o.restAccessLogFormat], ["HTTP", o.httpAccessLogFormat], ["WEBSOCKET", o.webSocketAccessLogFormat]] as const) {
        const variables = [...String(format).matchAll(/\$context\.([A-Za-z0-9_.]+)/g)].map((m) => m[1]);
        assert.ok(variables.length > 10, type);
        assert.deepEqual(variables.filter((v) => !isValidContextVariable(type, v)), [], type);
        assert.ok(!variables.includes("identity.apiKey"), type);
      }
      assert.ok(String(o.restAccessLogFormat).includes("$context.resourcePath"));
      assert.ok(!String(o.httpAccessLogFormat).includes("$context.resourcePath"));
      assert.ok(String(o.httpAccessLogFormat).includes("$context.routeKey"));
      assert.ok(!String(o.restAccessLogFormat).includes("$context.routeKey"));
      assert.deepEqual(o.httpAccessLogGroupArns, {});
    });
  });

  it("rejects a component name that would make the stream name too long for Firehose", async () => {
    await assert.rejects(
      declare(() => new AccessLogPipeline("x".repeat(50), {})),
      /the stream name "amazon-apigateway-x{50}" is not a valid Firehose name/,
    );
  });

  it("rejects a buffer below 64 MiB before declaring anything", async () => {
    await assert.rejects(declare(() => new AccessLogPipeline("logs", { bufferHints: { sizeMiB: 16 } })), /^SchemaError: AccessLogPipeline logs: bufferHints\.sizeMiB must be an integer from 64 to 128 \(dynamic partitioning and Parquet conversion need at least 64 MiB\), got 16$/);
  });
});
