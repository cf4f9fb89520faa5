/**
 * The access-log groups are subscribed to one Firehose stream that decompresses CloudWatch Logs'
 * envelopes before the enricher, and that stream is ACTIVE and delivered within its last buffer
 * interval. Found from the groups' own subscription filters, so it needs no output of its own.
 */
import { DescribeSubscriptionFiltersCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { fail, nameInArn, pass, skip, type Check } from "../check";
import { FIREHOSE_METRIC_LAG_SECONDS, deliveredRecords } from "./firehose-delivery";

export const cloudWatchLogsDelivery: Check = {
  id: "cloudwatch-logs-delivery",
  area: "Access logs",
  title: "access-log groups feed a decompressing Firehose stream that delivered in the last buffer interval",
  async run(ctx) {
    const groups = Object.entries(ctx.outputs.accessLogGroupArns).map(([api, arn]) => ({ api, name: nameInArn(arn) }));
    if (groups.length === 0) return skip("no API logs through CloudWatch Logs (accessLogGroupArns is empty)");

    const streams = new Set<string>();
    for (const group of groups) {
      const { subscriptionFilters = [] } = await ctx.aws.logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: group.name }), { abortSignal: ctx.signal });
      const destinations = subscriptionFilters.map((f) => f.destinationArn ?? "").filter((arn) => arn.includes(":firehose:"));
      if (destinations.length === 0) {
        return fail(`log group ${group.name} (API ${group.api}) has no subscription into Firehose`, "run `pulumi up` again to restore its subscription filter (a log group takes two; another tool may have taken the slot)");
      }
      destinations.forEach((arn) => streams.add(nameInArn(arn)));
    }
    if (streams.size > 1) {
      return fail(`the access-log groups feed ${streams.size} streams (${[...streams].join(", ")})`, "run `pulumi up` again: every access-log group subscribes to the stack's one CloudWatch Logs stream");
    }

    const name = [...streams][0];
    const out = await ctx.aws.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }), { abortSignal: ctx.signal });
    const stream = out.DeliveryStreamDescription;
    if (stream?.DeliveryStreamStatus !== "ACTIVE") {
      return fail(`stream ${name} is ${stream?.DeliveryStreamStatus ?? "not described"}`, "CREATING/UPDATING: wait a minute and rerun; *_FAILED: the stream's KMS key or role is the usual cause; `pulumi up` restores them");
    }
    const s3 = stream.Destinations?.[0]?.ExtendedS3DestinationDescription;
    const processors = (s3?.ProcessingConfiguration?.Enabled ? (s3.ProcessingConfiguration.Processors ?? []) : []).map((p) => p.Type ?? "");
    const decompression = processors.indexOf("Decompression");
    if (decompression === -1 || decompression > processors.indexOf("Lambda")) {
      return fail(
        `stream ${name} hands the enricher CloudWatch Logs envelopes still gzipped (processors: ${processors.join(", ") || "none"}), so only a few fit one 6 MB response and the rest go to the error prefix`,
        "run `pulumi up` with this release: it subscribes the access-log groups to the apigateway-<component>-cwlogs stream, which decompresses them first",
      );
    }

    const bufferIntervalSeconds = s3?.BufferingHints?.IntervalInSeconds ?? 300;
    const { records, windowSeconds } = await deliveredRecords(ctx, name, bufferIntervalSeconds);
    if (records === 0) {
      return fail(
        `stream ${name} delivered no record to S3 in the last ${windowSeconds} s (buffer interval ${bufferIntervalSeconds} s + ${FIREHOSE_METRIC_LAG_SECONDS} s metric lag)`,
        "no traffic reached the CloudWatch-logged stages, or they log elsewhere (see the stage checks); with traffic, read the stream's CloudWatchLogsDestinationDelivery error log in /aws/kinesisfirehose/",
      );
    }
    return pass(`${groups.length} log group(s) → ${name}, ACTIVE, decompressing; ${records} records delivered in the last ${windowSeconds} s`);
  },
};
