import assert from "node:assert/strict";
import * as sqs from "@pulumi/aws/sqs";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyPackConfig } from "@pulumi/policy";
import { requiredTags, requiredTagsAppResources } from "../../policies/tags";
import { runPolicies } from "../../synth/policy-runner";
import { declare } from "../engine/harness";

const ALL_FOUR = { project: "api-usage-insights", stack: "test", owner: "platform-team", "cost-centre": "CC-0000" };
const config = (tags?: Record<string, string>) => ({ "aws:region": "us-east-1", ...(tags ? { "aws:defaultTags": JSON.stringify({ tags }) } : {}) });

/** A queue inside one of this project's components, plus a queue policy (not taggable). */
const ownQueue = (tags?: Record<string, string>) => () => {
  const component = new pulumi.ComponentResource("api-usage:test:Thing", "thing");
  const queue = new sqs.Queue("thing-queue", { tags }, { parent: component });
  new sqs.QueuePolicy("thing-queue", { queueUrl: queue.url, policy: "{}" }, { parent: component });
};
const appQueue = () => new sqs.Queue("app-queue", {});

async function outcomes(build: () => unknown, tags?: Record<string, string>, policyConfig?: PolicyPackConfig) {
  const plan = await declare(build, { config: config(tags) });
  const report = await runPolicies([requiredTags, requiredTagsAppResources], plan.resources, policyConfig ? { config: policyConfig } : {});
  return report.results.map((r) => `${r.policy} ${r.outcome} ${r.enforcementLevel}${r.message ? `: ${r.message}` : ""}`);
}

describe("required-tags", () => {
  it("passes a project resource that gets the four tags from aws:defaultTags", async () => {
    assert.deepEqual(await outcomes(ownQueue(), ALL_FOUR), ["required-tags pass mandatory", "required-tags-app-resources pass advisory"]);
  });

  it("names the tags a project resource lacks, as a mandatory violation", async () => {
    assert.deepEqual((await outcomes(ownQueue(), { project: "p", stack: "s" }))[0], "required-tags violation mandatory: Queue thing-queue lacks the tags owner, cost-centre; set them in aws:defaultTags or on the resource");
  });

  it("counts the resource's own tags with the default tags", async () => {
    assert.deepEqual((await outcomes(ownQueue({ owner: "team", "cost-centre": "CC-1" }), { project: "p", stack: "s" }))[0], "required-tags pass mandatory");
  });

  it("reports an app stack's own resource only as advisory", async () => {
    assert.deepEqual(await outcomes(appQueue), [
      "required-tags pass mandatory",
      "required-tags-app-resources violation advisory: Queue app-queue lacks the tags project, stack, owner, cost-centre; set them in aws:defaultTags or on the resource",
    ]);
  });

  it("checks the keys set in the pack config instead of the default four", async () => {
    const results = await outcomes(ownQueue(), ALL_FOUR, { "required-tags": { keys: ["team"] } });
    assert.equal(results[0], "required-tags violation mandatory: Queue thing-queue lacks the tag team; set them in aws:defaultTags or on the resource");
  });
});
