/**
 * IAM documents of the access-log pipeline: pure functions of ARNs and names, tested against
 * golden statements.
 */
import * as pulumi from "@pulumi/pulumi";
import { PolicyDocument, PolicyStatement, policyDocument } from "../shared/iam";

export interface Account {
  accountId: pulumi.Input<string>;
  partition: pulumi.Input<string>;
  region: pulumi.Input<string>;
}

export interface GlueTableArns {
  catalog: pulumi.Output<string>;
  database: pulumi.Output<string>;
  table: pulumi.Output<string>;
}

/** Catalog, database and table ARNs: Glue checks all three for table reads. */
export function glueTableArns(account: Account, database: pulumi.Input<string>, table: pulumi.Input<string>): GlueTableArns {
  const base = pulumi.interpolate`arn:${account.partition}:glue:${account.region}:${account.accountId}`;
  return {
    catalog: pulumi.interpolate`${base}:catalog`,
    database: pulumi.interpolate`${base}:database/${database}`,
    table: pulumi.interpolate`${base}:table/${database}/${table}`,
  };
}

/** The enricher's slots (contracts/functions/access-log-enricher.ts): the usage-plan and API-key collections. */
export function enricherSlots(account: Pick<Account, "partition" | "region">) {
  const api = (path: string) => pulumi.interpolate`arn:${account.partition}:apigateway:${account.region}::${path}`;
  return { usagePlans: [api("/usageplans")], usagePlanKeys: [api("/usageplans/*/keys")], apiKeys: [api("/apikeys")] };
}

export interface FirehoseRoleResources {
  bucketArn: pulumi.Input<string>;
  functionArn: pulumi.Input<string>;
  errorLogGroupArn: pulumi.Input<string>;
  /** One log stream per delivery stream, in the one error log group. */
  errorLogStreamNames: pulumi.Input<string>[];
  /** Only when Firehose converts to Parquet with the table's schema. */
  glue?: GlueTableArns;
  kmsKeyArn?: pulumi.Input<string>;
  region: pulumi.Input<string>;
}

/** What the delivery stream's role may do: write the data lake, call the enricher, read the schema, log errors. */
export function firehoseRoleStatements(r: FirehoseRoleResources): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      Sid: "WriteDataLake",
      Effect: "Allow",
      Action: [
        "s3:AbortMultipartUpload",
        "s3:GetBucketLocation",
        "s3:GetObject",
        "s3:ListBucket",
        "s3:ListBucketMultipartUploads",
        "s3:PutObject",
      ],
      Resource: [r.bucketArn, pulumi.interpolate`${r.bucketArn}/*`],
    },
    {
      Sid: "InvokeEnricher",
      Effect: "Allow",
      Action: ["lambda:InvokeFunction", "lambda:GetFunctionConfiguration"],
      Resource: [r.functionArn, pulumi.interpolate`${r.functionArn}:*`],
    },
  ];
  if (r.glue) {
    statements.push({
      Sid: "ReadTableSchema",
      Effect: "Allow",
      Action: ["glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"],
      Resource: [r.glue.catalog, r.glue.database, r.glue.table],
    });
  }
  statements.push({
    Sid: "LogDeliveryErrors",
    Effect: "Allow",
    Action: "logs:PutLogEvents",
    // One stream keeps the single string earlier releases wrote, so a REST-only stack's policy does not change.
    Resource: r.errorLogStreamNames.length === 1 ? logStreamArn(r.errorLogGroupArn, r.errorLogStreamNames[0]) : r.errorLogStreamNames.map((n) => logStreamArn(r.errorLogGroupArn, n)),
  });
  if (r.kmsKeyArn) {
    statements.push({
      Sid: "EncryptDataLakeObjects",
      Effect: "Allow",
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: r.kmsKeyArn,
      Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`s3.${r.region}.amazonaws.com` } },
    });
  }
  return statements;
}

function logStreamArn(groupArn: pulumi.Input<string>, streamName: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.interpolate`${groupArn}:log-stream:${streamName}`;
}

/** Trust policy of the one role CloudWatch Logs uses to deliver subscribed log groups, this account and region only. */
export function logsToFirehoseTrust(account: Account): PolicyDocument {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: "logs.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringLike: { "aws:SourceArn": pulumi.interpolate`arn:${account.partition}:logs:${account.region}:${account.accountId}:*` } },
    },
  ]);
}

/** CloudWatch Logs may put records into this stream and nowhere else. */
export function logsToFirehoseStatements(streamArn: pulumi.Input<string>): PolicyStatement[] {
  return [{ Sid: "PutIntoAccessLogStream", Effect: "Allow", Action: ["firehose:PutRecord", "firehose:PutRecordBatch"], Resource: streamArn }];
}

/** The opt-in crawler reads the data lake and adds partitions to the one table. */
export function crawlerStatements(account: Account, bucketArn: pulumi.Input<string>, glue: GlueTableArns, kmsKeyArn?: pulumi.Input<string>): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      Sid: "ReadDataLake",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:ListBucket"],
      Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
    },
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
      Resource: [glue.catalog, glue.database, glue.table],
    },
    {
      Sid: "WriteCrawlerLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: pulumi.interpolate`arn:${account.partition}:logs:${account.region}:${account.accountId}:log-group:/aws-glue/crawlers*`,
    },
  ];
  if (kmsKeyArn) {
    statements.push({ Sid: "DecryptDataLake", Effect: "Allow", Action: "kms:Decrypt", Resource: kmsKeyArn });
  }
  return statements;
}
