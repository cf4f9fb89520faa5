/**
 * No `processing-failed` objects under the stream's error prefix today (records the enricher could
 * not transform), nor `decompression-failed` ones when access-log groups feed the CloudWatch Logs
 * stream (envelopes Firehose could not decompress; both streams share the prefix).
 */
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { fail, pass, skip, type Check } from "../check";
import { s3Destination } from "../discover";
import { prefixForDay } from "../firehose-prefix";

const FIX: Record<string, string> = {
  "processing-failed":
    "each object holds the failed records with an errorMessage: read one, then the enricher's log (/aws/lambda/<enricher>) for the same time; records that fit once the cause is fixed can be re-put to the stream",
  "decompression-failed": "each object holds the envelopes as CloudWatch Logs sent them, with an errorMessage: read one; envelopes that decompress once the cause is fixed can be re-put to the CloudWatch Logs stream",
};

export const processingFailures: Check = {
  id: "processing-failures",
  area: "Access logs",
  title: "no recent processing-failed objects",
  async run(ctx) {
    if (!ctx.outputs.restAccessLogDestinationArn) return skip("no Firehose stream (restAccessLogDestinationArn is null)");
    const destination = await s3Destination(ctx);
    if (!destination.errorPrefix) return fail("the stream has no error output prefix", "run `pulumi up` again: dynamic partitioning needs one with !{firehose:error-output-type}");
    const types = ["processing-failed", ...(Object.keys(ctx.outputs.accessLogGroupArns).length > 0 ? ["decompression-failed"] : [])];
    const empty: string[] = [];
    for (const errorOutputType of types) {
      const prefix = prefixForDay(destination.errorPrefix, { day: ctx.now, errorOutputType });
      const out = await ctx.aws.s3.send(new ListObjectsV2Command({ Bucket: destination.bucket, Prefix: prefix, MaxKeys: 5 }), { abortSignal: ctx.signal });
      const objects = out.Contents ?? [];
      if (objects.length > 0) {
        return fail(`${out.IsTruncated ? "more than " : ""}${objects.length} objects under s3://${destination.bucket}/${prefix}, e.g. ${objects[0].Key}`, FIX[errorOutputType]!);
      }
      empty.push(`s3://${destination.bucket}/${prefix}`);
    }
    return pass(`${empty.join(" and ")} ${empty.length > 1 ? "are" : "is"} empty`);
  },
};
