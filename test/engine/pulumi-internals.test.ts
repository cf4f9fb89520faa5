import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ALIAS_SPEC_READS, CHECKED_PULUMI_VERSION, REGISTER_REQUEST_READS, pulumiInternals } from "../../synth/pulumi-internals";

/* eslint-disable @typescript-eslint/no-require-imports */
const resproto = require("@pulumi/pulumi/proto/resource_pb");
const aliasproto = require("@pulumi/pulumi/proto/alias_pb");
const installed = (require("@pulumi/pulumi/package.json") as { version: string }).version;
/* eslint-enable @typescript-eslint/no-require-imports */

describe("the offline engine's hold on @pulumi/pulumi internals", () => {
  it("runs on the @pulumi/pulumi version it was checked against", () => {
    assert.equal(installed, CHECKED_PULUMI_VERSION, "re-check synth/pulumi-internals.ts against the new version, then move CHECKED_PULUMI_VERSION");
  });

  it("finds the mock monitor, the stack runner and the RPC barrier after setMocks", async () => {
    await pulumi.runtime.setMocks({ newResource: (args) => ({ id: args.name, state: args.inputs }), call: (args) => args.inputs }, "p", "s", false);
    const internals = pulumiInternals();
    assert.ok(internals.monitor());
    assert.equal(typeof internals.runInPulumiStack, "function");
    assert.equal(typeof internals.waitForRPCs, "function");
  });

  it("reads only fields a RegisterResourceRequest has", () => {
    const absent = REGISTER_REQUEST_READS.filter((read) => typeof resproto.RegisterResourceRequest.prototype[read] !== "function");
    assert.deepEqual(absent, []);
  });

  it("reads only fields an alias spec has", () => {
    const absent = ALIAS_SPEC_READS.filter((read) => typeof aliasproto.Alias.Spec.prototype[read] !== "function");
    assert.deepEqual(absent, []);
  });
});
