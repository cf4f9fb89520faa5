/**
 * The pull-request workflow's offline job (`changes`), run step by step as a runner runs it, on a
 * scratch repository: a base commit (this checkout's tracked files) and a change on top of it that
 * gives dev stack-scoped names (which replaces its protected access-log groups) and adds a stack.
 * Each `run:` script runs in bash as GitHub runs it, with the step's env and the runner's files
 * (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP); `npm ci` is replaced by a link to this
 * checkout's node_modules (no registry in tests). Everything heavy runs once, in before().
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, globSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { COMMENT_LIMIT, COMMENT_MARKER } from "../../scripts/ci-changes-comment";
import type { PlanFile } from "../../synth/changes";
import { readWorkflow, ROOT, type Step } from "./support";

const job = readWorkflow(".github/workflows/pull-request.yml").jobs.changes!;
const INSTALL = "npm ci --no-audit --no-fund";
const BASE_STACKS = ["dev", "monitoring", "prod", "staging"];
const NEW_STACK = "sandbox";

interface StepRun {
  readonly step: Step;
  readonly status: number;
  readonly output: string;
  readonly outputs: Record<string, string>;
}

let workspace: string;
let runnerTemp: string;
let summary: string;
let runs: StepRun[];

const git = (cwd: string, ...args: string[]) => {
  const result = spawnSync("git", ["-c", "user.name=ci", "-c", "user.email=ci@example.invalid", ...args], { cwd, encoding: "utf8" });
  assert.equal(result.status, 0, `git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
};

/** What GITHUB_OUTPUT holds: `name=value` lines and `name<<delimiter` blocks. */
function readOutputs(file: string): Record<string, string> {
  const lines = existsSync(file) ? readFileSync(file, "utf8").split("\n") : [];
  const outputs: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const block = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      outputs[block[1]!] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (/^[\w-]+=/.test(lines[i]!)) outputs[lines[i]!.split("=")[0]!] = lines[i]!.slice(lines[i]!.indexOf("=") + 1);
  }
  return outputs;
}

/** The expressions the job's env and working-directory use, evaluated as GitHub would for a pull request without labels. */
function evaluate(text: string, done: readonly StepRun[]): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_all, expression: string) => {
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (output) return done.find((r) => r.step.id === output[1])?.outputs[output[2]!] ?? "";
    if (expression === "runner.temp") return runnerTemp;
    if (expression === "contains(github.event.pull_request.labels.*.name, 'allow-replace')") return "false";
    throw new Error(`the test does not evaluate \${{ ${expression} }}: teach evaluate() what GitHub gives it`);
  });
}

function runStep(step: Step, done: readonly StepRun[]): StepRun {
  const cwd = step["working-directory"] ? evaluate(step["working-directory"], done) : workspace;
  if (step.run!.trim() === INSTALL) {
    symlinkSync(path.join(ROOT, "node_modules"), path.join(cwd, "node_modules"));
    return { step, status: 0, output: "", outputs: {} };
  }
  const outputFile = path.join(runnerTemp, `output-${done.length}`);
  const script = path.join(runnerTemp, `step-${done.length}.sh`);
  writeFileSync(script, step.run!);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_REPOSITORY: "acme/api-usage-insights",
    GITHUB_RUN_ID: "4242",
    RUNNER_TEMP: runnerTemp,
    ...Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, evaluate(String(value), done)])),
  };
  // GitHub's default shell for run: on Linux.
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd, env, encoding: "utf8", maxBuffer: 64 << 20 });
  return { step, status: result.status ?? -1, output: `${result.stdout}${result.stderr}`, outputs: readOutputs(outputFile) };
}

const runOf = (name: string) => runs.find((r) => r.step.name === name)!;

describe("the pull-request workflow's offline synth job, run step by step on a change that replaces protected data", function () {
  this.timeout(300_000);

  before(() => {
    const scratch = mkdtempSync(path.join(tmpdir(), "pr-synth-"));
    workspace = path.join(scratch, "workspace");
    runnerTemp = path.join(scratch, "runner");
    summary = path.join(runnerTemp, "step-summary.md");
    mkdirSync(runnerTemp, { recursive: true });
    writeFileSync(summary, "");
    // The base commit: this checkout's files as git sees them (tracked and new, not ignored), as they are now.
    for (const file of git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0").filter((f) => f && existsSync(path.join(ROOT, f)))) {
      mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      copyFileSync(path.join(ROOT, file), path.join(workspace, file));
    }
    git(workspace, "init", "-q");
    git(workspace, "add", "-A");
    git(workspace, "commit", "-qm", "base");
    // The change: dev puts the stack in its physical names; a new stack beside staging.
    const dev = readFileSync(path.join(workspace, "Pulumi.dev.yaml"), "utf8");
    assert.match(dev, /api-usage-insights:stackScopedNames: false/, "the change this test makes needs dev's stackScopedNames: false");
    writeFileSync(path.join(workspace, "Pulumi.dev.yaml"), dev.replace("api-usage-insights:stackScopedNames: false", "api-usage-insights:stackScopedNames: true"));
    writeFileSync(path.join(workspace, `Pulumi.${NEW_STACK}.yaml`), readFileSync(path.join(workspace, "Pulumi.staging.yaml"), "utf8").replace(/stack: staging/g, `stack: ${NEW_STACK}`));
    git(workspace, "add", "-A");
    git(workspace, "commit", "-qm", "change");

    runs = [];
    for (const step of job.steps!) {
      if (step.uses) continue; // checkout, setup-node: the scratch repository and this Node; upload-artifact: checked below
      const run = runStep(step, runs);
      runs.push(run);
      if (run.status !== 0 && step !== job.steps!.at(-1)) assert.fail(`step "${step.name ?? step.run}" exited ${run.status}:\n${run.output}`);
    }
  });

  it("synthesizes the base commit, checked out in a worktree, into out/base", () => {
    assert.equal(runOf("Synthesize the base").outputs["exit-code"], "0", runOf("Synthesize the base").output);
    for (const stack of BASE_STACKS) assert.ok(existsSync(path.join(workspace, "out/base", stack, "plan.json")), stack);
    assert.equal(git(path.join(runnerTemp, "base"), "log", "-1", "--format=%s"), "base");
  });

  it("writes a changes.md for every stack against the base, a stack the base lacks against an empty plan", () => {
    for (const stack of [...BASE_STACKS, NEW_STACK]) assert.ok(existsSync(path.join(workspace, "out", stack, "changes.md")), stack);
    const plan = JSON.parse(readFileSync(path.join(workspace, "out", NEW_STACK, "plan.json"), "utf8")) as PlanFile;
    const changes = readFileSync(path.join(workspace, "out", NEW_STACK, "changes.md"), "utf8");
    assert.match(changes, new RegExp(`\\| ${plan.resources.length} \\| 0 \\| 0 \\| 0 \\|`));
    assert.match(readFileSync(path.join(workspace, "out/staging/changes.md"), "utf8"), /No changes\./);
  });

  it("refuses the replacement of dev's protected log groups: the synth exits 1, and so does the job's last step", () => {
    assert.equal(runOf("Synthesize this change against the base").outputs["exit-code"], "1");
    assert.match(readFileSync(path.join(workspace, "out/dev/changes.md"), "utf8"), /\*\*Refused:\*\* \d+ protected resource\(s\) would be replaced or deleted/);
    const last = runs.at(-1)!;
    assert.equal(last.step, job.steps!.at(-1));
    assert.equal(last.status, 1);
    assert.match(last.output, /::error title=Synth exit 1::/);
  });

  it("publishes every stack's changes.md in the job summary, and one comment within GitHub's limit as the job's output", () => {
    const published = readFileSync(summary, "utf8");
    for (const stack of [...BASE_STACKS, NEW_STACK]) {
      const changes = readFileSync(path.join(workspace, "out", stack, "changes.md"), "utf8");
      assert.ok(published.includes(changes.split("\n").slice(4).join("\n").replace(/^#/gm, "###").trim().split("\n")[0]!), `${stack} in the summary`);
      assert.match(published, new RegExp(`<summary><b>${stack}</b></summary>`));
    }
    const comment = runOf("Publish the change summary").outputs.comment!;
    assert.ok(comment.startsWith(COMMENT_MARKER));
    assert.ok(comment.length <= COMMENT_LIMIT);
    assert.match(comment, /\| dev \| 0 \| \d+ \| [1-9]\d* \| 0 \| \*\*REFUSED\*\*: \d+ protected resource\(s\) replaced or deleted \|/);
    assert.match(comment, /\| staging \| 0 \| 0 \| 0 \| 0 \| no changes \|/);
    assert.match(comment, /the `dashboards` artifact of \[this run\]\(https:\/\/github\.com\/acme\/api-usage-insights\/actions\/runs\/4242\)/);
    assert.ok(published.startsWith(comment.split("\n").slice(0, 6).join("\n")));
  });

  it("uploads a dashboard picture of every stack and none of the base's", () => {
    const upload = job.steps!.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
    const patterns = String(upload.with!.path).split("\n").filter(Boolean);
    const excluded = patterns.filter((p) => p.startsWith("!")).flatMap((p) => globSync(p.slice(1), { cwd: workspace }));
    const files = patterns.filter((p) => !p.startsWith("!")).flatMap((p) => globSync(p, { cwd: workspace })).filter((f) => !excluded.includes(f));
    for (const stack of [...BASE_STACKS, NEW_STACK]) {
      assert.ok(files.includes(`out/${stack}/dashboard.svg`) && files.includes(`out/${stack}/dashboard.png`), `${stack}: ${files.join(", ")}`);
    }
    assert.deepEqual(files.filter((f) => f.startsWith("out/base/")), []);
  });
});
