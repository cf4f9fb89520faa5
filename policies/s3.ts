/** S3: encryption, public access, TLS-only, versioned log buckets (AWS FSBP S3.1/S3.8, S3.5, S3.4, S3.14; CIS 2.1.x). */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import * as aws from "./aws";
import { asList, attachedTo, isRecord, isUnknown, known, refersTo, statementsOf } from "./lib";

const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const VERSIONING_TYPES = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"];
const TRAIL = "aws:cloudtrail/trail:Trail";
const FIREHOSE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const ACCESS_LOGGING_TYPES = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];

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
  description:
    "Every S3 bucket policy denies requests that are not sent over TLS (aws:SecureTransport false). In a preview, a bucket without any bucket policy is refused; a policy document that is not known yet (built from unknown outputs) is checked at `up`.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    for (const bucket of args.resources.filter((r) => r.isType(aws.s3.Bucket))) {
      const policies = attachedTo(args.resources, bucket, POLICY, "bucket");
      if (policies.some((p) => isUnknown(p.props, "policy"))) continue;
      const denies = policies
        .flatMap((p) => statementsOf(p.props.policy))
        .some((s) => s.Effect === "Deny" && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false");
      if (!denies) report(`bucket ${bucket.name} has no bucket policy statement denying aws:SecureTransport = false`, bucket.urn);
    }
  },
};

/** Why a bucket counts as a log bucket: the writers that deliver logs to it, and a marking tag. */
function logWritersOf(resources: readonly PolicyResource[], bucket: PolicyResource, tagKey: string): string[] {
  const [bucketName, arn] = [known(bucket.props, "bucket"), known(bucket.props, "arn")];
  const writers: string[] = [];
  for (const trail of resources.filter((r) => r.type === TRAIL)) {
    if (refersTo(trail, "s3BucketName", bucket, [bucketName])) writers.push(`CloudTrail trail ${trail.name}`);
  }
  for (const stream of resources.filter((r) => r.type === FIREHOSE)) {
    const destination = known(stream.props, "extendedS3Configuration");
    const byArn = typeof arn === "string" && known(destination, "bucketArn") === arn;
    const byDependency = (stream.propertyDependencies.extendedS3Configuration ?? []).some((d) => d.urn === bucket.urn);
    if (byArn || byDependency) writers.push(`Firehose stream ${stream.name}`);
  }
  for (const logging of resources.filter((r) => ACCESS_LOGGING_TYPES.includes(r.type))) {
    if (refersTo(logging, "targetBucket", bucket, [bucketName])) writers.push(`S3 server access logging ${logging.name}`);
  }
  const tags = known(bucket.props, "tags");
  if (isRecord(tags) && tagKey in tags) writers.push(`tag ${tagKey}`);
  return writers;
}

function isVersioned(resources: readonly PolicyResource[], bucket: PolicyResource): boolean {
  const legacy = known(bucket.props, "versioning");
  if (isRecord(legacy) && known(legacy, "enabled") === true) return true;
  return VERSIONING_TYPES.flatMap((type) => attachedTo(resources, bucket, type, "bucket")).some((v) => {
    const config = known(v.props, "versioningConfiguration");
    return isRecord(config) && known(config, "status") === "Enabled";
  });
}

export const s3LogBucketVersioning: StackValidationPolicy = {
  name: "s3-log-bucket-versioning",
  description:
    "Every bucket that receives logs (a CloudTrail trail's s3BucketName, a Firehose extended S3 destination, an S3 server access logging target, or a bucket carrying the configured tag) has a BucketVersioning with status Enabled, so overwritten or deleted log objects can be recovered.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      logBucketTagKey: { type: "string", default: "log-bucket", description: "A bucket with this tag key (any value) is treated as a log bucket even when no writer in the stack is found." },
    },
  },
  validateStack: (args, report) => {
    const { logBucketTagKey } = args.getConfig<{ logBucketTagKey: string }>();
    for (const bucket of args.resources.filter((r) => r.isType(aws.s3.Bucket))) {
      const writers = logWritersOf(args.resources, bucket, logBucketTagKey);
      if (writers.length > 0 && !isVersioned(args.resources, bucket)) {
        report(`log bucket ${bucket.name} (written by ${writers.join(", ")}) has no BucketVersioning with status Enabled`, bucket.urn);
      }
    }
  },
};

export const S3_POLICIES = [s3BucketEncryption, s3PublicAccessBlocked, s3TlsOnly, s3LogBucketVersioning];
