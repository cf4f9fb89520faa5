import assert from "node:assert/strict";
import { ACCESS_LOG_PIPELINE_DEFAULTS as D, AccessLogPipeline } from "../../../components/access-log-pipeline";
import { declare, type Plan } from "../../engine/harness";

type Json = Record<string, unknown>;
let plan: Plan;
const stream = () => (plan.one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream").inputs.extendedS3Configuration as Json);
const env = () => (plan.one("aws:lambda/function:Function").inputs.environment as { variables: Json }).variables;
const processorParameter = (name: string) =>
  ((stream().processingConfiguration as { processors: Array<{ parameters: Array<{ parameterName: string; parameterValue: string }> }> }).processors[0].parameters.find(
    (p) => p.parameterName === name,
  ) ?? { parameterValue: undefined }).parameterValue;
const lifecycle = (bucket: string) => plan.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", `${bucket}-lifecycle`).inputs.rules as Json[];

describe("AccessLogPipeline defaults", () => {
  before(async () => {
    plan = await declare(() => new AccessLogPipeline("logs"));
  });

  it("buffer 64 MiB in Firehose, the least dynamic partitioning and Parquet allow", () => {
    assert.equal(D.bufferSizeMiB, 64);
    assert.equal(stream().bufferingSize, 64);
  });

  it("buffer at most 300 seconds in Firehose", () => {
    assert.equal(D.bufferIntervalSeconds, 300);
    assert.equal(stream().bufferingInterval, 300);
  });

  it("hand the enricher 1 MB batches, far from Lambda's 6 MB response limit", () => {
    assert.equal(D.processorBufferSizeMb, 1);
    assert.equal(processorParameter("BufferSizeInMBs"), "1");
  });

  it("hand the enricher a batch at least every 60 seconds", () => {
    assert.equal(D.processorBufferIntervalSeconds, 60);
    assert.equal(processorParameter("BufferIntervalInSeconds"), "60");
  });

  it("store SNAPPY Parquet", () => {
    assert.equal(D.format, "parquet");
    assert.equal((stream().dataFormatConversionConfiguration as Json).enabled, true);
  });

  it("partition by day, not hour", () => {
    assert.equal(D.hourlyPartitions, false);
    assert.equal(env().PARTITION_BY_HOUR, "false");
    assert.equal(stream().prefix, "data/dt=!{partitionKeyFromLambda:dt}/");
  });

  it("truncate source IPs (/24, /48)", () => {
    assert.equal(D.ipHandling, "truncate");
    assert.equal(env().IP_ADDRESS_MODE, "truncate");
  });

  it("take the user id from claims sub, principal id, Cognito identity, IAM user, then API key", () => {
    assert.deepEqual(D.userIdOrder, ["claims_sub", "principal_id", "cognito_identity_id", "iam_user_arn", "api_key_id"]);
    assert.equal(env().USER_ID_ORDER, "claims_sub,principal_id,cognito_identity_id,iam_user_arn,api_key_id");
  });

  it("look up usage plans, cached for 5 minutes", () => {
    assert.equal(D.usagePlanLookup, true);
    assert.equal(D.usagePlanCacheTtlSeconds, 300);
    assert.equal(env().USAGE_PLAN_LOOKUP, "true");
    assert.equal(env().USAGE_PLAN_CACHE_TTL_SECONDS, "300");
  });

  it("move data-lake objects to Standard-IA after 30 days", () => {
    assert.equal(D.transitionDays, 30);
    assert.deepEqual(lifecycle("logs-data-lake").find((r) => r.id === "transition-to-ia")?.transitions, [{ days: 30, storageClass: "STANDARD_IA" }]);
  });

  it("expire data-lake objects after 400 days", () => {
    assert.equal(D.expirationDays, 400);
    assert.deepEqual(lifecycle("logs-data-lake").find((r) => r.id === "expire")?.expiration, { days: 400 });
  });

  it("stop an Athena query after 10 GiB scanned", () => {
    assert.equal(D.athenaBytesScannedCutoffMiB, 10_240);
    assert.equal((plan.one("aws:athena/workgroup:Workgroup").inputs.configuration as Json).bytesScannedCutoffPerQuery, 10_737_418_240);
  });

  it("expire Athena results after 7 days", () => {
    assert.equal(D.athenaResultsExpirationDays, 7);
    assert.deepEqual(lifecycle("logs-athena-results").find((r) => r.id === "expire")?.expiration, { days: 7 });
  });

  it("project partitions from 2024-01-01", () => {
    assert.equal(D.projectionStartDate, "2024-01-01");
    assert.equal((plan.one("aws:glue/catalogTable:CatalogTable").inputs.parameters as Json)["projection.dt.range"], "2024-01-01,NOW");
  });

  it("name the table access_logs", () => {
    assert.equal(D.tableName, "access_logs");
    assert.equal(plan.one("aws:glue/catalogTable:CatalogTable").inputs.name, "access_logs");
  });

  it("declare no crawler (partition projection makes it unnecessary); an opted-in one runs daily at 01:00 UTC", () => {
    assert.equal(plan.ofType("aws:glue/crawler:Crawler").length, 0);
    assert.equal(D.crawlerSchedule, "cron(0 1 * * ? *)");
  });

  it("keep logs 30 days", () => {
    assert.equal(D.logRetentionDays, 30);
    for (const g of plan.ofType("aws:cloudwatch/logGroup:LogGroup")) assert.equal(g.inputs.retentionInDays, 30, g.name);
  });

  it("give the enricher 512 MB and 120 seconds", () => {
    assert.equal(D.enricherMemorySizeMb, 512);
    assert.equal(D.enricherTimeoutSeconds, 120);
    assert.equal(plan.one("aws:lambda/function:Function").inputs.memorySize, 512);
    assert.equal(plan.one("aws:lambda/function:Function").inputs.timeout, 120);
  });
});
