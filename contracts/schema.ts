/**
 * One schema per component: each field's kind (its limits), default and description, grouped the
 * way the component's args nest, plus the rules that span fields. A component resolves its args
 * with it; the stack settings are composed from it (config/settings.ts), so a limit or a default
 * exists once and a bad value is refused at config time with the config key named.
 */
import { Kind, isDeferred, problem, show } from "./kinds";

export interface Field<T> {
  readonly kind: Kind<T>;
  /** undefined for an optional field without a default. */
  readonly default: T;
  readonly description: string;
  /** Also accepts a deferred value (a Pulumi Output), checked where it resolves. */
  readonly late?: boolean;
}

export function field<T>(kind: Kind<T>, defaultValue: T, description: string): Field<T> {
  return { kind, default: defaultValue, description };
}

/** A field with no default: absent stays undefined. */
export function optionalField<T>(kind: Kind<T>, description: string, opts: { late?: boolean } = {}): Field<T | undefined> {
  return { kind: kind as Kind<T | undefined>, default: undefined, description, ...opts };
}

export type Spec = { readonly [key: string]: Field<unknown> | Group<Spec> };

export interface Group<S extends Spec> {
  readonly group: S;
}

export function group<S extends Spec>(spec: S): Group<S> {
  return { group: spec };
}

/** Resolved values: every field present (its default when not given). */
export type ValuesOf<S extends Spec> = {
  -readonly [K in keyof S]: S[K] extends Field<infer T> ? T : S[K] extends Group<infer G> ? ValuesOf<G> : never;
};

/** What callers may pass: every field optional, groups partial. */
export type ArgsOf<S extends Spec> = {
  -readonly [K in keyof S]?: S[K] extends Field<infer T> ? T : S[K] extends Group<infer G> ? ArgsOf<G> : never;
};

/** Names a field path the way the caller knows it: a config key, or the arg path by default. */
export type KeyOf = (path: string) => string;

/** What a rule refuses: the field, its value, and what was expected, naming the other fields and their values. */
export interface RuleProblem {
  readonly path: string;
  readonly value: unknown;
  readonly expected: string;
}

/**
 * A rule that spans fields. The problems `check` finds name every field involved and its value
 * (through `keyOf`, so config errors name config keys). `limits` states, per field path the rule
 * constrains, the limit as the config reference shows it in its value column; `example` holds
 * args that break the rule (field path → value), for the test that walks every rule.
 */
export interface Rule<V> {
  readonly limits: Readonly<Record<string, (keyOf: KeyOf) => string>>;
  readonly example: Readonly<Record<string, unknown>>;
  readonly check: (values: V, keyOf: KeyOf) => RuleProblem[];
}

export class SchemaError extends Error {
  constructor(
    readonly owner: string,
    readonly problems: string[],
  ) {
    super(problems.length === 1 ? `${owner}: ${problems[0]}` : `${owner}: ${problems.length} problems:\n- ${problems.join("\n- ")}`);
    this.name = "SchemaError";
  }
}

export interface Schema<S extends Spec> {
  readonly spec: S;
  readonly rules: readonly Rule<ValuesOf<S>>[];
  /** Every field path ("dataLake.transitionDays") with its field. */
  readonly fields: ReadonlyArray<{ path: string; field: Field<unknown> }>;
  /**
   * Defaults applied and every value checked. `keyOf` names a field path the way the caller knows
   * it (a config key, or the arg path by default). Returns the values or the problems.
   */
  check(args: unknown, keyOf?: KeyOf): { ok: true; values: ValuesOf<S> } | { ok: false; problems: string[] };
  /** `check` that throws a SchemaError naming the owner (e.g. `AccessLogPipeline access-logs`). */
  resolve(owner: string, args: ArgsOf<S> | undefined): ValuesOf<S>;
}

export function defineSchema<S extends Spec>(spec: S, rules: Rule<ValuesOf<S>>[] = []): Schema<S> {
  const fields: Array<{ path: string; field: Field<unknown> }> = [];
  const walk = (s: Spec, prefix: string) => {
    for (const [key, entry] of Object.entries(s)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if ("group" in entry) walk(entry.group, path);
      else fields.push({ path, field: entry });
    }
  };
  walk(spec, "");

  const check: Schema<S>["check"] = (args, keyOf = (path) => path) => {
    const problems: string[] = [];
    const decodeGroup = (s: Spec, given: unknown, prefix: string): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      const record = given === undefined || given === null ? {} : given;
      if (typeof record !== "object" || Array.isArray(record)) {
        problems.push(problem(keyOf(prefix || "args"), `an object with ${Object.keys(s).join(", ")}`, given));
        return out;
      }
      const values = record as Record<string, unknown>;
      for (const key of Object.keys(values)) {
        if (!(key in s) && values[key] !== undefined) {
          problems.push(`${keyOf(prefix ? `${prefix}.${key}` : key)} is not a known setting; expected one of ${Object.keys(s).join(", ")}`);
        }
      }
      for (const [key, entry] of Object.entries(s)) {
        const path = prefix ? `${prefix}.${key}` : key;
        const value = values[key];
        if ("group" in entry) {
          out[key] = decodeGroup(entry.group, value, path);
        } else if (value === undefined) {
          out[key] = entry.default;
        } else if (entry.late && isDeferred(value)) {
          out[key] = value;
        } else {
          const decoded = entry.kind.decode(value, keyOf(path));
          if (decoded.ok) out[key] = decoded.value;
          else problems.push(...decoded.errors);
        }
      }
      return out;
    };
    const values = decodeGroup(spec, args, "") as ValuesOf<S>;
    if (problems.length === 0) {
      for (const rule of rules) for (const p of rule.check(values, keyOf)) problems.push(problem(keyOf(p.path), p.expected, p.value));
    }
    return problems.length ? { ok: false, problems } : { ok: true, values };
  };

  return {
    spec,
    rules,
    fields,
    check,
    resolve(owner, args) {
      const result = check(args);
      if (!result.ok) throw new SchemaError(owner, result.problems);
      return result.values;
    },
  };
}

/** The value at a field path of resolved values or args. */
export function valueAt(values: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, key) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), values);
}

/** Args with the value at a field path set (groups created as needed). */
export function withValueAt(args: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split(".");
  const out = { ...args };
  let node = out;
  keys.slice(0, -1).forEach((key) => {
    node[key] = { ...((node[key] as Record<string, unknown> | undefined) ?? {}) };
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1]] = value;
  return out;
}

export { show };

/** A component field owned by a function's environment variable: same kind, default and description. */
export function fieldOf<T>(v: { kind: Kind<T>; default?: T; description: string }): Field<T> {
  return { kind: v.kind, default: v.default as T, description: v.description };
}
