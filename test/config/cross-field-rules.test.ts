/**
 * Every rule that spans settings, walked: the component schemas' rules (through the stack config
 * when their fields are settings, through the component's args otherwise) and the program's own.
 * Each, given its example, refuses it with a message that names at least two keys and the value
 * of every key it names.
 */
import assert from "node:assert/strict";
import { BINDINGS, ConfigError, PROGRAM_RULES, PROJECT, readStackConfig, type Binding } from "../../config";
import { valueAt, type Spec } from "../../contracts/schema";

const KEY = new RegExp(`${PROJECT}:[A-Za-z]+(?:\\[\\d+\\])?(?:\\.[A-Za-z]+)?|aws:region`, "g");

function refusal(settings: Record<string, unknown>, stack = "rules"): string[] {
  const raw: Record<string, string> = { "aws:region": "us-east-1" };
  for (const [key, value] of Object.entries(settings)) raw[`${PROJECT}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
  try {
    readStackConfig(raw, stack);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return assert.fail(`the stack config ${JSON.stringify(settings)} was accepted`);
}

/** The value a key in a message stands for: a setting (or a path inside it) or aws:region. */
function valueOfKey(key: string, settings: Readonly<Record<string, unknown>>): unknown {
  if (key === "aws:region") return "us-east-1";
  const [setting, ...rest] = key.slice(PROJECT.length + 1).split(/(?=\[)|\./);
  const value = settings[setting];
  return rest.reduce<unknown>((v, part) => {
    const index = /^\[(\d+)\]$/.exec(part);
    return index ? (v as unknown[] | undefined)?.[Number(index[1])] : valueAt(v, part);
  }, value);
}

const rendered = (value: unknown): string[] => (value === undefined ? ["unset"] : [JSON.stringify(value), String(value)]);

/** Two keys at least, and every key's value where it is a plain value (an entry of a list is named by its fields). */
function assertNamesKeysAndValues(message: string, settings: Readonly<Record<string, unknown>>): void {
  const keys = [...new Set(message.match(KEY) ?? [])];
  assert.ok(keys.length >= 2 || /^stack name /.test(message), `names fewer than two keys: ${message}`);
  for (const key of keys) {
    const value = valueOfKey(key, settings);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) continue;
    assert.ok(
      rendered(value).some((text) => message.includes(text)),
      `names ${key} but not its value ${JSON.stringify(value)}: ${message}`,
    );
  }
}

/** The setting values a schema example becomes, or undefined when a field of it is no setting. */
function asSettings(binding: Binding<Spec>, example: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const settings: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(example)) {
    const key = Object.entries(binding.keys).find(([, bound]) => bound === path)?.[0];
    if (key === undefined) return undefined;
    settings[key] = value;
  }
  return settings;
}

describe("every rule across settings", () => {
  const schemaRules = (BINDINGS as unknown as ReadonlyArray<Binding<Spec>>).flatMap((binding) => binding.schema.rules.map((rule) => ({ binding, rule })));

  it("exists: the component schemas and the program have rules to walk", () => {
    assert.ok(schemaRules.length >= 8, `${schemaRules.length} schema rules`);
    assert.ok(PROGRAM_RULES.length >= 7, `${PROGRAM_RULES.length} program rules`);
  });

  for (const [i, { binding, rule }] of schemaRules.entries()) {
    const constrains = Object.keys(rule.limits).join(", ");
    it(`component rule ${i + 1} (on ${constrains}) refuses its example naming both keys and their values`, () => {
      const settings = asSettings(binding, rule.example);
      if (settings) {
        const full = { dashboardEnabled: false, ...settings };
        const problems = refusal(full);
        assert.equal(problems.length, 1, problems.join("\n"));
        assertNamesKeysAndValues(problems[0], { ...defaultsOf(binding), ...full });
        return;
      }
      // A rule between component args that are no settings: the component names its arg paths.
      let args: Record<string, unknown> = {};
      for (const [path, value] of Object.entries(rule.example)) args = withPath(args, path, value);
      const result = binding.schema.check(args);
      assert.equal(result.ok, false);
      if (result.ok) return;
      for (const path of Object.keys(rule.example)) assert.ok(result.problems.some((p) => p.includes(path)), `${result.problems.join("\n")} does not name ${path}`);
    });
  }

  for (const [i, rule] of PROGRAM_RULES.entries()) {
    const constrains = Object.keys(rule.limits).join(", ");
    it(`program rule ${i + 1} (on ${constrains}) refuses its example naming both keys and their values`, () => {
      const problems = refusal(rule.example.settings, rule.example.stack);
      assert.ok(problems.length >= 1);
      for (const message of problems) assertNamesKeysAndValues(message, { ...settingDefaults(), ...rule.example.settings });
    });
  }
});

function withPath(args: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  if (rest.length === 0) return { ...args, [head]: value };
  return { ...args, [head]: withPath((args[head] as Record<string, unknown> | undefined) ?? {}, rest.join("."), value) };
}

/** Every setting's default, for the values a message names but the example leaves alone. */
function settingDefaults(): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const binding of BINDINGS as unknown as ReadonlyArray<Binding<Spec>>) Object.assign(values, defaultsOf(binding));
  return { role: "source", dashboardEnabled: true, stackScopedNames: true, monitoringRegions: [], ...values };
}

function defaultsOf(binding: Binding<Spec>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(binding.keys).map(([key, path]) => [key, binding.schema.fields.find((f) => f.path === path)?.field.default]));
}
