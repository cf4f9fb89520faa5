/**
 * Least-privilege statements of the widget functions and the dashboard viewers' policy: ARNs in,
 * statements out (leaves may be Pulumi inputs; `toJson` resolves them).
 */
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "../shared/iam";

type Arn = pulumi.Input<string>;

export interface AthenaAccess {
  workgroupArn: Arn;
  catalogArn: Arn;
  databaseArn: Arn;
  tableArn: Arn;
  resultsBucketArn: Arn;
  dataLakeBucketArn: Arn;
}

export interface DistinctUsersAccess {
  /** Log groups the widget may query (ARNs without a trailing :*). */
  logGroupArns: Arn[];
  athena?: AthenaAccess;
  /** Key encrypting the data lake and query results, when customer-managed. */
  kmsKeyArn?: Arn;
}

/** Logs Insights on the API log groups, Athena on one workgroup and table, S3 on the data lake and results. */
export function distinctUsersStatements(access: DistinctUsersAccess): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  if (access.logGroupArns.length > 0) {
    statements.push(
      {
        Sid: "QueryApiLogGroups",
        Effect: "Allow",
        Action: "logs:StartQuery",
        Resource: access.logGroupArns.flatMap((arn) => [arn, pulumi.interpolate`${arn}:*`]),
      },
      // GetQueryResults and StopQuery take a query id and support no resource-level permissions.
      { Sid: "ReadAndStopOwnQueries", Effect: "Allow", Action: ["logs:GetQueryResults", "logs:StopQuery"], Resource: "*" },
    );
  }
  const athena = access.athena;
  if (athena !== undefined) {
    statements.push(
      {
        Sid: "RunAthenaQueries",
        Effect: "Allow",
        Action: ["athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults", "athena:StopQueryExecution"],
        Resource: athena.workgroupArn,
      },
      { Sid: "ReadTableMetadata", Effect: "Allow", Action: ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"], Resource: [athena.catalogArn, athena.databaseArn, athena.tableArn] },
      { Sid: "ListDataLake", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: athena.dataLakeBucketArn },
      { Sid: "ReadDataLake", Effect: "Allow", Action: "s3:GetObject", Resource: pulumi.interpolate`${athena.dataLakeBucketArn}/*` },
      {
        Sid: "ListQueryResults",
        Effect: "Allow",
        Action: ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"],
        Resource: athena.resultsBucketArn,
      },
      {
        Sid: "WriteQueryResults",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
        Resource: pulumi.interpolate`${athena.resultsBucketArn}/*`,
      },
    );
    if (access.kmsKeyArn !== undefined) {
      statements.push({ Sid: "UseDataKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: access.kmsKeyArn });
    }
  }
  return statements;
}

/** GetMetricData supports no resource-level permissions. */
export function periodComparisonStatements(): PolicyStatement[] {
  return [{ Sid: "ReadMetrics", Effect: "Allow", Action: "cloudwatch:GetMetricData", Resource: "*" }];
}

/** What a dashboard viewer needs beyond CloudWatch read access: invoking exactly the widget functions. */
export function viewerPolicyDocument(widgetFunctionArns: Arn[]): PolicyDocument {
  return policyDocument([{ Sid: "InvokeDashboardWidgets", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: widgetFunctionArns }]);
}
