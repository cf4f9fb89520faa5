/**
 * The workflows held to what the issue asks of them: GitHub's and OpenSSF's hardening rules for
 * every workflow, the fleet's order, environments and accounts for the deploy, every stack previewed
 * on a pull request, and an app preview that fails on a mandatory violation.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { fleetOrder, projectStackOf } from "../../synth/fleet";
import { readDoctorCommand } from "../../scripts/doctor";
import { previewRoleSecret } from "../../scripts/ci-bootstrap";
import { allWorkflows, fleetMembers, needsOf, pinnedActions, readWorkflow, ROOT, stepsOf, type Job, type Step, type Workflow } from "./support";

const workflows = allWorkflows();
const deploy = readWorkflow(".github/workflows/deploy.yml");
const pullRequest = readWorkflow(".github/workflows/pull-request.yml");
const appPreview = readWorkflow(".github/workflows/app-preview.yml");
const example = readWorkflow("examples/app-ci/.github/workflows/preview.yml");
const members = fleetMembers();
const actions = pinnedActions();
const packageJson = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> };

const actionOf = (step: Step): string | undefined => step.uses?.split("@")[0];
const usesAction = (job: Job, action: string) => (job.steps ?? []).some((s) => actionOf(s) === action);
const permissionsOf = (job: Job): Record<string, string> => (typeof job.permissions === "object" ? job.permissions : {});

describe("every workflow, as GitHub's and OpenSSF's hardening guides ask", () => {
  it("declares its permissions at the top and on every job, never write-all or read-all", () => {
    for (const workflow of workflows) {
      assert.equal(typeof workflow.permissions, "object", `${workflow.file}: top-level permissions`);
      for (const [id, job] of Object.entries(workflow.jobs)) assert.equal(typeof job.permissions, "object", `${workflow.file} job ${id}: permissions`);
    }
  });

  it("grants each job only what its steps use: contents: read to check out, id-token: write for AWS credentials, pull-requests: write to comment", () => {
    for (const workflow of workflows) {
      for (const [id, job] of Object.entries(workflow.jobs)) {
        const comments = (job.steps ?? []).some((s) => actionOf(s) === "actions/github-script" && /issues\.(createComment|updateComment)/.test(String(s.with?.script)));
        const expected: Record<string, string> = {
          ...(usesAction(job, "actions/checkout") ? { contents: "read" } : {}),
          ...(usesAction(job, "aws-actions/configure-aws-credentials") ? { "id-token": "write" } : {}),
          ...(comments ? { "pull-requests": "write" } : {}),
        };
        assert.deepEqual(permissionsOf(job), expected, `${workflow.file} job ${id}`);
      }
      assert.deepEqual(workflow.permissions, { contents: "read" }, `${workflow.file}: top-level permissions`);
    }
  });

  it("writes to the pull request only from a job that runs none of its code, and never on a fork's pull request", () => {
    const writers = workflows.flatMap((w) => Object.entries(w.jobs).filter(([, job]) => permissionsOf(job)["pull-requests"] === "write").map(([id, job]) => ({ w, id, job })));
    assert.deepEqual(
      writers.map(({ w, id }) => `${w.file}:${id}`),
      [".github/workflows/pull-request.yml:comment"],
    );
    for (const { job } of writers) {
      assert.deepEqual(
        (job.steps ?? []).map((s) => actionOf(s)),
        ["actions/github-script"],
      );
      assert.match(String(job.if), /github\.event\.pull_request\.head\.repo\.full_name == github\.repository/);
    }
  });

  it("pins every action to a full commit SHA with its release in a comment, the commit that release tag points to", () => {
    let pins = 0;
    for (const workflow of workflows) {
      for (const line of workflow.text.split("\n").filter((l) => /^\s*(- )?uses:/.test(l))) {
        const match = /uses:\s+([\w.-]+\/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/.exec(line.trim());
        assert.ok(match, `${workflow.file}: "${line.trim()}" is not pinned as <owner>/<repo>@<40-hex commit> # v<x.y.z>`);
        const [, action, commit, version] = match;
        assert.ok(actions[action!], `${workflow.file}: ${action} is not in test/workflows/fixtures/actions.json`);
        assert.deepEqual({ action, commit, version }, { action, commit: actions[action!]!.commit, version: actions[action!]!.version });
        pins++;
      }
    }
    assert.ok(pins > 20, `only ${pins} pinned uses: found`);
  });

  it("passes each action only inputs its action.yml declares at the pinned commit, and uses only node24 actions", () => {
    for (const workflow of workflows) {
      for (const { job, step } of stepsOf(workflow)) {
        const action = actionOf(step);
        if (!action) continue;
        const declared = actions[action]!;
        assert.equal(declared.runs, "node24", `${action} runs on ${declared.runs}`);
        for (const input of Object.keys(step.with ?? {})) assert.ok(declared.inputs.includes(input), `${workflow.file} job ${job}: ${action} ${declared.version} declares no input ${input} (${declared.source})`);
      }
    }
  });

  it("expands no expression inside a run: script: values reach scripts through env", () => {
    for (const workflow of workflows) {
      for (const { job, step } of stepsOf(workflow)) {
        if (step.run !== undefined) assert.doesNotMatch(step.run, /\$\{\{/, `${workflow.file} job ${job} step ${step.name ?? step.run.split("\n")[0]}`);
      }
    }
  });

  it("never runs on pull_request_target or workflow_run, and checks out without keeping the token", () => {
    for (const workflow of workflows) {
      assert.deepEqual(
        Object.keys(workflow.on).filter((event) => event === "pull_request_target" || event === "workflow_run"),
        [],
        workflow.file,
      );
      for (const { job, step } of stepsOf(workflow).filter(({ step }) => actionOf(step) === "actions/checkout")) {
        assert.equal(step.with?.["persist-credentials"], false, `${workflow.file} job ${job}`);
      }
    }
  });

  it("takes AWS credentials only by assuming a role through GitHub's OIDC provider: no access keys anywhere", () => {
    let assumed = 0;
    for (const workflow of workflows) {
      assert.doesNotMatch(workflow.text, /aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN/, workflow.file);
      for (const { job, step } of stepsOf(workflow).filter(({ step }) => actionOf(step) === "aws-actions/configure-aws-credentials")) {
        assert.match(String(step.with?.["role-to-assume"]), /^\$\{\{ secrets(\.|\[)/, `${workflow.file} job ${job}: role-to-assume`);
        assert.ok(step.with?.["aws-region"], `${workflow.file} job ${job}: aws-region`);
        assumed++;
      }
    }
    assert.ok(assumed >= 4, `${assumed} roles assumed`);
  });

  it("runs the Pulumi CLI the package pins (devDependency pulumi), with this project's policy pack or the one the app installs", () => {
    const pulumiSteps = workflows.flatMap((w) => stepsOf(w).filter(({ step }) => actionOf(step) === "pulumi/actions").map(({ job, step }) => ({ w, job, step })));
    assert.ok(pulumiSteps.length >= 6);
    for (const { w, job, step } of pulumiSteps) {
      const version = w.file === appPreview.file ? (w.on.workflow_call as { inputs: Record<string, { default?: string }> }).inputs["pulumi-version"]!.default : step.with?.["pulumi-version"];
      assert.equal(version, packageJson.devDependencies.pulumi, `${w.file} job ${job}: pulumi-version`);
      const pack = String(step.with?.policyPacks);
      if (w.file === deploy.file || w.file === pullRequest.file) assert.ok(existsSync(path.join(ROOT, pack, "PulumiPolicy.yaml")), `${w.file} job ${job}: policyPacks ${pack}`);
      else assert.match(pack, /^\$\{\{ (inputs\.policy-pack|env\.POLICY_PACK) \}\}$/, `${w.file} job ${job}: policyPacks`);
    }
  });
});

describe("the deploy workflow", () => {
  const jobs = Object.entries(deploy.jobs);
  const jobOf = (stack: string) => jobs.find(([, job]) => job.env?.STACK === stack);

  it("deploys every stack of the fleet in a job of its own, in the GitHub environment of the stack's name", () => {
    assert.deepEqual(jobs.map(([, job]) => job.env?.STACK).sort(), members.map((m) => m.stack).sort());
    for (const [id, job] of jobs) assert.equal(job.environment, job.env?.STACK, `job ${id}`);
  });

  it("orders the jobs as the fleet synth does: each needs exactly the jobs of the project stacks it references (the monitoring stack before every source)", () => {
    for (const member of members) {
      const [id, job] = jobOf(member.stack)!;
      const referenced = member.monitoringStack ? projectStackOf(member.monitoringStack, members) : undefined;
      const expected = referenced ? [jobOf(referenced.stack)![0]] : [];
      assert.deepEqual(needsOf(job).sort(), expected, `job ${id} (${member.stack})`);
    }
    assert.deepEqual(
      jobs.map(([, job]) => job.env?.STACK),
      fleetOrder(members).map((m) => m.stack),
      "jobs in the file in fleet order",
    );
    const monitoring = members.filter((m) => m.role === "monitoring").map((m) => jobOf(m.stack)![0]);
    for (const source of members.filter((m) => m.role === "source" && m.monitoringStack)) assert.ok(monitoring.some((id) => needsOf(jobOf(source.stack)![1]).includes(id)), source.stack);
  });

  it("runs no two updates of one stack at once: a concurrency group per stack, never cancelled midway", () => {
    const groups = jobs.map(([id, job]) => {
      assert.equal(typeof job.concurrency, "object", `job ${id}`);
      const concurrency = job.concurrency as { group: string; "cancel-in-progress"?: boolean };
      assert.equal(concurrency["cancel-in-progress"], false, `job ${id}`);
      assert.ok(concurrency.group.endsWith(`-${job.env?.STACK}`), `job ${id}: group ${concurrency.group}`);
      return concurrency.group;
    });
    assert.equal(new Set(groups).size, members.length);
  });

  it("gives each job its stack's Region and account from the stack file, and the same steps as every other", () => {
    for (const member of members) {
      const [id, job] = jobOf(member.stack)!;
      assert.deepEqual(job.env, { STACK: member.stack, STACK_REGION: member.region, STACK_ACCOUNT: member.account }, `job ${id}`);
    }
    const [first, ...rest] = jobs.map(([, job]) => JSON.stringify(job.steps));
    for (const steps of rest) assert.equal(steps, first);
  });

  it("assumes the environment's deploy role for exactly the stack's account, then runs pulumi up with the policy pack", () => {
    const steps = jobs[0]![1].steps!;
    const credentials = steps.find((s) => actionOf(s) === "aws-actions/configure-aws-credentials")!;
    assert.deepEqual(
      { role: credentials.with?.["role-to-assume"], region: credentials.with?.["aws-region"], accounts: credentials.with?.["allowed-account-ids"] },
      { role: "${{ secrets.AWS_ROLE_ARN }}", region: "${{ env.STACK_REGION }}", accounts: "${{ env.STACK_ACCOUNT }}" },
    );
    const up = steps.find((s) => actionOf(s) === "pulumi/actions")!;
    assert.deepEqual({ command: up.with?.command, stack: up.with?.["stack-name"], packs: up.with?.policyPacks }, { command: "up", stack: "${{ env.STACK }}", packs: "policies" });
    assert.ok(steps.indexOf(credentials) < steps.indexOf(up));
  });

  it("runs the doctor after each up with flags scripts/doctor.ts accepts, its Markdown into the job summary", () => {
    const steps = jobs[0]![1].steps!;
    const up = steps.findIndex((s) => actionOf(s) === "pulumi/actions");
    const doctor = steps.findIndex((s) => /npm run doctor/.test(s.run ?? ""));
    assert.ok(doctor > up, "the doctor runs after pulumi up");
    const script = steps[doctor]!.run!;
    const args = /npm run doctor -- (.*?) \|\|/.exec(script)![1]!.match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ""));
    const command = readDoctorCommand(args.map((a) => a.replace("$STACK", "dev").replace("$RUNNER_TEMP", "/tmp")));
    assert.ok(command !== "help" && command.stack === "dev" && command.markdownFile === "/tmp/doctor.md");
    assert.match(script, /cat "\$RUNNER_TEMP\/doctor\.md" >> "\$GITHUB_STEP_SUMMARY"/);
  });

  it("runs on a push to main, or by hand for one stack of the fleet, and only from main", () => {
    assert.deepEqual((deploy.on.push as { branches: string[] }).branches, ["main"]);
    const input = (deploy.on.workflow_dispatch as { inputs: { stack: { type: string; options: string[] } } }).inputs.stack;
    assert.deepEqual({ type: input.type, options: input.options }, { type: "choice", options: fleetOrder(members).map((m) => m.stack) });
    for (const [id, job] of jobs) {
      assert.match(String(job.if), /github\.ref == 'refs\/heads\/main'/, `job ${id}`);
      assert.match(String(job.if), new RegExp(`inputs\\.stack == '${job.env?.STACK}'`), `job ${id}`);
    }
  });
});

describe("the pull-request workflow", () => {
  it("runs the README's test command, npm ci && npm test, on the Node major .ci/node.sh installs", () => {
    const nodeMajor = /^NODE_MAJOR=(\d+)$/m.exec(readFileSync(path.join(ROOT, ".ci/node.sh"), "utf8"))![1];
    const steps = pullRequest.jobs.test!.steps!;
    assert.equal(String(steps.find((s) => actionOf(s) === "actions/setup-node")!.with?.["node-version"]), nodeMajor);
    assert.deepEqual(
      steps.filter((s) => s.run?.startsWith("npm ")).map((s) => s.run),
      ["npm ci --no-audit --no-fund", "npm test"],
    );
    for (const workflow of [pullRequest, deploy, example]) {
      for (const { step } of stepsOf(workflow).filter(({ step }) => actionOf(step) === "actions/setup-node")) assert.equal(String(step.with?.["node-version"]), nodeMajor, workflow.file);
    }
  });

  it("previews every stack of the fleet with the policy pack, each with the read-only role secret the bootstrap names, its Region and its account", () => {
    const preview = pullRequest.jobs.preview!;
    assert.deepEqual(
      preview.strategy!.matrix!.include,
      fleetOrder(members).map((m) => ({ stack: m.stack, region: m.region, account: m.account, "role-secret": previewRoleSecret(m.stack) })),
    );
    const up = preview.steps!.find((s) => actionOf(s) === "pulumi/actions")!;
    assert.deepEqual({ command: up.with?.command, stack: up.with?.["stack-name"], packs: up.with?.policyPacks }, { command: "preview", stack: "${{ matrix.stack }}", packs: "policies" });
    const credentials = preview.steps!.find((s) => actionOf(s) === "aws-actions/configure-aws-credentials")!;
    assert.deepEqual(
      { role: credentials.with?.["role-to-assume"], accounts: credentials.with?.["allowed-account-ids"] },
      { role: "${{ secrets[matrix.role-secret] }}", accounts: "${{ matrix.account }}" },
    );
  });

  it("skips every step of a preview after the role check where the role is not configured", () => {
    for (const workflow of [pullRequest, appPreview, example]) {
      const [check, ...rest] = workflow.jobs.preview!.steps!;
      assert.equal(check!.id, "role", workflow.file);
      for (const step of rest) assert.equal(step.if, "steps.role.outputs.configured == 'true'", `${workflow.file}: ${step.name ?? step.uses}`);
    }
  });

  it("publishes the change summary, uploads the dashboard pictures, and fails the job where the synth fails", () => {
    const steps = pullRequest.jobs.changes!.steps!;
    const names = steps.map((s) => s.name ?? actionOf(s));
    assert.deepEqual(names.slice(-3), ["Publish the change summary", "Upload the dashboard pictures", "Fail where the synth fails"]);
    assert.equal(pullRequest.jobs.changes!.outputs!.comment, "${{ steps.summary.outputs.comment }}");
    assert.equal(pullRequest.jobs.comment!.steps![0]!.env!.COMMENT, "${{ needs.changes.outputs.comment }}");
  });
});

describe("the app repositories' preview", () => {
  it("is a reusable workflow (workflow_call) whose only required inputs are the stack and its Region", () => {
    const call = appPreview.on.workflow_call as { inputs: Record<string, { required?: boolean }>; secrets: Record<string, { required?: boolean }> };
    assert.deepEqual(
      Object.entries(call.inputs)
        .filter(([, i]) => i.required)
        .map(([name]) => name),
      ["stack", "aws-region"],
    );
    assert.deepEqual(
      Object.values(call.secrets).filter((s) => s.required),
      [],
    );
  });

  it("has a copyable example with the same steps, actions and policy pack check", () => {
    const steps = (w: Workflow) => w.jobs.preview!.steps!.map((s) => ({ name: s.name, uses: s.uses, if: s.if }));
    assert.deepEqual(steps(example), steps(appPreview));
    const check = (w: Workflow) => w.jobs.preview!.steps!.find((s) => s.name === "Check the policy pack and what it needs from node_modules")!.run;
    assert.equal(check(example), check(appPreview));
    assert.equal(example.jobs.preview!.env!.POLICY_PACK, (appPreview.on.workflow_call as { inputs: Record<string, { default?: string }> }).inputs["policy-pack"]!.default);
  });

  it("fails on a mandatory violation: no step of an app preview continues on error", () => {
    for (const workflow of [appPreview, example]) {
      for (const { step } of stepsOf(workflow)) {
        assert.notEqual(step["continue-on-error"], true, `${workflow.file}: ${step.name}`);
        assert.notEqual(step.with?.["continue-on-error"], true, `${workflow.file}: ${step.name}`);
        assert.notEqual(step.with?.["continue-on-error"], "true", `${workflow.file}: ${step.name}`);
      }
    }
  });
});
