import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ALL_POLICIES } from "../../policies/all";
import { synthStack } from "../../synth/run";
import { readStackFile } from "../../synth/stack-file";
import { synthesize } from "../../synth/engine";
import { runPolicies } from "../../synth/policy-runner";

const root = path.resolve(__dirname, "../..");
const example = path.join(root, "examples/app-stack");
const INSIGHTS = "acme/api-usage-insights/dev";

async function insightsOutputs(): Promise<Record<string, unknown>> {
  const dev = await synthStack({ rootDir: root, stack: "dev", outDir: mkdtempSync(path.join(tmpdir(), "insights-")), log: () => undefined, quiet: true });
  assert.equal(dev.exitCode, 0, dev.reason);
  return dev.outputs!;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (file: string) => require(file) as () => unknown;

describe("example app stack", () => {
  it("points its REST stage at the insights Firehose and its HTTP stage at the catalog log group", async () => {
    const outputs = await insightsOutputs();
    const result = await synthesize(load(path.join(example, "index.ts")), {
      project: "app-stack",
      stack: "dev",
      config: readStackFile(example, "dev"),
      stackReferences: { [INSIGHTS]: outputs },
    });
    const rest = result.resources.find((r) => r.type === "aws:apigateway/stage:Stage")!;
    const http = result.resources.find((r) => r.type === "aws:apigatewayv2/stage:Stage")!;
    assert.deepEqual(rest.inputs.accessLogSettings, { destinationArn: outputs.restAccessLogDestinationArn, format: outputs.restAccessLogFormat });
    assert.deepEqual(http.inputs.accessLogSettings, {
      destinationArn: (outputs.httpAccessLogGroupArns as Record<string, string>).catalog,
      format: outputs.httpAccessLogFormat,
    });
  });

  it("passes the policy pack", async () => {
    const result = await synthesize(load(path.join(example, "index.ts")), {
      project: "app-stack",
      stack: "dev",
      config: readStackFile(example, "dev"),
      stackReferences: { [INSIGHTS]: await insightsOutputs() },
    });
    const report = await runPolicies(ALL_POLICIES, result.resources);
    assert.deepEqual(report.violations, []);
  });

  it("a stage with no access logging, plain-text logs and no metrics fails the pack with messages naming each", async () => {
    const result = await synthesize(load(path.join(root, "test/fixtures/app-stacks/noncompliant.ts")), {
      project: "legacy",
      stack: "dev",
      config: { "aws:region": "us-east-1" },
    });
    const report = await runPolicies(ALL_POLICIES, result.resources);
    assert.deepEqual(report.mandatoryViolations.map((v) => `${v.policy}: ${v.message}`).sort(), [
      "apigateway-rest-stage-access-logging: REST stage legacy-prod has no access logging; set accessLogSettings.destinationArn to a Firehose stream named amazon-apigateway-… or a CloudWatch Logs group",
      "apigateway-rest-stage-metrics: REST stage legacy-prod has no method settings for */* with settings.metricsEnabled true",
      "apigateway-v2-stage-access-logging: HTTP/WebSocket stage legacy-http-default has an access log format that is not a JSON object",
    ]);
  });
});
