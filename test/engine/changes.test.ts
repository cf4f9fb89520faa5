import assert from "node:assert/strict";
import { PlanFile, PlannedResource, comparePlans, renderChanges, summaryLine } from "../../synth/changes";

const urn = (type: string, name: string) => `urn:pulumi:s::p::api-usage:x:Thing$${type}::${name}`;
const res = (type: string, name: string, inputs: Record<string, unknown> = {}, options: PlannedResource["options"] = {}): PlannedResource => ({ urn: urn(type, name), type, name, inputs, options });
const plan = (...resources: PlannedResource[]): PlanFile => ({ stack: "s", resources });
const BUCKET = "aws:s3/bucket:Bucket";
const ROLE = "aws:iam/role:Role";
const kept = { protect: true, retainOnDelete: true };

describe("change summary", () => {
  it("reports no changes between equal plans", () => {
    const summary = comparePlans(plan(res(BUCKET, "b")), plan(res(BUCKET, "b")));
    assert.deepEqual(summary.changes, []);
    assert.equal(summaryLine("s", summary), "s: no changes against the baseline");
  });

  it("reports a change of an ordinary input as an update naming the input", () => {
    const [change] = comparePlans(plan(res(ROLE, "r", { description: "a", name: "n" })), plan(res(ROLE, "r", { description: "b", name: "n" }))).changes;
    assert.deepEqual([change.kind, change.inputs, change.reason], ["updated", ["description"], undefined]);
  });

  it("reports a change of a replace-forcing input as a replacement and says which input forces it", () => {
    const [change] = comparePlans(plan(res(ROLE, "r", { name: "a" })), plan(res(ROLE, "r", { name: "b" }))).changes;
    assert.deepEqual([change.kind, change.reason], ["replaced", "name forces a replacement"]);
  });

  it("treats an input listed in replaceOnChanges as replace-forcing", () => {
    const [change] = comparePlans(plan(res(ROLE, "r", { description: "a" })), plan(res(ROLE, "r", { description: "b" }, { replaceOnChanges: ["description"] }))).changes;
    assert.equal(change.kind, "replaced");
  });

  it("leaves out inputs named in ignoreChanges", () => {
    const ignoring = { ignoreChanges: ["name"] };
    assert.deepEqual(comparePlans(plan(res(ROLE, "r", { name: "a" }, ignoring)), plan(res(ROLE, "r", { name: "b" }, ignoring))).changes, []);
  });

  it("matches a renamed resource through its alias, so it is not replaced", () => {
    const renamed = { ...res(BUCKET, "new", {}, { ...kept, aliases: [urn(BUCKET, "old")] }) };
    const summary = comparePlans(plan(res(BUCKET, "old", {}, kept)), plan(renamed));
    assert.deepEqual(summary.changes, []);
  });

  it("reports a resource moved through an alias to a type of another package as replaced, because its provider changes", () => {
    const dynamic = "pulumi-nodejs:dynamic/quicksight:QuickSightDefinition";
    const native = "aws-native:quicksight:Dashboard";
    const moved = res(native, "d", { dashboardId: "x" }, { aliases: [urn(dynamic, "d")] });
    const [change] = comparePlans(plan(res(dynamic, "d", { assetId: "x" })), plan(moved)).changes;
    assert.deepEqual([change.kind, change.reason], ["replaced", `its provider changed (it was a ${dynamic} of the pulumi-nodejs provider), and Pulumi replaces a resource whose provider changes`]);
  });

  it("reports a rename without an alias as a replacement of the protected resource, and refuses it", () => {
    const summary = comparePlans(plan(res(BUCKET, "logs-data", {}, kept)), plan(res(BUCKET, "log-data", {}, kept)));
    assert.deepEqual(summary.changes.map((c) => [c.kind, c.name, c.protected]), [["replaced", "log-data", true]]);
    assert.equal(summary.protectedLosses.length, 1);
    assert.match(summary.changes[0].reason ?? "", /URN changed \(was .*::logs-data\) and no alias names the old one/);
  });

  it("reports a resource that is gone as deleted, and a protected one as a loss", () => {
    const summary = comparePlans(plan(res(BUCKET, "b", {}, kept), res(ROLE, "r")), plan());
    assert.deepEqual(summary.changes.map((c) => [c.kind, c.name]), [["deleted", "b"], ["deleted", "r"]]);
    assert.deepEqual(summary.protectedLosses.map((c) => c.name), ["b"]);
  });

  it("reports a change of protect as an update of the option", () => {
    const [change] = comparePlans(plan(res(BUCKET, "b")), plan(res(BUCKET, "b", {}, kept))).changes;
    assert.deepEqual([change.kind, change.inputs], ["updated", ["options.protect", "options.retainOnDelete"]]);
  });

  it("reports a change of the default tags as an update of tagsAll", () => {
    const [change] = comparePlans(plan({ ...res(BUCKET, "b"), tagsAll: { owner: "a" } }), plan({ ...res(BUCKET, "b"), tagsAll: { owner: "b" } })).changes;
    assert.deepEqual(change.inputs, ["tagsAll"]);
  });

  it("reports no change when only recorded outputs and property dependencies differ, as against a baseline written before they were recorded", () => {
    const old = res(BUCKET, "b", { forceDestroy: false });
    const recorded: PlannedResource = { ...old, outputs: { arn: "arn:aws:s3:::b-1234567", bucket: "b-1234567" }, propertyDependencies: { forceDestroy: [urn(ROLE, "r")] } };
    assert.deepEqual(comparePlans(plan(old), plan(recorded)).changes, []);
    assert.deepEqual(comparePlans(plan(recorded), plan({ ...recorded, outputs: { arn: "arn:aws:s3:::b-7654321", bucket: "b-7654321" } })).changes, []);
  });

  it("lists stateful resources before the others in changes.md", () => {
    const summary = comparePlans(plan(res(ROLE, "r", { name: "a" })), plan(res(ROLE, "r", { name: "b" }), res(BUCKET, "b")));
    const md = renderChanges("s", "base/s/plan.json", summary, false);
    assert.ok(md.indexOf("## Stateful resources") < md.indexOf("## Replaced"), md);
    assert.match(md, /- added `b` \(Bucket, stateful\)/);
  });
});
