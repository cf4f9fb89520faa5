/**
 * Lambda: supported runtimes (AWS FSBP Lambda.2), least-privilege inline policies on function roles
 * (IAM.21 applied to inline policies), reserved concurrency on dashboard widget functions and a failure
 * destination for asynchronously invoked functions (AWS Config lambda-concurrency-check, lambda-dlq-check).
 */
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "./aws";
import { LAMBDA_RUNTIMES } from "../contracts/runtimes";
import { actionMatches, allowStatements, asList, isFunctionRef, isProvided, isRecord, isUnknown, isWholeServiceWildcard, known, parseJson, refersTo, statementsOf } from "./lib";

/** Node.js runtimes Lambda still supports; nodejs20.x is past its deprecation date. */
/** The project's own runtimes (contracts/runtimes.ts) plus current ones app stacks may use. */
export const SUPPORTED_RUNTIMES = [...LAMBDA_RUNTIMES, "python3.13", "python3.12", "java21", "dotnet8", "provided.al2023"];

export const lambdaSupportedRuntime: ResourceValidationPolicy = {
  name: "lambda-supported-runtime",
  description: "Every Lambda function uses a runtime Lambda still supports.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: { allowedRuntimes: { type: "array", items: { type: "string" }, default: SUPPORTED_RUNTIMES } },
  },
  validateResource: validateResourceOfType(aws.lambda.Function, (fn, args, report) => {
    const { allowedRuntimes } = args.getConfig<{ allowedRuntimes: string[] }>();
    if (fn.packageType === "Image") return;
    if (!fn.runtime || !allowedRuntimes.includes(fn.runtime)) {
      report(`function ${args.name} uses runtime ${fn.runtime ?? "(none)"}; expected one of ${allowedRuntimes.join(", ")}`);
    }
  }),
};

const FUNCTION = "aws:lambda/function:Function";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

/** An action granted on `resource` ("*") only when the statement carries a condition on `requireCondition`. */
export interface AllowedGrant {
  readonly action: string;
  readonly resource: string;
  readonly requireCondition?: string;
}

export const DEFAULT_ALLOWED_GRANTS: AllowedGrant[] = [{ action: "cloudwatch:PutMetricData", resource: "*", requireCondition: "cloudwatch:namespace" }];

/**
 * Actions whose only resource is "*" in the Service Authorization Reference (no resource types), so
 * granting them on "*" is not a widening. Kept short on purpose: extend it in config when needed.
 */
export const ACTIONS_ONLY_ON_ANY_RESOURCE = [
  "logs:GetQueryResults",
  "logs:StopQuery",
  "logs:DescribeQueries",
  "cloudwatch:GetMetricData",
  "cloudwatch:ListMetrics",
  "cloudtrail:LookupEvents",
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
];

interface RoleGrantsConfig {
  allowedOnAnyResource: AllowedGrant[];
  actionsOnlyOnAnyResource: string[];
  forbidPartialWildcards: boolean;
}

function trustsLambda(role: PolicyResource): boolean {
  return statementsOf(role.props.assumeRolePolicy).some((s) => {
    const principal = s.Principal;
    const services = isRecord(principal) ? asList(principal.Service as string | string[] | undefined) : [];
    return s.Effect === "Allow" && services.includes("lambda.amazonaws.com");
  });
}

function hasConditionOn(condition: unknown, key: string): boolean {
  return isRecord(condition) && Object.values(condition).some((byKey) => isRecord(byKey) && Object.keys(byKey).some((k) => k.toLowerCase() === key.toLowerCase()));
}

/** What is too broad in one inline policy document; each finding names the statement. */
export function broadGrants(policy: unknown, config: RoleGrantsConfig): string[] {
  const findings: string[] = [];
  for (const { statement, label } of allowStatements(policy)) {
    if (statement.NotAction !== undefined) {
      findings.push(`${label} allows everything except ${JSON.stringify(statement.NotAction)} (NotAction); list the actions instead`);
      continue;
    }
    const actions = asList(statement.Action);
    const anyResource = asList(statement.Resource).includes("*") || statement.NotResource !== undefined;
    for (const action of actions) {
      if (isWholeServiceWildcard(action) || (config.forbidPartialWildcards && action.includes("*"))) {
        findings.push(`${label} allows the wildcard action "${action}"; name the actions the function calls`);
        continue;
      }
      if (!anyResource) continue;
      if (config.actionsOnlyOnAnyResource.some((a) => a.toLowerCase() === action.toLowerCase())) continue;
      const grant = config.allowedOnAnyResource.find((g) => g.resource === "*" && actionMatches(g.action, action));
      if (!grant) {
        findings.push(`${label} allows ${action} on every resource ("*"); scope it to ARNs`);
      } else if (grant.requireCondition && !hasConditionOn(statement.Condition, grant.requireCondition)) {
        findings.push(`${label} allows ${action} on "*" without a condition on ${grant.requireCondition}`);
      }
    }
  }
  return findings;
}

export const lambdaRoleNoWildcards: StackValidationPolicy = {
  name: "lambda-role-no-wildcards",
  description:
    "Inline policies of roles assumed by lambda.amazonaws.com (aws.iam.RolePolicy and the role's inlinePolicies) grant no wildcard actions (\"*\", \"service:*\"), no NotAction, and no action on Resource \"*\" unless the action only exists on \"*\" or is allow-listed (with its required condition). Policies are linked to roles by property dependency, so a preview decides; a policy document built from outputs a preview does not know yet is checked at `up`.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      allowedOnAnyResource: {
        type: "array",
        items: { type: "object", properties: { action: { type: "string" }, resource: { type: "string" }, requireCondition: { type: "string" } }, required: ["action", "resource"] },
        default: DEFAULT_ALLOWED_GRANTS,
        description: "Grants on \"*\" that are accepted, each only when the statement has a condition on requireCondition (if given).",
      },
      actionsOnlyOnAnyResource: {
        type: "array",
        items: { type: "string" },
        default: ACTIONS_ONLY_ON_ANY_RESOURCE,
        description: "Actions that support no resource but \"*\"; granting them on \"*\" is accepted.",
      },
      forbidPartialWildcards: { type: "boolean", default: false, description: "Also reject partial wildcards such as \"s3:Get*\"." },
    },
  },
  validateStack: (args, report) => {
    const config = args.getConfig<RoleGrantsConfig>();
    for (const role of args.resources.filter((r) => r.type === ROLE && !isUnknown(r.props, "assumeRolePolicy") && trustsLambda(r))) {
      const roleName = known(role.props, "name");
      const inline = asList(known(role.props, "inlinePolicies") as Array<{ name?: string; policy?: unknown }> | undefined).map((p) => ({
        label: `inline policy ${known(p, "name") ?? "(unnamed)"}`,
        policy: known(p, "policy"),
        urn: role.urn,
      }));
      const attached = args.resources
        .filter((r) => r.type === ROLE_POLICY && refersTo(r, "role", role, [roleName]))
        .map((p) => ({ label: `inline policy ${p.name}`, policy: known(p.props, "policy"), urn: p.urn }));
      for (const { label, policy, urn } of [...inline, ...attached]) {
        if (policy === undefined) continue;
        for (const finding of broadGrants(policy, config)) report(`${label} of Lambda role ${role.name}: ${finding}`, urn);
      }
    }
  },
};

/** Lambda function ARNs used as `endpoint` of custom widgets, per dashboard; undefined when the body is not JSON. */
export function customWidgetEndpoints(dashboardBody: unknown): string[] | undefined {
  const body = parseJson(dashboardBody);
  if (!isRecord(body)) return undefined;
  return asList(body.widgets as unknown[] | undefined)
    .filter(isRecord)
    .filter((w) => w.type === "custom" && isRecord(w.properties) && typeof w.properties.endpoint === "string")
    .map((w) => (w.properties as { endpoint: string }).endpoint);
}

export const lambdaWidgetReservedConcurrency: StackValidationPolicy = {
  name: "lambda-widget-reserved-concurrency",
  description:
    "Every Lambda function behind a CloudWatch dashboard custom widget (type \"custom\", properties.endpoint) reserves concurrency, so dashboard refreshes by many viewers cannot starve the account's other functions. Widgets name their function by ARN inside the dashboard body, so a body that a preview does not know yet (it holds the ARNs of functions it would create) is checked at `up`.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: { minReservedConcurrency: { type: "integer", default: 1, minimum: 1, description: "Smallest reservedConcurrentExecutions accepted." } },
  },
  validateStack: (args, report) => {
    const { minReservedConcurrency } = args.getConfig<{ minReservedConcurrency: number }>();
    const functions = args.resources.filter((r) => r.type === FUNCTION);
    for (const dashboard of args.resources.filter((r) => r.isType(aws.cloudwatch.Dashboard))) {
      if (isUnknown(dashboard.props, "dashboardBody")) continue;
      const endpoints = customWidgetEndpoints(dashboard.props.dashboardBody);
      if (endpoints === undefined) {
        report(`dashboard ${dashboard.name} has a dashboardBody that is not a JSON object; its custom widgets cannot be checked`, dashboard.urn);
        continue;
      }
      // Functions outside this stack cannot be checked here; their own stack's run checks them.
      for (const fn of functions.filter((f) => endpoints.some((e) => isFunctionRef(f, e)))) {
        if (isUnknown(fn.props, "reservedConcurrentExecutions")) continue;
        const reserved = fn.props.reservedConcurrentExecutions;
        if (typeof reserved !== "number" || reserved < 0) {
          report(`function ${fn.name} backs a custom widget on dashboard ${dashboard.name} and reserves no concurrency; set reservedConcurrentExecutions to at least ${minReservedConcurrency}`, fn.urn);
        } else if (reserved < minReservedConcurrency) {
          report(`function ${fn.name} backs a custom widget on dashboard ${dashboard.name} and reserves ${reserved}; expected at least ${minReservedConcurrency}`, fn.urn);
        }
      }
    }
  },
};

/** Who invokes each function asynchronously: log subscriptions, SNS, S3 notifications, EventBridge targets. */
function asyncInvokers(resources: readonly PolicyResource[], fn: PolicyResource): string[] {
  const invokers: string[] = [];
  for (const r of resources) {
    // Linked by property dependency first (known in a preview), then by a known ARN or name.
    if (r.isType(aws.cloudwatch.LogSubscriptionFilter)) {
      if (refersTo(r, "destinationArn", fn, []) || isFunctionRef(fn, known(r.props, "destinationArn"))) invokers.push(`log subscription filter ${r.name}`);
    } else if (r.isType(aws.sns.TopicSubscription)) {
      if (known(r.props, "protocol") === "lambda" && (refersTo(r, "endpoint", fn, []) || isFunctionRef(fn, known(r.props, "endpoint")))) invokers.push(`SNS subscription ${r.name}`);
    } else if (r.isType(aws.s3.BucketNotification)) {
      const targets = asList(known(r.props, "lambdaFunctions") as unknown[] | undefined).map((l) => known(l, "lambdaFunctionArn"));
      if (refersTo(r, "lambdaFunctions", fn, []) || targets.some((t) => isFunctionRef(fn, t))) invokers.push(`S3 bucket notification ${r.name}`);
    } else if (r.isType(aws.cloudwatch.EventTarget)) {
      if (refersTo(r, "arn", fn, []) || isFunctionRef(fn, known(r.props, "arn"))) invokers.push(`EventBridge target ${r.name}`);
    }
  }
  return invokers;
}

function hasFailureDestination(resources: readonly PolicyResource[], fn: PolicyResource, acceptDeadLetterQueue: boolean): boolean {
  const dlq = known(fn.props, "deadLetterConfig");
  if (acceptDeadLetterQueue && isRecord(dlq) && isProvided(dlq, "targetArn")) return true;
  return resources
    .filter((r) => r.isType(aws.lambda.FunctionEventInvokeConfig))
    .filter((c) => refersTo(c, "functionName", fn, []) || isFunctionRef(fn, known(c.props, "functionName")))
    .some((c) => {
      const onFailure = known(known(c.props, "destinationConfig"), "onFailure");
      return isRecord(onFailure) && isProvided(onFailure, "destination");
    });
}

export const lambdaAsyncFailureDestination: StackValidationPolicy = {
  name: "lambda-async-failure-destination",
  description:
    "Every Lambda function invoked asynchronously (destination of a log subscription filter, SNS lambda subscription, S3 bucket notification or EventBridge target) keeps failed events: a FunctionEventInvokeConfig with destinationConfig.onFailure.destination, or a deadLetterConfig. Synchronous callers (e.g. a Firehose processor) are not async sources.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      acceptDeadLetterQueue: { type: "boolean", default: true, description: "Accept the function's deadLetterConfig as the failure destination; false requires an on-failure destination." },
    },
  },
  validateStack: (args, report) => {
    const { acceptDeadLetterQueue } = args.getConfig<{ acceptDeadLetterQueue: boolean }>();
    for (const fn of args.resources.filter((r) => r.type === FUNCTION)) {
      const invokers = asyncInvokers(args.resources, fn);
      if (invokers.length === 0 || hasFailureDestination(args.resources, fn, acceptDeadLetterQueue)) continue;
      const fix = `add a FunctionEventInvokeConfig with destinationConfig.onFailure.destination${acceptDeadLetterQueue ? " or a deadLetterConfig" : ""}`;
      report(`function ${fn.name} is invoked asynchronously by ${invokers.join(", ")} and keeps no failed events; ${fix}`, fn.urn);
    }
  },
};

export const LAMBDA_POLICIES = [lambdaSupportedRuntime, lambdaRoleNoWildcards, lambdaWidgetReservedConcurrency, lambdaAsyncFailureDestination];
