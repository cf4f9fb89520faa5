/**
 * Reads a stack's config (as Pulumi hands it over: `namespace:key` → string) into typed settings
 * and the args of each component. Every problem is reported at once, before any resource is
 * declared, naming the config key, the value and what was expected; the component schemas' rules
 * run here too, so a value the component would refuse never reaches the program.
 */
import { ConnectionError, connectionFromAwsConfig } from "../components/quicksight/connection";
import { show } from "../contracts/kinds";
import { REGION_PATTERN } from "../contracts/regions";
import { valueAt } from "../contracts/schema";
import { configKeyOf, PROGRAM_RULES } from "./rules";
import { BINDINGS, PROJECT, SETTINGS, type Binding, type ProgramSettings, argsFor } from "./settings";
import type { Spec } from "../contracts/schema";

export * from "./settings";
export { PROGRAM_RULES, crossFieldLimits, configKeyOf, type ProgramRule } from "./rules";
export { deliveryOf } from "../contracts/api-types";

export interface StackConfig extends ProgramSettings {
  readonly project: string;
  readonly stack: string;
  /** `aws:region`, required: every resource lands in it. */
  readonly region: string;
  /** Every decoded setting by key, for `argsFor(binding, config.values)`. */
  readonly values: Readonly<Record<string, unknown>>;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} config problems:\n- ${problems.join("\n- ")}`);
    this.name = "ConfigError";
  }
}

/** Namespaces whose keys belong to providers or the engine and are validated by them, not us. */
const FOREIGN_NAMESPACES = new Set(["aws", "pulumi"]);

export function readStackConfig(raw: Readonly<Record<string, unknown>>, stack: string): StackConfig {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  const known = Object.keys(SETTINGS);

  for (const fullKey of Object.keys(raw).sort()) {
    const [namespace, key] = splitKey(fullKey);
    if (namespace === PROJECT) {
      if (!(key in SETTINGS)) problems.push(unknownKey(fullKey, key, known));
    } else if (!FOREIGN_NAMESPACES.has(namespace)) {
      problems.push(`${fullKey} is not in a known namespace; expected ${PROJECT}:<setting>, aws:<setting> or pulumi:<setting>`);
    }
  }

  for (const name of known) {
    const setting = SETTINGS[name];
    const given = raw[`${PROJECT}:${name}`];
    const value = given === undefined ? setting.default : given;
    if (setting.emptyMeansUnset && value === "") {
      values[name] = undefined;
      continue;
    }
    const decoded = setting.kind.decode(value, `${PROJECT}:${name}`);
    if (decoded.ok) values[name] = decoded.value;
    else problems.push(...decoded.errors);
  }

  const region = raw["aws:region"];
  if (region === undefined) problems.push(`aws:region is required (the AWS region to deploy into, e.g. "us-east-1")`);
  else if (typeof region !== "string" || !REGION_PATTERN.test(region)) {
    problems.push(`aws:region must be an AWS region name like "us-east-1", got ${show(region)}`);
  }

  // The stack's AWS settings also configure the QuickSight assets' aws-native provider: refuse what it cannot take.
  try {
    connectionFromAwsConfig((key) => {
      const value = raw[`aws:${key}`];
      return value === undefined ? undefined : typeof value === "string" ? value : JSON.stringify(value);
    });
  } catch (e) {
    if (!(e instanceof ConnectionError)) throw e;
    problems.push(...e.problems);
  }

  if (problems.length === 0) {
    for (const binding of BINDINGS) problems.push(...componentProblems(binding as unknown as Binding<Spec>, values));
    for (const rule of PROGRAM_RULES) problems.push(...rule.check(values as ProgramSettings & Record<string, unknown>, region as string, stack));
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...(values as ProgramSettings), values, project: PROJECT, stack, region: region as string };
}

/** A component schema's own checks and rules, with its field paths named as config keys. */
function componentProblems(binding: Binding<Spec>, values: Record<string, unknown>): string[] {
  const result = binding.schema.check(argsFor(binding, values), (path) => configKeyOf(binding, path));
  return result.ok ? [] : result.problems;
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

export { valueAt };
