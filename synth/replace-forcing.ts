/**
 * Which inputs force a replacement, per resource type this project declares. @pulumi/aws ships no
 * schema in node_modules (only the generated classes), so this is a documented table: the fields the
 * Terraform AWS provider marks `ForceNew` (that @pulumi/aws bridges) under their Pulumi names, and,
 * for @pulumi/aws-native types, the CloudFormation resource schema's `createOnlyProperties` (Cloud
 * Control cannot update them) under their aws-native names; the aws-native classes also set these
 * as `replaceOnChanges`, which the change summary reads too.
 * A type missing here is reported as "updated" with a note that its replace rules are not known.
 */
const S3_CHILD = ["bucket", "expectedBucketOwner"];

export const REPLACE_FORCING_INPUTS: Readonly<Record<string, readonly string[]>> = {
  "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix", "objectLockEnabled"],
  "aws:s3/bucketPolicy:BucketPolicy": ["bucket"],
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": ["bucket"],
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": ["bucket"],
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": S3_CHILD,
  "aws:s3/bucketVersioning:BucketVersioning": S3_CHILD,
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": S3_CHILD,
  "aws:kms/key:Key": ["customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"],
  "aws:kms/alias:Alias": ["name", "namePrefix"],
  "aws:glue/catalogDatabase:CatalogDatabase": ["name", "catalogId"],
  "aws:glue/catalogTable:CatalogTable": ["name", "databaseName", "catalogId"],
  "aws:glue/crawler:Crawler": ["name"],
  "aws:cloudtrail/trail:Trail": ["name"],
  "aws:cloudwatch/logGroup:LogGroup": ["name", "namePrefix", "logGroupClass"],
  "aws:cloudwatch/logStream:LogStream": ["name", "logGroupName"],
  "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": ["name", "logGroup"],
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": ["name", "logGroupName"],
  "aws:cloudwatch/metricAlarm:MetricAlarm": ["name"],
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": ["alarmName"],
  "aws:cloudwatch/dashboard:Dashboard": ["dashboardName"],
  "aws:iam/role:Role": ["name", "namePrefix", "path"],
  "aws:iam/rolePolicy:RolePolicy": ["name", "namePrefix", "role"],
  "aws:iam/policy:Policy": ["name", "namePrefix", "path"],
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["role", "policyArn"],
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": ["name", "destination"],
  "aws:lambda/function:Function": ["name", "packageType"],
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": ["functionName", "qualifier"],
  "aws:lambda/permission:Permission": [
    "action",
    "eventSourceToken",
    "functionName",
    "functionUrlAuthType",
    "principal",
    "principalOrgId",
    "qualifier",
    "sourceAccount",
    "sourceArn",
    "statementId",
    "statementIdPrefix",
  ],
  "aws:sqs/queue:Queue": ["name", "namePrefix", "fifoQueue"],
  "aws:sns/topic:Topic": ["name", "namePrefix", "fifoTopic"],
  "aws:athena/workgroup:Workgroup": ["name"],
  // No update in the provider: every change replaces the query.
  "aws:athena/namedQuery:NamedQuery": ["name", "workgroup", "database", "query", "description"],
  "aws:oam/sink:Sink": ["name"],
  "aws:oam/link:Link": ["sinkIdentifier", "labelTemplate"],
  "aws:oam/sinkPolicy:SinkPolicy": ["sinkIdentifier"],
  "aws:quicksight/group:Group": ["groupName", "namespace", "awsAccountId"],
  "aws:quicksight/groupMembership:GroupMembership": ["groupName", "memberName", "namespace", "awsAccountId", "memberType"],
  "aws:quicksight/dataSource:DataSource": ["dataSourceId", "awsAccountId"],
  "aws:quicksight/dataSet:DataSet": ["dataSetId", "awsAccountId"],
  "aws:quicksight/refreshSchedule:RefreshSchedule": ["scheduleId", "dataSetId", "awsAccountId"],
  // AWS::QuickSight::Analysis and ::Dashboard: createOnlyProperties [AnalysisId | DashboardId, AwsAccountId].
  "aws-native:quicksight:Analysis": ["analysisId", "awsAccountId"],
  "aws-native:quicksight:Dashboard": ["awsAccountId", "dashboardId"],
};

/** Resource types that hold data or history: losing one loses what it kept. */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  "aws:s3/bucket:Bucket",
  "aws:kms/key:Key",
  "aws:glue/catalogDatabase:CatalogDatabase",
  "aws:glue/catalogTable:CatalogTable",
  "aws:cloudtrail/trail:Trail",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:sqs/queue:Queue",
]);
