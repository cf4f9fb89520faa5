import * as pulumi from "@pulumi/pulumi";
import * as aws from "../shared/aws";
import { COUNTER_ENVIRONMENT, COUNTER_FAILURE_DEFAULTS, COUNTER_PERMISSIONS } from "../../contracts/functions/api-call-counter";
import { arnOf, placeOf } from "../shared/arns";
import { BundledFunction, LambdaArchitecture, LambdaRuntime } from "../shared/bundled-function";
import { assumeRolePolicy, policyDocument, statementsFor, toJson } from "../shared/iam";
import { secureLogGroup } from "../shared/log-group";
import { SecureBucket } from "../shared/secure-bucket";
import { API_CALL_METRICS_DEFAULTS } from "./defaults";
import { trailArnOf, trailBucketStatements, trailKeyPolicy, trailToLogsStatements } from "./documents";
import { API_CALL_METRICS_SCHEMA, type ApiCallMetricsSettings, type ApiCallMetricsSettingsArgs } from "./settings";

export { API_CALL_METRICS_DEFAULTS } from "./defaults";
export { API_CALL_METRICS_SCHEMA } from "./settings";

export interface ApiCallMetricsArgs extends Omit<ApiCallMetricsSettingsArgs, "existingLogGroupName"> {
  /** Count the events of a trail that already delivers to this log group instead of creating a trail. */
  existingLogGroupName?: pulumi.Input<string>;
  /** Customer-managed key for the log group, the trail bucket's default encryption and the queues. */
  kmsKeyArn?: pulumi.Input<string>;
  runtime?: LambdaRuntime;
  architecture?: LambdaArchitecture;
  /** protect + retainOnDelete on the trail, its key, bucket and log group (default true). */
  protectData?: boolean;
}

/**
 * A multi-region CloudTrail trail (KMS-encrypted, validated, delivered to S3 and CloudWatch Logs)
 * whose log group feeds the api-call-counter, which publishes per-minute call counts.
 */
export class ApiCallMetrics extends pulumi.ComponentResource {
  readonly trailArn: pulumi.Output<string | undefined>;
  readonly logGroupName: pulumi.Output<string>;
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly functionName: pulumi.Output<string>;
  readonly functionArn: pulumi.Output<string>;
  readonly deadLetterQueueUrl: pulumi.Output<string>;

  constructor(name: string, args: ApiCallMetricsArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super("api-usage:api-call-metrics:ApiCallMetrics", name, {}, opts);
    const { kmsKeyArn: _key, runtime: _runtime, architecture: _architecture, protectData = true, ...settingArgs } = args;
    const settings = API_CALL_METRICS_SCHEMA.resolve(`ApiCallMetrics ${name}`, settingArgs as ApiCallMetricsSettingsArgs);
    const fixed = API_CALL_METRICS_DEFAULTS;
    const parent = { parent: this };
    const kmsKeyArn = args.kmsKeyArn || undefined;

    let logGroupName: pulumi.Output<string>;
    let logGroupArn: pulumi.Output<string>;
    if (settings.existingLogGroupName) {
      const existing = aws.cloudwatch.getLogGroupOutput({ name: settings.existingLogGroupName as pulumi.Input<string> }, parent);
      logGroupName = existing.name;
      logGroupArn = existing.arn;
      this.trailArn = pulumi.output(undefined);
    } else {
      const trail = this.createTrail(name, settings, kmsKeyArn, protectData);
      logGroupName = trail.logGroup.name;
      logGroupArn = trail.logGroup.arn;
      this.trailArn = trail.trail.arn;
    }

    const queue = new aws.sqs.Queue(
      `${name}-dead-letters`,
      {
        messageRetentionSeconds: fixed.deadLetterRetentionSeconds,
        sqsManagedSseEnabled: kmsKeyArn ? undefined : true,
        kmsMasterKeyId: kmsKeyArn,
      },
      parent,
    );

    // Async invocations that still fail after Lambda's retries land here instead of vanishing.
    const failedEvents = new aws.sqs.Queue(
      `${name}-failed-events`,
      { messageRetentionSeconds: fixed.deadLetterRetentionSeconds, sqsManagedSseEnabled: kmsKeyArn ? undefined : true, kmsMasterKeyId: kmsKeyArn },
      parent,
    );

    const place = placeOf(parent);
    const counter = new BundledFunction(
      `${name}-counter`,
      {
        bundle: "api-call-counter",
        description: "Counts CloudTrail API calls into per-minute CloudWatch metrics",
        statements: statementsFor(
          COUNTER_PERMISSIONS,
          { namespace: [settings.namespace], deadLetterQueue: [arnOf.queue(place, queue.name)], failureDestination: [arnOf.queue(place, failedEvents.name)] },
          kmsKeyArn,
        ),
        environment: COUNTER_ENVIRONMENT.toEnvironment<pulumi.Output<string>>({
          namespace: settings.namespace,
          metricName: settings.metricName,
          dimensionSets: settings.dimensionSets,
          allowedEventSources: settings.includeEventSources,
          deniedEventSources: settings.excludeEventSources,
          deadLetterQueueUrl: queue.url,
          publishMaxAttempts: settings.publish.maxAttempts,
          publishBaseDelayMs: settings.publish.baseDelayMs,
          publishMaxDelayMs: settings.publish.maxDelayMs,
          publishConcurrency: settings.publish.concurrency,
          ...COUNTER_FAILURE_DEFAULTS,
        }),
        timeoutSeconds: fixed.counterTimeoutSeconds,
        memorySizeMb: fixed.counterMemorySizeMb,
        runtime: args.runtime,
        architecture: args.architecture,
        logRetentionDays: settings.logRetentionDays,
        kmsKeyArn,
      },
      parent,
    );

    new aws.lambda.FunctionEventInvokeConfig(
      `${name}-counter-async`,
      {
        functionName: counter.function.name,
        maximumRetryAttempts: 2,
        destinationConfig: { onFailure: { destination: failedEvents.arn } },
      },
      parent,
    );

    const invoke = new aws.lambda.Permission(
      `${name}-counter-invoke`,
      {
        action: "lambda:InvokeFunction",
        function: counter.function.name,
        principal: "logs.amazonaws.com",
        sourceArn: pulumi.interpolate`${logGroupArn}:*`,
      },
      parent,
    );

    new aws.cloudwatch.LogSubscriptionFilter(
      `${name}-subscription`,
      { logGroup: logGroupName, filterPattern: "", destinationArn: counter.arn },
      { parent: this, dependsOn: [invoke] },
    );

    this.logGroupName = logGroupName;
    this.metricNamespace = settings.namespace;
    this.metricName = settings.metricName;
    this.functionName = counter.functionName;
    this.functionArn = counter.arn;
    this.deadLetterQueueUrl = queue.url;
    this.registerOutputs({
      trailArn: this.trailArn,
      logGroupName: this.logGroupName,
      metricNamespace: this.metricNamespace,
      functionName: this.functionName,
    });
  }

  private createTrail(name: string, settings: ApiCallMetricsSettings, kmsKeyArn: pulumi.Input<string> | undefined, protectData: boolean) {
    const keep = { protect: protectData, retainOnDelete: protectData };
    const parent = { parent: this };
    const account = placeOf(parent);
    const trailName = `${name}-${pulumi.getStack()}`;
    const trailArn = trailArnOf(account, trailName);

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Encrypts CloudTrail logs of trail ${trailName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: toJson(trailKeyPolicy(account, trailArn)),
      },
      { ...parent, ...keep },
    );

    const bucket = new SecureBucket(
      `${name}-trail-bucket`,
      {
        kmsKeyArn,
        expirationDays: settings.trailLogExpirationDays,
        policyStatements: (bucketArn) => trailBucketStatements(bucketArn, trailArn, account.accountId),
        protect: protectData,
      },
      parent,
    );

    const logGroup = secureLogGroup(`${name}-trail-logs`, { retentionInDays: settings.logRetentionDays, kmsKeyArn }, { ...parent, ...keep });

    const role = new aws.iam.Role(`${name}-trail-to-logs`, { assumeRolePolicy: toJson(assumeRolePolicy("cloudtrail.amazonaws.com", account.accountId)) }, parent);
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-trail-to-logs`,
      { role: role.id, policy: toJson(policyDocument(trailToLogsStatements(arnOf.logGroup(account, logGroup.name)))) },
      parent,
    );

    const trail = new aws.cloudtrail.Trail(
      name,
      {
        name: trailName,
        s3BucketName: bucket.bucketName,
        kmsKeyId: key.arn,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
        cloudWatchLogsRoleArn: role.arn,
        eventSelectors: [
          {
            readWriteType: settings.readWriteType,
            includeManagementEvents: true,
            dataResources: settings.dataEvents.map((type) => ({ type, values: [dataEventScope(type)] })),
          },
        ],
      },
      // CloudTrail checks the bucket policy when the trail is created: without it the first deploy fails.
      { parent: this, dependsOn: [bucket.policy!, rolePolicy], ...keep },
    );
    return { trail, logGroup };
  }
}

/** The "all resources of this type" value CloudTrail expects per data-event type. */
function dataEventScope(type: string): string {
  if (type === "AWS::S3::Object") return "arn:aws:s3";
  if (type === "AWS::Lambda::Function") return "arn:aws:lambda";
  if (type === "AWS::DynamoDB::Table") return "arn:aws:dynamodb";
  throw new Error(`dataEvents entry ${JSON.stringify(type)} is not supported; expected AWS::S3::Object, AWS::Lambda::Function or AWS::DynamoDB::Table`);
}
