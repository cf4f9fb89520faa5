import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../../components/shared/aws";
import { RecordedResource, UNKNOWN_VALUE, synthesize } from "../../synth/engine";

const opts = { project: "p", stack: "s", config: { "aws:region": "eu-west-1" } };
const byName = (resources: RecordedResource[], type: string, name: string): RecordedResource => {
  const found = resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} ${name} in ${resources.map((r) => r.name).join(", ")}`);
  return found;
};

class Outer extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Outer", name, {}, opts);
    new Inner(`${name}-inner`, { parent: this });
    this.registerOutputs({});
  }
}
class Inner extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Inner", name, {}, opts);
    new aws.s3.Bucket(name, {}, { parent: this });
    this.registerOutputs({});
  }
}

describe("offline engine fidelity", () => {
  it("gives a new resource a fake id, so an input taken from that id is known", async () => {
    const { resources } = await synthesize(() => {
      const role = new aws.iam.Role("r", { assumeRolePolicy: "{}" });
      new aws.iam.RolePolicy("rp", { role: role.id, policy: "{}" });
    }, opts);
    const role = byName(resources, "aws:iam/role:Role", "r");
    assert.match(role.id ?? "", /^r-[0-9a-f]{7}$/);
    assert.equal(byName(resources, "aws:iam/rolePolicy:RolePolicy", "rp").inputs.role, role.id);
  });

  it("builds URNs with the whole parent type chain and leaves the root stack's type out", async () => {
    const { resources } = await synthesize(() => void new Outer("o"), opts);
    assert.equal(byName(resources, "test:index:Outer", "o").urn, "urn:pulumi:s::p::test:index:Outer::o");
    assert.equal(byName(resources, "aws:s3/bucket:Bucket", "o-inner").urn, "urn:pulumi:s::p::test:index:Outer$test:index:Inner$aws:s3/bucket:Bucket::o-inner");
  });

  it("records protect, retainOnDelete, deleteBeforeReplace, ignoreChanges and an explicit provider", async () => {
    const { resources } = await synthesize(() => {
      const provider = new aws.Provider("west", { region: "us-west-2" });
      new aws.sqs.Queue("q", {}, { protect: true, retainOnDelete: true, deleteBeforeReplace: true, ignoreChanges: ["tags", "name"], provider });
    }, opts);
    const queue = byName(resources, "aws:sqs/queue:Queue", "q");
    const provider = byName(resources, "pulumi:providers:aws", "west");
    assert.deepEqual(queue.options, { protect: true, retainOnDelete: true, deleteBeforeReplace: true, ignoreChanges: ["name", "tags"], provider: `${provider.urn}::${provider.id}` });
  });

  it("records no options for a resource that sets none", async () => {
    const { resources } = await synthesize(() => void new aws.sqs.Queue("q", {}), opts);
    assert.deepEqual(byName(resources, "aws:sqs/queue:Queue", "q").options, {});
  });

  it("gives the children of a renamed, aliased component the aliases the engine derives from the parent's alias", async () => {
    const { resources } = await synthesize(() => void new Outer("renamed", { aliases: [{ name: "o" }] }), opts);
    assert.deepEqual(byName(resources, "test:index:Outer", "renamed").options.aliases, ["urn:pulumi:s::p::test:index:Outer::o"]);
    // @pulumi/aws gives Bucket its own alias to the old BucketV2 type; the engine multiplies them out.
    assert.deepEqual(byName(resources, "aws:s3/bucket:Bucket", "renamed-inner").options.aliases, [
      "urn:pulumi:s::p::test:index:Outer$test:index:Inner$aws:s3/bucket:Bucket::o-inner",
      "urn:pulumi:s::p::test:index:Outer$test:index:Inner$aws:s3/bucketV2:BucketV2::o-inner",
      "urn:pulumi:s::p::test:index:Outer$test:index:Inner$aws:s3/bucketV2:BucketV2::renamed-inner",
    ]);
  });

  it("keeps an aliased resource's auto-name, as the provider keeps it when only the URN changes", async () => {
    const before = await synthesize(() => void new Outer("o"), opts);
    const renamed = await synthesize(() => void new Outer("renamed", { aliases: [{ name: "o" }] }), opts);
    const unaliased = await synthesize(() => void new Outer("renamed"), opts);
    const bucketName = (r: { resources: RecordedResource[] }, name: string) => byName(r.resources, "aws:s3/bucket:Bucket", name).outputs.bucket;
    assert.equal(bucketName(renamed, "renamed-inner"), bucketName(before, "o-inner"));
    assert.notEqual(bucketName(unaliased, "renamed-inner"), bucketName(before, "o-inner"));
  });

  describe("in preview mode", () => {
    const program = () => {
      const queue = new aws.sqs.Queue("q", {});
      new aws.sqs.QueuePolicy("qp", { queueUrl: queue.url, policy: pulumi.interpolate`{"Resource":"${queue.arn}"}` });
      new aws.s3.BucketPolicy("bp", { bucket: queue.name, policy: "{}" });
      return { group: aws.cloudwatch.getLogGroupOutput({ name: "existing" }).arn };
    };

    it("leaves the outputs of a new resource unknown to the resources that use them", async () => {
      const { resources } = await synthesize(program, { ...opts, preview: true });
      const policy = byName(resources, "aws:sqs/queuePolicy:QueuePolicy", "qp");
      assert.equal(policy.inputs.queueUrl, UNKNOWN_VALUE);
      assert.equal(policy.inputs.policy, UNKNOWN_VALUE);
      assert.equal(byName(resources, "aws:sqs/queue:Queue", "q").id, null);
    });

    it("knows what a real first preview knows: auto-names and the answers of provider functions", async () => {
      const { resources, outputs } = await synthesize(program, { ...opts, preview: true });
      assert.match(String(byName(resources, "aws:s3/bucketPolicy:BucketPolicy", "bp").inputs.bucket), /^q-[0-9a-f]{7}$/);
      assert.equal(outputs.group, "arn:aws:logs:eu-west-1:123456789012:log-group:existing");
    });

    it("knows every output outside preview mode", async () => {
      const { resources } = await synthesize(program, opts);
      assert.match(String(byName(resources, "aws:sqs/queuePolicy:QueuePolicy", "qp").inputs.policy), /arn:aws:sqs:eu-west-1:123456789012:q-/);
    });
  });

  it("adds the stack's aws:defaultTags to tagsAll of a taggable resource, and only there", async () => {
    const config = { ...opts.config, "aws:defaultTags": JSON.stringify({ tags: { project: "p", owner: "o" } }) };
    const { resources } = await synthesize(() => {
      const queue = new aws.sqs.Queue("q", { tags: { owner: "team" } });
      new aws.sqs.QueuePolicy("qp", { queueUrl: queue.url, policy: "{}" });
    }, { ...opts, config });
    assert.deepEqual(byName(resources, "aws:sqs/queue:Queue", "q").outputs.tagsAll, { project: "p", owner: "team" });
    assert.equal(byName(resources, "aws:sqs/queuePolicy:QueuePolicy", "qp").outputs.tagsAll, undefined);
  });
});
