import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { CONFIG_REFERENCE_FILE, pulumiYaml, withConfigTable } from "../../scripts/config-docs";

const root = path.resolve(__dirname, "../..");

describe("config documentation", () => {
  it("Pulumi.yaml declares exactly the settings table (run `npm run docs` after changing it)", () => {
    assert.equal(readFileSync(path.join(root, "Pulumi.yaml"), "utf8"), pulumiYaml());
  });

  it("the config reference in docs/configuration.md matches the settings table (run `npm run docs` after changing it)", () => {
    const guide = readFileSync(path.join(root, CONFIG_REFERENCE_FILE), "utf8");
    assert.equal(guide, withConfigTable(guide));
  });
});
