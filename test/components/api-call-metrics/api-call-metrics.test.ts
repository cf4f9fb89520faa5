import assert from "node:assert/strict";
import { ApiCallMetrics } from "../../../components/api-call-metrics";
import { declare } from "../../engine/harness";

const T = {
  trail: "aws:cloudtrail/trail:Trail",
  key: "aws:kms/key:Key",
  bucket: "aws:s3/bucket:Bucket",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  fn: "aws:lambda/function:Function",
  permission: "aws:lambda/permission:Permission",
  subscription: "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
  queue: "aws:sqs/queue:Queue",
};
const ACCOUNT = "123456789012";
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/calls-test`;

describe("ApiCallMetrics", () => {
  it("declares the trail, its key, bucket, log group, delivery role, counter, queue and subscription", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls"));
    const component = plan.one("api-usage:api-call-metrics:ApiCallMetrics");
    assert.deepEqual(plan.childrenOf(component).map((r) => `${r.type} ${r.name}`).sort(), [
      `${T.subscription} calls-subscription`,
      `${T.logGroup} calls-trail-logs`,
      `${T.permission} calls-counter-invoke`,
      `${T.trail} calls`,
      `${T.key} calls-key`,
      `${T.role} calls-trail-to-logs`,
      `${T.rolePolicy} calls-trail-to-logs`,
      `${T.queue} calls-dead-letters`,
      `${T.queue} calls-failed-events`,
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig calls-counter-async",
      "api-usage:shared:BundledFunction calls-counter",
      "api-usage:shared:SecureBucket calls-trail-bucket",
    ].sort());
  });

  it("records every region, global service events and validated log files into KMS", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls"));
    const trail = plan.one(T.trail).inputs;
    assert.equal(trail.name, "calls-test");
    assert.equal(trail.isMultiRegionTrail, true);
    assert.equal(trail.includeGlobalServiceEvents, true);
    assert.equal(trail.enableLogFileValidation, true);
    assert.equal(trail.kmsKeyId, plan.one(T.key).outputs.arn);
    assert.equal(trail.s3BucketName, plan.one(T.bucket).outputs.bucket);
  });

  it("creates the trail only after the bucket policy that admits CloudTrail", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls"));
    assert.ok(plan.one(T.trail).dependsOn.includes(plan.one(T.bucketPolicy).urn));
  });

  it("records all management events and no data events by default", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls"));
    assert.deepEqual(plan.one(T.trail).inputs.eventSelectors, [{ dataResources: [], includeManagementEvents: true, readWriteType: "All" }]);
  });

  it("records write-only management events and S3 object data events on request", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls", { readWriteType: "WriteOnly", dataEvents: ["AWS::S3::Object"] }));
    assert.deepEqual(plan.one(T.trail).inputs.eventSelectors, [
      { dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }], includeManagementEvents: true, readWriteType: "WriteOnly" },
    ]);
  });

  it("rotates the trail key and lets CloudTrail encrypt only for this trail and the account decrypt", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls"));
    const key = plan.one(T.key);
    assert.equal(key.inputs.enableKeyRotation, true);
    const context = `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*`;
    assert.deepEqual(plan.json(key, "policy"), {
      Version: "2012-10-17",
      Statement: [
        { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
        {
          Sid: "CloudTrailEncrypts",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "kms:GenerateDataKey*",
          Resource: "*",
          Condition: { StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": context }, StringEquals: { "aws:SourceArn": TRAIL_ARN } },
        },
        {
          Sid: "CloudTrailDescribes",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "kms:DescribeKey",
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
        },
        {
          Sid: "AccountDecryptsTrailLogs",
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
          Resource: "*",
          Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": context } },
        },
      ],
    });
  });

  it("admits CloudTrail to the bucket for this trail only, after the TLS rule", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls"));
    const bucketArn = plan.one(T.bucket).outputs.arn;
    const doc = plan.json(plan.one(T.bucketPolicy), "policy") as { Statement: unknown[] };
    assert.deepEqual(doc.Statement.slice(1), [
      {
        Sid: "CloudTrailAclCheck",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: bucketArn,
        Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
      },
      {
        Sid: "CloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${bucketArn}/AWSLogs/${ACCOUNT}/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } },
      },
    ]);
  });

  it("lets CloudTrail's role write only streams of its own log group", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls"));
    const group = plan.one(T.logGroup, "calls-trail-logs");
    assert.deepEqual(plan.json(plan.one(T.rolePolicy, "calls-trail-to-logs"), "policy"), {
      Version: "2012-10-17",
      Statement: [{ Sid: "DeliverToOneLogGroup", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${group.outputs.arn}:log-stream:*` }],
    });
    assert.deepEqual(plan.json(plan.one(T.role, "calls-trail-to-logs"), "assumeRolePolicy"), {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }],
    });
    assert.equal(plan.one(T.trail).inputs.cloudWatchLogsGroupArn, `${group.outputs.arn}:*`);
  });

  it("lets the counter publish only to its namespace and dead-letter only to its queue", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls"));
    const doc = plan.json(plan.one(T.rolePolicy, "calls-counter-policy"), "policy") as { Statement: unknown[] };
    assert.deepEqual(doc.Statement.slice(1), [
      { Sid: "PublishOwnNamespace", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "ApiUsage/CloudTrail" } } },
      { Sid: "DeadLetter", Effect: "Allow", Action: "sqs:SendMessage", Resource: plan.one(T.queue, "calls-dead-letters").outputs.arn },
      { Sid: "FailureDestination", Effect: "Allow", Action: "sqs:SendMessage", Resource: plan.one(T.queue, "calls-failed-events").outputs.arn },
    ]);
  });

  it("configures the counter with namespace, default dimension sets and the queue URL", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls"));
    assert.deepEqual(plan.one(T.fn).inputs.environment, {
      variables: {
        DEAD_LETTER_QUEUE_URL: plan.one(T.queue, "calls-dead-letters").outputs.url,
        DIMENSION_SETS: '[["EventSource","EventName"],["EventSource","ErrorCode"],["Region"],[]]',
        METRIC_NAMESPACE: "ApiUsage/CloudTrail",
        METRIC_NAME: "CallCount",
        ALLOWED_EVENT_SOURCES: "",
        DENIED_EVENT_SOURCES: "",
        PUBLISH_BASE_DELAY_MS: "100",
        PUBLISH_CONCURRENCY: "4",
        PUBLISH_MAX_ATTEMPTS: "5",
        PUBLISH_MAX_DELAY_MS: "5000",
        CONNECT_TIMEOUT_MS: "2000",
        REQUEST_TIMEOUT_MS: "5000",
        CALL_MAX_ATTEMPTS: "3",
        DEADLINE_MARGIN_MS: "2000",
        DEAD_LETTER_RESERVE_MS: "10000",
        DELIVERY_GUARANTEE: "at-least-once",
      },
    });
  });

  it("passes event-source allow and deny lists to the counter", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls", { includeEventSources: ["s3.amazonaws.com", "ec2.amazonaws.com"], excludeEventSources: ["kms.amazonaws.com"] }));
    const vars = (plan.one(T.fn).inputs.environment as { variables: Record<string, string> }).variables;
    assert.equal(vars.ALLOWED_EVENT_SOURCES, "s3.amazonaws.com,ec2.amazonaws.com");
    assert.equal(vars.DENIED_EVENT_SOURCES, "kms.amazonaws.com");
  });

  it("subscribes the counter to the trail's log group, invokable only from that group", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls"));
    const group = plan.one(T.logGroup, "calls-trail-logs");
    const fn = plan.one(T.fn);
    const permission = plan.one(T.permission);
    assert.deepEqual(
      [permission.inputs.principal, permission.inputs.sourceArn, permission.inputs.function],
      ["logs.amazonaws.com", `${group.outputs.arn}:*`, fn.outputs.name],
    );
    const subscription = plan.one(T.subscription);
    assert.deepEqual([subscription.inputs.logGroup, subscription.inputs.destinationArn, subscription.inputs.filterPattern], [group.outputs.name, fn.outputs.arn, ""]);
    assert.deepEqual(subscription.dependsOn, [permission.urn]);
  });

  it("keeps dead letters encrypted for the SQS maximum of 14 days", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls"));
    for (const queue of plan.ofType(T.queue)) {
      assert.deepEqual([queue.inputs.sqsManagedSseEnabled, queue.inputs.messageRetentionSeconds], [true, 1209600], queue.name);
    }
  });

  it("keeps trail logs 30 days in CloudWatch and 365 days in S3 by default", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls"));
    assert.equal(plan.one(T.logGroup, "calls-trail-logs").inputs.retentionInDays, 30);
    const rules = plan.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules as Array<{ id: string; expiration?: unknown }>;
    assert.deepEqual(rules.find((r) => r.id === "expire")?.expiration, { days: 365 });
  });

  it("uses an existing trail's log group without creating a trail, key, bucket or role", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls", { existingLogGroupName: "org-trail" }));
    for (const type of [T.trail, T.key, T.bucket]) {
      assert.equal(plan.ofType(type).length, 0, type);
    }
    assert.deepEqual(plan.ofType(T.role).map((r) => r.name), ["calls-counter-role"]);
    assert.equal(plan.one(T.subscription).inputs.logGroup, "org-trail");
    assert.equal(plan.one(T.permission).inputs.sourceArn, `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:org-trail:*`);
  });

  it("sends async invocations that still fail after two retries to their own queue", async () => {
    const plan = await declare(() => new ApiCallMetrics("calls"));
    const config = plan.one("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig").inputs;
    assert.deepEqual(config, {
      destinationConfig: { onFailure: { destination: plan.one(T.queue, "calls-failed-events").outputs.arn } },
      functionName: plan.one(T.fn).outputs.name,
      maximumRetryAttempts: 2,
    });
  });

  it("rejects a data-event type it cannot scope", () => {
    assert.throws(
      () => new ApiCallMetrics("calls", { dataEvents: ["AWS::EC2::Snapshot"] as unknown as ["AWS::S3::Object"] }),
      /ApiCallMetrics calls: dataEvents\[0\] must be one of AWS::S3::Object, AWS::Lambda::Function, AWS::DynamoDB::Table, got "AWS::EC2::Snapshot"/,
    );
  });
});
