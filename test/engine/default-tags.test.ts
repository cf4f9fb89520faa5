import assert from "node:assert/strict";
import { TAG_LIMITS, readDefaultTags } from "../../synth/fake-aws";

const raw = (tags: Record<string, string>) => JSON.stringify({ tags });
const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));

describe("aws:defaultTags", () => {
  it("reads the tags map of the stack file", () => {
    assert.deepEqual(readDefaultTags(raw({ project: "p", owner: "o" })), { project: "p", owner: "o" });
  });

  it("is empty when the stack sets none", () => {
    assert.deepEqual(readDefaultTags(undefined), {});
  });

  it("accepts 50 tags and refuses 51, the most a resource takes", () => {
    assert.equal(Object.keys(readDefaultTags(raw(many(TAG_LIMITS.tagsPerResource)))).length, 50);
    assert.throws(() => readDefaultTags(raw(many(TAG_LIMITS.tagsPerResource + 1))), /^Error: aws:defaultTags must have at most 50 tags \(a resource takes no more\), got 51$/);
  });

  it("accepts a 128-character key and refuses 129", () => {
    assert.doesNotThrow(() => readDefaultTags(raw({ ["k".repeat(128)]: "v" })));
    assert.throws(() => readDefaultTags(raw({ ["k".repeat(129)]: "v" })), /aws:defaultTags must have tag keys of 1 to 128 characters, got "k{129}"/);
  });

  it("accepts a 256-character value and refuses 257", () => {
    assert.doesNotThrow(() => readDefaultTags(raw({ owner: "v".repeat(256) })));
    assert.throws(() => readDefaultTags(raw({ owner: "v".repeat(257) })), /aws:defaultTags must have tag values of at most 256 characters, got 257 for owner/);
  });

  it("refuses a key in the aws: namespace AWS reserves", () => {
    assert.throws(() => readDefaultTags(raw({ "aws:owner": "o" })), /aws:defaultTags must have tag keys not starting with "aws:" \(reserved for AWS\), got "aws:owner"/);
  });

  it("refuses a value that is not a map of string tags, naming the key and the value", () => {
    assert.throws(() => readDefaultTags('["owner"]'), /^Error: aws:defaultTags must be a map with a "tags" map of strings \(tags: \{project: …\}\), got \["owner"\]$/);
    assert.throws(() => readDefaultTags(JSON.stringify({ tags: { owner: 3 } })), /got \{"tags":\{"owner":3\}\}/);
  });
});
