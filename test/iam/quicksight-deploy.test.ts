import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { ANALYSIS_HANDLER_ACTIONS, CLOUD_CONTROL_ACTIONS, DASHBOARD_HANDLER_ACTIONS, quickSightDeployStatements } from "../../components/quicksight/deploy-permissions";
import type { RecordedResource } from "../../synth/engine";
import { ownStackOutcome } from "../support/own-stacks";
import { checkPolicyNames, simulateCall, type PolicyDocumentJson } from "./reference";

const root = path.resolve(__dirname, "../..");
/** The project's stacks that turn QuickSight on. */
const STACKS = readdirSync(root)
  .map((file) => /^Pulumi\.([A-Za-z0-9_.-]+)\.yaml$/.exec(file)?.[1])
  .filter((stack): stack is string => stack !== undefined && /^\s*api-usage-insights:quicksightEnabled: true\s*$/m.test(readFileSync(path.join(root, `Pulumi.${stack}.yaml`), "utf8")))
  .sort();

interface StackAssets {
  readonly analysis: RecordedResource;
  readonly dashboard: RecordedResource;
  readonly dataSet: RecordedResource;
}

const synthesized = new Map<string, StackAssets>();
async function assetsOf(stack: string): Promise<StackAssets> {
  const cached = synthesized.get(stack);
  if (cached) return cached;
  const outcome = await ownStackOutcome(stack);
  assert.ok(outcome.resources, `${stack} did not synthesize: ${outcome.reason}`);
  const one = (type: string) => outcome.resources!.find((r) => r.type === type);
  const [analysis, dashboard, dataSet] = [one("aws-native:quicksight:Analysis"), one("aws-native:quicksight:Dashboard"), one("aws:quicksight/dataSet:DataSet")];
  assert.ok(analysis && dashboard && dataSet, `${stack} turns QuickSight on but declares no aws-native analysis and dashboard on a dataset`);
  const assets = { analysis, dashboard, dataSet };
  synthesized.set(stack, assets);
  return assets;
}

const arn = (r: RecordedResource): string => String(r.outputs.arn);
const policyOf = (assets: StackAssets): PolicyDocumentJson => ({
  Version: "2012-10-17",
  Statement: quickSightDeployStatements({ analysisArn: arn(assets.analysis), dashboardArn: arn(assets.dashboard), dataSetArn: arn(assets.dataSet) }),
});

describe("IAM for deploying the QuickSight analysis and dashboard through Cloud Control (AWS's IAM reference and policy simulator)", function () {
  this.timeout(120_000);

  it("finds the stacks that turn QuickSight on: dev and prod at least", () => {
    for (const stack of ["dev", "prod"]) assert.ok(STACKS.includes(stack), STACKS.join(", "));
  });

  for (const stack of STACKS) {
    describe(`stack ${stack}`, () => {
      it("names only actions and resource types the IAM reference knows, each on a resource it applies to", async () => {
        const assets = await assetsOf(stack);
        assert.deepEqual(await checkPolicyNames(policyOf(assets)), []);
      });

      it("allows each handler call on the stack's own analysis, dashboard and dataset, and Cloud Control's calls", async () => {
        const assets = await assetsOf(stack);
        const calls = [
          ...CLOUD_CONTROL_ACTIONS.map((action) => ({ action, resource: "*" })),
          ...ANALYSIS_HANDLER_ACTIONS.map((action) => ({ action, resource: arn(assets.analysis) })),
          ...DASHBOARD_HANDLER_ACTIONS.map((action) => ({ action, resource: arn(assets.dashboard) })),
          { action: "quicksight:PassDataSet", resource: arn(assets.dataSet) },
        ];
        const denied = [];
        for (const call of calls) {
          const outcome = await simulateCall(policyOf(assets), call);
          if (!outcome.allowed) denied.push(outcome.explain);
        }
        assert.deepEqual(denied, []);
      });

      it("denies the same calls on another dashboard of the account", async () => {
        const assets = await assetsOf(stack);
        const other = arn(assets.dashboard).replace(/dashboard\/[^/]+$/, "dashboard/someone-elses");
        assert.equal((await simulateCall(policyOf(assets), { action: "quicksight:DeleteDashboard", resource: other })).allowed, false);
      });
    });
  }
});
