/**
 * API Gateway (for app stacks): access logging to a destination of the right kind, in JSON with the
 * fields analytics needs, never the API key itself; REST metrics on. AWS FSBP APIGateway.9 (v2 access
 * logging); REST access logging and metrics have no FSBP control (APIGateway.1 covers execution logging).
 */
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "./aws";
import { isRecord, refersTo } from "./lib";

/** Each inner list is one required field: at least one of its `$context` variables must be logged. */
export const REST_REQUIRED_FIELDS = [
  ["requestId"],
  ["requestTime", "requestTimeEpoch"],
  ["status"],
  ["resourcePath", "routeKey"],
  ["responseLatency"],
  ["identity.sourceIp", "authorizer.principalId", "identity.apiKeyId", "identity.userArn", "identity.cognitoIdentityId"],
];

/** HTTP and WebSocket stages; WebSocket APIs have no responseLatency, so integration latency also counts. */
export const V2_REQUIRED_FIELDS = [
  ["requestId"],
  ["requestTime", "requestTimeEpoch"],
  ["status"],
  ["routeKey"],
  ["responseLatency", "integrationLatency", "integration.latency"],
  ["identity.sourceIp", "authorizer.principalId", "identity.userArn", "identity.cognitoIdentityId"],
];

const CONTEXT_VARIABLE = /\$context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/g;

/** The `$context` variables a format logs, without the prefix. */
export function contextVariables(format: string): Set<string> {
  return new Set([...format.matchAll(CONTEXT_VARIABLE)].map((m) => m[1]));
}

/** Whether the format is a JSON object once API Gateway substitutes its variables (quoted or not). */
export function isJsonObjectFormat(format: string): boolean {
  try {
    return isRecord(JSON.parse(format.replace(CONTEXT_VARIABLE, "0")));
  } catch {
    return false;
  }
}

type DestinationKind = "firehose" | "cloudwatch-logs";

function destinationProblem(arn: unknown, allowed: readonly DestinationKind[]): string | undefined {
  const text = typeof arn === "string" ? arn : "";
  const firehose = /^arn:[^:]+:firehose:[^:]*:[^:]*:deliverystream\/(.+)$/.exec(text);
  const logGroup = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:[^:]+(:\*)?$/.test(text);
  const expected = allowed.map((k) => (k === "firehose" ? "a Firehose stream named amazon-apigateway-…" : "a CloudWatch Logs group ARN")).join(" or ");
  if (firehose && allowed.includes("firehose")) {
    return firehose[1].startsWith("amazon-apigateway-") ? undefined : `logs to Firehose stream ${firehose[1]}, whose name does not start with amazon-apigateway- (API Gateway delivers only to such streams)`;
  }
  if (logGroup && allowed.includes("cloudwatch-logs")) return undefined;
  return `logs to ${JSON.stringify(arn ?? null)}; expected ${expected}`;
}

function formatProblems(format: unknown, required: readonly string[][]): string[] {
  if (typeof format !== "string" || !isJsonObjectFormat(format)) return ["has an access log format that is not a JSON object"];
  const logged = contextVariables(format);
  const missing = required.filter((group) => !group.some((v) => logged.has(v)));
  return missing.length === 0 ? [] : [`has an access log format without ${missing.map((g) => g.map((v) => `$context.${v}`).join(" or ")).join(", ")}`];
}

interface AccessLogConfig {
  requiredFields: string[][];
  allowedDestinations: DestinationKind[];
}

function checkAccessLogs(kind: string, name: string, settings: unknown, config: AccessLogConfig, report: (m: string) => void): void {
  if (!isRecord(settings) || !settings.destinationArn) {
    report(`${kind} ${name} has no access logging; set accessLogSettings.destinationArn to ${config.allowedDestinations.map((k) => (k === "firehose" ? "a Firehose stream named amazon-apigateway-…" : "a CloudWatch Logs group")).join(" or ")}`);
    return;
  }
  const destination = destinationProblem(settings.destinationArn, config.allowedDestinations);
  if (destination) report(`${kind} ${name} ${destination}`);
  for (const problem of formatProblems(settings.format, config.requiredFields)) report(`${kind} ${name} ${problem}`);
}

const requiredFieldsSchema = (defaults: string[][]) => ({
  type: "array" as const,
  items: { type: "array" as const, items: { type: "string" as const } },
  default: defaults,
  description: "Required fields, each a list of $context variables (without the prefix) of which at least one must be in the format.",
});

export const apigatewayRestStageAccessLogging: ResourceValidationPolicy = {
  name: "apigateway-rest-stage-access-logging",
  description:
    "Every REST API stage writes access logs to a Firehose stream named amazon-apigateway-… or a CloudWatch Logs group, in a JSON format with the fields usage analytics needs (request id, time, status, resource path, latency, an identity).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      requiredFields: requiredFieldsSchema(REST_REQUIRED_FIELDS),
      allowedDestinations: {
        type: "array",
        items: { type: "string", enum: ["firehose", "cloudwatch-logs"] },
        default: ["firehose", "cloudwatch-logs"],
        description: "Destination kinds accepted for REST stages.",
      },
    },
  },
  validateResource: validateResourceOfType(aws.apigateway.Stage, (stage, args, report) => {
    checkAccessLogs("REST stage", args.name, stage.accessLogSettings, args.getConfig<AccessLogConfig>(), report);
  }),
};

export const apigatewayV2StageAccessLogging: ResourceValidationPolicy = {
  name: "apigateway-v2-stage-access-logging",
  description:
    "Every HTTP or WebSocket API stage writes access logs to a CloudWatch Logs group (the only destination these APIs support), in a JSON format with request id, time, status, route key, latency and an identity.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { requiredFields: requiredFieldsSchema(V2_REQUIRED_FIELDS) } },
  validateResource: validateResourceOfType(aws.apigatewayv2.Stage, (stage, args, report) => {
    const { requiredFields } = args.getConfig<{ requiredFields: string[][] }>();
    checkAccessLogs("HTTP/WebSocket stage", args.name, stage.accessLogSettings, { requiredFields, allowedDestinations: ["cloudwatch-logs"] }, report);
  }),
};

const API_KEY_VALUE = /\$context\.identity\.apiKey(?![A-Za-z0-9_])/;

export const apigatewayAccessLogNoApiKey: ResourceValidationPolicy = {
  name: "apigateway-access-log-no-api-key",
  description: "No API Gateway stage logs $context.identity.apiKey (the secret key itself); log $context.identity.apiKeyId instead.",
  enforcementLevel: "mandatory",
  validateResource: [
    validateResourceOfType(aws.apigateway.Stage, (stage, args, report) => {
      if (API_KEY_VALUE.test(stage.accessLogSettings?.format ?? "")) report(`REST stage ${args.name} logs $context.identity.apiKey; log $context.identity.apiKeyId instead`);
    }),
    validateResourceOfType(aws.apigatewayv2.Stage, (stage, args, report) => {
      if (API_KEY_VALUE.test(stage.accessLogSettings?.format ?? "")) report(`HTTP/WebSocket stage ${args.name} logs $context.identity.apiKey; log $context.identity.apiKeyId instead`);
    }),
  ],
};

export const apigatewayRestMethodMetrics: ResourceValidationPolicy = {
  name: "apigateway-rest-method-metrics",
  description: "Every REST API method settings resource enables CloudWatch metrics (settings.metricsEnabled).",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.apigateway.MethodSettings, (ms, args, report) => {
    if (ms.settings?.metricsEnabled !== true) report(`method settings ${args.name} (${ms.methodPath}) do not enable CloudWatch metrics; set settings.metricsEnabled to true`);
  }),
};

function sameRestApi(a: PolicyResource, b: PolicyResource): boolean {
  const depsA = (a.propertyDependencies.restApi ?? []).map((d) => d.urn);
  const depsB = (b.propertyDependencies.restApi ?? []).map((d) => d.urn);
  if (depsA.length > 0 || depsB.length > 0) return depsA.some((u) => depsB.includes(u));
  return typeof a.props.restApi === "string" && a.props.restApi === b.props.restApi;
}

export const apigatewayRestStageMetrics: StackValidationPolicy = {
  name: "apigateway-rest-stage-metrics",
  description: "Every REST API stage has method settings for all methods (methodPath \"*/*\") with metricsEnabled, so per-stage CloudWatch metrics exist.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { methodPath: { type: "string", default: "*/*", description: "The method path whose settings must enable metrics." } } },
  validateStack: (args, report) => {
    const { methodPath } = args.getConfig<{ methodPath: string }>();
    const settings = args.resources.filter((r) => r.isType(aws.apigateway.MethodSettings));
    for (const stage of args.resources.filter((r) => r.isType(aws.apigateway.Stage))) {
      const covered = settings.some((ms) => {
        const forStage = (ms.propertyDependencies.stageName ?? []).some((d) => d.urn === stage.urn) || (refersTo(ms, "stageName", stage, [stage.props.stageName]) && sameRestApi(ms, stage));
        return forStage && ms.props.methodPath === methodPath && isRecord(ms.props.settings) && ms.props.settings.metricsEnabled === true;
      });
      if (!covered) report(`REST stage ${stage.name} has no method settings for ${methodPath} with settings.metricsEnabled true`, stage.urn);
    }
  },
};

export const APIGATEWAY_POLICIES = [
  apigatewayRestStageAccessLogging,
  apigatewayV2StageAccessLogging,
  apigatewayAccessLogNoApiKey,
  apigatewayRestMethodMetrics,
  apigatewayRestStageMetrics,
];
