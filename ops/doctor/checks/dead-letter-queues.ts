/** The counter's dead-letter queue and its failed-invocations queue are empty. */
import { GetFunctionEventInvokeConfigCommand } from "@aws-sdk/client-lambda";
import { GetQueueAttributesCommand, GetQueueUrlCommand } from "@aws-sdk/client-sqs";
import { COUNTER_ENVIRONMENT } from "../../../contracts/functions/api-call-counter";
import { fail, nameInArn, pass, skip, type Check, type CheckContext } from "../check";
import { counterFunction } from "../discover";

export const deadLetterQueues: Check = {
  id: "dead-letter-queues",
  area: "API-call metrics",
  title: "the dead-letter queues are empty",
  async run(ctx) {
    if (!ctx.outputs.metricNamespace) return skip("API-call metrics are off (metricNamespace is null)");
    if (!ctx.outputs.apiCallTrailArn) return skip("the counter runs in the source accounts, or counts an existing trail's log group (apiCallTrailArn is null)");
    const fn = await counterFunction(ctx);
    const queues: Array<{ role: string; url: string }> = [];
    const deadLetters = fn.Environment?.Variables?.[COUNTER_ENVIRONMENT.vars.deadLetterQueueUrl.name];
    if (deadLetters) queues.push({ role: "batches the counter could not publish", url: deadLetters });
    const failed = await failureQueueUrl(ctx, fn.FunctionName ?? "");
    if (failed) queues.push({ role: "invocations that failed after Lambda's retries", url: failed });
    if (queues.length === 0) return fail(`${fn.FunctionName} has no dead-letter queue configured`, "run `pulumi up` again: the stack gives the counter two queues");

    const full: string[] = [];
    for (const queue of queues) {
      const out = await ctx.aws.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
        { abortSignal: ctx.signal },
      );
      const messages = Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
      if (messages > 0) full.push(`${queue.url.split("/").pop()} holds ${messages} messages (${queue.role})`);
    }
    if (full.length > 0) {
      return fail(
        full.join("; "),
        "read one message (aws sqs receive-message --queue-url <url>) and the counter's log for the error; after fixing the cause, a dead-letter body is a PutMetricData input: `aws cloudwatch put-metric-data --cli-input-json` it, then delete the message",
      );
    }
    return pass(`${queues.length} queues, 0 messages`);
  },
};

async function failureQueueUrl(ctx: CheckContext, functionName: string): Promise<string | undefined> {
  let arn: string | undefined;
  try {
    const out = await ctx.aws.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: functionName }), { abortSignal: ctx.signal });
    arn = out.DestinationConfig?.OnFailure?.Destination;
  } catch (e) {
    if ((e as { name?: string }).name === "ResourceNotFoundException") return undefined;
    throw e;
  }
  if (!arn?.includes(":sqs:")) return undefined;
  const [, , , , account] = arn.split(":");
  const out = await ctx.aws.sqs.send(new GetQueueUrlCommand({ QueueName: nameInArn(arn), QueueOwnerAWSAccountId: account }), { abortSignal: ctx.signal });
  return out.QueueUrl;
}
