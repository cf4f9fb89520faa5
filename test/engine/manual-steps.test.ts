import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { synthStack } from "../../synth/run";
import { manualSteps } from "../../synth/manual-steps";
import { readStackFile } from "../../synth/stack-file";

const root = path.resolve(__dirname, "../..");

describe("manual steps for a customer key the stack does not own", function () {
  this.timeout(60_000);

  it("lists, for prod's key in the security account, every role that uses it, CloudWatch Logs of the stack's Region and QuickSight's service role", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "steps-"));
    const outcome = await synthStack({ rootDir: root, stack: "prod", outDir: out, log: () => undefined, quiet: true });
    assert.equal(outcome.exitCode, 0, outcome.reason);
    const steps = manualSteps(outcome.resources!, readStackFile(root, "prod"), "555566667777")!;
    assert.equal(steps.keyAccount, "444455556666");
    // Auto-named roles get a random suffix at deploy: the key policy matches them by name prefix.
    const patterns = steps.statements.flatMap((s) => [s.Condition?.ArnLike?.["aws:PrincipalArn"] ?? []].flat());
    for (const role of ["access-logs-enricher-role", "access-logs-firehose", "api-calls-counter-role", "usage-distinct-users-role", "usage-period-comparison-role"]) {
      assert.ok(patterns.includes(`arn:aws:iam::555566667777:role/${role}-*`), `${role} not among ${patterns.join(", ")}`);
    }
    const principals = steps.statements.flatMap((s) => s.Principal.AWS ?? []);
    assert.ok(principals.includes("arn:aws:iam::555566667777:role/service-role/aws-quicksight-service-role-v0"));
    const logs = steps.statements.find((s) => s.Principal.Service === "logs.eu-west-1.amazonaws.com");
    assert.deepEqual(logs?.Condition, { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:555566667777:log-group:*" } });
    const written = readFileSync(path.join(out, "prod", "manual-steps.md"), "utf8");
    assert.match(written, /^# Manual steps for stack prod\n/);
    assert.ok(written.includes(JSON.stringify(steps.statements, null, 2)));
  });

  it("has nothing to ask for dev, which uses no customer key", async () => {
    const outcome = await synthStack({ rootDir: root, stack: "dev", outDir: mkdtempSync(path.join(tmpdir(), "steps-")), log: () => undefined, quiet: true });
    assert.equal(manualSteps(outcome.resources!, readStackFile(root, "dev"), "123456789012"), undefined);
  });
});
