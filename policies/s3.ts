/** S3: encryption, public access, TLS-only (AWS FSBP S3.1/S3.8, S3.5, S3.4; CIS 2.1.1). */
import * as aws from "@pulumi/aws";
import { StackValidationPolicy } from "@pulumi/policy";
import { asList, attachedTo, statementsOf } from "./lib";

const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";

export const s3BucketEncryption: StackValidationPolicy = {
  name: "s3-bucket-encryption",
  description: "Every S3 bucket has default server-side encryption (SSE-S3 or SSE-KMS) declared.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { requireKms: { type: "boolean", default: false } } },
  validateStack: (args, report) => {
    const { requireKms } = args.getConfig<{ requireKms: boolean }>();
    for (const bucket of args.resources.filter((r) => r.isType(aws.s3.Bucket))) {
      const configs = attachedTo(args.resources, bucket, SSE, "bucket");
      if (configs.length === 0) {
        report(`bucket ${bucket.name} has no server-side encryption configuration`, bucket.urn);
        continue;
      }
      const algorithms = configs.flatMap((c) => asList(c.props.rules as Array<{ applyServerSideEncryptionByDefault?: { sseAlgorithm?: string } }>))
        .map((rule) => rule.applyServerSideEncryptionByDefault?.sseAlgorithm);
      if (requireKms && !algorithms.some((a) => a === "aws:kms" || a === "aws:kms:dsse")) {
        report(`bucket ${bucket.name} is encrypted with ${algorithms.join(", ") || "nothing"}; this pack is configured to require SSE-KMS`, bucket.urn);
      }
    }
  },
};

export const s3PublicAccessBlocked: StackValidationPolicy = {
  name: "s3-public-access-blocked",
  description: "Every S3 bucket has a public access block with all four settings on.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    for (const bucket of args.resources.filter((r) => r.isType(aws.s3.Bucket))) {
      const blocks = attachedTo(args.resources, bucket, PAB, "bucket");
      const full = blocks.some((b) => ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every((k) => b.props[k] === true));
      if (!full) report(`bucket ${bucket.name} does not block all public access (blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets must all be true)`, bucket.urn);
    }
  },
};

export const s3TlsOnly: StackValidationPolicy = {
  name: "s3-tls-only",
  description: "Every S3 bucket policy denies requests that are not sent over TLS (aws:SecureTransport false).",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    for (const bucket of args.resources.filter((r) => r.isType(aws.s3.Bucket))) {
      const denies = attachedTo(args.resources, bucket, POLICY, "bucket")
        .flatMap((p) => statementsOf(p.props.policy))
        .some((s) => s.Effect === "Deny" && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false");
      if (!denies) report(`bucket ${bucket.name} has no bucket policy statement denying aws:SecureTransport = false`, bucket.urn);
    }
  },
};

export const S3_POLICIES = [s3BucketEncryption, s3PublicAccessBlocked, s3TlsOnly];
