import assert from "node:assert/strict";
import {
  CreateAnalysisCommand,
  CreateDashboardCommand,
  DeleteAnalysisCommand,
  DeleteDashboardCommand,
  DescribeAnalysisCommand,
  DescribeDashboardCommand,
  QuickSightClient,
  ResourceNotFoundException,
  UpdateDashboardCommand,
  UpdateDashboardPermissionsCommand,
  UpdateDashboardPublishedVersionCommand,
} from "@aws-sdk/client-quicksight";
import * as pulumi from "@pulumi/pulumi";
import { mockClient, type AwsClientStub } from "aws-sdk-client-mock";
import {
  createQuickSightDefinitionProvider,
  type QuickSightDefinitionInputs,
  type QuickSightDefinitionOutputs,
} from "../../../components/quicksight/definition-provider";
import { buildDashboardDefinition } from "../../../components/quicksight/definition";

// Mocked only while this file's tests run: mockClient replaces QuickSightClient's send for the whole
// process, and other files call QuickSight for real over loopback.
let quicksight: AwsClientStub<QuickSightClient>;
const DASHBOARD_ARN = "arn:aws:quicksight:eu-west-1:123456789012:dashboard/usage";
const ADMINS = "arn:aws:quicksight:eu-west-1:123456789012:group/default/usage-admins";
const READERS = "arn:aws:quicksight:eu-west-1:123456789012:group/default/usage-readers";

const DASHBOARD: QuickSightDefinitionInputs = {
  kind: "dashboard",
  awsAccountId: "123456789012",
  region: "eu-west-1",
  assetId: "usage",
  name: "API usage",
  definition: buildDashboardDefinition({ dataSetArn: "arn:aws:quicksight:eu-west-1:123456789012:dataset/usage" }),
  permissions: [{ Principal: ADMINS, Actions: ["quicksight:DescribeDashboard", "quicksight:QueryDashboard"] }],
};
const ANALYSIS: QuickSightDefinitionInputs = { ...DASHBOARD, kind: "analysis", assetId: "usage-analysis" };

function recordingSleep(): { sleep: (ms: number) => Promise<void>; slept: number[] } {
  const slept: number[] = [];
  return { slept, sleep: async (ms) => void slept.push(ms) };
}

function versionArn(n: number): string {
  return `${DASHBOARD_ARN}/version/${n}`;
}

function dashboardVersion(status: string, errors?: { Type: "COLUMN_TYPE_MISMATCH"; Message: string; ViolatedEntities?: { Path: string }[] }[]) {
  return { Dashboard: { Arn: DASHBOARD_ARN, Version: { Status: status as "CREATION_SUCCESSFUL", ...(errors ? { Errors: errors } : {}) } } };
}

async function created(inputs: QuickSightDefinitionInputs): Promise<QuickSightDefinitionOutputs> {
  quicksight.on(CreateDashboardCommand).resolves({ Arn: DASHBOARD_ARN, VersionArn: versionArn(1), CreationStatus: "CREATION_IN_PROGRESS" });
  quicksight.on(CreateAnalysisCommand).resolves({ Arn: "arn:analysis", CreationStatus: "CREATION_IN_PROGRESS" });
  quicksight.on(DescribeDashboardCommand).resolves(dashboardVersion("CREATION_SUCCESSFUL"));
  quicksight.on(DescribeAnalysisCommand).resolves({ Analysis: { Status: "CREATION_SUCCESSFUL" } });
  const { outs } = await createQuickSightDefinitionProvider({ sleep: async () => undefined }).create(inputs);
  quicksight.reset();
  return outs!;
}

describe("the QuickSight definition provider", () => {
  before(() => (quicksight = mockClient(QuickSightClient)));
  after(() => quicksight.restore());
  beforeEach(() => quicksight.reset());

  describe("create", () => {
    it("creates the dashboard with its definition and permissions, waits for version 1, then publishes it", async () => {
      const { sleep, slept } = recordingSleep();
      quicksight.on(CreateDashboardCommand).resolves({ Arn: DASHBOARD_ARN, VersionArn: versionArn(1), CreationStatus: "CREATION_IN_PROGRESS" });
      quicksight
        .on(DescribeDashboardCommand)
        .resolvesOnce(dashboardVersion("CREATION_IN_PROGRESS"))
        .resolvesOnce(dashboardVersion("CREATION_IN_PROGRESS"))
        .resolves(dashboardVersion("CREATION_SUCCESSFUL"));

      const result = await createQuickSightDefinitionProvider({ sleep, pollIntervalMs: 500 }).create(DASHBOARD);

      const [create] = quicksight.commandCalls(CreateDashboardCommand);
      assert.equal(create!.args[0].input.DashboardId, "usage");
      assert.deepEqual(create!.args[0].input.Definition, DASHBOARD.definition);
      assert.deepEqual(create!.args[0].input.Permissions, DASHBOARD.permissions);
      assert.deepEqual(quicksight.commandCalls(DescribeDashboardCommand).map((c) => c.args[0].input.VersionNumber), [1, 1, 1]);
      assert.deepEqual(slept, [500, 500]);
      assert.deepEqual(quicksight.commandCalls(UpdateDashboardPublishedVersionCommand).map((c) => c.args[0].input), [
        { AwsAccountId: "123456789012", DashboardId: "usage", VersionNumber: 1 },
      ]);
      assert.equal(result.id, "usage");
      assert.equal(result.outs!.arn, DASHBOARD_ARN);
      assert.equal(result.outs!.versionNumber, 1);
      assert.match(result.outs!.contentHash, /^[0-9a-f]{64}$/);
    });

    it("calls QuickSight in the asset's region", async () => {
      quicksight.on(CreateDashboardCommand).resolves({ Arn: DASHBOARD_ARN, VersionArn: versionArn(1) });
      quicksight.on(DescribeDashboardCommand).resolves(dashboardVersion("CREATION_SUCCESSFUL"));
      await createQuickSightDefinitionProvider().create({ ...DASHBOARD, region: "us-west-2" });
      const client = quicksight.commandCalls(CreateDashboardCommand)[0]!.thisValue as QuickSightClient;
      assert.equal(await client.config.region(), "us-west-2");
    });

    it("creates an analysis and waits until QuickSight reports it created", async () => {
      quicksight.on(CreateAnalysisCommand).resolves({ Arn: "arn:analysis", CreationStatus: "CREATION_IN_PROGRESS" });
      quicksight
        .on(DescribeAnalysisCommand)
        .resolvesOnce({ Analysis: { Status: "CREATION_IN_PROGRESS" } })
        .resolves({ Analysis: { Status: "CREATION_SUCCESSFUL" } });

      const result = await createQuickSightDefinitionProvider({ sleep: async () => undefined }).create(ANALYSIS);

      assert.equal(quicksight.commandCalls(CreateAnalysisCommand)[0]!.args[0].input.AnalysisId, "usage-analysis");
      assert.equal(quicksight.commandCalls(DescribeAnalysisCommand).length, 2);
      assert.equal(result.outs!.arn, "arn:analysis");
      assert.equal(result.outs!.versionNumber, undefined);
    });

    it("fails with QuickSight's own errors when the dashboard version fails, and removes the failed dashboard", async () => {
      quicksight.on(CreateDashboardCommand).resolves({ Arn: DASHBOARD_ARN, VersionArn: versionArn(1) });
      quicksight.on(DescribeDashboardCommand).resolves(
        dashboardVersion("CREATION_FAILED", [
          { Type: "COLUMN_TYPE_MISMATCH", Message: "Column status_code is INTEGER, expected STRING", ViolatedEntities: [{ Path: "sheet/overview/visual/kpi-2xx" }] },
          { Type: "COLUMN_TYPE_MISMATCH", Message: "Column dt is missing" },
        ]),
      );
      quicksight.on(DeleteDashboardCommand).resolves({});

      await assert.rejects(
        createQuickSightDefinitionProvider({ sleep: async () => undefined }).create(DASHBOARD),
        (err: Error) => {
          assert.match(err.message, /QuickSight dashboard "usage" in 123456789012\/eu-west-1 version 1 failed with status CREATION_FAILED/);
          assert.match(err.message, /COLUMN_TYPE_MISMATCH: Column status_code is INTEGER, expected STRING \(at sheet\/overview\/visual\/kpi-2xx\)/);
          assert.match(err.message, /; COLUMN_TYPE_MISMATCH: Column dt is missing/);
          return true;
        },
      );
      assert.equal(quicksight.commandCalls(UpdateDashboardPublishedVersionCommand).length, 0);
      assert.equal(quicksight.commandCalls(DeleteDashboardCommand)[0]!.args[0].input.DashboardId, "usage");
    });

    it("fails with QuickSight's own errors when the analysis fails", async () => {
      quicksight.on(CreateAnalysisCommand).resolves({ Arn: "arn:analysis" });
      quicksight
        .on(DescribeAnalysisCommand)
        .resolves({ Analysis: { Status: "CREATION_FAILED", Errors: [{ Type: "DATA_SET_NOT_FOUND", Message: "Dataset usage not found" }] } });
      quicksight.on(DeleteAnalysisCommand).resolves({});

      await assert.rejects(
        createQuickSightDefinitionProvider({ sleep: async () => undefined }).create(ANALYSIS),
        /failed with status CREATION_FAILED: DATA_SET_NOT_FOUND: Dataset usage not found/,
      );
      assert.equal(quicksight.commandCalls(DeleteAnalysisCommand)[0]!.args[0].input.ForceDeleteWithoutRecovery, true);
    });

    it("stops polling after the configured number of polls and says what it was waiting for", async () => {
      const { sleep, slept } = recordingSleep();
      quicksight.on(CreateDashboardCommand).resolves({ Arn: DASHBOARD_ARN, VersionArn: versionArn(1) });
      quicksight.on(DescribeDashboardCommand).resolves(dashboardVersion("CREATION_IN_PROGRESS"));
      quicksight.on(DeleteDashboardCommand).resolves({});

      await assert.rejects(
        createQuickSightDefinitionProvider({ sleep, maxPolls: 3, pollIntervalMs: 1000 }).create(DASHBOARD),
        /version 1 still CREATION_IN_PROGRESS after 3 polls 1000 ms apart/,
      );
      assert.equal(quicksight.commandCalls(DescribeDashboardCommand).length, 3);
      assert.deepEqual(slept, [1000, 1000]);
    });

    it("rejects a poll count that would never poll", () => {
      assert.throws(() => createQuickSightDefinitionProvider({ maxPolls: 0 }), /maxPolls is 0; expected a positive integer/);
    });
  });

  describe("diff", () => {
    it("reports no change for the same inputs, whatever the key and permission order", async () => {
      const olds = await created(DASHBOARD);
      const reordered: QuickSightDefinitionInputs = {
        permissions: [{ Actions: ["quicksight:QueryDashboard", "quicksight:DescribeDashboard"], Principal: ADMINS }],
        name: DASHBOARD.name,
        definition: JSON.parse(JSON.stringify(DASHBOARD.definition)),
        assetId: DASHBOARD.assetId,
        region: DASHBOARD.region,
        awsAccountId: DASHBOARD.awsAccountId,
        kind: "dashboard",
      };
      const diff = await createQuickSightDefinitionProvider().diff("usage", olds, reordered);
      assert.equal(diff.changes, false);
      assert.deepEqual(diff.replaces, []);
    });

    it("updates in place when the definition changes", async () => {
      const olds = await created(DASHBOARD);
      const news = { ...DASHBOARD, definition: buildDashboardDefinition({ dataSetArn: "arn:other", topN: 5 }) };
      assert.deepEqual(await createQuickSightDefinitionProvider().diff("usage", olds, news), { changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("updates in place when the name or the permissions change", async () => {
      const olds = await created(DASHBOARD);
      const provider = createQuickSightDefinitionProvider();
      assert.equal((await provider.diff("usage", olds, { ...DASHBOARD, name: "Usage" })).changes, true);
      assert.equal((await provider.diff("usage", olds, { ...DASHBOARD, permissions: [{ Principal: READERS, Actions: ["quicksight:QueryDashboard"] }] })).changes, true);
    });

    it("replaces the asset when its id, account or region changes", async () => {
      const olds = await created(DASHBOARD);
      const provider = createQuickSightDefinitionProvider();
      assert.deepEqual((await provider.diff("usage", olds, { ...DASHBOARD, assetId: "usage-v2" })).replaces, ["assetId"]);
      assert.deepEqual((await provider.diff("usage", olds, { ...DASHBOARD, region: "us-east-1" })).replaces, ["region"]);
      assert.deepEqual((await provider.diff("usage", olds, { ...DASHBOARD, awsAccountId: "210987654321" })).replaces, ["awsAccountId"]);
    });
  });

  describe("update", () => {
    it("creates a new dashboard version, waits for it and publishes it", async () => {
      const olds = { ...(await created(DASHBOARD)), versionNumber: 3 };
      quicksight.on(UpdateDashboardCommand).resolves({ Arn: DASHBOARD_ARN, VersionArn: versionArn(4), CreationStatus: "CREATION_IN_PROGRESS" });
      quicksight.on(DescribeDashboardCommand).resolvesOnce(dashboardVersion("CREATION_IN_PROGRESS")).resolves(dashboardVersion("CREATION_SUCCESSFUL"));
      const news = { ...DASHBOARD, name: "API usage (v2)", definition: buildDashboardDefinition({ dataSetArn: "arn:other" }) };

      const { outs } = await createQuickSightDefinitionProvider({ sleep: async () => undefined }).update("usage", olds, news);

      const [update] = quicksight.commandCalls(UpdateDashboardCommand);
      assert.equal(update!.args[0].input.Name, "API usage (v2)");
      assert.deepEqual(update!.args[0].input.Definition, news.definition);
      assert.deepEqual(quicksight.commandCalls(DescribeDashboardCommand).map((c) => c.args[0].input.VersionNumber), [4, 4]);
      assert.deepEqual(quicksight.commandCalls(UpdateDashboardPublishedVersionCommand).map((c) => c.args[0].input.VersionNumber), [4]);
      assert.equal(quicksight.commandCalls(UpdateDashboardPermissionsCommand).length, 0);
      assert.equal(outs!.versionNumber, 4);
      assert.notEqual(outs!.contentHash, olds.contentHash);
      assert.equal((await createQuickSightDefinitionProvider().diff("usage", outs!, news)).changes, false);
    });

    it("keeps the published version and surfaces QuickSight's errors when the new version fails", async () => {
      const olds = await created(DASHBOARD);
      quicksight.on(UpdateDashboardCommand).resolves({ Arn: DASHBOARD_ARN, VersionArn: versionArn(2) });
      quicksight.on(DescribeDashboardCommand).resolves(dashboardVersion("CREATION_FAILED", [{ Type: "COLUMN_TYPE_MISMATCH", Message: "bad column" }]));

      await assert.rejects(
        createQuickSightDefinitionProvider({ sleep: async () => undefined }).update("usage", olds, { ...DASHBOARD, name: "Renamed" }),
        /version 2 failed with status CREATION_FAILED: COLUMN_TYPE_MISMATCH: bad column/,
      );
      assert.equal(quicksight.commandCalls(UpdateDashboardPublishedVersionCommand).length, 0);
      assert.equal(quicksight.commandCalls(DeleteDashboardCommand).length, 0);
    });

    it("changes only the permissions when only they changed: grants the new, revokes what is gone", async () => {
      const olds = await created({
        ...DASHBOARD,
        permissions: [
          { Principal: ADMINS, Actions: ["quicksight:DescribeDashboard", "quicksight:UpdateDashboard"] },
          { Principal: READERS, Actions: ["quicksight:DescribeDashboard"] },
        ],
      });
      quicksight.on(UpdateDashboardPermissionsCommand).resolves({});
      const news = { ...DASHBOARD, permissions: [{ Principal: ADMINS, Actions: ["quicksight:DescribeDashboard"] }] };

      await createQuickSightDefinitionProvider().update("usage", olds, news);

      assert.equal(quicksight.commandCalls(UpdateDashboardCommand).length, 0);
      assert.deepEqual(quicksight.commandCalls(UpdateDashboardPermissionsCommand).map((c) => c.args[0].input), [
        {
          AwsAccountId: "123456789012",
          DashboardId: "usage",
          GrantPermissions: [{ Principal: ADMINS, Actions: ["quicksight:DescribeDashboard"] }],
          RevokePermissions: [
            { Principal: ADMINS, Actions: ["quicksight:UpdateDashboard"] },
            { Principal: READERS, Actions: ["quicksight:DescribeDashboard"] },
          ],
        },
      ]);
    });
  });

  describe("delete", () => {
    it("deletes the dashboard", async () => {
      const olds = await created(DASHBOARD);
      quicksight.on(DeleteDashboardCommand).resolves({});
      await createQuickSightDefinitionProvider().delete("usage", olds);
      assert.deepEqual(quicksight.commandCalls(DeleteDashboardCommand).map((c) => c.args[0].input), [{ AwsAccountId: "123456789012", DashboardId: "usage" }]);
    });

    it("deletes the analysis without a recovery window so the id can be created again", async () => {
      const olds = await created(ANALYSIS);
      quicksight.on(DeleteAnalysisCommand).resolves({});
      await createQuickSightDefinitionProvider().delete("usage-analysis", olds);
      assert.deepEqual(quicksight.commandCalls(DeleteAnalysisCommand).map((c) => c.args[0].input), [
        { AwsAccountId: "123456789012", AnalysisId: "usage-analysis", ForceDeleteWithoutRecovery: true },
      ]);
    });

    it("treats an asset that is already gone as deleted", async () => {
      const olds = await created(DASHBOARD);
      quicksight.on(DeleteDashboardCommand).rejects(new ResourceNotFoundException({ message: "gone", $metadata: {} }));
      await createQuickSightDefinitionProvider().delete("usage", olds);
      assert.equal(quicksight.commandCalls(DeleteDashboardCommand).length, 1);
    });

    it("passes on any other deletion error", async () => {
      const olds = await created(DASHBOARD);
      quicksight.on(DeleteDashboardCommand).rejects(new Error("AccessDeniedException"));
      await assert.rejects(createQuickSightDefinitionProvider().delete("usage", olds), /AccessDeniedException/);
    });
  });

  describe("serialization", () => {
    it("survives Pulumi's closure serialization, loading the SDK by name, and still creates a dashboard", async () => {
      const provider = createQuickSightDefinitionProvider({ sleep: async () => undefined });
      const serialized = await pulumi.runtime.serializeFunction(() => provider);
      assert.deepEqual([...new Set(serialized.text.match(/require\("[^"]+"\)/g))].sort(), [
        'require("@aws-sdk/client-quicksight")',
        'require("@aws-sdk/client-sts")',
        'require("@aws-sdk/credential-provider-ini")',
        'require("@aws-sdk/credential-provider-node")',
        'require("node:crypto")',
      ]);

      const loaded: Record<string, unknown> = {};
      new Function("exports", "require", serialized.text)(loaded, require);
      const revived = (loaded[serialized.exportName] as () => typeof provider)();
      quicksight.on(CreateDashboardCommand).resolves({ Arn: DASHBOARD_ARN, VersionArn: versionArn(1) });
      quicksight.on(DescribeDashboardCommand).resolves(dashboardVersion("CREATION_SUCCESSFUL"));
      const { outs } = await revived.create(DASHBOARD);
      assert.equal(outs!.versionNumber, 1);
      assert.equal(quicksight.commandCalls(UpdateDashboardPublishedVersionCommand).length, 1);
    });
  });

  describe("check", () => {
    it("accepts valid inputs", async () => {
      assert.deepEqual(await createQuickSightDefinitionProvider().check(DASHBOARD, DASHBOARD), { inputs: DASHBOARD });
    });

    it("rejects bad inputs, naming the property, the value and what was expected", async () => {
      const { failures } = await createQuickSightDefinitionProvider().check(DASHBOARD, { ...DASHBOARD, awsAccountId: "12345", assetId: "a b" });
      assert.deepEqual(failures, [
        { property: "awsAccountId", reason: `awsAccountId is "12345"; expected a 12-digit AWS account id` },
        { property: "assetId", reason: `assetId is "a b"; expected 1-512 letters, digits, '_' or '-'` },
      ]);
    });
  });
});
