import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { synthStack } from "../../synth/run";
import { readSynthCommand } from "../../scripts/synth";

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
  describe("the dev stack's output", () => {
    // One synthesis read by these tests; the first makes a second one to compare.
    let first: string;
    before(async () => {
      first = mkdtempSync(path.join(tmpdir(), "synth-a-"));
      const outcome = await synthStack({ rootDir: root, stack: "dev", outDir: first, ...quiet });
      assert.equal(outcome.exitCode, 0, outcome.reason);
    });

    it("writes the plan, the artifacts and the policy report for the dev stack, byte-identical on a second run", async () => {
      const second = mkdtempSync(path.join(tmpdir(), "synth-b-"));
      const b = await synthStack({ rootDir: root, stack: "dev", outDir: second, ...quiet });
      assert.equal(b.exitCode, 0, b.reason);
      const filesA = filesUnder(path.join(first, "dev"));
      assert.ok(filesA.has("plan.json") && filesA.has("policy-report.json"), [...filesA.keys()].join(", "));
      assert.deepEqual(filesUnder(path.join(second, "dev")), filesA);
    });

    it("draws dev's dashboard as dashboard.svg and, rasterized, as a 1200-pixel-wide dashboard.png", () => {
      const png = readFileSync(path.join(first, "dev", "dashboard.png"));
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.equal(png.subarray(12, 16).toString("latin1"), "IHDR");
      assert.equal(png.readUInt32BE(16), 1200);
      const svg = readFileSync(path.join(first, "dev", "dashboard.svg"), "utf8");
      const [, w, h] = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(svg) ?? [];
      assert.equal(png.readUInt32BE(20), Math.round((1200 * Number(h)) / Number(w)));
    });

    it("records each resource's urn, type, name, parent and inputs in plan.json", () => {
      const plan = JSON.parse(readFileSync(path.join(first, "dev", "plan.json"), "utf8")) as { stack: string; resources: Array<Record<string, unknown>> };
      assert.equal(plan.stack, "dev");
      const stack = plan.resources.find((r) => r.type === "pulumi:pulumi:Stack");
      assert.deepEqual(Object.keys(stack ?? {}).sort(), ["inputs", "name", "parent", "type", "urn"]);
    });
  });

  describe("the prod plan", () => {
    type Planned = { type: string; name: string; inputs: Record<string, unknown>; tagsAll?: Record<string, string>; options?: Record<string, unknown> };
    let resources: Planned[] = [];
    before(async () => {
      const out = mkdtempSync(path.join(tmpdir(), "synth-prod-"));
      const outcome = await synthStack({ rootDir: root, stack: "prod", outDir: out, ...quiet });
      assert.equal(outcome.exitCode, 0, outcome.reason);
      resources = (JSON.parse(readFileSync(path.join(out, "prod", "plan.json"), "utf8")) as { resources: Planned[] }).resources;
    });

    it("protects and retains every stateful resource the issue names", () => {
      const stateful = resources.filter((r) =>
        ["aws:s3/bucket:Bucket", "aws:kms/key:Key", "aws:glue/catalogDatabase:CatalogDatabase", "aws:glue/catalogTable:CatalogTable", "aws:cloudtrail/trail:Trail"].includes(r.type) ||
        (r.type === "aws:cloudwatch/logGroup:LogGroup" && /-access-logs$|-trail-logs$/.test(r.name)),
      );
      assert.ok(stateful.length >= 10, `only ${stateful.length} stateful resources found`);
      const unprotected = stateful.filter((r) => r.options?.protect !== true || r.options?.retainOnDelete !== true).map((r) => r.name);
      assert.deepEqual(unprotected, []);
    });

    it("gives every taggable resource the four tags from aws:defaultTags", () => {
      const taggable = resources.filter((r) => r.tagsAll !== undefined);
      assert.ok(taggable.length > 30, `only ${taggable.length} taggable resources`);
      const missing = taggable.filter((r) => ["project", "stack", "owner", "cost-centre"].some((k) => !r.tagsAll?.[k])).map((r) => r.name);
      assert.deepEqual(missing, []);
    });
  });

  /** A stack file in a temporary directory: dev's config (without its default tags, if asked) plus `extra` lines. */
  function stackDirWith(extra: string, dropDefaultTags = false): string {
    const dir = mkdtempSync(path.join(tmpdir(), "stack-"));
    const dev = readFileSync(path.join(root, "Pulumi.dev.yaml"), "utf8");
    writeFileSync(path.join(dir, "Pulumi.throwaway.yaml"), `${dropDefaultTags ? dev.replace(/^ {2}aws:defaultTags:[\s\S]*?cost-centre: .*\n/m, "") : dev}${extra}`);
    return dir;
  }

  it("protects nothing when protectData is false, for a throw-away stack", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "synth-"));
    const outcome = await synthStack({ rootDir: root, stackDir: stackDirWith("  api-usage-insights:protectData: false\n"), stack: "throwaway", outDir: out, ...quiet });
    assert.equal(outcome.exitCode, 0, outcome.reason);
    assert.deepEqual(outcome.resources?.filter((r) => r.options.protect || r.options.retainOnDelete).map((r) => r.name), []);
  });

  it("exits 2 naming aws:defaultTags when it is not a map of tags", async () => {
    const outcome = await synthStack({ rootDir: root, stackDir: stackDirWith("  aws:defaultTags: [owner]\n", true), stack: "throwaway", outDir: mkdtempSync(path.join(tmpdir(), "synth-")), ...quiet });
    assert.equal(outcome.exitCode, 2);
    assert.match(outcome.reason ?? "", /^aws:defaultTags must be a map with a "tags" map of strings .*, got \["owner"\]$/);
  });

  it("exits 2 when --baseline names a directory without the stack's plan", async () => {
    const outcome = await synthStack({ rootDir: root, stack: "monitoring", outDir: mkdtempSync(path.join(tmpdir(), "synth-")), baselineDir: mkdtempSync(path.join(tmpdir(), "empty-")), ...quiet });
    assert.equal(outcome.exitCode, 2);
    assert.match(outcome.reason ?? "", /--baseline .*monitoring\/plan\.json does not exist/);
  });

  it("writes a preview to out/preview/<stack>/ unless --out says otherwise", () => {
    const command = readSynthCommand(["--stack", "dev", "--preview"], root);
    assert.ok(command !== "help");
    assert.deepEqual([command.preview, command.outDir], [true, path.join(root, "out", "preview")]);
  });

  it("refuses --baseline with --preview, naming both", () => {
    assert.throws(() => readSynthCommand(["--stack", "dev", "--preview", "--baseline", "x"], root), /--preview excludes --baseline and --allow-replace/);
  });

  it("exits 2 when the baseline is not a plan", async () => {
    const baselineDir = mkdtempSync(path.join(tmpdir(), "bad-baseline-"));
    mkdirSync(path.join(baselineDir, "monitoring"));
    writeFileSync(path.join(baselineDir, "monitoring", "plan.json"), "{}");
    const outcome = await synthStack({ rootDir: root, stack: "monitoring", outDir: mkdtempSync(path.join(tmpdir(), "synth-")), baselineDir, ...quiet });
    assert.equal(outcome.exitCode, 2);
    assert.match(outcome.reason ?? "", /baseline .*monitoring\/plan\.json must be a plan\.json with a resources list, got \{\}/);
  });

  describe("the change summary", () => {
    /** A temporary copy of index.ts with the pipeline renamed (and optionally aliased to its old name). */
    const copies: string[] = [];
    after(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    function renamedProgram(alias: boolean): string {
      const dir = path.join(root, ".tmp");
      mkdirSync(dir, { recursive: true });
      // Inside the project, so ts-node compiles it with the project's settings.
      const copy = mkdtempSync(path.join(dir, "rename-"));
      copies.push(copy);
      const source = readFileSync(path.join(root, "index.ts"), "utf8").replace(/from "\.\//g, `from "${root}/`);
      const construction = /new AccessLogPipeline\(COMPONENT_NAMES\.pipeline, ([^;]*)\);/;
      assert.match(source, construction, "index.ts no longer builds the pipeline as this test expects");
      const options = alias ? ', { aliases: [{ name: "access-logs" }] }' : "";
      const file = path.join(copy, "index.ts");
      writeFileSync(file, source.replace(construction, (_all, args: string) => `new AccessLogPipeline("access-log", ${args}${options});`));
      return file;
    }
    let baselineDir = "";
    before(async () => {
      baselineDir = mkdtempSync(path.join(tmpdir(), "synth-baseline-"));
      const outcome = await synthStack({ rootDir: root, stack: "prod", outDir: baselineDir, ...quiet });
      assert.equal(outcome.exitCode, 0, outcome.reason);
    });
    let lastOut = "";
    const againstBaseline = (programPath: string, allowReplace = false) => {
      lastOut = mkdtempSync(path.join(tmpdir(), "synth-next-"));
      return synthStack({ rootDir: root, stack: "prod", programPath, outDir: lastOut, baselineDir, allowReplace, ...quiet });
    };

    it("lists the data lake as replaced when a component is renamed without an alias, and exits 1", async () => {
      const outcome = await againstBaseline(renamedProgram(false));
      assert.equal(outcome.exitCode, 1);
      const lake = outcome.changes?.changes.find((c) => c.type === "aws:s3/bucket:Bucket" && c.name === "access-log-data-lake");
      assert.equal(lake?.kind, "replaced");
      assert.equal(lake?.protected, true);
      assert.match(lake?.reason ?? "", /URN changed .*access-logs-data-lake.* no alias/);
      assert.match(outcome.reason ?? "", /protected resource would be replaced or deleted/);
    });

    it("exits 0 with --allow-replace and still lists the data lake as replaced", async () => {
      const outcome = await againstBaseline(renamedProgram(false), true);
      assert.equal(outcome.exitCode, 0, outcome.reason);
      assert.ok(outcome.changes?.protectedLosses.some((c) => c.name === "access-log-data-lake"));
    });

    it("keeps the data lake and the access-log groups when the renamed component has an alias", async () => {
      const outcome = await againstBaseline(renamedProgram(true));
      const replaced = (outcome.changes?.changes ?? []).filter((c) => c.kind === "replaced" || c.kind === "deleted").map((c) => c.name);
      for (const kept of ["access-log-data-lake", "access-log-athena-results", "access-log-payments-access-logs", "access-log-enricher"]) {
        assert.ok(!replaced.includes(kept), `${kept} replaced: ${replaced.join(", ")}`);
      }
    });

    it("still replaces the Glue database under an alias, because its physical name is built from the component name", async () => {
      const outcome = await againstBaseline(renamedProgram(true));
      const database = outcome.changes?.changes.find((c) => c.name === "access-log-database");
      assert.equal(database?.kind, "replaced");
      assert.equal(database?.reason, "name forces a replacement");
      assert.equal(database?.previousUrn?.endsWith("::access-logs-database"), true);
      assert.equal(outcome.exitCode, 1);
    });

    it("writes changes.md that says the change is refused and lists the stateful resources first", async () => {
      await againstBaseline(renamedProgram(false));
      const md = readFileSync(path.join(lastOut, "prod", "changes.md"), "utf8");
      assert.match(md, /> \*\*Refused:\*\* \d+ protected resource\(s\) would be replaced or deleted/);
      const sections = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      assert.equal(sections[0], "Stateful resources");
      assert.match(md, /- \*\*replaced\*\* `access-log-data-lake` \(Bucket, protected, stateful\)/);
    });
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
