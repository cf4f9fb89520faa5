import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../../components/shared/aws";
import { synthesize } from "../../synth/engine";

const opts = { project: "p", stack: "s", config: { "aws:region": "eu-west-1" } };

describe("offline engine", () => {
  it("records type, name, parent, inputs and fake outputs deterministically", async () => {
    const program = () => {
      const parent = new pulumi.ComponentResource("test:index:Parent", "p");
      new aws.sqs.Queue("q", { messageRetentionSeconds: 60 }, { parent });
    };
    const a = await synthesize(program, opts);
    const b = await synthesize(program, opts);
    assert.deepEqual(a, b);
    const queue = a.resources.find((r) => r.type === "aws:sqs/queue:Queue")!;
    assert.equal(queue.parent, a.resources.find((r) => r.type === "test:index:Parent")!.urn);
    assert.equal(queue.inputs.messageRetentionSeconds, 60);
    assert.match(String(queue.outputs.arn), /^arn:aws:sqs:eu-west-1:123456789012:q-[0-9a-f]{7}$/);
  });

  it("answers caller identity, region and partition from the stack's config", async () => {
    const result = await synthesize(
      () => ({
        account: aws.getCallerIdentityOutput().accountId,
        region: aws.getRegionOutput().region,
        partition: aws.getPartitionOutput().partition,
      }),
      opts,
    );
    assert.deepEqual(result.outputs, { account: "123456789012", partition: "aws", region: "eu-west-1" });
  });

  it("fails with the error thrown inside an apply instead of waiting forever", async () => {
    const program = () => {
      new aws.sqs.Queue("q", {
        name: pulumi.output("x").apply(() => {
          throw new Error("bad value in apply");
        }),
      });
    };
    await assert.rejects(synthesize(program, opts), /bad value in apply/);
  });

  it("fails on a stack reference it was not given, naming it", async () => {
    await assert.rejects(
      synthesize(() => ({ v: new pulumi.StackReference("org/proj/missing").getOutput("x") }), opts),
      /stack reference org\/proj\/missing is not known to the offline engine/,
    );
  });

  it("reports a program's error at the TypeScript line that threw it", async () => {
    /** Several lines TypeScript erases, so the JavaScript line of the throw differs from this file's. */
    interface Erased {
      readonly a: string;
      readonly b: string;
    }
    const program = (): Erased => {
      throw new Error("thrown by the program"); // the line this test looks for
    };
    const line = readFileSync(__filename, "utf8").split("\n").findIndex((text) => text.includes("// the line this test looks for")) + 1;
    const error = await synthesize(program, opts).then(() => undefined, (e: unknown) => e as Error);
    assert.match(String(error?.stack), new RegExp(`engine\\.test\\.ts:${line}:`));
  });
});
