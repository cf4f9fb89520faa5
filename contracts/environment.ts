/**
 * A function's environment, defined once: each variable's name, kind (its limits), default and
 * text encoding. The component writes it with `toEnvironment(values)`; the handler reads it with
 * `fromEnvironment(process.env)`. Both check the same limits and report a bad value the same way:
 * `<VARIABLE> must be <expected>, got <value>`.
 */
import { Kind, isDeferred, problem } from "./kinds";

/** text: the value as written (numbers, booleans, words); list: comma-separated; json: JSON. */
export type Codec = "text" | "list" | "json";

export interface EnvVar<T> {
  readonly name: string;
  readonly kind: Kind<T>;
  readonly codec: Codec;
  /** Absent for a required variable. */
  readonly default?: T;
  readonly optional?: boolean;
  /** The component may pass a value not known yet (a Pulumi Output of the encoded text). */
  readonly late?: boolean;
  readonly description: string;
}

export function envVar<T, const O extends { default?: NoInfer<T>; codec?: Codec; optional?: boolean; late?: boolean; description: string }>(
  name: string,
  kind: Kind<T>,
  opts: O,
): EnvVar<T> & O {
  return { name, kind, codec: opts.codec ?? "text", ...opts };
}

type Vars = Readonly<Record<string, EnvVar<unknown>>>;
type ValueOf<V> = V extends EnvVar<infer T> ? T : never;

/** What the handler gets: every variable decoded, defaults applied; optional ones may be undefined. */
export type EnvValues<S extends Vars> = {
  readonly [K in keyof S]: S[K]["optional"] extends true ? ValueOf<S[K]> | undefined : ValueOf<S[K]>;
};

/** What the component gives: every variable, late ones possibly not known yet. */
export type EnvInput<S extends Vars, Late> = {
  readonly [K in keyof S]: (S[K]["late"] extends true ? ValueOf<S[K]> | Late : ValueOf<S[K]>) | (S[K]["optional"] extends true ? undefined : never);
};

export type Environment = Readonly<Record<string, string | undefined>>;

export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} environment problems:\n- ${problems.join("\n- ")}`);
    this.name = "EnvironmentError";
  }
}

export type EnvRule<S extends Vars> = (values: EnvValues<S>, vars: S) => string[];

export interface EnvironmentSchema<S extends Vars> {
  readonly vars: S;
  /** Every variable name, in declaration order. */
  readonly names: readonly string[];
  fromEnvironment(env: Environment): EnvValues<S>;
  toEnvironment<Late = never>(values: EnvInput<S, Late>): Record<string, string | Late>;
}

export function defineEnvironment<S extends Vars>(vars: S, rules: EnvRule<S>[] = []): EnvironmentSchema<S> {
  const entries = Object.entries(vars) as Array<[keyof S & string, EnvVar<unknown>]>;
  const runRules = (values: EnvValues<S>): string[] => rules.flatMap((rule) => rule(values, vars));

  return {
    vars,
    names: entries.map(([, v]) => v.name),
    fromEnvironment(env) {
      const problems: string[] = [];
      const out: Record<string, unknown> = {};
      for (const [key, v] of entries) {
        const raw = env[v.name];
        if (raw === undefined || raw.trim() === "") {
          if (v.default !== undefined || v.optional) out[key] = v.default;
          else problems.push(`${v.name} is required (${v.kind.describe})`);
          continue;
        }
        const decoded = v.kind.decode(decodeText(v.codec, raw.trim()), v.name);
        if (decoded.ok) out[key] = decoded.value;
        else problems.push(...decoded.errors.map((e) => (e.startsWith(`${v.name} must`) ? problem(v.name, v.kind.describe, raw) : e)));
      }
      if (problems.length === 0) problems.push(...runRules(out as EnvValues<S>));
      if (problems.length) throw new EnvironmentError(problems);
      return out as EnvValues<S>;
    },
    toEnvironment<Late>(values: EnvInput<S, Late>) {
      const problems: string[] = [];
      const out: Record<string, string | Late> = {};
      let allKnown = true;
      for (const [key, v] of entries) {
        const value = (values as Record<string, unknown>)[key];
        if (value === undefined) {
          if (!v.optional) problems.push(`${v.name} is required (${v.kind.describe})`);
          continue;
        }
        if (v.late && isDeferred(value)) {
          out[v.name] = value as Late;
          allKnown = false;
          continue;
        }
        const decoded = v.kind.decode(value, v.name);
        if (decoded.ok) out[v.name] = encodeText(v.codec, decoded.value);
        else problems.push(...decoded.errors);
      }
      if (problems.length === 0 && allKnown) problems.push(...runRules(values as unknown as EnvValues<S>));
      if (problems.length) throw new EnvironmentError(problems);
      return out;
    },
  };
}

function decodeText(codec: Codec, raw: string): unknown {
  if (codec === "list") return raw.split(",").map((part) => part.trim());
  if (codec === "json") {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

function encodeText(codec: Codec, value: unknown): string {
  if (codec === "list") return (value as unknown[]).join(",");
  if (codec === "json") return JSON.stringify(value);
  return String(value);
}
