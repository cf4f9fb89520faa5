/**
 * Deterministic stand-ins for what AWS would return: ids, ARNs and the common computed outputs of
 * the resource types this project declares. Same inputs → same values, so plan.json is stable.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

export interface FakeAccount {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

export const DEFAULT_ACCOUNT: FakeAccount = { accountId: "123456789012", region: "us-east-1", partition: "aws" };

export function fakeHex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

function fakeUuid(seed: string): string {
  const h = fakeHex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

type State = Record<string, unknown>;

/**
 * Computed outputs a first preview already knows: the provider picks an auto-name (`name`,
 * `bucket`) in Check, before anything exists, and `tagsAll` merges the provider's default tags.
 */
export const KNOWN_IN_PREVIEW: ReadonlySet<string> = new Set(["name", "bucket", "tagsAll"]);

export class DefaultTagsError extends Error {}

/** AWS tagging limits (Tagging AWS resources, "Tag naming limits and requirements"). */
export const TAG_LIMITS = { tagsPerResource: 50, keyLength: 128, valueLength: 256 } as const;

/** `aws:defaultTags` as the stack file gives it (`{"tags": {...}}`, JSON-encoded); {} when absent. */
export function readDefaultTags(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const tags = (parsed as { tags?: unknown } | null | undefined)?.tags;
  if (typeof tags !== "object" || tags === null || Array.isArray(tags) || Object.values(tags).some((v) => typeof v !== "string")) {
    throw new DefaultTagsError(`aws:defaultTags must be a map with a "tags" map of strings (tags: {project: …}), got ${raw}`);
  }
  const entries = Object.entries(tags as Record<string, string>);
  const problem =
    entries.length > TAG_LIMITS.tagsPerResource
      ? `at most ${TAG_LIMITS.tagsPerResource} tags (a resource takes no more), got ${entries.length}`
      : entries
          .map(([key, value]) =>
            key.length === 0 || key.length > TAG_LIMITS.keyLength
              ? `tag keys of 1 to ${TAG_LIMITS.keyLength} characters, got ${JSON.stringify(key)}`
              : key.toLowerCase().startsWith("aws:")
                ? `tag keys not starting with "aws:" (reserved for AWS), got ${JSON.stringify(key)}`
                : value.length > TAG_LIMITS.valueLength
                  ? `tag values of at most ${TAG_LIMITS.valueLength} characters, got ${value.length} for ${key}`
                  : undefined,
          )
          .find((p) => p !== undefined);
  if (problem) throw new DefaultTagsError(`aws:defaultTags must have ${problem}`);
  return Object.fromEntries(entries);
}

const declaredOutputs = new Map<string, ReadonlySet<string>>();
const packageRoots: Record<string, string> = {
  aws: path.dirname(require.resolve("@pulumi/aws/package.json")),
  "aws-native": path.dirname(require.resolve("@pulumi/aws-native/package.json")),
};

/** Where a provider type's class is declared: `aws:s3/bucket:Bucket` → @pulumi/aws/s3/bucket.d.ts. */
function declarationFile(type: string): string | undefined {
  const [pkg, module, member] = type.split(":");
  const root = pkg === undefined ? undefined : packageRoots[pkg];
  if (!root || !module || !member) return undefined;
  if (pkg === "aws") {
    const [folder, file] = module.split("/");
    return folder === "index" ? path.join(root, `${file}.d.ts`) : path.join(root, folder!, `${file}.d.ts`);
  }
  return path.join(root, module, `${member[0]!.toLowerCase()}${member.slice(1)}.d.ts`);
}

/** The outputs a provider type's class declares (`readonly x: pulumi.Output<…>`); empty for a type it cannot find. */
export function outputsOf(type: string): ReadonlySet<string> {
  const cached = declaredOutputs.get(type);
  if (cached) return cached;
  const file = declarationFile(type);
  const outputs = new Set(file && existsSync(file) ? [...readFileSync(file, "utf8").matchAll(/^\s+readonly (\w+): pulumi\.Output</gm)].map((m) => m[1]!) : []);
  declaredOutputs.set(type, outputs);
  return outputs;
}

/**
 * Whether resources of an `aws:` type take tags: its class in @pulumi/aws declares `tagsAll`
 * (the provider's default tags merged with the resource's own), as every taggable type does.
 */
export function supportsTags(type: string): boolean {
  return type.startsWith("aws:") && outputsOf(type).has("tagsAll");
}

/**
 * The input that holds a type's own physical name (Pulumi registry, @pulumi/aws 7 and
 * @pulumi/aws-native): the fake name and ARN come from it when the program gives it, as AWS's do;
 * when it does not, the provider's auto-name (`<resource name>-<7 hex>`) goes into it. A type not
 * listed has no name of its own (a key, a link, a bucket's settings, an event invoke config).
 */
export const NAME_INPUTS: Readonly<Record<string, string>> = {
  "aws:athena/namedQuery:NamedQuery": "name",
  "aws:athena/workgroup:Workgroup": "name",
  "aws:cloudtrail/trail:Trail": "name",
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": "alarmName",
  "aws:cloudwatch/dashboard:Dashboard": "dashboardName",
  "aws:cloudwatch/logGroup:LogGroup": "name",
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": "name",
  "aws:cloudwatch/logStream:LogStream": "name",
  "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": "name",
  "aws:cloudwatch/metricAlarm:MetricAlarm": "name",
  "aws:glue/catalogDatabase:CatalogDatabase": "name",
  "aws:glue/catalogTable:CatalogTable": "name",
  "aws:glue/crawler:Crawler": "name",
  "aws:iam/policy:Policy": "name",
  "aws:iam/role:Role": "name",
  "aws:iam/rolePolicy:RolePolicy": "name",
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": "name",
  "aws:kms/alias:Alias": "name",
  "aws:lambda/function:Function": "name",
  "aws:lambda/permission:Permission": "statementId",
  "aws:oam/sink:Sink": "name",
  "aws:quicksight/dataSet:DataSet": "dataSetId",
  "aws:quicksight/dataSource:DataSource": "dataSourceId",
  "aws:quicksight/group:Group": "groupName",
  "aws:quicksight/groupMembership:GroupMembership": "memberName",
  "aws:quicksight/refreshSchedule:RefreshSchedule": "scheduleId",
  "aws:s3/bucket:Bucket": "bucket",
  "aws:sns/topic:Topic": "name",
  "aws:sqs/queue:Queue": "name",
  "aws-native:quicksight:Analysis": "analysisId",
  "aws-native:quicksight:Dashboard": "dashboardId",
};

/** Computed outputs for one resource, with `tagsAll` for a taggable type. */
export function fakeState(type: string, name: string, inputs: State, account: FakeAccount, defaultTags: Readonly<Record<string, string>> = {}): { id: string; state: State } {
  const fake = fakeStateOfType(type, name, inputs, account);
  if (!supportsTags(type)) return fake;
  const own = typeof inputs.tags === "object" && inputs.tags !== null ? (inputs.tags as Record<string, string>) : {};
  return { id: fake.id, state: { ...fake.state, tagsAll: { ...defaultTags, ...own } } };
}

/** The dataset ARNs a QuickSight definition declares (aws-native's shape). */
function dataSetArnsOf(definition: unknown): string[] {
  const declarations = (definition as { dataSetIdentifierDeclarations?: Array<{ dataSetArn?: unknown }> } | null | undefined)?.dataSetIdentifierDeclarations ?? [];
  return declarations.map((d) => d.dataSetArn).filter((arn): arn is string => typeof arn === "string");
}

/** Computed outputs for one resource, keyed by its Pulumi type token. */
function fakeStateOfType(type: string, name: string, inputs: State, account: FakeAccount): { id: string; state: State } {
  const { accountId: acct, region, partition } = account;
  const arnOf = (service: string, resource: string, regional = true) =>
    `arn:${partition}:${service}:${regional ? region : ""}:${service === "s3" ? "" : acct}:${resource}`;
  const nameInput = NAME_INPUTS[type];
  const given = nameInput === undefined ? undefined : inputs[nameInput];
  // The physical name: the real name input when given, else the auto-name the provider would pick.
  const n = typeof given === "string" ? given : `${name}-${fakeHex(type + name, 7)}`;
  const named: State = nameInput === undefined ? {} : { [nameInput]: n };
  const generic = (service: string, kind: string) => ({ id: n, state: { ...named, arn: arnOf(service, `${kind}${n}`) } });

  switch (type) {
    case "aws:s3/bucket:Bucket":
      return {
        id: n,
        state: {
          ...named,
          arn: `arn:${partition}:s3:::${n}`,
          bucketDomainName: `${n}.s3.amazonaws.com`,
          bucketRegionalDomainName: `${n}.s3.${region}.amazonaws.com`,
          region,
        },
      };
    case "aws:kms/key:Key": {
      const keyId = fakeUuid(name);
      return { id: keyId, state: { keyId, arn: arnOf("kms", `key/${keyId}`) } };
    }
    case "aws:kms/alias:Alias":
      return generic("kms", "");
    case "aws:iam/role:Role":
      return { id: n, state: { ...named, arn: `arn:${partition}:iam::${acct}:role/${n}`, uniqueId: `AROA${fakeHex(n, 17).toUpperCase()}` } };
    case "aws:iam/policy:Policy":
      return { id: `arn:${partition}:iam::${acct}:policy/${n}`, state: { ...named, arn: `arn:${partition}:iam::${acct}:policy/${n}` } };
    case "aws:iam/rolePolicy:RolePolicy":
      return { id: `${String(inputs.role ?? "role")}:${n}`, state: named };
    case "aws:lambda/function:Function": {
      const arn = arnOf("lambda", `function:${n}`);
      return {
        id: n,
        state: { ...named, arn, qualifiedArn: `${arn}:$LATEST`, invokeArn: `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`, version: "$LATEST" },
      };
    }
    case "aws:lambda/permission:Permission":
      return { id: n, state: named };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { id: n, state: { ...named, arn: arnOf("logs", `log-group:${n}`) } };
    case "aws:cloudwatch/logStream:LogStream":
      return { id: n, state: { ...named, arn: arnOf("logs", `log-group:${String(inputs.logGroupName ?? "log-group")}:log-stream:${n}`) } };
    case "aws:sqs/queue:Queue":
      return { id: `https://sqs.${region}.amazonaws.com/${acct}/${n}`, state: { ...named, arn: arnOf("sqs", n), url: `https://sqs.${region}.amazonaws.com/${acct}/${n}` } };
    case "aws:sns/topic:Topic":
      return { id: arnOf("sns", n), state: { ...named, arn: arnOf("sns", n) } };
    case "aws:cloudtrail/trail:Trail":
      return generic("cloudtrail", "trail/");
    case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream":
      return { id: arnOf("firehose", `deliverystream/${n}`), state: { ...named, arn: arnOf("firehose", `deliverystream/${n}`) } };
    case "aws:glue/catalogDatabase:CatalogDatabase":
      return generic("glue", "database/");
    case "aws:glue/catalogTable:CatalogTable":
      return generic("glue", `table/${String(inputs.databaseName ?? "db")}/`);
    case "aws:athena/workgroup:Workgroup":
      return generic("athena", "workgroup/");
    case "aws:cloudwatch/dashboard:Dashboard":
      return { id: n, state: { ...named, dashboardArn: `arn:${partition}:cloudwatch::${acct}:dashboard/${n}` } };
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
    case "aws:cloudwatch/compositeAlarm:CompositeAlarm":
      return generic("cloudwatch", "alarm:");
    case "aws:oam/sink:Sink": {
      // A sink's ARN carries an id OAM generates, not its name.
      const id = fakeUuid(name);
      return { id: arnOf("oam", `sink/${id}`), state: { ...named, arn: arnOf("oam", `sink/${id}`), sinkId: id } };
    }
    case "aws:oam/link:Link": {
      const id = fakeUuid(name);
      return { id: arnOf("oam", `link/${id}`), state: { arn: arnOf("oam", `link/${id}`), linkId: id, label: `account-${acct}` } };
    }
    case "aws:quicksight/group:Group": {
      const ns = String(inputs.namespace ?? "default");
      return { id: `${acct}/${ns}/${n}`, state: { ...named, namespace: ns, arn: arnOf("quicksight", `group/${ns}/${n}`) } };
    }
    case "aws:quicksight/groupMembership:GroupMembership": {
      const ns = String(inputs.namespace ?? "default");
      const group = String(inputs.groupName ?? "group");
      return { id: `${acct}/${ns}/${group}/${n}`, state: { ...named, namespace: ns, arn: arnOf("quicksight", `group/${ns}/${group}/user/${n}`) } };
    }
    case "aws:quicksight/dataSource:DataSource":
      return { id: `${acct}/${n}`, state: { ...named, arn: arnOf("quicksight", `datasource/${n}`) } };
    case "aws:quicksight/dataSet:DataSet":
      return { id: `${acct},${n}`, state: { ...named, arn: arnOf("quicksight", `dataset/${n}`) } };
    case "aws:quicksight/refreshSchedule:RefreshSchedule": {
      const dataSet = String(inputs.dataSetId ?? "dataset");
      return { id: `${acct},${dataSet},${n}`, state: { ...named, arn: arnOf("quicksight", `dataset/${dataSet}/refresh-schedule/${n}`) } };
    }
    // Cloud Control identifies a resource by its primary identifier's values joined with "|", in the
    // schema's order: [AnalysisId, AwsAccountId] and [AwsAccountId, DashboardId].
    case "aws-native:quicksight:Analysis":
      return { id: `${n}|${acct}`, state: { ...named, arn: arnOf("quicksight", `analysis/${n}`), dataSetArns: dataSetArnsOf(inputs.definition) } };
    case "aws-native:quicksight:Dashboard": {
      const arn = arnOf("quicksight", `dashboard/${n}`);
      const version = { versionNumber: 1, status: "CREATION_SUCCESSFUL", arn: `${arn}/version/1`, dataSetArns: dataSetArnsOf(inputs.definition) };
      return { id: `${acct}|${n}`, state: { ...named, arn, version } };
    }
    default: {
      const [pkg, mod] = type.split(":");
      if (pkg !== "aws") return { id: `${name}-id`, state: {} };
      // Only a type whose class declares an ARN gets one; a type without a name of its own gets none.
      const service = (mod ?? "unknown").split("/")[0];
      const kind = type.split(":")[2]?.toLowerCase() ?? "resource";
      const arn = outputsOf(type).has("arn") ? { arn: arnOf(service!, `${kind}/${n}`) } : {};
      return { id: `${name}-${fakeHex(type + name, 8)}`, state: { ...named, ...arn } };
    }
  }
}

/** Answers the provider functions the program calls. */
export function fakeCall(token: string, inputs: State, account: FakeAccount): State {
  const { accountId, region, partition } = account;
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId, arn: `arn:${partition}:iam::${accountId}:user/synth`, userId: "AIDASYNTH", id: accountId };
    case "aws:index/getRegion:getRegion":
      return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
    case "aws:index/getPartition:getPartition":
      return { partition, id: partition, dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
    case "aws:cloudwatch/getLogGroup:getLogGroup": {
      const name = String(inputs.name);
      return { name, id: name, arn: `arn:${partition}:logs:${region}:${accountId}:log-group:${name}`, retentionInDays: 0, logGroupClass: "STANDARD" };
    }
    default:
      throw new Error(`the offline engine has no answer for ${token} (inputs ${JSON.stringify(inputs)}); add one in synth/fake-aws.ts`);
  }
}
