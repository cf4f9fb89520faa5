import assert from "node:assert/strict";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ALL_POLICIES } from "../../policies/all";
import { SecureBucket } from "../../components/shared/secure-bucket";
import { declare } from "../engine/harness";
import { runPolicies } from "../../synth/policy-runner";

describe("in-process policy runner", () => {
  it("passes the default secure bucket", async () => {
    const plan = await declare(() => new SecureBucket("lake"));
    const report = await runPolicies(ALL_POLICIES, plan.resources);
    assert.deepEqual(report.violations, []);
  });

  it("reports a bucket built without encryption as a mandatory violation on that bucket", async () => {
    const plan = await declare(() => new SecureBucket("plain", { encryption: "none" }));
    const report = await runPolicies(ALL_POLICIES, plan.resources);
    assert.deepEqual(
      report.mandatoryViolations.map((v) => [v.policy, v.urn, v.message]),
      [["s3-bucket-encryption", plan.one("aws:s3/bucket:Bucket").urn, "bucket plain has no server-side encryption configuration"]],
    );
  });

  it("merges schema defaults under config overrides", async () => {
    const plan = await declare(() => new SecureBucket("lake"));
    const report = await runPolicies(ALL_POLICIES, plan.resources, { config: { "s3-bucket-encryption": { requireKms: true } } });
    assert.deepEqual(report.violations.map((v) => v.policy), ["s3-bucket-encryption"]);
  });

  it("honours an enforcement level set in config", async () => {
    const plan = await declare(() => new SecureBucket("plain", { encryption: "none" }));
    const report = await runPolicies(ALL_POLICIES, plan.resources, { config: { "s3-bucket-encryption": "advisory" } });
    assert.equal(report.mandatoryViolations.length, 0);
    assert.equal(report.violations[0].enforcementLevel, "advisory");
  });

  it("skips a disabled policy", async () => {
    const plan = await declare(() => new SecureBucket("plain", { encryption: "none" }));
    const report = await runPolicies(ALL_POLICIES, plan.resources, { config: { "s3-bucket-encryption": "disabled" } });
    assert.equal(report.results.some((r) => r.policy === "s3-bucket-encryption"), false);
  });

  it("awaits asynchronous checks and records not-applicable stack policies", async () => {
    const asyncPolicy: ResourceValidationPolicy = {
      name: "async-check",
      description: "reports after a tick",
      enforcementLevel: "mandatory",
      validateResource: async (args, report) => {
        if (args.type !== "aws:s3/bucket:Bucket") args.notApplicable("buckets only");
        await new Promise((r) => setImmediate(r));
        report("seen");
      },
    };
    const naPolicy: StackValidationPolicy = {
      name: "na-stack",
      description: "never applies",
      validateStack: (args) => args.notApplicable("nothing to check"),
    };
    const plan = await declare(() => new SecureBucket("lake"));
    const report = await runPolicies([asyncPolicy, naPolicy], plan.resources);
    assert.deepEqual(report.violations.map((v) => [v.policy, v.message]), [["async-check", "seen"]]);
    assert.deepEqual(report.results.filter((r) => r.outcome === "not-applicable").map((r) => [r.policy, r.message]), [["na-stack", "nothing to check"]]);
  });

  it("fails loudly when a policy throws, naming the policy and resource", async () => {
    const broken: ResourceValidationPolicy = { name: "broken", description: "throws", validateResource: () => { throw new Error("boom"); } };
    const plan = await declare(() => new SecureBucket("lake"));
    await assert.rejects(runPolicies([broken], plan.resources), /policy broken failed on urn:pulumi:.*: boom/);
  });
});
