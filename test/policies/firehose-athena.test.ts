import assert from "node:assert/strict";
import * as athena from "@pulumi/aws/athena";
import * as kinesis from "@pulumi/aws/kinesis";
import * as sqs from "@pulumi/aws/sqs";
import type * as types from "@pulumi/aws/types";
import { athenaWorkgroupEncryptedResults, athenaWorkgroupEnforceConfiguration } from "../../policies/athena";
import { firehoseCalendarYearPrefix, firehoseErrorOutputPrefix, firehoseServerSideEncryption, weekBasedYearPatterns } from "../../policies/firehose";
import { resultsOf, violations } from "./check";

const queueOnly = () => new sqs.Queue("q", {});
const ROLE_ARN = "arn:aws:iam::123456789012:role/firehose";
type S3Destination = types.input.kinesis.FirehoseDeliveryStreamExtendedS3Configuration;
const GOOD_S3: S3Destination = {
  bucketArn: "arn:aws:s3:::lake",
  roleArn: ROLE_ARN,
  prefix: "raw/year=!{timestamp:yyyy}/month=!{timestamp:MM}/",
  errorOutputPrefix: "errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/",
};
const stream = (args: Partial<kinesis.FirehoseDeliveryStreamArgs> = {}, s3: Partial<S3Destination> = {}) => () =>
  new kinesis.FirehoseDeliveryStream("s", { destination: "extended_s3", serverSideEncryption: { enabled: true }, extendedS3Configuration: { ...GOOD_S3, ...s3 }, ...args });
const kinesisSourced = stream({
  serverSideEncryption: undefined,
  kinesisSourceConfiguration: { kinesisStreamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/src", roleArn: ROLE_ARN },
});
const toHttpEndpoint = () =>
  new kinesis.FirehoseDeliveryStream("s", {
    destination: "http_endpoint",
    serverSideEncryption: { enabled: true },
    httpEndpointConfiguration: { url: "https://example.com", roleArn: ROLE_ARN, s3Configuration: { bucketArn: "arn:aws:s3:::backup", roleArn: ROLE_ARN } },
  });

describe("Firehose policies", () => {
  describe("firehose-server-side-encryption", () => {
    it("passes a Direct PUT stream with encryption on", async () => {
      assert.deepEqual(await violations(firehoseServerSideEncryption, stream()), []);
    });

    it("reports a Direct PUT stream with encryption off or unset", async () => {
      const message = "Firehose stream s (Direct PUT) does not encrypt at rest; set serverSideEncryption.enabled to true";
      assert.deepEqual(await violations(firehoseServerSideEncryption, stream({ serverSideEncryption: { enabled: false } })), [message]);
      assert.deepEqual(await violations(firehoseServerSideEncryption, stream({ serverSideEncryption: undefined })), [message]);
    });

    it("requires a customer managed key when configured to", async () => {
      assert.deepEqual(await violations(firehoseServerSideEncryption, stream(), { requireCustomerManagedKey: true }), [
        "Firehose stream s encrypts with AWS_OWNED_CMK; this pack is configured to require CUSTOMER_MANAGED_CMK",
      ]);
      const cmk = stream({ serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: "arn:aws:kms:us-east-1:123456789012:key/k" } });
      assert.deepEqual(await violations(firehoseServerSideEncryption, cmk, { requireCustomerManagedKey: true }), []);
    });

    it("does not apply to streams reading from Kinesis, nor to other resource types", async () => {
      assert.deepEqual(await resultsOf(firehoseServerSideEncryption, kinesisSourced), []);
      assert.deepEqual(await resultsOf(firehoseServerSideEncryption, queueOnly), []);
    });
  });

  describe("firehose-error-output-prefix", () => {
    it("passes an error prefix that splits by error output type", async () => {
      assert.deepEqual(await violations(firehoseErrorOutputPrefix, stream()), []);
    });

    it("reports a missing error prefix and one without the expression", async () => {
      assert.deepEqual(await violations(firehoseErrorOutputPrefix, stream({}, { errorOutputPrefix: undefined })), [
        "Firehose stream s has no errorOutputPrefix; set one containing !{firehose:error-output-type}",
      ]);
      assert.deepEqual(await violations(firehoseErrorOutputPrefix, stream({}, { errorOutputPrefix: "errors/" })), [
        'Firehose stream s has errorOutputPrefix "errors/" without !{firehose:error-output-type}',
      ]);
    });

    it("reads the required expressions from config", async () => {
      assert.deepEqual(await violations(firehoseErrorOutputPrefix, stream({}, { errorOutputPrefix: "errors/" }), { requiredExpressions: [] }), []);
      assert.deepEqual(await violations(firehoseErrorOutputPrefix, stream(), { requiredExpressions: ["!{firehose:random-string}"] }), [
        'Firehose stream s has errorOutputPrefix "errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/" without !{firehose:random-string}',
      ]);
    });

    it("does not apply to other destinations nor to other resource types", async () => {
      assert.deepEqual(await resultsOf(firehoseErrorOutputPrefix, toHttpEndpoint), []);
      assert.deepEqual(await resultsOf(firehoseErrorOutputPrefix, queueOnly), []);
    });
  });

  describe("firehose-calendar-year-prefix", () => {
    it("finds Y outside quoted literals only", () => {
      assert.deepEqual(weekBasedYearPatterns("a/!{timestamp:YYYY}/b/!{timestamp:yyyy-'Y'}/!{timestamp:'w'YY}"), ["YYYY", "'w'YY"]);
    });

    it("passes yyyy prefixes and an absent prefix", async () => {
      assert.deepEqual(await violations(firehoseCalendarYearPrefix, stream()), []);
      assert.deepEqual(await violations(firehoseCalendarYearPrefix, stream({}, { prefix: undefined })), []);
    });

    it("reports YYYY in either prefix, as advisory", async () => {
      const results = await resultsOf(firehoseCalendarYearPrefix, stream({}, { prefix: "raw/!{timestamp:YYYY/MM}/" }));
      assert.deepEqual(results.map((r) => [r.enforcementLevel, r.message]), [
        ["advisory", 'Firehose stream s prefix "raw/!{timestamp:YYYY/MM}/" formats !{timestamp:YYYY/MM} with Y (week-based year); use yyyy'],
      ]);
    });

    it("can be made mandatory in config", async () => {
      const results = await resultsOf(firehoseCalendarYearPrefix, stream({}, { errorOutputPrefix: "e/!{firehose:error-output-type}/!{timestamp:YYYY}/" }), "mandatory");
      assert.deepEqual(results.map((r) => [r.enforcementLevel, r.outcome]), [["mandatory", "violation"]]);
    });

    it("does not apply to other destinations nor to other resource types", async () => {
      assert.deepEqual(await resultsOf(firehoseCalendarYearPrefix, toHttpEndpoint), []);
      assert.deepEqual(await resultsOf(firehoseCalendarYearPrefix, queueOnly), []);
    });
  });
});

describe("Athena policies", () => {
  type Configuration = types.input.athena.WorkgroupConfiguration;
  const ENCRYPTED: Configuration = {
    enforceWorkgroupConfiguration: true,
    resultConfiguration: { outputLocation: "s3://results/", encryptionConfiguration: { encryptionOption: "SSE_S3" } },
  };
  const workgroup = (configuration?: Configuration) => () => new athena.Workgroup("wg", { name: "usage", configuration });

  describe("athena-workgroup-enforce-configuration", () => {
    it("passes a workgroup that enforces its configuration", async () => {
      assert.deepEqual(await violations(athenaWorkgroupEnforceConfiguration, workgroup(ENCRYPTED)), []);
    });

    it("reports a workgroup that lets clients override it", async () => {
      assert.deepEqual(await violations(athenaWorkgroupEnforceConfiguration, workgroup({ ...ENCRYPTED, enforceWorkgroupConfiguration: false })), [
        "Athena workgroup wg lets clients override its configuration; set configuration.enforceWorkgroupConfiguration to true",
      ]);
    });

    it("accepts an unset flag as the AWS default, unless config requires it written", async () => {
      const unset = workgroup({ ...ENCRYPTED, enforceWorkgroupConfiguration: undefined });
      assert.deepEqual(await violations(athenaWorkgroupEnforceConfiguration, unset), []);
      assert.deepEqual(await violations(athenaWorkgroupEnforceConfiguration, workgroup(undefined), { requireExplicit: true }), [
        "Athena workgroup wg leaves configuration.enforceWorkgroupConfiguration unset; this pack is configured to require it written as true",
      ]);
    });

    it("does not apply to other resource types", async () => {
      assert.deepEqual(await resultsOf(athenaWorkgroupEnforceConfiguration, queueOnly), []);
    });
  });

  describe("athena-workgroup-encrypted-results", () => {
    it("passes a workgroup that encrypts results", async () => {
      assert.deepEqual(await violations(athenaWorkgroupEncryptedResults, workgroup(ENCRYPTED)), []);
    });

    it("reports a workgroup without result encryption or without any configuration", async () => {
      const message = "Athena workgroup wg does not encrypt query results; set configuration.resultConfiguration.encryptionConfiguration";
      assert.deepEqual(await violations(athenaWorkgroupEncryptedResults, workgroup({ resultConfiguration: { outputLocation: "s3://results/" } })), [message]);
      assert.deepEqual(await violations(athenaWorkgroupEncryptedResults, workgroup(undefined)), [message]);
    });

    it("requires KMS when configured to", async () => {
      assert.deepEqual(await violations(athenaWorkgroupEncryptedResults, workgroup(ENCRYPTED), { requireKms: true }), [
        "Athena workgroup wg encrypts query results with SSE_S3; this pack is configured to require SSE_KMS or CSE_KMS",
      ]);
      const kms = workgroup({ resultConfiguration: { encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k" } } });
      assert.deepEqual(await violations(athenaWorkgroupEncryptedResults, kms, { requireKms: true }), []);
    });

    it("does not apply to other resource types", async () => {
      assert.deepEqual(await resultsOf(athenaWorkgroupEncryptedResults, queueOnly), []);
    });
  });
});
