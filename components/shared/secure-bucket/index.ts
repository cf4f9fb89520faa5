import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { PolicyStatement, policyDocument, toJson } from "../iam";
import { SECURE_BUCKET_DEFAULTS } from "./defaults";

export { SECURE_BUCKET_DEFAULTS } from "./defaults";

export interface SecureBucketArgs {
  /** Customer-managed KMS key for SSE-KMS; without it, SSE-S3 (AES256). */
  kmsKeyArn?: pulumi.Input<string>;
  encryption?: "auto" | "none";
  versioning?: boolean;
  blockPublicAccess?: boolean;
  tlsOnly?: boolean;
  objectOwnership?: "BucketOwnerEnforced" | "BucketOwnerPreferred" | "ObjectWriter";
  transitionToIaDays?: number;
  expirationDays?: number;
  noncurrentVersionExpirationDays?: number;
  abortIncompleteUploadDays?: number;
  forceDestroy?: boolean;
  /** protect and retainOnDelete on the bucket (default true); false for throw-away stacks. */
  protect?: boolean;
  /** Extra bucket-policy statements (e.g. CloudTrail delivery), given the bucket ARN. */
  policyStatements?: (bucketArn: pulumi.Output<string>) => PolicyStatement[];
}

/** The TLS-only statement every bucket policy starts with. */
export function denyInsecureTransport(bucketArn: pulumi.Input<string>): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/**
 * An S3 bucket with encryption, versioning, public access blocked, a TLS-only policy, ownership
 * controls and a lifecycle. Every default is in SECURE_BUCKET_DEFAULTS and can be overridden.
 */
export class SecureBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly policy?: aws.s3.BucketPolicy;
  readonly publicAccessBlock?: aws.s3.BucketPublicAccessBlock;
  readonly bucketName: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: SecureBucketArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("api-usage:shared:SecureBucket", name, {}, opts);
    const options = { ...SECURE_BUCKET_DEFAULTS, ...definedOnly(args) };
    const parent = { parent: this };

    this.bucket = new aws.s3.Bucket(name, { forceDestroy: options.forceDestroy }, { parent: this, protect: options.protect, retainOnDelete: options.protect });
    const bucketId = this.bucket.id;
    this.bucketName = this.bucket.bucket;
    // Built from the name (chosen before the bucket exists) rather than the `arn` output, so a
    // preview already knows the bucket policy and the policy pack can check it before `up`.
    this.arn = pulumi.interpolate`arn:${aws.getPartitionOutput({}, parent).partition}:s3:::${this.bucket.bucket}`;

    new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucketId, rule: { objectOwnership: options.objectOwnership } }, parent);

    if (options.blockPublicAccess) {
      this.publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
        `${name}-public-access`,
        { bucket: bucketId, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        parent,
      );
    }

    if (options.encryption !== "none") {
      new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-encryption`,
        {
          bucket: bucketId,
          rules: [
            {
              applyServerSideEncryptionByDefault: args.kmsKeyArn
                ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }
                : { sseAlgorithm: "AES256" },
              bucketKeyEnabled: args.kmsKeyArn ? true : undefined,
            },
          ],
        },
        parent,
      );
    }

    new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: bucketId, versioningConfiguration: { status: options.versioning ? "Enabled" : "Suspended" } },
      parent,
    );

    const rules = lifecycleRules(options);
    if (rules.length) new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, { bucket: bucketId, rules }, parent);

    const statements = [...(options.tlsOnly ? [denyInsecureTransport(this.arn)] : []), ...(args.policyStatements?.(this.arn) ?? [])];
    if (statements.length) {
      this.policy = new aws.s3.BucketPolicy(
        `${name}-policy`,
        { bucket: bucketId, policy: toJson(policyDocument(statements)) },
        // A public-access block must exist before a policy that it would otherwise reject.
        { parent: this, dependsOn: this.publicAccessBlock ? [this.publicAccessBlock] : [] },
      );
    }

    this.registerOutputs({ bucketName: this.bucketName, arn: this.arn });
  }
}

function lifecycleRules(options: typeof SECURE_BUCKET_DEFAULTS): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
  const rules: aws.types.input.s3.BucketLifecycleConfigurationRule[] = [];
  const whole = { prefix: "" };
  if (options.transitionToIaDays > 0) {
    rules.push({ id: "transition-to-ia", status: "Enabled", filter: whole, transitions: [{ days: options.transitionToIaDays, storageClass: "STANDARD_IA" }] });
  }
  if (options.expirationDays > 0) rules.push({ id: "expire", status: "Enabled", filter: whole, expiration: { days: options.expirationDays } });
  if (options.noncurrentVersionExpirationDays > 0) {
    rules.push({ id: "expire-noncurrent", status: "Enabled", filter: whole, noncurrentVersionExpiration: { noncurrentDays: options.noncurrentVersionExpirationDays } });
  }
  if (options.abortIncompleteUploadDays > 0) {
    rules.push({ id: "abort-incomplete-uploads", status: "Enabled", filter: whole, abortIncompleteMultipartUpload: { daysAfterInitiation: options.abortIncompleteUploadDays } });
  }
  return rules;
}

/** Overrides without their undefined keys, so `{ versioning: undefined }` keeps the default. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
