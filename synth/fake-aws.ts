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

const taggable = new Map<string, boolean>();
const awsRoot = path.dirname(require.resolve("@pulumi/aws/package.json"));

/**
 * Whether resources of an `aws:` type take tags: its class in @pulumi/aws declares `tagsAll`
 * (the provider's default tags merged with the resource's own), as every taggable type does.
 */
export function supportsTags(type: string): boolean {
  const cached = taggable.get(type);
  if (cached !== undefined) return cached;
  const match = /^aws:([^/]+)\/([^:]+):/.exec(type);
  let result = false;
  if (match) {
    const file = match[1] === "index" ? path.join(awsRoot, `${match[2]}.d.ts`) : path.join(awsRoot, match[1], `${match[2]}.d.ts`);
    result = existsSync(file) && /\btagsAll\b/.test(readFileSync(file, "utf8"));
  }
  taggable.set(type, result);
  return result;
}

/** Computed outputs for one resource, with `tagsAll` for a taggable type. */
export function fakeState(type: string, name: string, inputs: State, account: FakeAccount, defaultTags: Readonly<Record<string, string>> = {}): { id: string; state: State } {
  const fake = fakeStateOfType(type, name, inputs, account);
  if (!supportsTags(type)) return fake;
  const own = typeof inputs.tags === "object" && inputs.tags !== null ? (inputs.tags as Record<string, string>) : {};
  return { id: fake.id, state: { ...fake.state, tagsAll: { ...defaultTags, ...own } } };
}

/** Computed outputs for one resource, keyed by its Pulumi type token. */
function fakeStateOfType(type: string, name: string, inputs: State, account: FakeAccount): { id: string; state: State } {
  const { accountId: acct, region, partition } = account;
  const arnOf = (service: string, resource: string, regional = true) =>
    `arn:${partition}:${service}:${regional ? region : ""}:${service === "s3" ? "" : acct}:${resource}`;
  const physical = (key = "name") => (typeof inputs[key] === "string" ? (inputs[key] as string) : `${name}-${fakeHex(type + name, 7)}`);
  const generic = (service: string, kind: string, key = "name") => {
    const n = physical(key);
    return { id: n, state: { [key]: n, arn: arnOf(service, `${kind}${n}`) } };
  };

  switch (type) {
    case "aws:s3/bucket:Bucket": {
      const bucket = physical("bucket");
      return {
        id: bucket,
        state: {
          bucket,
          arn: `arn:${partition}:s3:::${bucket}`,
          bucketDomainName: `${bucket}.s3.amazonaws.com`,
          bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
          region,
        },
      };
    }
    case "aws:kms/key:Key": {
      const keyId = fakeUuid(name);
      return { id: keyId, state: { keyId, arn: arnOf("kms", `key/${keyId}`) } };
    }
    case "aws:kms/alias:Alias":
      return generic("kms", "");
    case "aws:iam/role:Role": {
      const n = physical();
      return { id: n, state: { name: n, arn: `arn:${partition}:iam::${acct}:role/${n}`, uniqueId: `AROA${fakeHex(n, 17).toUpperCase()}` } };
    }
    case "aws:iam/policy:Policy": {
      const n = physical();
      return { id: `arn:${partition}:iam::${acct}:policy/${n}`, state: { name: n, arn: `arn:${partition}:iam::${acct}:policy/${n}` } };
    }
    case "aws:lambda/function:Function": {
      const n = physical();
      const arn = arnOf("lambda", `function:${n}`);
      return {
        id: n,
        state: { name: n, arn, qualifiedArn: `${arn}:$LATEST`, invokeArn: `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`, version: "$LATEST" },
      };
    }
    case "aws:cloudwatch/logGroup:LogGroup": {
      const n = physical();
      return { id: n, state: { name: n, arn: arnOf("logs", `log-group:${n}`) } };
    }
    case "aws:sqs/queue:Queue": {
      const n = physical();
      return { id: `https://sqs.${region}.amazonaws.com/${acct}/${n}`, state: { name: n, arn: arnOf("sqs", n), url: `https://sqs.${region}.amazonaws.com/${acct}/${n}` } };
    }
    case "aws:sns/topic:Topic": {
      const n = physical();
      return { id: arnOf("sns", n), state: { name: n, arn: arnOf("sns", n) } };
    }
    case "aws:cloudtrail/trail:Trail":
      return generic("cloudtrail", "trail/");
    case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": {
      const n = physical();
      return { id: arnOf("firehose", `deliverystream/${n}`), state: { name: n, arn: arnOf("firehose", `deliverystream/${n}`) } };
    }
    case "aws:glue/catalogDatabase:CatalogDatabase":
      return generic("glue", "database/");
    case "aws:glue/catalogTable:CatalogTable":
      return generic("glue", `table/${String(inputs.databaseName ?? "db")}/`);
    case "aws:athena/workgroup:Workgroup":
      return generic("athena", "workgroup/");
    case "aws:cloudwatch/dashboard:Dashboard": {
      const n = physical("dashboardName");
      return { id: n, state: { dashboardName: n, dashboardArn: `arn:${partition}:cloudwatch::${acct}:dashboard/${n}` } };
    }
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
    case "aws:cloudwatch/compositeAlarm:CompositeAlarm":
      return generic("cloudwatch", "alarm:");
    case "aws:oam/sink:Sink": {
      const id = fakeUuid(name);
      return { id: arnOf("oam", `sink/${id}`), state: { name: physical(), arn: arnOf("oam", `sink/${id}`), sinkId: id } };
    }
    case "aws:oam/link:Link": {
      const id = fakeUuid(name);
      return { id: arnOf("oam", `link/${id}`), state: { arn: arnOf("oam", `link/${id}`), linkId: id, label: `account-${acct}` } };
    }
    case "aws:quicksight/group:Group": {
      const ns = String(inputs.namespace ?? "default");
      const n = physical("groupName");
      return { id: `${acct}/${ns}/${n}`, state: { groupName: n, namespace: ns, arn: arnOf("quicksight", `group/${ns}/${n}`) } };
    }
    case "aws:quicksight/groupMembership:GroupMembership": {
      const ns = String(inputs.namespace ?? "default");
      const group = String(inputs.groupName ?? "group");
      const member = String(inputs.memberName ?? name);
      return { id: `${acct}/${ns}/${group}/${member}`, state: { namespace: ns, arn: arnOf("quicksight", `group/${ns}/${group}/user/${member}`) } };
    }
    case "aws:quicksight/dataSource:DataSource": {
      const n = physical("dataSourceId");
      return { id: `${acct}/${n}`, state: { dataSourceId: n, arn: arnOf("quicksight", `datasource/${n}`) } };
    }
    case "aws:quicksight/dataSet:DataSet": {
      const n = physical("dataSetId");
      return { id: `${acct},${n}`, state: { dataSetId: n, arn: arnOf("quicksight", `dataset/${n}`) } };
    }
    case "aws:quicksight/refreshSchedule:RefreshSchedule": {
      const dataSet = String(inputs.dataSetId ?? "dataset");
      const n = physical("scheduleId");
      return { id: `${acct},${dataSet},${n}`, state: { scheduleId: n, arn: arnOf("quicksight", `dataset/${dataSet}/refresh-schedule/${n}`) } };
    }
    case "pulumi-nodejs:dynamic/quicksight:QuickSightDefinition": {
      const kind = inputs.kind === "analysis" ? "analysis" : "dashboard";
      const n = physical("assetId");
      return { id: n, state: { arn: arnOf("quicksight", `${kind}/${n}`), ...(kind === "dashboard" ? { versionNumber: 1 } : {}) } };
    }
    default: {
      const [pkg, mod] = type.split(":");
      if (pkg !== "aws") return { id: `${name}-id`, state: {} };
      const service = (mod ?? "unknown").split("/")[0];
      const kind = type.split(":")[2]?.toLowerCase() ?? "resource";
      const n = physical();
      return { id: `${name}-${fakeHex(type + name, 8)}`, state: { arn: arnOf(service, `${kind}/${n}`) } };
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
