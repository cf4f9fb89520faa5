import assert from "node:assert/strict";
import { buildDashboardDefinition } from "../../../components/quicksight/definition";
import * as pulumi from "@pulumi/pulumi";
import { createQuickSightDefinitionProvider, QuickSightDefinition } from "../../../components/quicksight/definition-resource";
import { synthesize } from "../../../synth/engine";

describe("the QuickSightDefinition resource", () => {
  it("registers a dynamic resource carrying the definition, the permissions and a digest of its serialized provider", async () => {
    const definition = buildDashboardDefinition({ dataSetArn: "arn:aws:quicksight:us-east-1:123456789012:dataset/usage" });
    const { resources } = await synthesize(
      () => {
        new QuickSightDefinition("usage-dashboard", {
          kind: "dashboard",
          awsAccountId: "123456789012",
          region: "us-east-1",
          assetId: "usage",
          name: "API usage",
          definition,
          permissions: [{ Principal: "arn:aws:quicksight:us-east-1:123456789012:group/default/usage-admins", Actions: ["quicksight:DescribeDashboard"] }],
        });
      },
      { project: "api-usage-insights", stack: "test", config: {} },
    );
    const [resource] = resources.filter((r) => r.custom);
    assert.equal(resource?.type, "pulumi-nodejs:dynamic/quicksight:QuickSightDefinition");
    assert.equal(resource.inputs.assetId, "usage");
    assert.deepEqual(resource.inputs.definition, JSON.parse(JSON.stringify(definition)));
    assert.match(String(resource.inputs.__provider), /^\(serialized dynamic provider, sha256 [0-9a-f]{12}\)$/);
  });

  it("serializes its provider with the QuickSight SDK loaded inside the methods", async () => {
    const provider = createQuickSightDefinitionProvider();
    const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    assert.match(serialized.text, /require\("@aws-sdk\/client-quicksight"\)/);
  });
});
