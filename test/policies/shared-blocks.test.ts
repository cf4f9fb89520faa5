import assert from "node:assert/strict";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as lambda from "@pulumi/aws/lambda";
import * as sqs from "@pulumi/aws/sqs";
import { logGroupRetention } from "../../policies/cloudwatch-logs";
import { lambdaSupportedRuntime } from "../../policies/lambda";
import { s3PublicAccessBlocked, s3TlsOnly } from "../../policies/s3";
import { SecureBucket } from "../../components/shared/secure-bucket";
import { declare } from "../engine/harness";
import { runPolicies } from "../../synth/policy-runner";

const messages = async (policy: Parameters<typeof runPolicies>[0][number], build: () => unknown, config?: Record<string, unknown>) => {
  const plan = await declare(build);
  const report = await runPolicies([policy], plan.resources, config ? { config: { [policy.name]: config } } : {});
  return report.violations.map((v) => v.message);
};

describe("shared-block policies", () => {
  it("s3-public-access-blocked passes the default bucket and catches one without a block", async () => {
    assert.deepEqual(await messages(s3PublicAccessBlocked, () => new SecureBucket("b")), []);
    assert.deepEqual(await messages(s3PublicAccessBlocked, () => new SecureBucket("b", { blockPublicAccess: false })), [
      "bucket b does not block all public access (blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets must all be true)",
    ]);
  });

  it("s3-tls-only passes the default bucket and catches one without the deny", async () => {
    assert.deepEqual(await messages(s3TlsOnly, () => new SecureBucket("b")), []);
    assert.deepEqual(await messages(s3TlsOnly, () => new SecureBucket("b", { tlsOnly: false })), ["bucket b has no bucket policy statement denying aws:SecureTransport = false"]);
  });

  it("cloudwatch-log-group-retention passes 30 days, catches forever and out-of-range, and reads its range from config", async () => {
    assert.deepEqual(await messages(logGroupRetention, () => new cloudwatch.LogGroup("g", { retentionInDays: 30 })), []);
    assert.deepEqual(await messages(logGroupRetention, () => new cloudwatch.LogGroup("g", {})), ["log group g keeps logs forever; set retentionInDays between 7 and 3653"]);
    assert.deepEqual(await messages(logGroupRetention, () => new cloudwatch.LogGroup("g", { retentionInDays: 3 })), ["log group g retains logs for 3 days; expected between 7 and 3653"]);
    assert.deepEqual(await messages(logGroupRetention, () => new cloudwatch.LogGroup("g", { retentionInDays: 3 }), { minDays: 1 }), []);
  });

  it("lambda-supported-runtime passes nodejs24.x and catches nodejs20.x, unless config allows it", async () => {
    const fn = (runtime: string) => () => new lambda.Function("f", { role: "arn:aws:iam::123456789012:role/r", runtime, handler: "index.handler" });
    assert.deepEqual(await messages(lambdaSupportedRuntime, fn("nodejs24.x")), []);
    assert.match((await messages(lambdaSupportedRuntime, fn("nodejs20.x")))[0] ?? "", /^function f uses runtime nodejs20.x; expected one of nodejs24.x, nodejs22.x/);
    assert.deepEqual(await messages(lambdaSupportedRuntime, fn("nodejs20.x"), { allowedRuntimes: ["nodejs20.x"] }), []);
  });

  it("resource policies do not apply to other resource types", async () => {
    const plan = await declare(() => new sqs.Queue("q", {}));
    const report = await runPolicies([logGroupRetention, lambdaSupportedRuntime], plan.resources);
    assert.deepEqual(report.results, []);
  });
});
