import * as pulumi from "@pulumi/pulumi";
import { contractProblem, type UsageInsightsOutputs } from "../../contracts/outputs";
import { userError } from "../shared/user-error";

export interface AccessLogSettings {
  destinationArn: pulumi.Output<string>;
  format: pulumi.Output<string>;
}

/** The stack's name once its contract version is known to be one this package reads. */
export function compatibleStack(ref: pulumi.StackReference): pulumi.Output<string> {
  return pulumi.all([ref.name, ref.getOutput("contractVersion")]).apply(([stack, version]) => {
    const problem = contractProblem(stack, version);
    if (problem) throw userError(problem);
    return stack;
  });
}

/** Reads one contract output, failing with the stack and key named when it is absent. */
function required<K extends keyof UsageInsightsOutputs>(ref: pulumi.StackReference, key: K, why: string): pulumi.Output<NonNullable<UsageInsightsOutputs[K]>> {
  return pulumi.all([compatibleStack(ref), ref.getOutput(key)]).apply(([stack, value]) => {
    if (value === undefined || value === null) {
      throw userError(`stack ${stack} has no output ${key}; ${why}`);
    }
    return value as NonNullable<UsageInsightsOutputs[K]>;
  });
}

/** `accessLogSettings` for an aws.apigateway.Stage (REST): the insights stack's Firehose and format. */
export function restStageAccessLogSettings(ref: pulumi.StackReference): AccessLogSettings {
  return {
    destinationArn: required(ref, "restAccessLogDestinationArn", "deploy it with at least one REST API delivered through Firehose"),
    format: required(ref, "restAccessLogFormat", "deploy it with at least one REST API delivered through Firehose"),
  };
}

/**
 * `accessLogSettings` for an aws.apigatewayv2.Stage (HTTP or WebSocket), or a REST stage that
 * logs to CloudWatch Logs: the log group the insights stack created for `apiName`.
 */
export function logGroupStageAccessLogSettings(ref: pulumi.StackReference, apiName: string, apiType: "HTTP" | "WEBSOCKET" | "REST" = "HTTP"): AccessLogSettings {
  // accessLogGroupArns is the current name; an insights stack of the previous release has only httpAccessLogGroupArns.
  const groups = pulumi.all([ref.getOutput("accessLogGroupArns"), ref.getOutput("httpAccessLogGroupArns")]).apply(([current, previous]) => current ?? previous);
  const known = pulumi.all([compatibleStack(ref), groups]).apply(([stack, arns]) => {
    if (arns === undefined || arns === null) throw userError(`stack ${stack} has no output accessLogGroupArns; add an API named "${apiName}" with delivery cloudwatch to its apis`);
    return arns as Record<string, string>;
  });
  const formatKey = apiType === "WEBSOCKET" ? "webSocketAccessLogFormat" : apiType === "REST" ? "restAccessLogFormat" : "httpAccessLogFormat";
  return {
    destinationArn: pulumi.all([ref.name, known]).apply(([stack, arns]) => {
      const arn = arns[apiName];
      if (!arn) {
        throw userError(`stack ${stack} has no access-log group for API "${apiName}"; it has: ${Object.keys(arns).sort().join(", ") || "none"}`);
      }
      return arn;
    }),
    format: required(ref, formatKey, `deploy it with a ${apiType} API`),
  };
}
