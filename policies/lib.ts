/** Small helpers shared by the policy modules. */
import type { PolicyResource } from "@pulumi/policy";

/**
 * During `pulumi preview` the analyzer hands policies their properties behind a proxy that throws
 * (an UnknownValueError, internal to @pulumi/policy) when a value is not known yet, e.g. the ARN of
 * a resource the preview would create. One such throw abandons the whole policy with an advisory
 * "can't run … during preview", so a gate cannot block. These helpers read without throwing.
 */
const UNKNOWN = Symbol("unknown during preview");

function isUnknownValueError(e: unknown): boolean {
  return e instanceof Error && e.constructor.name === "UnknownValueError";
}

/** `record[key]`, or the UNKNOWN marker when a preview does not know it yet. */
function peek(record: unknown, key: string): unknown {
  if (!isRecord(record)) return undefined;
  try {
    return record[key];
  } catch (e) {
    if (isUnknownValueError(e)) return UNKNOWN;
    throw e;
  }
}

/** Whether a preview does not know `record[key]` yet (it will be set when the resource exists). */
export const isUnknown = (record: unknown, key: string): boolean => peek(record, key) === UNKNOWN;

/** `record[key]` when known; undefined when absent or not known yet. */
export function known(record: unknown, key: string): unknown {
  const value = peek(record, key);
  return value === UNKNOWN ? undefined : value;
}

/** Whether `record[key]` is set: a non-empty known value, or a value a preview will only know at `up`. */
export function isProvided(record: unknown, key: string): boolean {
  const value = peek(record, key);
  return value === UNKNOWN || (value !== undefined && value !== null && value !== "");
}

/** Resources of `type` whose input `prop` was taken from `target` (e.g. settings of a bucket). */
export function attachedTo(resources: readonly PolicyResource[], target: PolicyResource, type: string, prop: string): PolicyResource[] {
  return resources.filter((r) => {
    if (r.type !== type) return false;
    if ((r.propertyDependencies[prop] ?? []).some((d) => d.urn === target.urn)) return true;
    const value = known(r.props, prop);
    return value !== undefined && (value === known(target.props, "bucket") || value === known(target.props, "id"));
  });
}

export interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
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

/** Whether an IAM action pattern (`s3:Get*`, `*`) covers `action`; IAM matches case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${regex}$`, "i").test(action);
}

/** `*` or `service:*`: every action, or every action of one service. */
export const isWholeServiceWildcard = (action: string): boolean => action === "*" || /^[^:*]+:\*$/.test(action);

/** Allow statements of a policy document, each with a label for messages (its Sid, else its position). */
export function allowStatements(policy: unknown): Array<{ statement: Statement; label: string }> {
  return statementsOf(policy)
    .map((statement, i) => ({ statement, label: statement?.Sid ? `statement ${statement.Sid}` : `statement ${i + 1}` }))
    .filter(({ statement }) => statement?.Effect === "Allow");
}

/** Whether `resource` takes its input `prop` from `target`, by declared dependency or by an equal value. */
export function refersTo(resource: PolicyResource, prop: string, target: PolicyResource, values: readonly unknown[]): boolean {
  if ((resource.propertyDependencies[prop] ?? []).some((d) => d.urn === target.urn)) return true;
  const value = known(resource.props, prop);
  return typeof value === "string" && values.some((v) => typeof v === "string" && v === value);
}

/** Whether a function reference (name, ARN, or ARN with a version/alias qualifier) points at this Lambda function. */
export function isFunctionRef(fn: PolicyResource, ref: unknown): boolean {
  if (typeof ref !== "string" || ref.length === 0) return false;
  const [arn, name, qualifiedArn] = [known(fn.props, "arn"), known(fn.props, "name"), known(fn.props, "qualifiedArn")];
  if (ref === arn || ref === name || ref === qualifiedArn) return true;
  return typeof arn === "string" && ref.startsWith(`${arn}:`) && !ref.slice(arn.length + 1).includes(":");
}

/** A JSON string or an already-parsed value; undefined when the string is not JSON. */
export function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
