/**
 * The preview jobs' own scripts, run in bash as GitHub runs them: the role check that skips a
 * preview with a notice where no role is configured, and the app preview's check that the policy
 * pack and what it requires resolve from the app's node_modules.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { readWorkflow, ROOT, type Step } from "./support";

const pullRequest = readWorkflow(".github/workflows/pull-request.yml");
const appPreview = readWorkflow(".github/workflows/app-preview.yml");
const PACK_CHECK = "Check the policy pack and what it needs from node_modules";

function run(step: Step, env: Record<string, string>, cwd = tmpdir()): { status: number; output: string; outputs: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "step-"));
  const outputs = path.join(dir, "output");
  writeFileSync(outputs, "");
  const script = path.join(dir, "step.sh");
  writeFileSync(script, step.run!);
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd, env: { PATH: process.env.PATH, GITHUB_OUTPUT: outputs, ...env }, encoding: "utf8" });
  return { status: result.status ?? -1, output: result.stdout + result.stderr, outputs: readFileSync(outputs, "utf8") };
}

/** An app folder holding the installed pack folder, and links to the modules it is given. */
function appWith(modules: readonly string[]): string {
  const app = mkdtempSync(path.join(tmpdir(), "app-"));
  const pack = path.join(app, "node_modules/api-usage-insights/lib/policies");
  mkdirSync(pack, { recursive: true });
  writeFileSync(path.join(pack, "PulumiPolicy.yaml"), "runtime: nodejs\n");
  mkdirSync(path.join(app, "node_modules/@pulumi"), { recursive: true });
  for (const module of modules) symlinkSync(path.join(ROOT, "node_modules", module), path.join(app, "node_modules", module));
  return app;
}

describe("the preview jobs' scripts", () => {
  for (const [workflow, secret] of [
    [pullRequest, "AWS_PREVIEW_ROLE_ARN_DEV"],
    [appPreview, "aws-role-arn"],
  ] as const) {
    const check = workflow.jobs.preview!.steps![0]!;

    it(`${workflow.file}: skips the preview with a notice naming the missing role secret`, () => {
      const result = run(check, { ROLE_ARN: "", ROLE_SECRET: secret, STACK: "dev" });
      assert.equal(result.status, 0, result.output);
      assert.equal(result.outputs, "configured=false\n");
      assert.match(result.output, new RegExp(`^::notice title=pulumi preview (of dev )?skipped::no ${secret} secret`, "m"));
    });

    it(`${workflow.file}: goes on to the preview where the role secret is set`, () => {
      const result = run(check, { ROLE_ARN: "arn:aws:iam::111122223333:role/api-usage-insights-github-preview", ROLE_SECRET: secret, STACK: "dev" });
      assert.equal(result.status, 0, result.output);
      assert.equal(result.outputs, "configured=true\n");
    });
  }

  const packCheck = appPreview.jobs.preview!.steps!.find((s) => s.name === PACK_CHECK)!;
  const PACK = (appPreview.on.workflow_call as { inputs: Record<string, { default: string }> }).inputs["policy-pack"]!.default;

  it("passes the pack check in an app that installed the package and @pulumi/pulumi, @pulumi/policy and @pulumi/aws", () => {
    const result = run(packCheck, { PACK }, appWith(["@pulumi/pulumi", "@pulumi/policy", "@pulumi/aws"]));
    assert.equal(result.status, 0, result.output);
  });

  it("fails the pack check in an app without @pulumi/policy, telling how to install it", () => {
    const result = run(packCheck, { PACK }, appWith(["@pulumi/pulumi", "@pulumi/aws"]));
    assert.equal(result.status, 1);
    assert.match(result.output, /::error title=Policy pack dependency missing::the policy pack in node_modules\/api-usage-insights\/lib\/policies needs @pulumi\/policy in the app's node_modules: npm install --save-dev @pulumi\/policy/);
  });

  it("fails the pack check in an app without the package, naming the missing PulumiPolicy.yaml", () => {
    const result = run(packCheck, { PACK }, mkdtempSync(path.join(tmpdir(), "app-")));
    assert.equal(result.status, 1);
    assert.match(result.output, /::error title=No policy pack::node_modules\/api-usage-insights\/lib\/policies\/PulumiPolicy\.yaml does not exist/);
  });
});
