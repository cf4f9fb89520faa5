import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { sinkForRegion } from "../../../components/monitoring";
import { ConfigError, readStackConfig } from "../../../config";
import { qualifiedStackName } from "../../../contracts/stack-names";
import { synthStack } from "../../../synth/run";

const root = path.resolve(__dirname, "../../..");
const US = "arn:aws:oam:us-east-1:210987654321:sink/11111111-1111-4111-8111-111111111111";
const EU = "arn:aws:oam:eu-west-1:210987654321:sink/22222222-2222-4222-8222-222222222222";
const MONITORING = "organization/api-usage-insights/monitoring";

const problemsOf = (config: Record<string, unknown>): string[] => {
  try {
    readStackConfig(config, "test");
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

describe("Regions of the cross-account view", () => {
  describe("stack names", () => {
    it("reads a bare stack name as a stack of this project in this organization (a local backend's is 'organization')", () => {
      assert.equal(qualifiedStackName("monitoring", "organization", "api-usage-insights"), MONITORING);
      assert.equal(qualifiedStackName("monitoring", "acme", "api-usage-insights"), "acme/api-usage-insights/monitoring");
    });

    it("keeps a fully qualified name as given", () => {
      assert.equal(qualifiedStackName("acme/observability/central", "organization", "api-usage-insights"), "acme/observability/central");
    });
  });

  describe("the sink a source stack links to", () => {
    it("is the monitoring stack's sink for the source's own Region", () => {
      assert.equal(sinkForRegion(MONITORING, "eu-west-1", { oamSinkArns: { "us-east-1": US, "eu-west-1": EU }, oamSinkArn: US }), EU);
    });

    it("is the only sink of a monitoring stack from before oamSinkArns, when it is in the source's Region", () => {
      assert.equal(sinkForRegion(MONITORING, "us-east-1", { oamSinkArn: US }), US);
    });

    it("does not exist in another Region: the error names the Region, what the monitoring stack serves and the fix", () => {
      assert.throws(
        () => sinkForRegion(MONITORING, "eu-west-1", { oamSinkArn: US }),
        new RegExp(
          `^Error: monitoring stack ${MONITORING} has no sink in eu-west-1, the Region of this stack \\(it serves us-east-1\\); add eu-west-1 to its api-usage-insights:monitoringRegions and deploy it first$`,
        ),
      );
    });
  });

  describe("config", () => {
    const source = { "aws:region": "eu-west-1", "api-usage-insights:dashboardEnabled": false };
    it("refuses a monitoringSinkArn in another Region, naming both Regions", () => {
      assert.deepEqual(problemsOf({ ...source, "api-usage-insights:monitoringSinkArn": US }), [
        `api-usage-insights:monitoringSinkArn must be a sink in aws:region eu-west-1 (an OAM link attaches only to a sink in its own Region), got a sink in us-east-1: ${US}`,
      ]);
      assert.deepEqual(problemsOf({ ...source, "api-usage-insights:monitoringSinkArn": EU }), []);
    });

    const monitoring = { "aws:region": "us-east-1", "api-usage-insights:role": "monitoring", "api-usage-insights:monitoringSourceAccountIds": ["111122223333"] };
    it("serves the stack's own Region whether monitoringRegions lists it or not", () => {
      assert.deepEqual(problemsOf({ ...monitoring, "api-usage-insights:monitoringRegions": ["eu-west-1"] }), []);
      assert.deepEqual(problemsOf({ ...monitoring, "api-usage-insights:monitoringRegions": ["us-east-1", "eu-west-1"] }), []);
    });

    it("refuses monitoringRegions on a source stack", () => {
      assert.deepEqual(problemsOf({ ...source, "api-usage-insights:monitoringRegions": ["eu-west-1"] }), [
        `api-usage-insights:monitoringRegions must be [] while api-usage-insights:role is "source" (a source stack links to the sink of its own Region), got ["eu-west-1"]`,
      ]);
    });

    it("refuses a Region name that is not one, naming the entry", () => {
      assert.deepEqual(problemsOf({ ...monitoring, "api-usage-insights:monitoringRegions": ["us-east-1", "EU-WEST-1"] }), [
        'api-usage-insights:monitoringRegions[1] must be an AWS Region name like "eu-west-1", got "EU-WEST-1"',
      ]);
    });
  });

  it("gives the monitoring stack one sink and dashboard per Region, the others through a provider of their Region carrying the stack's default tags", async function () {
    this.timeout(60_000);
    const outcome = await synthStack({ rootDir: root, stack: "monitoring", outDir: mkdtempSync(path.join(tmpdir(), "regions-")), log: () => undefined, quiet: true });
    assert.equal(outcome.exitCode, 0, outcome.reason);
    const sinks = outcome.resources!.filter((r) => r.type === "aws:oam/sink:Sink").map((r) => r.name).sort();
    assert.deepEqual(sinks, ["org-view", "org-view-eu-west-1"]);
    const providers = outcome.resources!.filter((r) => r.type === "pulumi:providers:aws");
    assert.equal(providers.length, 1);
    assert.equal(providers[0]!.inputs.region, "eu-west-1");
    assert.ok(JSON.stringify(providers[0]!.inputs.defaultTags).includes("cost-centre"), JSON.stringify(providers[0]!.inputs));
    assert.deepEqual(Object.keys(outcome.outputs!.oamSinkArns as Record<string, string>).sort(), ["eu-west-1", "us-east-1"]);
  });
});
