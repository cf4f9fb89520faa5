/**
 * Value kinds: the one validation mechanism of the project. A kind decodes a value (Pulumi hands
 * every config value over as a string, objects and lists JSON-encoded; component args and
 * environment variables arrive typed or as text), says what it expected when the value is wrong,
 * and carries samples at and just beyond its limits so tests can prove every limit.
 * Errors name the full key path, the value and the expectation.
 */
export type Decoded<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export interface Samples<T> {
  /** Values at the limits (minimum, maximum, every choice). */
  readonly valid: readonly T[];
  /** Values one step beyond the limits, or of the wrong shape. */
  readonly invalid: readonly unknown[];
}

export interface Kind<T> {
  /** How the config reference (docs/configuration.md) and errors describe the kind. */
  readonly describe: string;
  /** The Pulumi.yaml `type` this kind maps to, or undefined when Pulumi.yaml cannot declare it (objects). */
  readonly pulumiType: PulumiConfigType | undefined;
  readonly samples: Samples<T>;
  decode(value: unknown, path: string): Decoded<T>;
}

export type PulumiConfigType =
  | { type: "string" | "integer" | "boolean" }
  | { type: "array"; items: PulumiConfigType };

export function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The one error sentence of the project: key, expectation, value. */
export function problem(path: string, expected: string, value: unknown): string {
  return `${path} must be ${expected}, got ${show(value)}`;
}

const ok = <T>(value: T): Decoded<T> => ({ ok: true, value });
const fail = <T>(error: string): Decoded<T> => ({ ok: false, errors: [error] });

/** A value that is not known yet (a Pulumi Output or a promise): validated where it resolves, not here. */
export function isDeferred(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { apply?: unknown; then?: unknown };
  return typeof v.apply === "function" || typeof v.then === "function";
}

/** Pulumi gives strings; YAML-sourced tests and component args give typed values. Both decode the same. */
function fromJsonString(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (trimmed === "") return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

export interface StringKindOptions {
  pattern?: RegExp;
  expected?: string;
  allowEmpty?: boolean;
  /** Valid values at the limits (e.g. the longest name) and invalid ones just beyond; required with a pattern. */
  examples?: { valid: readonly string[]; invalid: readonly string[] };
}

export function stringKind(opts: StringKindOptions = {}): Kind<string> {
  const expected = opts.expected ?? "a string";
  const valid = [...(opts.allowEmpty ? [""] : []), ...(opts.examples?.valid ?? (opts.pattern ? [] : ["text"]))];
  const invalid = [...(opts.allowEmpty || !opts.pattern ? [] : [""]), ...(opts.examples?.invalid ?? [])];
  return {
    describe: expected,
    pulumiType: { type: "string" },
    samples: { valid, invalid },
    decode(value, path) {
      if (typeof value !== "string") return fail(problem(path, expected, value));
      if (value === "" && opts.allowEmpty) return ok(value);
      if (opts.pattern && !opts.pattern.test(value)) return fail(problem(path, expected, value));
      return ok(value);
    },
  };
}

export function enumKind<const V extends string>(values: readonly V[], hints: Partial<Record<string, string>> = {}): Kind<V> {
  const expected = `one of ${values.join(", ")}`;
  return {
    describe: expected,
    pulumiType: { type: "string" },
    samples: { valid: values, invalid: [`not-${values[0]}`, ...Object.keys(hints)] },
    decode(value, path) {
      if (typeof value === "string" && (values as readonly string[]).includes(value)) return ok(value as V);
      const hint = typeof value === "string" && hints[value] ? ` (${hints[value]})` : "";
      return fail(`${problem(path, expected, value)}${hint}`);
    },
  };
}

export interface IntegerKindOptions {
  min?: number;
  max?: number;
  /** The only values accepted (e.g. the retention periods CloudWatch Logs takes). */
  allowed?: readonly number[];
  /** Values accepted besides the range, e.g. 0 meaning "never". */
  alsoAllowed?: readonly number[];
  /** Why the limits are what they are, appended to the expectation (e.g. "S3 needs at least 30"). */
  because?: string;
}

export function integerKind(opts: IntegerKindOptions = {}): Kind<number> {
  const { min, max, allowed, alsoAllowed = [] } = opts;
  const range =
    allowed !== undefined
      ? `one of ${allowed.join(", ")}`
      : min !== undefined && max !== undefined
        ? `an integer from ${min} to ${max}`
        : min !== undefined
          ? `an integer >= ${min}`
          : "an integer";
  const expected = `${alsoAllowed.length ? `${alsoAllowed.join(" or ")}, or ` : ""}${range}${opts.because ? ` (${opts.because})` : ""}`;
  const inRange = (v: number) =>
    alsoAllowed.includes(v) || (allowed !== undefined ? allowed.includes(v) : (min === undefined || v >= min) && (max === undefined || v <= max));
  const valid = allowed !== undefined ? [allowed[0], allowed[allowed.length - 1]] : [min ?? 0, ...(max !== undefined ? [max] : [])];
  const beyond =
    allowed !== undefined
      ? [allowed[0] - 1, allowed[allowed.length - 1] + 1, ...allowed.slice(0, -1).map((v) => v + 1).filter((v) => !allowed.includes(v)).slice(0, 1)]
      : [...(min !== undefined ? [min - 1] : []), ...(max !== undefined ? [max + 1] : [])];
  return {
    describe: expected,
    pulumiType: { type: "integer" },
    samples: { valid: [...alsoAllowed, ...valid], invalid: [...beyond.filter((v) => !inRange(v)), 1.5, "ten", "1e1"] },
    decode(raw, path) {
      // From text (an environment variable, a config string) only plain digits: JSON would read 1e1 as 10.
      if (typeof raw === "string" && !/^\s*-?\d+\s*$/.test(raw)) return fail(problem(path, expected, raw));
      const value = fromJsonString(raw);
      if (typeof value !== "number" || !Number.isInteger(value)) return fail(problem(path, expected, raw));
      if (!inRange(value)) return fail(problem(path, expected, value));
      return ok(value);
    },
  };
}

export function booleanKind(): Kind<boolean> {
  return {
    describe: "true or false",
    pulumiType: { type: "boolean" },
    samples: { valid: [true, false], invalid: ["yes"] },
    decode(raw, path) {
      const value = fromJsonString(raw);
      if (typeof value !== "boolean") return fail(problem(path, "true or false", raw));
      return ok(value);
    },
  };
}

/**
 * When two entries count as the same: `key` maps an entry to what identifies it (e.g. a set sorted),
 * `entry` says what an entry is, `because` why; `sample` is a list with two such entries, for tests.
 */
export interface Sameness<T> {
  readonly key: (value: T) => string;
  readonly entry: string;
  readonly because: string;
  readonly sample: readonly T[];
}

export function arrayKind<T>(item: Kind<T>, opts: { unique?: boolean | Sameness<T>; minItems?: number } = {}): Kind<T[]> {
  const minItems = opts.minItems ?? 0;
  const describe = `a list of ${minItems > 0 ? `at least ${minItems} of ` : ""}${item.describe}${opts.unique ? " (each once)" : ""}`;
  const first = item.samples.valid[0];
  return {
    describe,
    pulumiType: item.pulumiType ? { type: "array", items: item.pulumiType } : undefined,
    samples: {
      valid: [
        ...(minItems === 0 ? [[]] : []),
        ...(opts.unique ? [[...new Set(item.samples.valid)]] : [[...item.samples.valid]]),
      ].filter((list) => list.length >= minItems) as T[][],
      invalid: [
        ...item.samples.invalid.slice(0, 2).map((bad) => [bad]),
        ...(opts.unique && first !== undefined ? [[first, first]] : []),
        ...(typeof opts.unique === "object" ? [[...opts.unique.sample]] : []),
        ...(minItems > 0 ? [[]] : []),
        "not-a-list",
      ],
    },
    decode(raw, path) {
      const value = fromJsonString(raw);
      if (!Array.isArray(value)) return fail(problem(path, describe, raw));
      const errors: string[] = [];
      const out: T[] = [];
      value.forEach((element, i) => {
        const decoded = item.decode(element, `${path}[${i}]`);
        if (decoded.ok) out.push(decoded.value);
        else errors.push(...decoded.errors);
      });
      if (out.length < minItems && errors.length === 0) errors.push(problem(path, describe, value));
      if (opts.unique) {
        const seen = new Map<string, number>();
        const same = typeof opts.unique === "object" ? opts.unique : undefined;
        out.forEach((v, i) => {
          const exact = seen.get(JSON.stringify(v));
          const alike = same ? seen.get(`key:${same.key(v)}`) : undefined;
          if (exact !== undefined) errors.push(`${path}[${i}] repeats ${show(v)}; each entry must be unique`);
          else if (same && alike !== undefined) errors.push(problem(`${path}[${i}]`, `${same.entry} not already in ${path}[${alike}] (${same.because})`, v));
          seen.set(JSON.stringify(v), seen.get(JSON.stringify(v)) ?? i);
          if (same) seen.set(`key:${same.key(v)}`, seen.get(`key:${same.key(v)}`) ?? i);
        });
      }
      return errors.length ? { ok: false, errors } : ok(out);
    },
  };
}

type FieldSpec<T> = { [K in keyof T]-?: { kind: Kind<NonNullable<T[K]>>; required: boolean; late?: boolean } };

/**
 * An object with known fields; unknown fields are an error so typos never pass silently. A `late`
 * field also accepts a deferred value (a Pulumi Output), which is checked where it resolves.
 */
export function objectKind<T extends object>(name: string, fields: FieldSpec<T>, samples?: Samples<T>): Kind<T> {
  const names = Object.keys(fields) as Array<keyof T & string>;
  const describe = `${name} {${names.join(", ")}}`;
  return {
    describe,
    pulumiType: undefined,
    samples: samples ?? { valid: [], invalid: ["not-an-object", {}] },
    decode(raw, path) {
      const value = fromJsonString(raw);
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return fail(problem(path, `an object with ${names.join(", ")}`, raw));
      }
      const record = value as Record<string, unknown>;
      const errors: string[] = [];
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(record)) {
        if (!(key in fields)) errors.push(`${path}.${key} is not a known field; expected one of ${names.join(", ")}`);
      }
      for (const key of names) {
        const spec = fields[key];
        if (record[key] === undefined || record[key] === null) {
          if (spec.required) errors.push(`${path}.${key} is required (${spec.kind.describe})`);
          continue;
        }
        if (spec.late && isDeferred(record[key])) {
          out[key] = record[key];
          continue;
        }
        const decoded = spec.kind.decode(record[key], `${path}.${key}`);
        if (decoded.ok) out[key] = decoded.value;
        else errors.push(...decoded.errors);
      }
      return errors.length ? { ok: false, errors } : ok(out as T);
    },
  };
}
