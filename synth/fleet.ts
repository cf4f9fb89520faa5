/**
 * The project's stacks as a fleet. A StackReference to another stack of this project resolves to
 * that stack's synthesized outputs (it is synthesized first), so a source stack sees the monitoring
 * stack it will really read; only references outside the project get stand-ins, and the report says
 * which. Then the invariants that no single stack can check:
 *  - physical names unique per account and Region (or per account) are not produced twice;
 *  - every source links to a sink in its own Region, which its monitoring stack serves;
 *  - every physical name is within its AWS length limit.
 */
import { PROJECT } from "../config";
import { CONTRACT_VERSION } from "../contracts/outputs";
import { qualifiedStackName } from "../contracts/stack-names";
import { UNKNOWN_VALUE, type RecordedResource } from "./engine";
import { DEFAULT_ACCOUNT } from "./fake-aws";

/** The organization the offline engine runs in: a local backend's only one. */
export const FLEET_ORGANIZATION = "organization";

export interface FleetMember {
  readonly stack: string;
  readonly config: Readonly<Record<string, string>>;
  readonly account: string;
  readonly region: string;
  readonly role: "source" | "monitoring";
  /** The qualified name of the monitoring stack this source reads, if any. */
  readonly monitoringStack?: string;
  /** Regions a monitoring stack serves (its own first). */
  readonly servedRegions: readonly string[];
}

export interface FleetProblem {
  readonly stacks: readonly string[];
  readonly message: string;
}

const jsonList = (text: string | undefined): string[] => {
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
};

export function fleetMember(stack: string, config: Readonly<Record<string, string>>): FleetMember {
  const region = config["aws:region"] ?? DEFAULT_ACCOUNT.region;
  const role = config[`${PROJECT}:role`] === "monitoring" ? "monitoring" : "source";
  const monitoring = config[`${PROJECT}:monitoringStack`];
  return {
    stack,
    config,
    account: jsonList(config["aws:allowedAccountIds"])[0] ?? DEFAULT_ACCOUNT.accountId,
    region,
    role,
    ...(monitoring ? { monitoringStack: qualifiedStackName(monitoring, FLEET_ORGANIZATION, PROJECT) } : {}),
    servedRegions: role === "monitoring" ? [region, ...jsonList(config[`${PROJECT}:monitoringRegions`]).filter((r) => r !== region)] : [],
  };
}

/** The project stack a qualified reference names, when it is one of the fleet's. */
export function projectStackOf(reference: string, members: readonly FleetMember[]): FleetMember | undefined {
  const [organization, project, stack] = reference.split("/");
  if (organization !== FLEET_ORGANIZATION || project !== PROJECT) return undefined;
  return members.find((m) => m.stack === stack);
}

/** Stacks in an order where each comes after every project stack it references. */
export function fleetOrder(members: readonly FleetMember[]): FleetMember[] {
  const referenced = new Set(members.flatMap((m) => (m.monitoringStack ? [projectStackOf(m.monitoringStack, members)?.stack ?? ""] : [])));
  return [...members].sort((a, b) => Number(referenced.has(b.stack)) - Number(referenced.has(a.stack)) || a.stack.localeCompare(b.stack));
}

/** A stand-in for a monitoring stack outside the project: it serves exactly the source's Region. */
export function standInMonitoringOutputs(member: FleetMember): Record<string, unknown> {
  const sink = `arn:aws:oam:${member.region}:210987654321:sink/00000000-0000-4000-8000-000000000000`;
  return { contractVersion: CONTRACT_VERSION, oamSinkArn: sink, oamSinkArns: { [member.region]: sink } };
}

/** Sources whose monitoring stack (of this project) does not serve their Region. */
export function regionProblems(members: readonly FleetMember[]): FleetProblem[] {
  const problems: FleetProblem[] = [];
  for (const source of members.filter((m) => m.role === "source" && m.monitoringStack)) {
    const monitoring = projectStackOf(source.monitoringStack!, members);
    if (!monitoring) continue;
    if (monitoring.role !== "monitoring") {
      problems.push({ stacks: [source.stack, monitoring.stack], message: `${source.stack} links to ${monitoring.stack}, which is not a monitoring stack (role: source)` });
    } else if (!monitoring.servedRegions.includes(source.region)) {
      problems.push({
        stacks: [source.stack, monitoring.stack],
        message:
          `${source.stack} (${source.region}) links to ${monitoring.stack}, which serves ${monitoring.servedRegions.join(", ")}: an OAM link attaches only to a sink in its own Region; ` +
          `add ${source.region} to ${monitoring.stack}'s api-usage-insights:monitoringRegions`,
      });
    }
  }
  return problems;
}

/**
 * Types whose physical name must be unique, the input holding it, its scope and its AWS length
 * limit. Scope "region": unique per account and Region; "account": per account (CloudWatch
 * dashboards are global to the account).
 */
export const UNIQUE_NAMES: ReadonlyArray<{ type: string; input: string; scope: "region" | "account"; maxLength: number; rule: string }> = [
  { type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", input: "name", scope: "region", maxLength: 64, rule: "Firehose stream names are unique per account and Region, 1-64 characters" },
  { type: "aws:cloudwatch/logGroup:LogGroup", input: "name", scope: "region", maxLength: 512, rule: "log group names are unique per account and Region, 1-512 characters" },
  { type: "aws:cloudwatch/dashboard:Dashboard", input: "dashboardName", scope: "account", maxLength: 255, rule: "CloudWatch dashboards are global to the account, names up to 255 characters" },
  { type: "aws:cloudwatch/metricAlarm:MetricAlarm", input: "name", scope: "region", maxLength: 255, rule: "alarm names are unique per account and Region, up to 255 characters" },
  { type: "aws:cloudwatch/compositeAlarm:CompositeAlarm", input: "alarmName", scope: "region", maxLength: 255, rule: "alarm names are unique per account and Region, up to 255 characters" },
  { type: "aws:glue/catalogDatabase:CatalogDatabase", input: "name", scope: "region", maxLength: 255, rule: "Glue databases are unique per catalog (account and Region), up to 255 characters" },
  { type: "aws:athena/workgroup:Workgroup", input: "name", scope: "region", maxLength: 128, rule: "Athena workgroups are unique per account and Region, 1-128 characters" },
  { type: "aws:cloudtrail/trail:Trail", input: "name", scope: "region", maxLength: 128, rule: "trail names are unique per account and Region, 3-128 characters" },
  { type: "aws:oam/sink:Sink", input: "name", scope: "region", maxLength: 255, rule: "OAM sink names are unique per account and Region, 1-255 characters" },
  { type: "aws:quicksight/dataSource:DataSource", input: "dataSourceId", scope: "region", maxLength: 512, rule: "QuickSight ids are unique per account and Region" },
  { type: "aws:quicksight/dataSet:DataSet", input: "dataSetId", scope: "region", maxLength: 512, rule: "QuickSight ids are unique per account and Region" },
  { type: "aws:quicksight/group:Group", input: "groupName", scope: "account", maxLength: 128, rule: "QuickSight group names are unique per namespace of the account" },
  { type: "aws-native:quicksight:Analysis", input: "analysisId", scope: "region", maxLength: 512, rule: "QuickSight analysis ids are unique per account and Region, 1-512 characters" },
  { type: "aws-native:quicksight:Dashboard", input: "dashboardId", scope: "region", maxLength: 512, rule: "QuickSight dashboard ids are unique per account and Region, 1-512 characters" },
];

export interface SynthesizedMember {
  readonly member: FleetMember;
  readonly resources: readonly RecordedResource[];
}

/** The Region a resource lands in: its explicit provider's, else its stack's. */
function regionOf(resource: RecordedResource, all: readonly RecordedResource[], stackRegion: string): string {
  const provider = typeof resource.options?.provider === "string" ? resource.options.provider.split("::").slice(0, 4).join("::") : undefined;
  const declared = provider ? all.find((r) => r.urn === provider) : undefined;
  return typeof declared?.inputs.region === "string" ? declared.inputs.region : stackRegion;
}

export function nameProblems(synthesized: readonly SynthesizedMember[]): FleetProblem[] {
  const problems: FleetProblem[] = [];
  const owners = new Map<string, { stack: string; resource: string }>();
  for (const { member, resources } of synthesized) {
    for (const resource of resources) {
      const rule = UNIQUE_NAMES.find((u) => u.type === resource.type);
      const name = rule ? resource.inputs[rule.input] : undefined;
      // A preview does not know names built from outputs; the synth without --preview checks them.
      if (!rule || typeof name !== "string" || name === UNKNOWN_VALUE) continue;
      const region = regionOf(resource, resources, member.region);
      if (name.length > rule.maxLength) {
        problems.push({ stacks: [member.stack], message: `${member.stack}: ${resource.name} is named ${JSON.stringify(name)} (${name.length} characters); ${rule.rule}` });
      }
      const key = `${rule.type}|${member.account}|${rule.scope === "region" ? region : "*"}|${name}`;
      const owner = owners.get(key);
      if (owner && owner.stack !== member.stack) {
        problems.push({
          stacks: [owner.stack, member.stack],
          message:
            `${owner.stack} and ${member.stack} both name a ${rule.type.split(":").pop()} ${JSON.stringify(name)} in account ${member.account}` +
            `${rule.scope === "region" ? ` and ${region}` : ""} (${owner.resource} and ${resource.name}); ${rule.rule}: give the stacks different names (stackScopedNames)`,
        });
      } else if (!owner) owners.set(key, { stack: member.stack, resource: resource.name });
    }
  }
  return problems;
}

/** Every OAM link of a stack must go to a sink of its own Region (a link attaches only there). */
export function linkProblems(synthesized: readonly SynthesizedMember[]): FleetProblem[] {
  return synthesized.flatMap(({ member, resources }) =>
    resources
      .filter((r) => r.type === "aws:oam/link:Link" && typeof r.inputs.sinkIdentifier === "string")
      .flatMap((link) => {
        const sink = link.inputs.sinkIdentifier as string;
        const region = sink.split(":")[3];
        const own = regionOf(link, resources, member.region);
        return region && region !== own
          ? [{ stacks: [member.stack], message: `${member.stack}: link ${link.name} in ${own} goes to the sink ${sink} in ${region}; an OAM link attaches only to a sink in its own Region` }]
          : [];
      }),
  );
}
