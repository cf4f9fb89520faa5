/** The REST access-log stream is ACTIVE and delivered to S3 within its last buffer interval. */
import { GetMetricStatisticsCommand } from "@aws-sdk/client-cloudwatch";
import { fail, pass, skip, type Check, type CheckContext } from "../check";
import { deliveryStream, s3Destination } from "../discover";

/** Firehose metrics arrive a few minutes late; look back this much beyond the buffer interval. */
export const FIREHOSE_METRIC_LAG_SECONDS = 300;

export const firehoseDelivery: Check = {
  id: "firehose-delivery",
  area: "Access logs",
  title: "Firehose is ACTIVE and delivered in the last buffer interval",
  async run(ctx) {
    if (!ctx.outputs.restAccessLogDestinationArn) return skip("no stage logs through Firehose (restAccessLogDestinationArn is null)");
    const stream = await deliveryStream(ctx);
    const name = stream.DeliveryStreamName ?? "";
    if (stream.DeliveryStreamStatus !== "ACTIVE") {
      const reason = stream.FailureDescription?.Details ?? stream.DeliveryStreamEncryptionConfiguration?.FailureDescription?.Details;
      return fail(
        `stream ${name} is ${stream.DeliveryStreamStatus}${reason ? `: ${reason}` : ""}`,
        "CREATING/UPDATING: wait a minute and rerun; *_FAILED: the stream's KMS key or role is the usual cause; `pulumi up` restores them",
      );
    }
    const { bufferIntervalSeconds } = await s3Destination(ctx);
    const { records, windowSeconds } = await deliveredRecords(ctx, name, bufferIntervalSeconds);
    if (records === 0) {
      return fail(
        `stream ${name} delivered no record to S3 in the last ${windowSeconds} s (buffer interval ${bufferIntervalSeconds} s + ${FIREHOSE_METRIC_LAG_SECONDS} s metric lag)`,
        "no traffic reached the REST stages, or they do not log to this stream (see the stage checks); with traffic, read the stream's DestinationDelivery error log in /aws/kinesisfirehose/" + name,
      );
    }
    return pass(`ACTIVE; ${records} records delivered in the last ${windowSeconds} s`);
  },
};

/** Records a stream delivered to S3 within its last buffer interval (plus the metrics' lag), and that window. */
export async function deliveredRecords(ctx: CheckContext, streamName: string, bufferIntervalSeconds: number): Promise<{ records: number; windowSeconds: number }> {
  const windowSeconds = bufferIntervalSeconds + FIREHOSE_METRIC_LAG_SECONDS;
  const out = await ctx.aws.cloudWatch.send(
    new GetMetricStatisticsCommand({
      Namespace: "AWS/Firehose",
      MetricName: "DeliveryToS3.Records",
      Dimensions: [{ Name: "DeliveryStreamName", Value: streamName }],
      StartTime: new Date(ctx.now.getTime() - windowSeconds * 1000),
      EndTime: ctx.now,
      Period: 60,
      Statistics: ["Sum"],
    }),
    { abortSignal: ctx.signal },
  );
  return { records: (out.Datapoints ?? []).reduce((total, p) => total + (p.Sum ?? 0), 0), windowSeconds };
}
