/**
 * The policy pack the way `pulumi preview` of a new stack runs it: outputs of resources the preview
 * would create are unknown, and a policy that reads one cannot decide. The gates must decide anyway.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as apigateway from "@pulumi/aws/apigateway";
import * as iam from "@pulumi/aws/iam";
import * as lambda from "@pulumi/aws/lambda";
import * as sqs from "@pulumi/aws/sqs";
import * as pulumi from "@pulumi/pulumi";
import type { StackValidationPolicy } from "@pulumi/policy";
import { ALL_POLICIES } from "../../policies/all";
import { SecureBucket } from "../../components/shared/secure-bucket";
import { runPolicies } from "../../synth/policy-runner";
import { synthStack } from "../../synth/run";
import { declare } from "../engine/harness";
import { LAMBDA_TRUST, policyJson } from "./check";

const root = path.resolve(__dirname, "../..");

/** Policies that cannot always decide in a preview, as their descriptions and policies/README.md say. */

async function previewReport(build: () => unknown) {
  const plan = await declare(build, { preview: true });
  return runPolicies(ALL_POLICIES, plan.resources);
}

const lambdaRole = () => new iam.Role("fn-role", { assumeRolePolicy: LAMBDA_TRUST });

const planted: Array<[string, () => unknown, string]> = [
  ["an unencrypted bucket", () => new SecureBucket("raw", { encryption: "none" }), "s3-bucket-encryption"],
  ["a bucket open to the public", () => new SecureBucket("open", { blockPublicAccess: false }), "s3-public-access-blocked"],
  ["a bucket without a TLS-only policy", () => new SecureBucket("plain", { tlsOnly: false }), "s3-tls-only"],
  [
    "a role policy allowing *:*",
    () => new iam.RolePolicy("admin", { role: lambdaRole().id, policy: policyJson({ Effect: "Allow", Action: "*", Resource: "*" }) }),
    "iam-no-star-on-star",
  ],
  [
    "a Lambda role policy with a wildcard action",
    () => new iam.RolePolicy("wide", { role: lambdaRole().id, policy: policyJson({ Effect: "Allow", Action: "s3:*", Resource: "*" }) }),
    "lambda-role-no-wildcards",
  ],
  [
    "a Lambda function on a retired runtime",
    () => new lambda.Function("old", { role: lambdaRole().arn, runtime: "nodejs16.x", handler: "index.handler", code: new pulumi.asset.AssetArchive({}) }),
    "lambda-supported-runtime",
  ],
  [
    "a REST stage without access logs",
    () => {
      const api = new apigateway.RestApi("api", {});
      new apigateway.Stage("prod", { restApi: api.id, deployment: "d1", stageName: "prod" });
    },
    "apigateway-rest-stage-access-logging",
  ],
];

describe("policies in a preview of a new stack", () => {
  for (const stack of ["dev", "prod", "monitoring"]) {
    it(`decides every policy over the ${stack} stack in preview, the IAM documents included (they name resources by name)`, async () => {
      const outcome = await synthStack({ rootDir: root, stack, outDir: mkdtempSync(path.join(tmpdir(), "preview-")), preview: true, log: () => undefined, quiet: true });
      assert.equal(outcome.exitCode, 0, outcome.reason);
      assert.deepEqual(outcome.report?.mandatoryViolations, []);
      assert.deepEqual(outcome.report?.undecided.map((r) => `${r.policy} ${r.urn}`), []);
    });
  }

  for (const [what, build, policy] of planted) {
    it(`reports ${what} as a mandatory violation of ${policy} in preview`, async () => {
      const report = await previewReport(build);
      const found = report.mandatoryViolations.filter((v) => v.policy === policy);
      assert.ok(found.length > 0, `no mandatory ${policy} violation; undecided: ${report.undecided.map((u) => u.message).join("; ")}`);
    });
  }

  it("reports a policy that reads a value the preview does not know as undecided and advisory, as the analyzer does", async () => {
    const readsArn: StackValidationPolicy = {
      name: "reads-arn",
      description: "test",
      enforcementLevel: "mandatory",
      validateStack: (args, report) => {
        for (const r of args.resources.filter((x) => x.type === "aws:sqs/queue:Queue")) if (String(r.props.arn).length === 0) report("empty", r.urn);
      },
    };
    const plan = await declare(() => new sqs.Queue("q", {}), { preview: true });
    const report = await runPolicies([readsArn], plan.resources);
    assert.deepEqual(
      report.results.map((r) => [r.outcome, r.enforcementLevel]),
      [["undecided", "advisory"]],
    );
    assert.match(report.results[0].message ?? "", /can't run policy 'reads-arn' during preview: string value at \.arn can't be known during preview/);
  });
});
