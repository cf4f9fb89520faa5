/**
 * Each configured API stage logs to the destination the stack made for it, in the stack's format:
 * REST to the Firehose stream (or its log group with `delivery: cloudwatch`), HTTP and WebSocket to their log group.
 */
import { GetStageCommand as GetRestStageCommand } from "@aws-sdk/client-api-gateway";
import { GetStageCommand as GetV2StageCommand } from "@aws-sdk/client-apigatewayv2";
import { deliveryOf, type ApiSpec } from "../../../contracts/api-types";
import type { UsageInsightsOutputs } from "../../../contracts/outputs";
import { fail, nameInArn, pass, type Check } from "../check";

/** Where and how `api`'s stage must log, from the stack's outputs. */
export function expectedLogging(api: ApiSpec, outputs: UsageInsightsOutputs): { destinationArn: string | null; format: string | null } {
  const destinationArn = deliveryOf(api) === "firehose" ? outputs.restAccessLogDestinationArn : (outputs.accessLogGroupArns[api.name] ?? null);
  const format = api.type === "REST" ? outputs.restAccessLogFormat : api.type === "HTTP" ? outputs.httpAccessLogFormat : outputs.webSocketAccessLogFormat;
  return { destinationArn, format };
}

/** Stage settings show a log group ARN without the `:*` the outputs may carry. */
const sameArn = (a: string | undefined, b: string) => a !== undefined && a.replace(/:\*$/, "") === b.replace(/:\*$/, "");

export function stageLogging(api: ApiSpec): Check {
  const where = deliveryOf(api) === "firehose" ? "the Firehose stream" : "its log group";
  return {
    id: `stage-logging:${api.name}`,
    area: "Access logs",
    title: `${api.name} (${api.type} ${api.apiId}/${api.stage}) logs to ${where} in the stack's format`,
    async run(ctx) {
      const expected = expectedLogging(api, ctx.outputs);
      if (!expected.destinationArn || !expected.format) {
        return fail(`the stack's outputs name no access-log destination or format for ${api.name}`, "run `pulumi up` for this stack: its outputs are older than its config");
      }
      const { destination, format } =
        api.type === "REST"
          ? await ctx.aws.apiGateway
              .send(new GetRestStageCommand({ restApiId: api.apiId, stageName: api.stage }), { abortSignal: ctx.signal })
              .then((stage) => ({ destination: stage.accessLogSettings?.destinationArn, format: stage.accessLogSettings?.format }))
          : await ctx.aws.apiGatewayV2
              .send(new GetV2StageCommand({ ApiId: api.apiId, StageName: api.stage }), { abortSignal: ctx.signal })
              .then((stage) => ({ destination: stage.AccessLogSettings?.DestinationArn, format: stage.AccessLogSettings?.Format }));
      const fix =
        `in the app stack that owns ${api.apiId}, set the stage's access-log destination to the output ` +
        `${deliveryOf(api) === "firehose" ? "restAccessLogDestinationArn" : `accessLogGroupArns["${api.name}"]`} and its format to the output ` +
        `${api.type === "REST" ? "restAccessLogFormat" : api.type === "HTTP" ? "httpAccessLogFormat" : "webSocketAccessLogFormat"} (docs/app-teams.md, "Access logging for your API stages"), then pulumi up that stack`;
      if (!destination) return fail(`stage ${api.stage} of ${api.apiId} has no access logging`, fix);
      if (!sameArn(destination, expected.destinationArn)) return fail(`stage ${api.stage} of ${api.apiId} logs to ${destination}, not ${expected.destinationArn}`, fix);
      if (format !== expected.format) return fail(`stage ${api.stage} of ${api.apiId} logs in another format than the stack's ${api.type} format (the enricher would misread it)`, fix);
      return pass(`logs to ${nameInArn(expected.destinationArn)}`);
    },
  };
}
