// What each function of a synthesized stack will call, read off the stack's own resources rather
// than off the role policy: the function's environment, the widgets that point at it, the queue URL it
// is given, the Glue table's location, the workgroup's result location and each resource's key. The
// requests are then the declared calls (contracts/functions/*) on these concrete resources.
import type { RecordedResource } from "../../synth/engine";
import type { Permissions } from "../../contracts/permissions";
import { ENRICHER_PERMISSIONS } from "../../contracts/functions/access-log-enricher";
import { COUNTER_PERMISSIONS } from "../../contracts/functions/api-call-counter";
import { DISTINCT_USERS_PERMISSIONS } from "../../contracts/functions/distinct-users-widget";
import { PERIOD_COMPARISON_PERMISSIONS } from "../../contracts/functions/period-comparison-widget";
import { FUNCTION_LOGGING_ACTIONS, ENVIRONMENT_KEY_ACTIONS } from "../../contracts/permissions";
import { resourceFitsAction, type PolicyDocumentJson, type SimulatedRequest } from "./reference";

/** A resource a call touches, with the key its data is encrypted with (when a customer key). */
export interface ConcreteResource {
  readonly arns: readonly string[];
  readonly keyArn?: string;
}

/** Slot → concrete resources, or the reason the stack gives the slot nothing. */
export type ConcreteSlots = Record<string, readonly ConcreteResource[] | { readonly empty: string }>;

export interface StackFunction {
  readonly name: string;
  readonly contract: string;
  readonly permissions: Permissions<string>;
  readonly policy: PolicyDocumentJson;
  readonly requests: SimulatedRequest[];
  /** Declared calls the stack gives no resource to, with why (e.g. usage-plan lookup off). */
  readonly uncalled: string[];
}

const PERMISSIONS: Record<string, Permissions<string>> = {
  "access-log-enricher": ENRICHER_PERMISSIONS,
  "api-call-counter": COUNTER_PERMISSIONS,
  "distinct-users-widget": DISTINCT_USERS_PERMISSIONS,
  "period-comparison-widget": PERIOD_COMPARISON_PERMISSIONS as Permissions<string>,
};

const str = (value: unknown): string => (typeof value === "string" ? value : "");
const obj = (value: unknown): Record<string, unknown> => (value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {});

function s3Location(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match) throw new Error(`not an s3:// location: ${url}`);
  return { bucket: match[1]!, prefix: match[2]! };
}

class StackResources {
  constructor(private readonly resources: readonly RecordedResource[]) {}

  ofType(type: string): RecordedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The customer key a bucket's default encryption uses, if any. */
  bucketKey(bucketName: string): string | undefined {
    const bucket = this.ofType("aws:s3/bucket:Bucket").find((b) => b.outputs.bucket === bucketName);
    if (!bucket) throw new Error(`no bucket named ${bucketName} in the stack`);
    const sse = this.ofType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").find((c) =>
      (c.propertyDependencies.bucket ?? []).includes(bucket.urn),
    );
    const rules = (sse?.inputs.rules as unknown[] | undefined) ?? [];
    return str(obj(obj(rules[0]).applyServerSideEncryptionByDefault).kmsMasterKeyId) || undefined;
  }

  bucketObjects(bucketName: string, prefix: string): ConcreteResource {
    const bucket = `arn:aws:s3:::${bucketName}`;
    const keyArn = this.bucketKey(bucketName);
    return { arns: [bucket, `${bucket}/${prefix}sample-object`], ...(keyArn ? { keyArn } : {}) };
  }
}

/** region and account of a function, from its ARN. */
function placeOf(fn: RecordedResource): { region: string; account: string } {
  const match = /^arn:aws:lambda:([a-z0-9-]+):(\d{12}):function:/.exec(str(fn.outputs.arn));
  if (!match) throw new Error(`function ${fn.name} has no Lambda ARN: ${String(fn.outputs.arn)}`);
  return { region: match[1]!, account: match[2]! };
}

function envOf(fn: RecordedResource): Record<string, string> {
  return obj(obj(fn.inputs.environment).variables) as Record<string, string>;
}

/** Custom widgets of the stack's dashboards that call this function, with their params. */
function widgetParams(stack: StackResources, fn: RecordedResource): Record<string, unknown>[] {
  return stack.ofType("aws:cloudwatch/dashboard:Dashboard").flatMap((d) => {
    const body = obj(JSON.parse(str(d.inputs.dashboardBody)));
    return ((body.widgets as unknown[]) ?? [])
      .map(obj)
      .filter((w) => w.type === "custom" && obj(w.properties).endpoint === fn.outputs.arn)
      .map((w) => obj(obj(w.properties).params));
  });
}

function counterSlots(stack: StackResources, fn: RecordedResource): ConcreteSlots {
  const env = envOf(fn);
  const url = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\/(\d{12})\/(.+)$/.exec(env.DEAD_LETTER_QUEUE_URL ?? "");
  if (!url) throw new Error(`${fn.name}: DEAD_LETTER_QUEUE_URL is not a queue URL: ${env.DEAD_LETTER_QUEUE_URL}`);
  const queueKey = (arn: string): string | undefined => {
    const queue = stack.ofType("aws:sqs/queue:Queue").find((q) => q.outputs.arn === arn);
    if (!queue) throw new Error(`${fn.name}: no queue ${arn} in the stack`);
    return str(queue.inputs.kmsMasterKeyId) || undefined;
  };
  const queue = (arn: string): ConcreteResource => ({ arns: [arn], ...(queueKey(arn) ? { keyArn: queueKey(arn)! } : {}) });
  const destinations = stack
    .ofType("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig")
    .filter((c) => c.inputs.functionName === fn.outputs.name)
    .map((c) => str(obj(obj(c.inputs.destinationConfig).onFailure).destination))
    .filter(Boolean);
  return {
    namespace: [{ arns: [env.METRIC_NAMESPACE ?? ""] }],
    deadLetterQueue: [queue(`arn:aws:sqs:${url[1]}:${url[2]}:${url[3]}`)],
    failureDestination: destinations.length ? destinations.map(queue) : { empty: "no on-failure destination is configured" },
  };
}

function enricherSlots(fn: RecordedResource): ConcreteSlots {
  if (envOf(fn).USAGE_PLAN_LOOKUP !== "true") {
    const off = { empty: "USAGE_PLAN_LOOKUP is off" };
    return { usagePlans: off, usagePlanKeys: off, apiKeys: off };
  }
  const { region } = placeOf(fn);
  const base = `arn:aws:apigateway:${region}::`;
  return {
    usagePlans: [{ arns: [`${base}/usageplans`] }],
    usagePlanKeys: [{ arns: [`${base}/usageplans/a1b2c3/keys`] }],
    apiKeys: [{ arns: [`${base}/apikeys`] }],
  };
}

function distinctUsersSlots(stack: StackResources, fn: RecordedResource): ConcreteSlots {
  const env = envOf(fn);
  const { region, account } = placeOf(fn);
  const params = widgetParams(stack, fn);
  const logGroups = [...new Set(params.flatMap((p) => (p.backend === "logs" ? ((p.logGroupNames as string[]) ?? []) : [])))];
  const athena = params.filter((p) => p.backend === "athena");
  const athenaTargets = athena.map((p) => ({
    workgroup: str(p.workgroup) || env.DEFAULT_ATHENA_WORKGROUP || "",
    database: str(p.database) || env.DEFAULT_ATHENA_DATABASE || "",
    table: str(p.table) || env.DEFAULT_ATHENA_TABLE || "",
  }));
  const noAthena = { empty: "no widget of the stack queries Athena" };
  const slots: ConcreteSlots = {
    logGroups: logGroups.length
      ? logGroups.map((name) => ({ arns: [`arn:aws:logs:${region}:${account}:log-group:${name}`] }))
      : { empty: "no widget of the stack queries Logs Insights" },
    workgroup: noAthena,
    glueTable: noAthena,
    dataLakeBucket: noAthena,
    resultsBucket: noAthena,
  };
  if (athenaTargets.length === 0) return slots;

  const workgroups = athenaTargets.map(({ workgroup }) => {
    const resource = stack.ofType("aws:athena/workgroup:Workgroup").find((w) => w.inputs.name === workgroup);
    if (!resource) throw new Error(`${fn.name}: workgroup ${workgroup} is not in the stack`);
    return resource;
  });
  const tables = athenaTargets.map(({ database, table }) => {
    const resource = stack.ofType("aws:glue/catalogTable:CatalogTable").find((t) => t.inputs.databaseName === database && t.inputs.name === table);
    if (!resource) throw new Error(`${fn.name}: table ${database}.${table} is not in the stack`);
    return resource;
  });
  return {
    ...slots,
    workgroup: workgroups.map((w) => ({ arns: [`arn:aws:athena:${region}:${account}:workgroup/${str(w.inputs.name)}`] })),
    glueTable: athenaTargets.map(({ database, table }) => ({
      arns: [`arn:aws:glue:${region}:${account}:catalog`, `arn:aws:glue:${region}:${account}:database/${database}`, `arn:aws:glue:${region}:${account}:table/${database}/${table}`],
    })),
    dataLakeBucket: tables.map((t) => {
      const { bucket, prefix } = s3Location(str(obj(t.inputs.storageDescriptor).location));
      return stack.bucketObjects(bucket, `${prefix.replace(/\/?$/, "/")}dt=2026-12-01/`);
    }),
    resultsBucket: workgroups.map((w) => {
      const results = obj(obj(w.inputs.configuration).resultConfiguration);
      const { bucket, prefix } = s3Location(str(results.outputLocation));
      const workgroupKey = str(obj(results.encryptionConfiguration).kmsKeyArn) || undefined;
      const objects = stack.bucketObjects(bucket, prefix.replace(/\/?$/, "/"));
      return { arns: objects.arns, ...((workgroupKey ?? objects.keyArn) ? { keyArn: (workgroupKey ?? objects.keyArn)! } : {}) };
    }),
  };
}

function slotsOf(contract: string, stack: StackResources, fn: RecordedResource): ConcreteSlots {
  switch (contract) {
    case "api-call-counter":
      return counterSlots(stack, fn);
    case "access-log-enricher":
      return enricherSlots(fn);
    case "distinct-users-widget":
      return distinctUsersSlots(stack, fn);
    case "period-comparison-widget":
      return {};
    default:
      throw new Error(`function ${fn.name} runs ${contract}, which has no permissions declaration`);
  }
}

/** The role's inline policies, merged into one document (the simulator sees them together, as IAM does). */
function rolePolicy(stack: StackResources, fn: RecordedResource): PolicyDocumentJson {
  const role = stack.ofType("aws:iam/role:Role").find((r) => r.outputs.arn === fn.inputs.role);
  if (!role) throw new Error(`function ${fn.name}: its role ${String(fn.inputs.role)} is not in the stack`);
  const attached = stack.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => (a.propertyDependencies.role ?? []).includes(role.urn));
  if (attached.length) throw new Error(`function ${fn.name}: its role has managed policies attached, which this test does not read`);
  const statements = stack
    .ofType("aws:iam/rolePolicy:RolePolicy")
    .filter((p) => (p.propertyDependencies.role ?? []).includes(role.urn))
    .flatMap((p) => (JSON.parse(str(p.inputs.policy)) as PolicyDocumentJson).Statement);
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * The policy of the key a KMS request goes to: the stack's own key's policy, or, for a key the stack
 * does not own (a customer key in another account), the statement its owner must add for this role.
 */
function keyPolicyFor(stack: StackResources, keyArn: string, role: string, actions: readonly string[]): PolicyDocumentJson {
  const own = stack.ofType("aws:kms/key:Key").find((k) => k.outputs.arn === keyArn);
  if (own) return JSON.parse(str(own.inputs.policy)) as PolicyDocumentJson;
  return { Version: "2012-10-17", Statement: [{ Sid: "StackFunctionsUseKey", Effect: "Allow", Principal: { AWS: role }, Action: [...actions], Resource: "*" }] };
}

async function requestsFor(permissions: Permissions<string>, slots: ConcreteSlots, stack: StackResources, fn: RecordedResource): Promise<{ requests: SimulatedRequest[]; uncalled: string[] }> {
  const requests: SimulatedRequest[] = [];
  const uncalled: string[] = [];
  const principal = str(fn.inputs.role);
  const keyActions = new Map<string, Set<string>>();
  const add = (request: SimulatedRequest): void => {
    if (request.action.startsWith("kms:")) keyActions.set(request.resource, (keyActions.get(request.resource) ?? new Set()).add(request.action));
    if (!requests.some((r) => r.action === request.action && r.resource === request.resource && JSON.stringify(r.context) === JSON.stringify(request.context))) requests.push({ ...request, principal });
  };
  for (const call of permissions.calls) {
    for (const grant of call.grants) {
      const slotName = grant.resource === "*" ? grant.condition?.valuesFrom : grant.resource;
      const slot = slotName === undefined ? [{ arns: ["*"] }] : slots[slotName];
      if (slot === undefined) throw new Error(`${permissions.functionName}: the test derives nothing for slot ${slotName}`);
      if ("empty" in slot) {
        uncalled.push(`${call.command} (${grant.sid}): ${slot.empty}`);
        continue;
      }
      for (const resource of slot) {
        for (const action of grant.actions) {
          if (grant.resource === "*") {
            const context = grant.condition ? { [grant.condition.key]: resource.arns[0]! } : undefined;
            add({ action, resource: "*", ...(context ? { context } : {}) });
            continue;
          }
          const fitting = [];
          for (const arn of resource.arns) if (await resourceFitsAction(action, arn)) fitting.push(arn);
          if (fitting.length === 0) throw new Error(`${permissions.functionName}: ${action} (${call.command}) can be called on none of ${resource.arns.join(", ")}`);
          fitting.forEach((arn) => add({ action, resource: arn }));
          if (resource.keyArn) (grant.kms ?? []).forEach((kmsAction) => add({ action: kmsAction, resource: resource.keyArn! }));
        }
      }
    }
  }
  // What the Lambda runtime does with the role, whatever the code: write the function's logs, and
  // decrypt its environment when a customer key encrypts it.
  const { region, account } = placeOf(fn);
  const logGroup = str(obj(fn.inputs.loggingConfig).logGroup) || `/aws/lambda/${str(fn.outputs.name)}`;
  for (const action of FUNCTION_LOGGING_ACTIONS) add({ action, resource: `arn:aws:logs:${region}:${account}:log-group:${logGroup}:log-stream:2026/12/01/[$LATEST]0123456789abcdef` });
  const environmentKey = str(fn.inputs.kmsKeyArn);
  if (environmentKey) for (const action of ENVIRONMENT_KEY_ACTIONS) add({ action, resource: environmentKey });
  for (const request of requests) {
    const actions = keyActions.get(request.resource);
    if (actions) request.resourcePolicy = keyPolicyFor(stack, request.resource, principal, [...actions]);
  }
  return { requests, uncalled };
}

/** Every Lambda function of a synthesized stack, with its role policy and the requests it will make. */
export async function stackFunctions(resources: readonly RecordedResource[]): Promise<StackFunction[]> {
  const stack = new StackResources(resources);
  const functions: StackFunction[] = [];
  for (const fn of stack.ofType("aws:lambda/function:Function")) {
    const archive = str(obj(fn.inputs.code).fileArchive ?? obj(fn.inputs.code).path);
    const contract = /functions\/([a-z-]+)\/?$/.exec(archive)?.[1];
    if (!contract || !PERMISSIONS[contract]) throw new Error(`function ${fn.name}: cannot tell which function it runs from its code ${archive}`);
    const permissions = PERMISSIONS[contract]!;
    const { requests, uncalled } = await requestsFor(permissions, slotsOf(contract, stack, fn), stack, fn);
    functions.push({ name: fn.name, contract, permissions, policy: rolePolicy(stack, fn), requests, uncalled });
  }
  return functions;
}

/** Every identity policy of the stack (role inline policies and managed policies), named. */
export function identityPolicies(resources: readonly RecordedResource[]): Array<{ name: string; policy: PolicyDocumentJson }> {
  return resources
    .filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" || r.type === "aws:iam/policy:Policy")
    .map((r) => ({ name: `${r.type.split(":").pop()} ${r.name}`, policy: JSON.parse(str(r.inputs.policy)) as PolicyDocumentJson }));
}
