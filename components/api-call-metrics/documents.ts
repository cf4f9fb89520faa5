/**
 * IAM and resource-policy documents of the API-call metrics: pure functions of ARNs, tested
 * against golden statements.
 */
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement, policyDocument, PolicyDocument } from "../shared/iam";

export interface Account {
  accountId: pulumi.Input<string>;
  partition: pulumi.Input<string>;
  region: pulumi.Input<string>;
}

/** The ARN a trail will have, known before it exists (the key policy and bucket policy need it). */
export function trailArnOf(account: Account, trailName: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.interpolate`arn:${account.partition}:cloudtrail:${account.region}:${account.accountId}:trail/${trailName}`;
}

/**
 * The trail key: the account administers it, CloudTrail may encrypt for this trail only, and
 * principals of this account may decrypt trail logs.
 */
export function trailKeyPolicy(account: Account, trailArn: pulumi.Input<string>): PolicyDocument {
  const root = pulumi.interpolate`arn:${account.partition}:iam::${account.accountId}:root`;
  const trailContext = pulumi.interpolate`arn:${account.partition}:cloudtrail:*:${account.accountId}:trail/*`;
  return policyDocument([
    { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: root }, Action: "kms:*", Resource: "*" },
    {
      Sid: "CloudTrailEncrypts",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trailContext },
        StringEquals: { "aws:SourceArn": trailArn },
      },
    },
    {
      Sid: "CloudTrailDescribes",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceArn": trailArn } },
    },
    {
      Sid: "AccountDecryptsTrailLogs",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
      Resource: "*",
      Condition: {
        StringEquals: { "kms:CallerAccount": account.accountId },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trailContext },
      },
    },
  ]);
}

/** Bucket-policy statements that let CloudTrail deliver this trail's logs, and nothing else. */
export function trailBucketStatements(bucketArn: pulumi.Input<string>, trailArn: pulumi.Input<string>, accountId: pulumi.Input<string>): PolicyStatement[] {
  return [
    {
      Sid: "CloudTrailAclCheck",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: bucketArn,
      Condition: { StringEquals: { "aws:SourceArn": trailArn } },
    },
    {
      Sid: "CloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${accountId}/*`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
    },
  ];
}

/** What CloudTrail's delivery role may do: write streams of one log group. */
export function trailToLogsStatements(logGroupArn: pulumi.Input<string>): PolicyStatement[] {
  return [
    {
      Sid: "DeliverToOneLogGroup",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: pulumi.interpolate`${logGroupArn}:log-stream:*`,
    },
  ];
}
