/**
 * Value kinds for stack settings. Pulumi hands every config value to the program as a string
 * (objects and arrays JSON-encoded), so each kind decodes from that string and, on failure, says
 * what it expected. Errors name the full key path, the value and the expectation.
 */
export type Decoded<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export interface Kind<T> {
  /** How the README and errors describe the kind. */
  readonly describe: string;
  /** The Pulumi.yaml `type` this kind maps to, or undefined when Pulumi.yaml cannot declare it (objects). */
  readonly pulumiType: PulumiConfigType | undefined;
  decode(value: unknown, path: string): Decoded<T>;
}

export type PulumiConfigType =
  | { type: "string" | "integer" | "boolean" }
  | { type: "array"; items: PulumiConfigType };

export function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const ok = <T>(value: T): Decoded<T> => ({ ok: true, value });
const fail = <T>(error: string): Decoded<T> => ({ ok: false, errors: [error] });

/** Pulumi gives strings; YAML-sourced tests may give typed values. Both decode the same. */
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

export function stringKind(opts: { pattern?: RegExp; expected?: string; allowEmpty?: boolean } = {}): Kind<string> {
  const expected = opts.expected ?? "a string";
  return {
    describe: expected,
    pulumiType: { type: "string" },
    decode(value, path) {
      if (typeof value !== "string") return fail(`${path} must be ${expected}, got ${show(value)}`);
      if (value === "" && opts.allowEmpty) return ok(value);
      if (opts.pattern && !opts.pattern.test(value)) return fail(`${path} must be ${expected}, got ${show(value)}`);
      return ok(value);
    },
  };
}

export function enumKind<const V extends string>(values: readonly V[], hints: Partial<Record<string, string>> = {}): Kind<V> {
  const expected = `one of ${values.join(", ")}`;
  return {
    describe: expected,
    pulumiType: { type: "string" },
    decode(value, path) {
      if (typeof value === "string" && (values as readonly string[]).includes(value)) return ok(value as V);
      const hint = typeof value === "string" && hints[value] ? ` (${hints[value]})` : "";
      return fail(`${path} must be ${expected}, got ${show(value)}${hint}`);
    },
  };
}

export function integerKind(opts: { min?: number; max?: number; allowed?: readonly number[] } = {}): Kind<number> {
  const range =
    opts.allowed !== undefined
      ? `one of ${opts.allowed.join(", ")}`
      : opts.min !== undefined && opts.max !== undefined
        ? `an integer from ${opts.min} to ${opts.max}`
        : opts.min !== undefined
          ? `an integer >= ${opts.min}`
          : "an integer";
  return {
    describe: range,
    pulumiType: { type: "integer" },
    decode(raw, path) {
      const value = fromJsonString(raw);
      if (typeof value !== "number" || !Number.isInteger(value)) return fail(`${path} must be ${range}, got ${show(raw)}`);
      if (opts.allowed !== undefined && !opts.allowed.includes(value)) return fail(`${path} must be ${range}, got ${value}`);
      if ((opts.min !== undefined && value < opts.min) || (opts.max !== undefined && value > opts.max)) {
        return fail(`${path} must be ${range}, got ${value}`);
      }
      return ok(value);
    },
  };
}

export function booleanKind(): Kind<boolean> {
  return {
    describe: "true or false",
    pulumiType: { type: "boolean" },
    decode(raw, path) {
      const value = fromJsonString(raw);
      if (typeof value !== "boolean") return fail(`${path} must be true or false, got ${show(raw)}`);
      return ok(value);
    },
  };
}

export function arrayKind<T>(item: Kind<T>, opts: { unique?: boolean } = {}): Kind<T[]> {
  return {
    describe: `a list of ${item.describe}`,
    pulumiType: item.pulumiType ? { type: "array", items: item.pulumiType } : undefined,
    decode(raw, path) {
      const value = fromJsonString(raw);
      if (!Array.isArray(value)) return fail(`${path} must be a list of ${item.describe}, got ${show(raw)}`);
      const errors: string[] = [];
      const out: T[] = [];
      value.forEach((element, i) => {
        const decoded = item.decode(element, `${path}[${i}]`);
        if (decoded.ok) out.push(decoded.value);
        else errors.push(...decoded.errors);
      });
      if (opts.unique) {
        const seen = new Set<string>();
        out.forEach((v, i) => {
          const k = JSON.stringify(v);
          if (seen.has(k)) errors.push(`${path}[${i}] repeats ${show(v)}; each entry must be unique`);
          seen.add(k);
        });
      }
      return errors.length ? { ok: false, errors } : ok(out);
    },
  };
}

type FieldSpec<T> = { [K in keyof T]-?: { kind: Kind<NonNullable<T[K]>>; required: boolean } };

/** An object with known fields; unknown fields are an error so typos never pass silently. */
export function objectKind<T extends object>(name: string, fields: FieldSpec<T>): Kind<T> {
  const names = Object.keys(fields) as Array<keyof T & string>;
  return {
    describe: `${name} {${names.join(", ")}}`,
    pulumiType: undefined,
    decode(raw, path) {
      const value = fromJsonString(raw);
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return fail(`${path} must be an object with ${names.join(", ")}, got ${show(raw)}`);
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
        const decoded = spec.kind.decode(record[key], `${path}.${key}`);
        if (decoded.ok) out[key] = decoded.value;
        else errors.push(...decoded.errors);
      }
      return errors.length ? { ok: false, errors } : ok(out as T);
    },
  };
}
