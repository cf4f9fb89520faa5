import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { pulumiYaml, withConfigTable } from "../../../scripts/config-docs";

const root = path.resolve(__dirname, "../../..");

describe("config documentation", () => {
  it("Pulumi.yaml declares exactly the settings table (run `npm run docs` after changing it)", () => {
    assert.equal(readFileSync(path.join(root, "Pulumi.yaml"), "utf8"), pulumiYaml());
  });

  it("the README's config reference matches the settings table (run `npm run docs` after changing it)", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    assert.equal(readme, withConfigTable(readme));
  });
});
