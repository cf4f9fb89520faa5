/**
 * Rules between the program's own settings (and the stack's name and Region), beside the rules of
 * the component schemas. Each names every key involved and its value, states its limit per setting
 * for the config reference, and carries a config that breaks it, for the test that walks every rule.
 */
import { show } from "../contracts/kinds";
import { regionOfArn } from "../contracts/regions";
import type { KeyOf } from "../contracts/schema";
import { BINDINGS, COMPONENT_NAMES, MAX_SCOPED_STACK_NAME, PROJECT, type Binding, type ProgramSettings } from "./settings";
import type { Spec } from "../contracts/schema";

export interface ProgramRule {
  /** Per setting key the rule constrains: the limit, as the config reference states it. */
  readonly limits: Readonly<Record<string, string>>;
  /** Settings (key → value, as a stack file gives them) that break the rule, with the stack's name when it matters. */
  readonly example: { readonly settings: Readonly<Record<string, unknown>>; readonly stack?: string };
  readonly check: (settings: ProgramSettings & Readonly<Record<string, unknown>>, region: string, stack: string) => string[];
}

const at = (key: string) => `${PROJECT}:${key}`;
const shown = (value: unknown) => (value === undefined ? "unset" : show(value));

export const PROGRAM_RULES: readonly ProgramRule[] = [
  {
    limits: {
      monitoringSourceAccountIds: `not [] while ${at("role")} is "monitoring" and ${at("monitoringOrganizationId")} is unset`,
      monitoringOrganizationId: `set while ${at("role")} is "monitoring" and ${at("monitoringSourceAccountIds")} is []`,
      role: `"monitoring" needs ${at("monitoringSourceAccountIds")} or ${at("monitoringOrganizationId")}`,
    },
    example: { settings: { role: "monitoring" } },
    check: (settings) =>
      settings.role === "monitoring" && (settings.monitoringSourceAccountIds as string[]).length === 0 && !settings.monitoringOrganizationId
        ? [
            `${at("monitoringSourceAccountIds")} or ${at("monitoringOrganizationId")} must say who may link to the sink while ${at("role")} is "monitoring", got ${show(settings.monitoringSourceAccountIds)} and ${shown(settings.monitoringOrganizationId)}`,
          ]
        : [],
  },
  {
    limits: {
      monitoringStack: `unset while ${at("role")} is "monitoring"`,
      monitoringSinkArn: `unset while ${at("role")} is "monitoring"`,
      role: `"monitoring" needs ${at("monitoringStack")} and ${at("monitoringSinkArn")} unset`,
    },
    example: { settings: { role: "monitoring", monitoringSourceAccountIds: ["111111111111"], monitoringStack: "acme/api-usage-insights/monitoring" } },
    check: (settings) =>
      settings.role === "monitoring"
        ? (["monitoringStack", "monitoringSinkArn"] as const)
            .filter((key) => settings[key])
            .map((key) => `${at(key)} must be unset while ${at("role")} is "monitoring" (it is for source stacks; a monitoring stack owns the sink), got ${show(settings[key])}`)
        : [],
  },
  {
    limits: { stackScopedNames: `true only for a stack name of at most ${MAX_SCOPED_STACK_NAME} characters` },
    example: { settings: { stackScopedNames: true }, stack: "s".repeat(MAX_SCOPED_STACK_NAME + 1) },
    check: (settings, _region, stack) =>
      settings.role !== "monitoring" && settings.stackScopedNames && stack.length > MAX_SCOPED_STACK_NAME
        ? [
            `stack name ${JSON.stringify(stack)} must be at most ${MAX_SCOPED_STACK_NAME} characters while ${at("stackScopedNames")} is true (the Firehose stream amazon-apigateway-${COMPONENT_NAMES.pipeline}-<stack> is limited to 64), got ${stack.length}`,
          ]
        : [],
  },
  {
    limits: { monitoringRegions: `[] unless ${at("role")} is "monitoring"`, role: `"source" needs ${at("monitoringRegions")} []` },
    example: { settings: { monitoringRegions: ["eu-west-1"] } },
    check: (settings) =>
      settings.role !== "monitoring" && (settings.monitoringRegions as string[]).length > 0
        ? [`${at("monitoringRegions")} must be [] while ${at("role")} is ${show(settings.role)} (a source stack links to the sink of its own Region), got ${show(settings.monitoringRegions)}`]
        : [],
  },
  {
    limits: { monitoringSinkArn: "a sink in aws:region" },
    example: { settings: { monitoringSinkArn: "arn:aws:oam:eu-west-1:210987654321:sink/abc", monitoringStack: "" } },
    check: (settings, region) => {
      const sinkRegion = settings.role !== "monitoring" && settings.monitoringSinkArn ? regionOfArn(settings.monitoringSinkArn) : undefined;
      return sinkRegion && sinkRegion !== region
        ? [`${at("monitoringSinkArn")} must be a sink in aws:region ${region} (an OAM link attaches only to a sink in its own Region), got a sink in ${sinkRegion}: ${settings.monitoringSinkArn}`]
        : [];
    },
  },
  {
    limits: {
      monitoringStack: `unset while ${at("monitoringSinkArn")} is set`,
      monitoringSinkArn: `unset while ${at("monitoringStack")} is set`,
    },
    example: { settings: { monitoringStack: "monitoring", monitoringSinkArn: "arn:aws:oam:us-east-1:210987654321:sink/abc" } },
    check: (settings) =>
      settings.role !== "monitoring" && settings.monitoringStack && settings.monitoringSinkArn
        ? [`${at("monitoringSinkArn")} must be unset while ${at("monitoringStack")} is ${show(settings.monitoringStack)} (give one or the other), got ${show(settings.monitoringSinkArn)}`]
        : [],
  },
  {
    limits: {
      apis: `at least one API while ${at("dashboardEnabled")} is true`,
      dashboardEnabled: `false while ${at("apis")} is []`,
    },
    example: { settings: { apis: [], dashboardEnabled: true } },
    check: (settings) =>
      settings.role !== "monitoring" && settings.dashboardEnabled && (settings.apis as unknown[]).length === 0
        ? [
            `${at("apis")} must list at least one API while ${at("dashboardEnabled")} is true (the dashboard watches APIs; set dashboardEnabled to false for a stack without any), got []`,
          ]
        : [],
  },
];

/** The config key a component field path is exposed as, `<project>:(<path>)` when none is. */
export function configKeyOf(binding: Binding<Spec>, path: string): string {
  for (const [key, bound] of Object.entries(binding.keys)) {
    if (path === bound || path.startsWith(`${bound}.`) || path.startsWith(`${bound}[`)) return at(`${key}${path.slice(bound.length)}`);
  }
  return at(`(${path})`);
}

/** Every cross-field limit per setting key, from the component schemas' rules and the program's, for the config reference. */
export function crossFieldLimits(): Readonly<Record<string, string[]>> {
  const limits: Record<string, string[]> = {};
  const add = (key: string, limit: string) => {
    if (!(limits[key] ??= []).includes(limit)) limits[key].push(limit);
  };
  for (const binding of BINDINGS as unknown as ReadonlyArray<Binding<Spec>>) {
    for (const rule of binding.schema.rules) {
      for (const [path, limit] of Object.entries(rule.limits)) {
        // A limit that names a field no setting exposes cannot be reached from a stack's config.
        let reachable = true;
        const keyOf: KeyOf = (other) => {
          const key = configKeyOf(binding, other);
          if (key.startsWith(at("("))) reachable = false;
          return key;
        };
        const text = limit(keyOf);
        if (!reachable) continue;
        for (const [key, bound] of Object.entries(binding.keys)) if (bound === path) add(key, text);
      }
    }
  }
  for (const rule of PROGRAM_RULES) for (const [key, limit] of Object.entries(rule.limits)) add(key, limit);
  return limits;
}
