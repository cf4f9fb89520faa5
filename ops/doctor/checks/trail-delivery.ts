/** The stack's trail is logging and has delivered to CloudWatch Logs recently, without a delivery error. */
import { GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import { ago, fail, nameInArn, pass, skip, type Check } from "../check";

/** CloudTrail delivers to CloudWatch Logs within about 5 minutes of an API call; an account always makes some. */
export const TRAIL_DELIVERY_MAX_AGE_MINUTES = 15;

export const trailDelivery: Check = {
  id: "trail-delivery",
  area: "API-call metrics",
  title: "trail is logging and delivering to CloudWatch Logs",
  async run(ctx) {
    const arn = ctx.outputs.apiCallTrailArn;
    if (!arn) return skip("the stack counts an existing trail's log group (apiCallTrailArn is null)");
    const name = nameInArn(arn);
    const status = await ctx.aws.cloudTrail.send(new GetTrailStatusCommand({ Name: arn }), { abortSignal: ctx.signal });
    if (!status.IsLogging) {
      return fail(`trail ${name} is not logging (stopped${status.StopLoggingTime ? ` ${ago(status.StopLoggingTime, ctx.now)}` : ""})`, `aws cloudtrail start-logging --name ${arn}`);
    }
    if (status.LatestCloudWatchLogsDeliveryError) {
      return fail(
        `trail ${name} cannot deliver to CloudWatch Logs: ${status.LatestCloudWatchLogsDeliveryError}`,
        "check that the trail's CloudWatch Logs role may logs:CreateLogStream and logs:PutLogEvents on the log group (and kms:GenerateDataKey when the group is encrypted); `pulumi up` restores the stack's role",
      );
    }
    const last = status.LatestCloudWatchLogsDeliveryTime;
    const limitMs = TRAIL_DELIVERY_MAX_AGE_MINUTES * 60_000;
    if (!last || ctx.now.getTime() - last.getTime() > limitMs) {
      return fail(
        `trail ${name} has not delivered to CloudWatch Logs in ${TRAIL_DELIVERY_MAX_AGE_MINUTES} min (last: ${last ? ago(last, ctx.now) : "never"})`,
        "a new trail takes up to 15 min for its first delivery; after that, check the trail's CloudWatch Logs role and log group in the CloudTrail console",
      );
    }
    return pass(`logging; last delivery to CloudWatch Logs ${ago(last, ctx.now)}`);
  },
};
