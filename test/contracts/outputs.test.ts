import assert from "node:assert/strict";
import { CONTRACT_VERSION, OUTPUTS, OUTPUT_NAMES, contractProblem, outputsJsonSchema, publishedIn } from "../../contracts/outputs";
import { ownStackOutcome } from "../support/own-stacks";

type Schema = { type?: string | string[]; items?: Schema; additionalProperties?: Schema | boolean; pattern?: string; properties?: Record<string, Schema>; required?: string[] };

/** Enough of JSON Schema for the shapes outputsJsonSchema() emits: type, items, additionalProperties, pattern, required. */
function violations(schema: Schema, value: unknown, at: string): string[] {
  const types = schema.type === undefined ? [] : [schema.type].flat();
  const actual = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  if (types.length && !types.includes(actual)) return [`${at} is ${actual}, expected ${types.join(" or ")}`];
  const problems: string[] = [];
  if (schema.pattern && typeof value === "string" && !new RegExp(schema.pattern).test(value)) problems.push(`${at} ${JSON.stringify(value)} does not match ${schema.pattern}`);
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => problems.push(...violations(schema.items!, v, `${at}[${i}]`)));
  if (actual === "object") {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${at}.${key} is missing`);
    for (const [key, v] of Object.entries(record)) {
      const own = schema.properties?.[key];
      if (own) problems.push(...violations(own, v, `${at}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${at}.${key} is not in the contract`);
      else if (typeof schema.additionalProperties === "object") problems.push(...violations(schema.additionalProperties, v, `${at}.${key}`));
    }
  }
  return problems;
}

describe("the stack output contract", () => {
  it("describes every output in the JSON Schema and requires each one", () => {
    const schema = outputsJsonSchema() as Schema & { properties: Record<string, { description?: string }> };
    assert.deepEqual(Object.keys(schema.properties), [...OUTPUT_NAMES]);
    assert.deepEqual(schema.required, [...OUTPUT_NAMES]);
    assert.deepEqual(OUTPUT_NAMES.filter((name) => !(schema.properties[name]!.description ?? "").trim()), []);
  });

  for (const stack of ["dev", "prod", "monitoring"]) {
    it(`${stack}: the synthesized outputs are valid against the published JSON Schema`, async function () {
      this.timeout(60_000);
      const outcome = await ownStackOutcome(stack);
      assert.ok(outcome.outputs, outcome.reason);
      assert.deepEqual(violations(outputsJsonSchema() as Schema, outcome.outputs, "outputs"), []);
      assert.equal(outcome.outputs.contractVersion, CONTRACT_VERSION);
    });
  }

  it("the schema check can fail: a missing output, a wrong type and an unknown key are each reported", () => {
    const outputs = Object.fromEntries(OUTPUT_NAMES.map((name) => [name, OUTPUTS[name].shape === "stringList" ? [] : OUTPUTS[name].shape === "stringMap" ? {} : "x"]));
    delete outputs.glueTable;
    assert.deepEqual(violations(outputsJsonSchema() as Schema, { ...outputs, widgetFunctionArns: "arn", extra: 1, contractVersion: "1.1.0" }, "outputs"), [
      "outputs.glueTable is missing",
      "outputs.widgetFunctionArns is string, expected array",
      "outputs.extra is not in the contract",
    ]);
  });

  describe("version compatibility", () => {
    const major = CONTRACT_VERSION.split(".")[0];
    it("reads a stack of the same major version, whatever its minor and patch", () => {
      assert.equal(contractProblem("s", `${major}.0.0`), undefined);
      assert.equal(contractProblem("s", `${major}.99.7`), undefined);
    });

    it("reads a stack deployed before contractVersion existed as contract 1.0.0", () => {
      assert.equal(contractProblem("s", undefined), major === "1" ? undefined : contractProblem("s", "1.0.0"));
    });

    it("refuses the next major version, naming the stack and both versions", () => {
      const next = `${Number(major) + 1}.0.0`;
      assert.equal(
        contractProblem("acme/api-usage-insights/prod", next),
        `stack acme/api-usage-insights/prod publishes output contract ${next}, but this api-usage-insights package reads contract ${major}.x (${CONTRACT_VERSION}); ` +
          `use a release of the package for contract ${Number(major) + 1}.x, or deploy the stack with a release for ${major}.x`,
      );
    });

    it("knows which outputs a stack of an older minor version publishes", () => {
      assert.deepEqual([publishedIn("oamSinkArns", "1.1.0"), publishedIn("oamSinkArns", "1.2.0"), publishedIn("oamSinkArns", "1.10.0")], [false, true, true]);
      assert.deepEqual([publishedIn("contractVersion", "1.0.0"), publishedIn("glueTable", "1.0.0")], [false, true]);
    });

    it("refuses a version that is not semantic, naming the value", () => {
      assert.match(contractProblem("s", "1.1") ?? "", /^stack s publishes contractVersion "1\.1"; expected a semantic version such as /);
    });
  });
});
