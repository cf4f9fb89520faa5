/**
 * Runs CrossGuard policies (@pulumi/policy 1.x) in-process over recorded resources, as the Pulumi
 * analyzer would: resource and stack validations, schema defaults merged under config overrides,
 * `notApplicable` honoured, async checks awaited, enforcement levels applied. Properties are behind
 * the analyzer's own unknown-checking proxy, so a policy that reads a value a preview does not know
 * yet is "undecided": the analyzer reports it as an advisory "can't run … during preview".
 */
import type {
  EnforcementLevel,
  Policy,
  PolicyPackConfig,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { UNKNOWN_VALUE, type RecordedResource } from "./engine";

// Internal to @pulumi/policy (pinned exactly, marked @internal so absent from its .d.ts): the
// proxy and error the analyzer itself wraps resource properties in.
interface AnalyzerProxy {
  unknownCheckingProxy<T extends object>(value: T): T;
  readonly unknownStringValue: string;
  readonly UnknownValueError: new (...args: never[]) => Error;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy, unknownStringValue, UnknownValueError } = require("@pulumi/policy/proxy") as AnalyzerProxy;
type UnknownValueError = InstanceType<typeof UnknownValueError>;

export type Outcome = "pass" | "violation" | "not-applicable" | "undecided";

export interface PolicyResult {
  readonly policy: string;
  readonly enforcementLevel: EnforcementLevel;
  /** The resource the result is about; null for a stack policy that reported no URN. */
  readonly urn: string | null;
  readonly outcome: Outcome;
  readonly message?: string;
}

export interface PolicyReport {
  readonly results: PolicyResult[];
  /** Checks a preview could not decide (they read a value not known before `up`). */
  readonly undecided: PolicyResult[];
  readonly violations: PolicyResult[];
  readonly mandatoryViolations: PolicyResult[];
}

export interface RunOptions {
  readonly config?: PolicyPackConfig;
  readonly stackTags?: ReadonlyMap<string, string>;
  /** The pack's default enforcement level (the PolicyPack's `enforcementLevel`). */
  readonly enforcementLevel?: EnforcementLevel;
}

class NotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? "Policy does not apply");
};

function typeOf(resourceClass: unknown): string | undefined {
  const t = (resourceClass as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof t === "string" && t.length > 0 ? t : undefined;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
  const t = typeOf(resourceClass);
  if (t) return t === type;
  const isInstance = (resourceClass as { isInstance?: (o: unknown) => boolean }).isInstance;
  return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function options(r: RecordedResource): PolicyResourceOptions {
  return {
    protect: r.options?.protect ?? false,
    ignoreChanges: r.options?.ignoreChanges ?? [],
    aliases: r.options?.aliases ?? [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(r.options?.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
    ...(r.parent ? { parent: r.parent } : {}),
  };
}

function configFor(policy: Policy, config: PolicyPackConfig | undefined): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
    if (typeof schema === "object" && schema !== null && "default" in schema) defaults[key] = schema.default;
  }
  const given = config?.[policy.name];
  const overrides = typeof given === "object" && given !== null ? { ...given } : {};
  delete (overrides as { enforcementLevel?: unknown }).enforcementLevel;
  for (const key of policy.configSchema?.required ?? []) {
    if (defaults[key] === undefined && overrides[key as keyof typeof overrides] === undefined) {
      throw new Error(`policy ${policy.name} requires config "${key}" and it has no default`);
    }
  }
  return { ...defaults, ...overrides };
}

function levelFor(policy: Policy, opts: RunOptions): EnforcementLevel {
  const given = opts.config?.[policy.name];
  const fromConfig = typeof given === "string" ? given : given?.enforcementLevel;
  const level = fromConfig ?? policy.enforcementLevel ?? opts.enforcementLevel ?? "advisory";
  return level === "remediate" ? "mandatory" : level;
}

/** The plan's unknown marker back to the wire sentinel the analyzer's proxy recognises. */
function withUnknowns(value: unknown): unknown {
  if (value === UNKNOWN_VALUE) return unknownStringValue;
  if (Array.isArray(value)) return value.map(withUnknowns);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withUnknowns(v)]));
  return value;
}

/** Properties as a policy sees them: reading an unknown one throws UnknownValueError. */
const analyzerProps = (props: Record<string, unknown>): Record<string, unknown> => unknownCheckingProxy(withUnknowns(props) as Record<string, unknown>);

const undecided = (policy: Policy, e: UnknownValueError): PolicyResult["message"] => `can't run policy '${policy.name}' during preview: ${e.message}`;

/** Builds the stack-policy view of every resource, with parents and dependencies linked. */
function policyResources(resources: readonly RecordedResource[]): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  for (const r of resources) {
    // The analyzer's stack view holds the outputs; a preview's outputs are the inputs plus unknowns.
    const props = analyzerProps({ ...r.outputs, ...r.inputs });
    byUrn.set(r.urn, {
      type: r.type,
      props,
      urn: r.urn,
      name: r.name,
      opts: options(r),
      dependencies: [],
      propertyDependencies: {},
      isType: (cls) => isTypeOf(r.type, cls),
      asType: (cls) => (isTypeOf(r.type, cls) ? (props as never) : undefined),
    });
  }
  for (const r of resources) {
    const pr = byUrn.get(r.urn)!;
    if (r.parent && byUrn.has(r.parent)) pr.parent = byUrn.get(r.parent);
    pr.dependencies = r.dependencies.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => !!x);
    for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
      pr.propertyDependencies[prop] = urns.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => !!x);
    }
  }
  return [...byUrn.values()];
}

export async function runPolicies(policies: readonly Policy[], resources: readonly RecordedResource[], opts: RunOptions = {}): Promise<PolicyReport> {
  const stackTags = opts.stackTags ?? new Map<string, string>();
  const results: PolicyResult[] = [];
  const stackView = policyResources(resources);

  for (const policy of policies) {
    const level = levelFor(policy, opts);
    if (level === "disabled") continue;
    const config = configFor(policy, opts.config);
    const getConfig = <T extends object>() => ({ ...config }) as T;

    const resourcePolicy = policy as ResourceValidationPolicy;
    if (resourcePolicy.validateResource) {
      const validations: ResourceValidation[] = Array.isArray(resourcePolicy.validateResource)
        ? resourcePolicy.validateResource
        : [resourcePolicy.validateResource];
      for (const r of resources) {
        const messages: string[] = [];
        let applicable = false;
        let unknown: UnknownValueError | undefined;
        const props = analyzerProps(r.inputs);
        for (const validate of validations) {
          const only = typeOf(validate);
          if (only && only !== r.type) continue;
          const args: ResourceValidationArgs = {
            type: r.type,
            props,
            urn: r.urn,
            name: r.name,
            opts: options(r),
            stackTags,
            isType: (cls) => isTypeOf(r.type, cls),
            asType: (cls) => (isTypeOf(r.type, cls) ? (props as never) : undefined),
            getConfig,
            notApplicable,
          };
          try {
            await validate(args, (message) => messages.push(message));
            applicable = true;
          } catch (e) {
            if (e instanceof NotApplicable) continue;
            if (e instanceof UnknownValueError) {
              unknown = e;
              continue;
            }
            throw new Error(`policy ${policy.name} failed on ${r.urn}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
          }
        }
        if (unknown) results.push({ policy: policy.name, enforcementLevel: "advisory", urn: r.urn, outcome: "undecided", message: undecided(policy, unknown) });
        if (!applicable && messages.length === 0) continue;
        if (messages.length === 0 && !unknown) results.push({ policy: policy.name, enforcementLevel: level, urn: r.urn, outcome: "pass" });
        for (const message of messages) results.push({ policy: policy.name, enforcementLevel: level, urn: r.urn, outcome: "violation", message });
      }
    }

    const stackPolicy = policy as StackValidationPolicy;
    if (stackPolicy.validateStack) {
      const violations: Array<{ message: string; urn: string | null }> = [];
      const args: StackValidationArgs = { resources: stackView, stackTags, getConfig, notApplicable };
      try {
        await stackPolicy.validateStack(args, (message, urn) => violations.push({ message, urn: urn ?? null }));
        if (violations.length === 0) results.push({ policy: policy.name, enforcementLevel: level, urn: null, outcome: "pass" });
        for (const v of violations) results.push({ policy: policy.name, enforcementLevel: level, urn: v.urn, outcome: "violation", message: v.message });
      } catch (e) {
        if (e instanceof UnknownValueError) {
          results.push({ policy: policy.name, enforcementLevel: "advisory", urn: null, outcome: "undecided", message: undecided(policy, e) });
          continue;
        }
        if (!(e instanceof NotApplicable)) throw new Error(`policy ${policy.name} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        results.push({ policy: policy.name, enforcementLevel: level, urn: null, outcome: "not-applicable", message: e.reason });
      }
    }
  }

  const violations = results.filter((r) => r.outcome === "violation");
  return { results, violations, undecided: results.filter((r) => r.outcome === "undecided"), mandatoryViolations: violations.filter((v) => v.enforcementLevel === "mandatory") };
}
