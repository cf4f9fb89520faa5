import assert from "node:assert/strict";
import type { RecordedResource } from "../../synth/engine";
import { plannedResource } from "../../synth/plan";

const BUCKET = "urn:pulumi:s::p::aws:s3/bucket:Bucket::b";
const recorded = (over: Partial<RecordedResource> = {}): RecordedResource => ({
  urn: "urn:pulumi:s::p::aws:s3/bucketPolicy:BucketPolicy::b-policy",
  type: "aws:s3/bucketPolicy:BucketPolicy",
  name: "b-policy",
  parent: null,
  custom: true,
  inputs: { bucket: "b-1234567", policy: "{}" },
  id: "b-policy-1",
  outputs: { bucket: "b-1234567", policy: "{}", arn: "arn:aws:s3:::b-1234567/policy", tagsAll: { owner: "team" } },
  dependencies: [BUCKET],
  propertyDependencies: { policy: [BUCKET], bucket: [BUCKET] },
  dependsOn: [],
  options: {},
  ...over,
});

describe("a plan.json entry", () => {
  it("records the outputs the inputs do not give, tagsAll in its own field", () => {
    const entry = plannedResource(recorded());
    assert.deepEqual(entry.outputs, { arn: "arn:aws:s3:::b-1234567/policy" });
    assert.deepEqual(entry.tagsAll, { owner: "team" });
  });

  it("records an output whose value differs from the input of the same name", () => {
    const entry = plannedResource(recorded({ outputs: { bucket: "b-normalised", policy: "{}" } }));
    assert.deepEqual(entry.outputs, { bucket: "b-normalised" });
  });

  it("records the property dependencies with their keys sorted, so reruns give the same bytes", () => {
    assert.deepEqual(Object.keys(plannedResource(recorded()).propertyDependencies ?? {}), ["bucket", "policy"]);
  });

  it("leaves out outputs and property dependencies when there are none", () => {
    const entry = plannedResource(recorded({ outputs: { bucket: "b-1234567", policy: "{}" }, propertyDependencies: {} }));
    assert.deepEqual(Object.keys(entry), ["urn", "type", "name", "parent", "inputs"]);
  });
});
