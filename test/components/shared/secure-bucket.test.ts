import assert from "node:assert/strict";
import { SecureBucket } from "../../../components/shared/secure-bucket";
import { declare } from "../../engine/harness";

const T = {
  bucket: "aws:s3/bucket:Bucket",
  sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
};

describe("SecureBucket", () => {
  it("declares exactly the bucket and its six settings as children named after it", async () => {
    const plan = await declare(() => new SecureBucket("lake"));
    const component = plan.one("api-usage:shared:SecureBucket");
    const children = plan.childrenOf(component).map((r) => `${r.type} ${r.name}`).sort();
    assert.deepEqual(children, [
      `${T.bucket} lake`,
      `${T.lifecycle} lake-lifecycle`,
      `${T.ownership} lake-ownership`,
      `${T.policy} lake-policy`,
      `${T.pab} lake-public-access`,
      `${T.sse} lake-encryption`,
      `${T.versioning} lake-versioning`,
    ]);
  });

  it("encrypts with SSE-S3 by default", async () => {
    const plan = await declare(() => new SecureBucket("b"));
    assert.deepEqual(plan.one(T.sse).inputs.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
  });

  it("encrypts with SSE-KMS and a bucket key when a key is given", async () => {
    const key = "arn:aws:kms:us-east-1:123456789012:key/abc";
    const plan = await declare(() => new SecureBucket("b", { kmsKeyArn: key }));
    assert.deepEqual(plan.one(T.sse).inputs.rules, [
      { applyServerSideEncryptionByDefault: { kmsMasterKeyId: key, sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true },
    ]);
  });

  it("declares no encryption only when told encryption none", async () => {
    const plan = await declare(() => new SecureBucket("b", { encryption: "none" }));
    assert.equal(plan.ofType(T.sse).length, 0);
  });

  it("enables versioning by default and suspends it on request", async () => {
    const on = await declare(() => new SecureBucket("b"));
    assert.deepEqual(on.one(T.versioning).inputs.versioningConfiguration, { status: "Enabled" });
    const off = await declare(() => new SecureBucket("b", { versioning: false }));
    assert.deepEqual(off.one(T.versioning).inputs.versioningConfiguration, { status: "Suspended" });
  });

  it("blocks all four kinds of public access by default", async () => {
    const plan = await declare(() => new SecureBucket("b"));
    const { blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets } = plan.one(T.pab).inputs;
    assert.deepEqual([blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets], [true, true, true, true]);
  });

  it("denies every request that is not over TLS, on the bucket and its objects", async () => {
    const plan = await declare(() => new SecureBucket("b"));
    const bucket = plan.one(T.bucket);
    assert.deepEqual(plan.json(plan.one(T.policy), "policy"), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [bucket.outputs.arn, `${bucket.outputs.arn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
  });

  it("orders the bucket policy after the public-access block", async () => {
    const plan = await declare(() => new SecureBucket("b"));
    assert.deepEqual(plan.one(T.policy).dependsOn, [plan.one(T.pab).urn]);
  });

  it("enforces bucket-owner object ownership by default", async () => {
    const plan = await declare(() => new SecureBucket("b"));
    assert.deepEqual(plan.one(T.ownership).inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
  });

  it("expires noncurrent versions after 30 days and aborts stale uploads after 7 by default, with no transition or expiry", async () => {
    const plan = await declare(() => new SecureBucket("b"));
    const rules = plan.one(T.lifecycle).inputs.rules as Array<Record<string, unknown>>;
    assert.deepEqual(rules.map((r) => r.id), ["expire-noncurrent", "abort-incomplete-uploads"]);
    assert.deepEqual(rules[0].noncurrentVersionExpiration, { noncurrentDays: 30 });
    assert.deepEqual(rules[1].abortIncompleteMultipartUpload, { daysAfterInitiation: 7 });
  });

  it("transitions and expires objects when asked", async () => {
    const plan = await declare(() => new SecureBucket("b", { transitionToIaDays: 30, expirationDays: 400 }));
    const rules = plan.one(T.lifecycle).inputs.rules as Array<Record<string, unknown>>;
    assert.deepEqual(rules.find((r) => r.id === "transition-to-ia")?.transitions, [{ days: 30, storageClass: "STANDARD_IA" }]);
    assert.deepEqual(rules.find((r) => r.id === "expire")?.expiration, { days: 400 });
  });

  it("adds the caller's policy statements after the TLS rule", async () => {
    const plan = await declare(
      () =>
        new SecureBucket("b", {
          policyStatements: (arn) => [{ Sid: "Extra", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: arn }],
        }),
    );
    const doc = plan.json(plan.one(T.policy), "policy") as { Statement: Array<{ Sid: string }> };
    assert.deepEqual(doc.Statement.map((s) => s.Sid), ["DenyInsecureTransport", "Extra"]);
  });

  it("keeps objects on delete unless forceDestroy is set", async () => {
    const plan = await declare(() => new SecureBucket("b"));
    assert.equal(plan.one(T.bucket).inputs.forceDestroy, false);
  });
});
