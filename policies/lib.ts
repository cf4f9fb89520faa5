/** Small helpers shared by the policy modules. */
import type { PolicyResource } from "@pulumi/policy";

/** Resources of `type` whose input `prop` was taken from `target` (e.g. settings of a bucket). */
export function attachedTo(resources: readonly PolicyResource[], target: PolicyResource, type: string, prop: string): PolicyResource[] {
  return resources.filter(
    (r) =>
      r.type === type &&
      ((r.propertyDependencies[prop] ?? []).some((d) => d.urn === target.urn) ||
        (r.props[prop] !== undefined && (r.props[prop] === target.props.bucket || r.props[prop] === target.props.id))),
  );
}

export interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** The statements of an IAM/resource policy given as a JSON string or an object; [] when unreadable. */
export function statementsOf(policy: unknown): Statement[] {
  let doc: unknown = policy;
  if (typeof policy === "string") {
    try {
      doc = JSON.parse(policy);
    } catch {
      return [];
    }
  }
  const statement = (doc as { Statement?: unknown } | null)?.Statement;
  if (Array.isArray(statement)) return statement as Statement[];
  return statement && typeof statement === "object" ? [statement as Statement] : [];
}

export const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
