/**
 * plan.json: one entry per resource with what a reviewer, the change summary and the policy pack
 * need, written so reruns give identical bytes. Besides the inputs it keeps the engine's view that
 * the Pulumi CLI hands a policy pack (AnalyzeStack): the outputs the engine knows beyond the inputs
 * (ids aside: ARNs, auto-names such as a bucket's `bucket`, "(unknown)" in a preview) and the
 * property dependencies that link a resource to those its inputs came from.
 */
import type { RecordedOptions, RecordedResource } from "./engine";

export interface PlannedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Absent only in hand-made plans (tests); a synthesized plan always writes it, null at the top. */
  readonly parent?: string | null;
  readonly inputs: Record<string, unknown>;
  /**
   * Outputs the engine knows that the inputs do not say (`tagsAll` apart). The state a policy
   * pack sees is these, `tagsAll` and the inputs over them. Absent for resources with nothing
   * beyond their inputs, and in plans written before the synth recorded outputs.
   */
  readonly outputs?: Record<string, unknown>;
  /** The provider's default tags merged with the resource's own: what the resource will carry. */
  readonly tagsAll?: unknown;
  /** Per input, the resources its value came from (sorted URNs); absent when none, and in older plans. */
  readonly propertyDependencies?: Record<string, string[]>;
  readonly options?: RecordedOptions;
  /** Dependencies no input explains (`dependsOn`). With propertyDependencies, every dependency. */
  readonly dependsOn?: string[];
}

export interface PlanFile {
  readonly stack: string;
  readonly resources: readonly PlannedResource[];
}

const canonical = (value: unknown): string => JSON.stringify(value);

/** Outputs whose value the inputs do not already give, `tagsAll` left to its own field. */
export function outputsBeyondInputs(r: Pick<RecordedResource, "inputs" | "outputs">): Record<string, unknown> {
  return Object.fromEntries(Object.entries(r.outputs).filter(([key, value]) => key !== "tagsAll" && (!(key in r.inputs) || canonical(r.inputs[key]) !== canonical(value))));
}

const sortedKeys = <T>(record: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The plan.json entry of one recorded resource; keys in a fixed order, empty parts left out. */
export function plannedResource(r: RecordedResource): PlannedResource {
  const outputs = outputsBeyondInputs(r);
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    parent: r.parent,
    inputs: r.inputs,
    ...(Object.keys(outputs).length ? { outputs } : {}),
    ...(r.outputs.tagsAll !== undefined ? { tagsAll: r.outputs.tagsAll } : {}),
    ...(Object.keys(r.propertyDependencies).length ? { propertyDependencies: sortedKeys(r.propertyDependencies) } : {}),
    ...(Object.keys(r.options).length ? { options: r.options } : {}),
    ...(r.dependsOn.length ? { dependsOn: r.dependsOn } : {}),
  };
}
