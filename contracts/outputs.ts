/**
 * The outputs of an api-usage-insights stack: the contract app stacks read through a
 * StackReference, in any Pulumi language. index.ts returns exactly these keys (checked by tsc and a
 * test); the JSON Schema published with the package is generated from OUTPUTS. Change this file
 * only with a version bump (rules below) and a migration note in docs/upgrading.md.
 */

/**
 * The contract's semantic version, published as the `contractVersion` output.
 *  - major: an output is removed or renamed without alias, or its type or meaning changes;
 *  - minor: an output is added, or an old name becomes a deprecated alias;
 *  - patch: descriptions only.
 */
export const CONTRACT_VERSION = "1.2.0";

/** Stacks deployed before the contract had a version publish no `contractVersion`: they speak 1.0.0. */
export const UNVERSIONED_CONTRACT = "1.0.0";

export interface UsageInsightsOutputs {
  contractVersion: string;
  restAccessLogDestinationArn: string | null;
  restAccessLogFormat: string | null;
  accessLogGroupArns: Record<string, string>;
  /** @deprecated renamed to accessLogGroupArns (it never held HTTP APIs only); the same value, kept for one release. */
  httpAccessLogGroupArns: Record<string, string>;
  httpAccessLogFormat: string | null;
  webSocketAccessLogFormat: string | null;
  dataLakeBucket: string | null;
  glueDatabase: string | null;
  glueTable: string | null;
  athenaWorkgroup: string | null;
  metricNamespace: string | null;
  dashboardName: string | null;
  dashboardUrl: string | null;
  quicksightDashboardId: string | null;
  widgetFunctionArns: string[];
  dashboardViewerPolicyArn: string | null;
  oamSinkArn: string | null;
  oamSinkArns: Record<string, string>;
  quicksightDashboardUrl: string | null;
  apiCallTrailArn: string | null;
}

export type OutputName = keyof UsageInsightsOutputs;

/** The JSON shapes outputs take: a string, a string or null, a list of strings, a map of strings. */
export type OutputShape = "string" | "nullableString" | "stringList" | "stringMap";

export interface OutputSpec {
  readonly shape: OutputShape;
  readonly description: string;
  /** The contract version that added the output. */
  readonly since: string;
  /** The output that replaces this one; the old key keeps the same value for one major version. */
  readonly deprecatedFor?: OutputName;
}

export const OUTPUTS: { readonly [K in OutputName]: OutputSpec } = {
  contractVersion: { shape: "string", since: "1.1.0", description: "Semantic version of this output contract; app-side helpers refuse another major version." },
  restAccessLogDestinationArn: {
    shape: "nullableString",
    since: "1.0.0",
    description: "ARN of the amazon-apigateway-… Firehose stream: the access-log destination of REST stages delivered through Firehose.",
  },
  restAccessLogFormat: { shape: "nullableString", since: "1.0.0", description: "Access-log format ($context JSON) for REST stages." },
  accessLogGroupArns: {
    shape: "stringMap",
    since: "1.0.0",
    description: "API name (as configured in apis) → log group ARN, for every stage logging to CloudWatch Logs (REST, HTTP and WebSocket).",
  },
  httpAccessLogGroupArns: {
    shape: "stringMap",
    since: "1.0.0",
    deprecatedFor: "accessLogGroupArns",
    description: "Deprecated: the same value as accessLogGroupArns (it never held HTTP APIs only), kept for one release.",
  },
  httpAccessLogFormat: { shape: "nullableString", since: "1.0.0", description: "Access-log format ($context JSON) for HTTP API stages." },
  webSocketAccessLogFormat: { shape: "nullableString", since: "1.0.0", description: "Access-log format ($context JSON) for WebSocket API stages." },
  dataLakeBucket: { shape: "nullableString", since: "1.0.0", description: "S3 bucket of the access-log data lake (Parquet under data/)." },
  glueDatabase: { shape: "nullableString", since: "1.0.0", description: "Glue database of the access-log table." },
  glueTable: { shape: "nullableString", since: "1.0.0", description: "Glue table of the enriched access logs, partitioned by dt (yyyy-MM-dd)." },
  athenaWorkgroup: { shape: "nullableString", since: "1.0.0", description: "Athena workgroup for queries over the data lake (engine v3, scan cutoff enforced)." },
  metricNamespace: { shape: "nullableString", since: "1.0.0", description: "CloudWatch namespace of the API-call metrics counted from CloudTrail." },
  dashboardName: { shape: "nullableString", since: "1.0.0", description: "Name of the CloudWatch dashboard (the cross-account one in a monitoring stack)." },
  dashboardUrl: { shape: "nullableString", since: "1.0.0", description: "Console URL of the CloudWatch dashboard." },
  quicksightDashboardId: { shape: "nullableString", since: "1.0.0", description: "QuickSight dashboard id, when QuickSight is on." },
  widgetFunctionArns: { shape: "stringList", since: "1.0.0", description: "ARNs of the dashboard's custom-widget Lambda functions." },
  dashboardViewerPolicyArn: { shape: "nullableString", since: "1.0.0", description: "Managed policy that lets a person view the dashboard and run its custom widgets." },
  oamSinkArn: { shape: "nullableString", since: "1.0.0", description: "The OAM sink of the stack's own Region (monitoring stacks) or the sink this account links to (source stacks)." },
  oamSinkArns: {
    shape: "stringMap",
    since: "1.2.0",
    description: "Monitoring stacks: Region → the OAM sink serving it (a source links only to the sink of its own Region); {} in source stacks.",
  },
  quicksightDashboardUrl: { shape: "nullableString", since: "1.0.0", description: "Console URL of the QuickSight dashboard, when QuickSight is on." },
  apiCallTrailArn: { shape: "nullableString", since: "1.0.0", description: "The CloudTrail trail counted by the API-call metrics (null when counting an existing trail's log group)." },
};

export const OUTPUT_NAMES: readonly OutputName[] = Object.keys(OUTPUTS) as OutputName[];

/** Outputs kept under an old name: old name → new name. */
export const DEPRECATED_OUTPUTS: Readonly<Partial<Record<OutputName, OutputName>>> = Object.fromEntries(
  OUTPUT_NAMES.flatMap((name) => (OUTPUTS[name].deprecatedFor ? [[name, OUTPUTS[name].deprecatedFor]] : [])),
);

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * Whether a reader of contract CONTRACT_VERSION can read a stack publishing `published`: the same
 * major version (outputs a newer minor adds are simply not read). Returns the reason when not.
 */
export function contractProblem(stack: string, published: unknown): string | undefined {
  const version = published === undefined || published === null ? UNVERSIONED_CONTRACT : published;
  const theirs = typeof version === "string" ? SEMVER.exec(version) : null;
  const ours = SEMVER.exec(CONTRACT_VERSION)!;
  if (!theirs) return `stack ${stack} publishes contractVersion ${JSON.stringify(published)}; expected a semantic version such as ${CONTRACT_VERSION}`;
  if (theirs[1] === ours[1]) return undefined;
  return (
    `stack ${stack} publishes output contract ${version}, but this api-usage-insights package reads contract ${ours[1]}.x (${CONTRACT_VERSION}); ` +
    `use a release of the package for contract ${theirs[1]}.x, or deploy the stack with a release for ${ours[1]}.x`
  );
}

/** Whether contract `version` (a semantic version) already has `output`; an unreadable version counts as 1.0.0. */
export function publishedIn(output: OutputName, version: string): boolean {
  const parts = (text: string): number[] => (SEMVER.exec(text) ?? SEMVER.exec(UNVERSIONED_CONTRACT)!).slice(1).map(Number);
  const [since, given] = [parts(OUTPUTS[output].since), parts(version)];
  for (let i = 0; i < 3; i++) if (since[i] !== given[i]) return since[i]! < given[i]!;
  return true;
}

type JsonSchema = Record<string, unknown>;

const SHAPE_SCHEMAS: Record<OutputShape, JsonSchema> = {
  string: { type: "string" },
  nullableString: { type: ["string", "null"] },
  stringList: { type: "array", items: { type: "string" } },
  stringMap: { type: "object", additionalProperties: { type: "string" } },
};

/** The outputs as a JSON Schema (draft 2020-12), for app stacks in any language. */
export function outputsJsonSchema(): JsonSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `api-usage-insights/outputs/${CONTRACT_VERSION}`,
    title: "api-usage-insights stack outputs",
    description: `The outputs an api-usage-insights stack publishes for app stacks (contract ${CONTRACT_VERSION}).`,
    type: "object",
    properties: Object.fromEntries(
      OUTPUT_NAMES.map((name) => {
        const spec = OUTPUTS[name];
        return [name, { ...SHAPE_SCHEMAS[spec.shape], description: spec.description, ...(spec.deprecatedFor ? { deprecated: true } : {}), ...(name === "contractVersion" ? { pattern: SEMVER.source } : {}) }];
      }),
    ),
    required: [...OUTPUT_NAMES],
    additionalProperties: false,
  };
}
