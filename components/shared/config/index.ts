/**
 * Reads a stack's config (as Pulumi hands it over: `namespace:key` → string) into a typed object.
 * Bad config fails before any resource is declared, with every problem named.
 */
import { show } from "./kinds";
import { PROJECT, SETTINGS, SettingName, Settings } from "./settings";

export * from "./settings";

export interface StackConfig extends Settings {
  readonly project: string;
  readonly stack: string;
  /** `aws:region`, required: every resource lands in it. */
  readonly region: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} config problems:\n- ${problems.join("\n- ")}`);
    this.name = "ConfigError";
  }
}

/** Namespaces whose keys belong to providers or the engine and are validated by them, not us. */
const FOREIGN_NAMESPACES = new Set(["aws", "pulumi"]);
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

export function readStackConfig(raw: Readonly<Record<string, unknown>>, stack: string): StackConfig {
  const problems: string[] = [];
  const values: Partial<Record<SettingName, unknown>> = {};
  const known = Object.keys(SETTINGS) as SettingName[];

  for (const fullKey of Object.keys(raw).sort()) {
    const [namespace, key] = splitKey(fullKey);
    if (namespace === PROJECT) {
      if (!(key in SETTINGS)) problems.push(unknownKey(fullKey, key, known));
    } else if (!FOREIGN_NAMESPACES.has(namespace)) {
      problems.push(`${fullKey} is not in a known namespace; expected ${PROJECT}:<setting>, aws:<setting> or pulumi:<setting>`);
    }
  }

  for (const name of known) {
    const path = `${PROJECT}:${name}`;
    const given = raw[path];
    if (given === undefined) {
      values[name] = SETTINGS[name].default;
      continue;
    }
    const decoded = SETTINGS[name].kind.decode(given, path);
    if (decoded.ok) values[name] = decoded.value;
    else problems.push(...decoded.errors);
  }

  const region = raw["aws:region"];
  if (region === undefined) problems.push(`aws:region is required (the AWS region to deploy into, e.g. "us-east-1")`);
  else if (typeof region !== "string" || !REGION.test(region)) {
    problems.push(`aws:region must be an AWS region name like "us-east-1", got ${show(region)}`);
  }

  if (problems.length === 0) problems.push(...crossChecks(values as Settings));
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...(values as Settings), project: PROJECT, stack, region: region as string };
}

/** Rules that involve more than one value. */
function crossChecks(s: Settings): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const stages = new Set<string>();
  s.apis.forEach((api, i) => {
    const path = `${PROJECT}:apis[${i}]`;
    if (names.has(api.name)) problems.push(`${path}.name repeats ${show(api.name)}; API names must be unique`);
    names.add(api.name);
    const stage = `${api.apiId}/${api.stage}`;
    if (stages.has(stage)) problems.push(`${path} repeats the stage ${show(stage)}; each stage can be watched once`);
    stages.add(stage);
    if (api.type !== "REST" && api.delivery === "firehose") {
      problems.push(`${path}.delivery must be "cloudwatch" for ${api.type} APIs (only REST stages can log to Firehose), got "firehose"`);
    }
  });
  const at = (key: string) => `${PROJECT}:${key}`;
  if (s.role === "monitoring") {
    if (s.monitoringSourceAccountIds.length === 0 && !s.monitoringOrganizationId) {
      problems.push(`${at("monitoringSourceAccountIds")} or ${at("monitoringOrganizationId")} is required when role is "monitoring" (who may link to the sink)`);
    }
    if (s.monitoringStack || s.monitoringSinkArn) {
      problems.push(`${at("monitoringStack")} and ${at("monitoringSinkArn")} are for source stacks; a monitoring stack owns the sink`);
    }
  } else if (s.monitoringStack && s.monitoringSinkArn) {
    problems.push(`${at("monitoringStack")} and ${at("monitoringSinkArn")} are both set; give one or the other`);
  }
  return problems;
}

/** The delivery an API uses once defaults apply: REST → firehose, HTTP/WebSocket → cloudwatch. */
export function deliveryOf(api: { type: string; delivery?: string }): "firehose" | "cloudwatch" {
  if (api.delivery === "firehose" || api.delivery === "cloudwatch") return api.delivery;
  return api.type === "REST" ? "firehose" : "cloudwatch";
}

function splitKey(fullKey: string): [string, string] {
  const at = fullKey.indexOf(":");
  return at < 0 ? ["", fullKey] : [fullKey.slice(0, at), fullKey.slice(at + 1)];
}

function unknownKey(fullKey: string, key: string, known: readonly string[]): string {
  const near = known
    .map((k) => ({ k, d: editDistance(k.toLowerCase(), key.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(key.length / 4)))
    .sort((a, b) => a.d - b.d)[0];
  const hint = near ? `did you mean ${PROJECT}:${near.k}?` : `known settings: ${known.join(", ")}`;
  return `${fullKey} is not a known setting (${hint})`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = next;
    }
  }
  return row[b.length];
}
