import assert from "node:assert/strict";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as kinesis from "@pulumi/aws/kinesis";
import * as s3 from "@pulumi/aws/s3";
import * as sqs from "@pulumi/aws/sqs";
import { s3BucketEncryption, s3LogBucketVersioning, s3PublicAccessBlocked, s3TlsOnly } from "../../policies/s3";
import { SecureBucket } from "../../components/shared/secure-bucket";
import { resultsOf, violations } from "./check";

const queueOnly = () => new sqs.Queue("q", {});

describe("S3 policies", () => {
  describe("s3-bucket-encryption", () => {
    it("passes a bucket with default encryption and names a bucket without it", async () => {
      assert.deepEqual(await violations(s3BucketEncryption, () => new SecureBucket("b")), []);
      assert.deepEqual(await violations(s3BucketEncryption, () => new SecureBucket("b", { encryption: "none" })), ["bucket b has no server-side encryption configuration"]);
    });

    it("treats a bare bucket (no settings resources at all) as unencrypted", async () => {
      assert.deepEqual(await violations(s3BucketEncryption, () => new s3.Bucket("bare")), ["bucket bare has no server-side encryption configuration"]);
    });

    it("requires SSE-KMS when requireKms is set", async () => {
      assert.deepEqual(await violations(s3BucketEncryption, () => new SecureBucket("b"), { requireKms: true }), [
        "bucket b is encrypted with AES256; this pack is configured to require SSE-KMS",
      ]);
      const withKey = () => new SecureBucket("b", { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k" });
      assert.deepEqual(await violations(s3BucketEncryption, withKey, { requireKms: true }), []);
    });

    it("passes a stack without buckets", async () => {
      assert.deepEqual((await resultsOf(s3BucketEncryption, queueOnly)).map((r) => r.outcome), ["pass"]);
    });
  });

  describe("s3-public-access-blocked", () => {
    it("treats a bare bucket as not blocking public access", async () => {
      assert.deepEqual(await violations(s3PublicAccessBlocked, () => new s3.Bucket("bare")), [
        "bucket bare does not block all public access (blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets must all be true)",
      ]);
    });

    it("can be lowered to advisory in config", async () => {
      const results = await resultsOf(s3PublicAccessBlocked, () => new SecureBucket("b", { blockPublicAccess: false }), "advisory");
      assert.deepEqual(results.map((r) => [r.outcome, r.enforcementLevel]), [["violation", "advisory"]]);
    });

    it("passes a stack without buckets", async () => {
      assert.deepEqual((await resultsOf(s3PublicAccessBlocked, queueOnly)).map((r) => r.outcome), ["pass"]);
    });
  });

  describe("s3-tls-only", () => {
    it("treats a bare bucket as allowing plain HTTP", async () => {
      assert.deepEqual(await violations(s3TlsOnly, () => new s3.Bucket("bare")), ["bucket bare has no bucket policy statement denying aws:SecureTransport = false"]);
    });

    it("can be disabled in config", async () => {
      assert.deepEqual(await resultsOf(s3TlsOnly, () => new s3.Bucket("bare"), "disabled"), []);
    });

    it("passes a stack without buckets", async () => {
      assert.deepEqual((await resultsOf(s3TlsOnly, queueOnly)).map((r) => r.outcome), ["pass"]);
    });
  });

  describe("s3-log-bucket-versioning", () => {
    const trailInto = (bucket: SecureBucket) =>
      new cloudtrail.Trail("trail", { s3BucketName: bucket.bucket.bucket, isMultiRegionTrail: true });

    it("passes a versioned bucket that a trail writes to", async () => {
      assert.deepEqual(await violations(s3LogBucketVersioning, () => trailInto(new SecureBucket("logs"))), []);
    });

    it("names a trail bucket whose versioning is suspended, and the trail that writes to it", async () => {
      assert.deepEqual(await violations(s3LogBucketVersioning, () => trailInto(new SecureBucket("logs", { versioning: false }))), [
        "log bucket logs (written by CloudTrail trail trail) has no BucketVersioning with status Enabled",
      ]);
    });

    it("finds a trail bucket given by its name as a plain string", async () => {
      const build = () => {
        new s3.Bucket("named", { bucket: "trail-logs-123" });
        new cloudtrail.Trail("trail", { s3BucketName: "trail-logs-123" });
      };
      assert.deepEqual(await violations(s3LogBucketVersioning, build), ["log bucket named (written by CloudTrail trail trail) has no BucketVersioning with status Enabled"]);
    });

    it("finds Firehose destinations and server access log targets", async () => {
      const build = () => {
        const lake = new s3.Bucket("lake");
        const access = new s3.Bucket("access");
        new kinesis.FirehoseDeliveryStream("stream", {
          destination: "extended_s3",
          extendedS3Configuration: { bucketArn: lake.arn, roleArn: "arn:aws:iam::123456789012:role/firehose" },
        });
        new s3.BucketLogging("lake-access-logs", { bucket: lake.id, targetBucket: access.id, targetPrefix: "lake/" });
      };
      assert.deepEqual(await violations(s3LogBucketVersioning, build), [
        "log bucket access (written by S3 server access logging lake-access-logs) has no BucketVersioning with status Enabled",
        "log bucket lake (written by Firehose stream stream) has no BucketVersioning with status Enabled",
      ]);
    });

    it("leaves buckets that receive no logs alone", async () => {
      assert.deepEqual(await violations(s3LogBucketVersioning, () => new s3.Bucket("data")), []);
    });

    it("treats a bucket tagged with the configured key as a log bucket", async () => {
      const tagged = () => new s3.Bucket("audit", { tags: { "audit-logs": "yes" } });
      assert.deepEqual(await violations(s3LogBucketVersioning, tagged), []);
      assert.deepEqual(await violations(s3LogBucketVersioning, tagged, { logBucketTagKey: "audit-logs" }), [
        "log bucket audit (written by tag audit-logs) has no BucketVersioning with status Enabled",
      ]);
    });

    it("passes a stack without buckets", async () => {
      assert.deepEqual((await resultsOf(s3LogBucketVersioning, queueOnly)).map((r) => r.outcome), ["pass"]);
    });
  });
});
