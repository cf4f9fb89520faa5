/**
 * Lookups several checks share, starting from the stack outputs and following what AWS reports
 * (the trail's log group → its subscription → the counter function → its queues), so the doctor
 * needs no name the outputs do not give. Each is memoized per run.
 */
import { GetTrailCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeSubscriptionFiltersCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeDeliveryStreamCommand, type DeliveryStreamDescription } from "@aws-sdk/client-firehose";
import { GetFunctionConfigurationCommand, type FunctionConfiguration } from "@aws-sdk/client-lambda";
import { DescribeDashboardCommand, type Dashboard } from "@aws-sdk/client-quicksight";
import { COUNTER_ENVIRONMENT } from "../../contracts/functions/api-call-counter";
import { nameInArn, type CheckContext } from "./check";

/** A lookup found nothing to check: the check reports this as its failure. */
export class NotFound extends Error {
  constructor(
    readonly cause: string,
    readonly fix: string,
  ) {
    super(cause);
    this.name = "NotFound";
  }
}

/** The api-call-counter: the Lambda function subscribed to the trail's log group that publishes into the stack's namespace. */
export function counterFunction(ctx: CheckContext): Promise<FunctionConfiguration> {
  return ctx.memo("counter", async () => {
    const trailArn = ctx.outputs.apiCallTrailArn;
    if (!trailArn) throw new NotFound("the stack has no trail of its own (apiCallTrailArn is null)", "nothing to fix: the doctor follows the stack's own trail only");
    const { Trail } = await ctx.aws.cloudTrail.send(new GetTrailCommand({ Name: trailArn }), { abortSignal: ctx.signal });
    const groupArn = Trail?.CloudWatchLogsLogGroupArn;
    if (!groupArn) {
      throw new NotFound(`trail ${nameInArn(trailArn)} has no CloudWatch Logs log group`, "run `pulumi up` again: the stack configures the trail's CloudWatch Logs delivery");
    }
    const logGroupName = nameInArn(groupArn);
    const { subscriptionFilters = [] } = await ctx.aws.logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName }), { abortSignal: ctx.signal });
    const namespaceVar = COUNTER_ENVIRONMENT.vars.namespace.name;
    for (const filter of subscriptionFilters) {
      if (!filter.destinationArn?.includes(":lambda:")) continue;
      const config = await ctx.aws.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: filter.destinationArn }), { abortSignal: ctx.signal });
      const namespace = config.Environment?.Variables?.[namespaceVar] ?? COUNTER_ENVIRONMENT.vars.namespace.default;
      if (namespace === ctx.outputs.metricNamespace) return config;
    }
    throw new NotFound(
      `no function subscribed to log group ${logGroupName} publishes into ${ctx.outputs.metricNamespace}`,
      "run `pulumi up` again to restore the counter's subscription filter (a log group takes two; another tool may have taken the slot)",
    );
  });
}

/** The REST access-log stream (`amazon-apigateway-…`) from restAccessLogDestinationArn. */
export function deliveryStream(ctx: CheckContext): Promise<DeliveryStreamDescription> {
  return ctx.memo("firehose", async () => {
    const arn = ctx.outputs.restAccessLogDestinationArn;
    if (!arn) throw new NotFound("the stack has no Firehose stream (restAccessLogDestinationArn is null)", "nothing to fix");
    const out = await ctx.aws.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: nameInArn(arn) }), { abortSignal: ctx.signal });
    if (!out.DeliveryStreamDescription) throw new NotFound(`Firehose described no stream ${nameInArn(arn)}`, "run `pulumi up` again");
    return out.DeliveryStreamDescription;
  });
}

/** The S3 destination of the stream: bucket, prefix, error prefix, buffer interval. */
export async function s3Destination(ctx: CheckContext) {
  const stream = await deliveryStream(ctx);
  const s3 = stream.Destinations?.[0]?.ExtendedS3DestinationDescription;
  if (!s3?.BucketARN) throw new NotFound(`stream ${stream.DeliveryStreamName} has no S3 destination`, "run `pulumi up` again: the stack delivers to the data-lake bucket");
  return {
    bucket: s3.BucketARN.replace(/^arn:[^:]+:s3:::/, ""),
    prefix: s3.Prefix ?? "",
    errorPrefix: s3.ErrorOutputPrefix ?? "",
    bufferIntervalSeconds: s3.BufferingHints?.IntervalInSeconds ?? 300,
  };
}

export function quicksightDashboard(ctx: CheckContext): Promise<Dashboard> {
  return ctx.memo("quicksight", async () => {
    const id = ctx.outputs.quicksightDashboardId;
    if (!id) throw new NotFound("the stack has no QuickSight dashboard (quicksightDashboardId is null)", "nothing to fix");
    const out = await ctx.aws.quickSight.send(new DescribeDashboardCommand({ AwsAccountId: ctx.accountId, DashboardId: id }), { abortSignal: ctx.signal });
    if (!out.Dashboard) throw new NotFound(`QuickSight described no dashboard ${id}`, "run `pulumi up` again");
    return out.Dashboard;
  });
}
