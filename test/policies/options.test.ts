import assert from "node:assert/strict";
import * as sqs from "@pulumi/aws/sqs";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { runPolicies } from "../../synth/policy-runner";
import { declare } from "../engine/harness";

const seesOptions: ResourceValidationPolicy = {
  name: "sees-options",
  description: "test",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type !== "aws:sqs/queue:Queue") return;
    report(JSON.stringify({ protect: args.opts.protect, ignoreChanges: args.opts.ignoreChanges, deleteBeforeReplace: args.opts.deleteBeforeReplace, aliases: args.opts.aliases }));
  },
};

describe("policy runner: resource options", () => {
  it("hands a policy the options the resource was declared with, as the analyzer does", async () => {
    const plan = await declare(() => new sqs.Queue("q", {}, { protect: true, ignoreChanges: ["tags"], deleteBeforeReplace: true, aliases: [{ name: "old" }] }));
    const [result] = (await runPolicies([seesOptions], plan.resources)).violations;
    assert.deepEqual(JSON.parse(result.message ?? "{}"), {
      protect: true,
      ignoreChanges: ["tags"],
      deleteBeforeReplace: true,
      aliases: ["urn:pulumi:test::api-usage-insights::aws:sqs/queue:Queue::old"],
    });
  });
});
