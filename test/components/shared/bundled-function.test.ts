import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { BundledFunction, BundledFunctionArgs } from "../../../components/shared/bundled-function";
import { secureLogGroup } from "../../../components/shared/log-group";
import { declare } from "../../engine/harness";

const FN = "aws:lambda/function:Function";
const root = mkdtempSync(path.join(tmpdir(), "bundle-"));
mkdirSync(path.join(root, "dist/functions/demo"), { recursive: true });
writeFileSync(path.join(root, "dist/functions/demo/index.js"), "exports.handler = async () => 1;\n");
const args = (extra: Partial<BundledFunctionArgs> = {}): BundledFunctionArgs => ({
  bundle: "demo",
  rootDir: root,
  statements: [{ Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "X" } } }],
  ...extra,
});

describe("BundledFunction", () => {
  it("declares the function, its role, its inline policy and its log group as children named after it", async () => {
    const plan = await declare(() => new BundledFunction("counter", args()));
    const component = plan.one("api-usage:shared:BundledFunction");
    assert.deepEqual(plan.childrenOf(component).map((r) => `${r.type} ${r.name}`).sort(), [
      "aws:cloudwatch/logGroup:LogGroup counter-logs",
      "aws:iam/role:Role counter-role",
      "aws:iam/rolePolicy:RolePolicy counter-policy",
      `${FN} counter`,
    ]);
  });

  it("runs the bundle on nodejs24.x, arm64, 30 s and 256 MB by default", async () => {
    const fn = (await declare(() => new BundledFunction("f", args()))).one(FN).inputs;
    assert.deepEqual([fn.runtime, fn.architectures, fn.timeout, fn.memorySize, fn.handler], ["nodejs24.x", ["arm64"], 30, 256, "index.handler"]);
    assert.deepEqual(fn.code, { fileArchive: path.relative(process.cwd(), path.join(root, "dist/functions/demo")) });
  });

  it("finds its bundles in this package's own dist/functions/, whatever the working directory", async () => {
    const cwd = process.cwd();
    process.chdir(tmpdir());
    try {
      const fn = (await declare(() => new BundledFunction("f", { ...args(), bundle: "api-call-counter", rootDir: undefined }))).one(FN).inputs;
      assert.deepEqual(fn.code, { fileArchive: path.relative(tmpdir(), path.resolve(__dirname, "../../../dist/functions/api-call-counter")) });
    } finally {
      process.chdir(cwd);
    }
  });

  it("takes runtime, architecture, timeout, memory and reserved concurrency overrides", async () => {
    const plan = await declare(() => new BundledFunction("f", args({ runtime: "nodejs22.x", architecture: "x86_64", timeoutSeconds: 60, memorySizeMb: 1024, reservedConcurrency: 5 })));
    const fn = plan.one(FN).inputs;
    assert.deepEqual([fn.runtime, fn.architectures, fn.timeout, fn.memorySize, fn.reservedConcurrentExecutions], ["nodejs22.x", ["x86_64"], 60, 1024, 5]);
  });

  it("logs JSON to its own log group kept 30 days by default", async () => {
    const plan = await declare(() => new BundledFunction("f", args()));
    const group = plan.one("aws:cloudwatch/logGroup:LogGroup");
    assert.equal(group.inputs.retentionInDays, 30);
    assert.deepEqual(plan.one(FN).inputs.loggingConfig, { logFormat: "JSON", logGroup: group.outputs.name });
  });

  it("grants exactly log writing to its own group plus the given statements", async () => {
    const plan = await declare(() => new BundledFunction("f", args()));
    const group = plan.one("aws:cloudwatch/logGroup:LogGroup");
    assert.deepEqual(plan.json(plan.one("aws:iam/rolePolicy:RolePolicy"), "policy"), {
      Version: "2012-10-17",
      Statement: [
        { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${group.outputs.arn}:*` },
        { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "X" } } },
      ],
    });
  });

  it("lets only Lambda assume its role", async () => {
    const plan = await declare(() => new BundledFunction("f", args()));
    assert.deepEqual(plan.json(plan.one("aws:iam/role:Role"), "assumeRolePolicy"), {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
  });

  it("creates the function only after its policy exists", async () => {
    const plan = await declare(() => new BundledFunction("f", args()));
    assert.deepEqual(plan.one(FN).dependsOn, [plan.one("aws:iam/rolePolicy:RolePolicy").urn]);
  });

  it("hashes the bundle so a code change shows in the plan", async () => {
    const before = (await declare(() => new BundledFunction("f", args()))).one(FN).inputs.sourceCodeHash;
    writeFileSync(path.join(root, "dist/functions/demo/index.js"), "exports.handler = async () => 2;\n");
    const after = (await declare(() => new BundledFunction("f", args()))).one(FN).inputs.sourceCodeHash;
    assert.notEqual(before, after);
  });

  it("fails with the build command when the bundle is missing", () => {
    assert.throws(() => new BundledFunction("f", args({ bundle: "nope" })), /dist\/functions\/nope\/index\.js for "f" does not exist; run `npm run build` first/);
  });
});

describe("secureLogGroup", () => {
  it("keeps logs 30 days and uses no customer key by default", async () => {
    const plan = await declare(() => secureLogGroup("g", {}, {}));
    const inputs = plan.one("aws:cloudwatch/logGroup:LogGroup").inputs;
    assert.equal(inputs.retentionInDays, 30);
    assert.equal(inputs.kmsKeyId, undefined);
  });

  it("takes a retention and a KMS key", async () => {
    const key = "arn:aws:kms:us-east-1:123456789012:key/k";
    const inputs = (await declare(() => secureLogGroup("g", { retentionInDays: 7, kmsKeyArn: key }, {}))).one("aws:cloudwatch/logGroup:LogGroup").inputs;
    assert.deepEqual([inputs.retentionInDays, inputs.kmsKeyId], [7, key]);
  });
});
