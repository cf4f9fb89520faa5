import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { synthStack } from "../../synth/run";

const root = path.resolve(__dirname, "../..");
const fixtures = path.join(root, "test/fixtures/stacks");
const quiet = { log: () => undefined, quiet: true };

function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

describe("offline synth", () => {
  it("writes the plan, the artifacts and the policy report for the dev stack, byte-identical on a second run", async () => {
    const first = mkdtempSync(path.join(tmpdir(), "synth-a-"));
    const second = mkdtempSync(path.join(tmpdir(), "synth-b-"));
    const a = await synthStack({ rootDir: root, stack: "dev", outDir: first, ...quiet });
    const b = await synthStack({ rootDir: root, stack: "dev", outDir: second, ...quiet });
    assert.equal(a.exitCode, 0, a.reason);
    assert.equal(b.exitCode, 0, b.reason);
    const filesA = filesUnder(path.join(first, "dev"));
    assert.ok(filesA.has("plan.json") && filesA.has("policy-report.json"), [...filesA.keys()].join(", "));
    assert.deepEqual(filesUnder(path.join(second, "dev")), filesA);
  });

  it("records each resource's urn, type, name, parent and inputs in plan.json", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "synth-"));
    await synthStack({ rootDir: root, stack: "dev", outDir: out, ...quiet });
    const plan = JSON.parse(readFileSync(path.join(out, "dev", "plan.json"), "utf8")) as { stack: string; resources: Array<Record<string, unknown>> };
    assert.equal(plan.stack, "dev");
    const stack = plan.resources.find((r) => r.type === "pulumi:pulumi:Stack");
    assert.deepEqual(Object.keys(stack ?? {}).sort(), ["inputs", "name", "parent", "type", "urn"]);
  });

  const badStacks: Array<[string, RegExp]> = [
    ["wrongtype", /api-usage-insights:logRetentionDays must be one of \d+, \d+, .* got "forever"/],
    ["unknownkey", /api-usage-insights:quicksightEnable is not a known setting \(did you mean api-usage-insights:quicksightEnabled\?\)/],
    ["noregion", /aws:region is required/],
    ["broken", /Pulumi\.broken\.yaml is not readable YAML/],
    ["missing", /no stack file Pulumi\.missing\.yaml/],
  ];
  for (const [stack, message] of badStacks) {
    it(`exits 2 naming the problem for the ${stack} stack file`, async () => {
      const outcome = await synthStack({ rootDir: root, stackDir: fixtures, stack, outDir: mkdtempSync(path.join(tmpdir(), "synth-")), ...quiet });
      assert.equal(outcome.exitCode, 2);
      assert.match(outcome.reason ?? "", message);
    });
  }

  it("exits 2 from the command line with a one-line reason on stderr", () => {
    const run = spawnSync(process.execPath, ["-r", "ts-node/register", path.join(root, "scripts/synth.ts"), "--stack", "nosuchstack"], {
      cwd: root,
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
      encoding: "utf8",
    });
    assert.equal(run.status, 2);
    assert.match(run.stderr.trim(), /^synth nosuchstack: no stack file Pulumi\.nosuchstack\.yaml in .*$/);
  });
});
