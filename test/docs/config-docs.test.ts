import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { BINDINGS, PROGRAM_RULES, PROJECT, configKeyOf, type Binding } from "../../config";
import type { Spec } from "../../contracts/schema";
import { CONFIG_REFERENCE_FILE, pulumiYaml, withConfigTable } from "../../scripts/config-docs";

const root = path.resolve(__dirname, "../..");

describe("config documentation", () => {
  it("Pulumi.yaml declares exactly the settings table (run `npm run docs` after changing it)", () => {
    assert.equal(readFileSync(path.join(root, "Pulumi.yaml"), "utf8"), pulumiYaml());
  });

  it("the config reference in docs/configuration.md matches the settings table and the rules across settings (run `npm run docs` after changing them)", () => {
    const guide = readFileSync(path.join(root, CONFIG_REFERENCE_FILE), "utf8");
    assert.equal(guide, withConfigTable(guide));
  });
});

describe("the configuration reference's value column", () => {
  const reference = readFileSync(path.join(root, CONFIG_REFERENCE_FILE), "utf8");
  /** The value column of a setting's row. */
  const valueOf = (key: string): string => {
    const row = reference.split("\n").find((line) => line.startsWith(`| \`${PROJECT}:${key}\` |`));
    assert.ok(row, `no row for ${key}`);
    return row.split(" | ")[1]!;
  };

  it("states the data-lake limits across settings in both rows", () => {
    assert.match(valueOf("dataLakeExpirationDays"), /across settings: 0 \(never\) or more than api-usage-insights:dataLakeTransitionDays/);
    assert.match(valueOf("dataLakeTransitionDays"), /across settings: 0 or less than api-usage-insights:dataLakeExpirationDays/);
  });

  it("states every limit of every rule across settings in the row of each setting it constrains", () => {
    const bindings = BINDINGS as unknown as ReadonlyArray<Binding<Spec>>;
    let stated = 0;
    for (const binding of bindings) {
      for (const rule of binding.schema.rules) {
        for (const [fieldPath, limit] of Object.entries(rule.limits)) {
          const text = limit((other) => configKeyOf(binding, other));
          if (text.includes(`${PROJECT}:(`)) continue;
          for (const [key, bound] of Object.entries(binding.keys)) {
            if (bound !== fieldPath) continue;
            assert.ok(valueOf(key).includes(text), `${key}: "${text}" missing from "${valueOf(key)}"`);
            stated++;
          }
        }
      }
    }
    for (const rule of PROGRAM_RULES) {
      for (const [key, text] of Object.entries(rule.limits)) {
        assert.ok(valueOf(key).includes(text), `${key}: "${text}" missing from "${valueOf(key)}"`);
        stated++;
      }
    }
    assert.ok(stated >= 20, `${stated} limits stated`);
  });
});
