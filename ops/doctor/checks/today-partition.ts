/** Today's partition of the data lake (the stream's prefix made concrete for today, UTC) has objects. */
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { fail, pass, skip, type Check } from "../check";
import { s3Destination } from "../discover";
import { prefixForDay } from "../firehose-prefix";

export const todayPartition: Check = {
  id: "today-partition",
  area: "Access logs",
  title: "today's partition has objects",
  async run(ctx) {
    if (!ctx.outputs.restAccessLogDestinationArn) return skip("no Firehose stream writes the data lake (restAccessLogDestinationArn is null)");
    const destination = await s3Destination(ctx);
    const prefix = prefixForDay(destination.prefix, { day: ctx.now });
    const out = await ctx.aws.s3.send(new ListObjectsV2Command({ Bucket: destination.bucket, Prefix: prefix, MaxKeys: 1 }), { abortSignal: ctx.signal });
    if ((out.KeyCount ?? out.Contents?.length ?? 0) === 0) {
      return fail(
        `s3://${destination.bucket}/${prefix} is empty`,
        "if Firehose delivered (check above), the enricher dropped or failed every record: see the processing-failed check and the enricher's log; shortly after midnight UTC, rerun after one buffer interval",
      );
    }
    return pass(`s3://${destination.bucket}/${prefix} has objects`);
  },
};
