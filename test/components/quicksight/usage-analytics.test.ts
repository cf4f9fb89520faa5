import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { DATA_SET_OWNER_ACTIONS, DATA_SOURCE_OWNER_ACTIONS } from "../../../components/quicksight/data-permissions";
import { buildDatasetSql, DATASET_COLUMNS } from "../../../components/quicksight/dataset-sql";
import { buildAnalysisDefinition, buildDashboardDefinition } from "../../../components/quicksight/definition";
import { nativeAnalysisDefinition, nativeDashboardDefinition } from "../../../components/quicksight/native-definition";
import { UsageAnalytics, type UsageAnalyticsArgs } from "../../../components/quicksight";
import { ANALYSIS_OWNER_ACTIONS, DASHBOARD_OWNER_ACTIONS, DASHBOARD_READER_ACTIONS } from "../../../components/quicksight/permissions";
import { declare } from "../../engine/harness";

const T = {
  component: "api-usage:quicksight:UsageAnalytics",
  group: "aws:quicksight/group:Group",
  membership: "aws:quicksight/groupMembership:GroupMembership",
  dataSource: "aws:quicksight/dataSource:DataSource",
  dataSet: "aws:quicksight/dataSet:DataSet",
  refresh: "aws:quicksight/refreshSchedule:RefreshSchedule",
  analysis: "aws-native:quicksight:Analysis",
  dashboard: "aws-native:quicksight:Dashboard",
  nativeProvider: "pulumi:providers:aws-native",
};

const ACCOUNT = "123456789012";
const ADMINS_ARN = `arn:aws:quicksight:us-east-1:${ACCOUNT}:group/default/usage-admins`;
const READERS_ARN = `arn:aws:quicksight:us-east-1:${ACCOUNT}:group/default/usage-readers`;

const BASE: UsageAnalyticsArgs = {
  glueDatabase: "api_usage",
  glueTable: "access_logs",
  athenaWorkgroup: "api-usage",
  dataLakeBucketArn: "arn:aws:s3:::api-usage-lake",
  athenaResultsBucketArn: "arn:aws:s3:::api-usage-athena-results",
};

const analytics = (args: Partial<UsageAnalyticsArgs> = {}) => declare(() => new UsageAnalytics("usage", { ...BASE, ...args }));


/** Every principal in every permission input of every resource, whatever its shape. */
function principalsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(principalsIn);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === "principal" ? [String(v)] : principalsIn(v)));
}

describe("UsageAnalytics", () => {
  it("declares the groups, data source, dataset, refresh schedule, analysis and dashboard as children named after it", async () => {
    const plan = await analytics({ adminUserNames: ["alice"], readerUserNames: ["bob", "carol"] });
    const component = plan.one(T.component, "usage");
    const children = plan.childrenOf(component).map((r) => `${r.type} ${r.name}`).sort();
    assert.deepEqual(children, [
      `${T.dataSet} usage-dataset`,
      `${T.dataSource} usage-athena`,
      `${T.group} usage-admins`,
      `${T.group} usage-readers`,
      `${T.membership} usage-admins-alice`,
      `${T.membership} usage-readers-bob`,
      `${T.membership} usage-readers-carol`,
      `${T.refresh} usage-refresh`,
      `${T.analysis} usage-analysis`,
      `${T.dashboard} usage-dashboard`,
      `${T.nativeProvider} usage-aws-native`,
    ].sort());
  });

  it("creates only the admins group, without members, when no user names are given", async () => {
    const plan = await analytics();
    assert.deepEqual(plan.ofType(T.group).map((g) => g.inputs.groupName), ["usage-admins"]);
    assert.equal(plan.ofType(T.membership).length, 0);
  });

  it("puts each configured user name in its group, in the default namespace of the deploying account", async () => {
    const plan = await analytics({ adminUserNames: ["alice"], readerUserNames: ["bob"] });
    const memberships = plan.ofType(T.membership).map((m) => m.inputs);
    assert.deepEqual(memberships, [
      { awsAccountId: ACCOUNT, groupName: "usage-admins", memberName: "alice", namespace: "default" },
      { awsAccountId: ACCOUNT, groupName: "usage-readers", memberName: "bob", namespace: "default" },
    ]);
  });

  it("accepts IAM-federated user names, which contain a slash", async () => {
    const plan = await analytics({ readerUserNames: ["QuickSightReaders/bob@example.com"] });
    assert.equal(plan.one(T.membership, "usage-readers-QuickSightReaders/bob@example.com").inputs.memberName, "QuickSightReaders/bob@example.com");
  });

  it("creates an empty readers group when asked, and uses the given namespace, account and region", async () => {
    const plan = await analytics({ readersGroup: true, namespace: "partners", awsAccountId: "210987654321", region: "eu-west-1" });
    const readers = plan.one(T.group, "usage-readers");
    assert.deepEqual(readers.inputs, {
      awsAccountId: "210987654321",
      description: "Viewers of the API usage dashboard",
      groupName: "usage-readers",
      namespace: "partners",
      region: "eu-west-1",
    });
    assert.equal(plan.one(T.nativeProvider).inputs.region, "eu-west-1");
    assert.deepEqual(plan.one(T.nativeProvider).inputs.allowedAccountIds, JSON.stringify(["210987654321"]));
    assert.equal(plan.one(T.dashboard).inputs.awsAccountId, "210987654321");
  });

  it("queries Athena through the pipeline's workgroup over SSL, owned by the admins group", async () => {
    const plan = await analytics({ readerUserNames: ["bob"] });
    const ds = plan.one(T.dataSource);
    assert.deepEqual(ds.inputs, {
      awsAccountId: ACCOUNT,
      dataSourceId: "usage-athena",
      name: "usage access logs (Athena)",
      parameters: { athena: { workGroup: "api-usage" } },
      permissions: [{ actions: [...DATA_SOURCE_OWNER_ACTIONS], principal: ADMINS_ARN }],
      sslProperties: { disableSsl: false },
      type: "ATHENA",
    });
  });

  it("reads the Glue table through the dataset SQL builder's query and columns, in SPICE by default", async () => {
    const plan = await analytics({ lookbackDays: 30 });
    const ds = plan.one(T.dataSet);
    const expected = buildDatasetSql({ database: "api_usage", table: "access_logs", lookbackDays: 30 });
    assert.equal(ds.inputs.importMode, "SPICE");
    assert.equal(ds.inputs.dataSetId, "usage-dataset");
    assert.deepEqual(ds.inputs.physicalTableMaps, [
      {
        customSql: {
          columns: DATASET_COLUMNS.map((c) => ({ name: c.name, type: c.type })),
          dataSourceArn: plan.one(T.dataSource).outputs.arn,
          name: "access_logs",
          sqlQuery: expected.sql,
        },
        physicalTableMapId: "access-logs",
      },
    ]);
    assert.deepEqual(ds.inputs.permissions, [{ actions: [...DATA_SET_OWNER_ACTIONS], principal: ADMINS_ARN }]);
  });

  it("refreshes the SPICE dataset in full daily at 03:00 UTC by default", async () => {
    const plan = await analytics();
    const refresh = plan.one(T.refresh, "usage-refresh");
    assert.deepEqual(refresh.inputs, {
      awsAccountId: ACCOUNT,
      dataSetId: "usage-dataset",
      schedule: { refreshType: "FULL_REFRESH", scheduleFrequency: { interval: "DAILY", timeOfTheDay: "03:00", timezone: "UTC" } },
      scheduleId: "usage-refresh",
    });
    assert.deepEqual(refresh.propertyDependencies.dataSetId, [plan.one(T.dataSet).urn]);
  });

  it("uses the given refresh schedule", async () => {
    const plan = await analytics({ refreshSchedule: { interval: "WEEKLY", timeOfDay: "22:30", dayOfWeek: "SUNDAY", timezone: "Europe/Paris" } });
    assert.deepEqual(plan.one(T.refresh).inputs.schedule, {
      refreshType: "FULL_REFRESH",
      scheduleFrequency: { interval: "WEEKLY", refreshOnDay: { dayOfWeek: "SUNDAY" }, timeOfTheDay: "22:30", timezone: "Europe/Paris" },
    });
  });

  it("queries Athena directly and declares no refresh schedule in DIRECT_QUERY mode", async () => {
    const plan = await analytics({ importMode: "DIRECT_QUERY" });
    assert.equal(plan.one(T.dataSet).inputs.importMode, "DIRECT_QUERY");
    assert.equal(plan.ofType(T.refresh).length, 0);
  });

  it("ignores a refresh schedule in DIRECT_QUERY mode", async () => {
    const plan = await analytics({ importMode: "DIRECT_QUERY", refreshSchedule: { interval: "HOURLY" } });
    assert.equal(plan.one(T.dataSet).inputs.importMode, "DIRECT_QUERY");
    assert.equal(plan.ofType(T.refresh).length, 0);
  });

  it("builds the dashboard from the definition builder on the dataset's ARN, in aws-native's names, after the dataset", async () => {
    const plan = await analytics();
    const dataSet = plan.one(T.dataSet);
    const dashboard = plan.one(T.dashboard, "usage-dashboard");
    assert.equal(dashboard.inputs.dashboardId, "usage-dashboard");
    assert.equal(dashboard.inputs.awsAccountId, ACCOUNT);
    assert.equal(dashboard.inputs.name, "usage API usage");
    const expected = nativeDashboardDefinition(buildDashboardDefinition({ dataSetArn: String(dataSet.outputs.arn) }));
    assert.deepEqual(dashboard.inputs.definition, JSON.parse(JSON.stringify(expected)));
    assert.ok(dashboard.dependencies.includes(dataSet.urn), "the dashboard depends on the dataset");
    assert.deepEqual(dashboard.propertyDependencies.definition, [dataSet.urn]);
  });

  it("builds the analysis on the same dataset, after it", async () => {
    const plan = await analytics();
    const dataSet = plan.one(T.dataSet);
    const analysis = plan.one(T.analysis, "usage-analysis");
    assert.equal(analysis.inputs.analysisId, "usage-analysis");
    assert.deepEqual(analysis.inputs.definition, JSON.parse(JSON.stringify(nativeAnalysisDefinition(buildAnalysisDefinition({ dataSetArn: String(dataSet.outputs.arn) })))));
    const declarations = (analysis.inputs.definition as { dataSetIdentifierDeclarations: unknown }).dataSetIdentifierDeclarations;
    assert.deepEqual(declarations, [{ dataSetArn: dataSet.outputs.arn, identifier: "access_logs" }]);
    assert.ok(analysis.dependencies.includes(dataSet.urn));
  });

  it("validates both definitions strictly, so a definition QuickSight finds wrong fails the deployment", async () => {
    const plan = await analytics();
    for (const asset of [plan.one(T.analysis), plan.one(T.dashboard)]) assert.deepEqual(asset.inputs.validationStrategy, { mode: "STRICT" }, asset.name);
  });

  it("replaces the analysis and dashboard delete-first, under the URN of the dynamic resources that deployed them before", async () => {
    const plan = await analytics();
    const component = plan.one(T.component);
    for (const asset of [plan.one(T.analysis), plan.one(T.dashboard)]) {
      assert.equal(asset.options.deleteBeforeReplace, true, asset.name);
      const legacy = `urn:pulumi:test::api-usage-insights::${component.urn.split("::")[2]}$pulumi-nodejs:dynamic/quicksight:QuickSightDefinition::${asset.name}`;
      assert.deepEqual(asset.options.aliases, [legacy], asset.name);
    }
    assert.deepEqual(plan.one(T.analysis).options.replaceOnChanges, ["analysisId", "awsAccountId"]);
    assert.deepEqual(plan.one(T.dashboard).options.replaceOnChanges, ["awsAccountId", "dashboardId"]);
  });

  it("makes the admins group owner of the analysis and dashboard and the readers group viewer of the dashboard only", async () => {
    const plan = await analytics({ readerUserNames: ["bob"] });
    assert.deepEqual(plan.one(T.dashboard).inputs.permissions, [
      { actions: [...DASHBOARD_OWNER_ACTIONS], principal: ADMINS_ARN },
      { actions: [...DASHBOARD_READER_ACTIONS], principal: READERS_ARN },
    ]);
    assert.deepEqual(plan.one(T.analysis).inputs.permissions, [{ actions: [...ANALYSIS_OWNER_ACTIONS], principal: ADMINS_ARN }]);
  });

  it("grants permissions to its own groups and to no one else, never to '*'", async () => {
    const plan = await analytics({ adminUserNames: ["alice"], readerUserNames: ["bob"] });
    const principals = new Set(plan.resources.flatMap((r) => principalsIn(r.inputs.permissions)));
    assert.deepEqual([...principals].sort(), [ADMINS_ARN, READERS_ARN]);
    const groupArns = plan.ofType(T.group).map((g) => g.outputs.arn).sort();
    assert.deepEqual(groupArns, [ADMINS_ARN, READERS_ARN]);
  });

  it("exposes the dashboard id and console URL, the dataset and analysis ids and the admins group ARN", async () => {
    let outputs: unknown;
    await declare(
      () =>
        new Promise<void>((resolve) => {
          const c = new UsageAnalytics("usage", { ...BASE, region: "eu-west-1" });
          const { dashboardId, dashboardUrl, dataSetId, analysisId, adminsGroupArn, serviceAccess } = c;
          pulumi.output({ dashboardId, dashboardUrl, dataSetId, analysisId, adminsGroupArn, serviceAccess }).apply((values) => {
            outputs = values;
            resolve();
          });
        }),
    );
    assert.deepEqual(outputs, {
      dashboardId: "usage-dashboard",
      dashboardUrl: "https://eu-west-1.quicksight.aws.amazon.com/sn/dashboards/usage-dashboard",
      dataSetId: "usage-dataset",
      analysisId: "usage-analysis",
      adminsGroupArn: `arn:aws:quicksight:us-east-1:${ACCOUNT}:group/default/usage-admins`,
      serviceAccess: { s3BucketArns: ["arn:aws:s3:::api-usage-lake", "arn:aws:s3:::api-usage-athena-results"], athenaWorkgroup: "api-usage" },
    });
  });

  describe("rejects", () => {
    const cases: Array<[string, Partial<UsageAnalyticsArgs>, RegExp]> = [
      ["reader user names with the readers group turned off", { readersGroup: false, readerUserNames: ["bob"] }, /^SchemaError: UsageAnalytics usage: readersGroup must be true or unset while readerUserNames lists \["bob"\], got false$/],
      ["a user name listed twice", { adminUserNames: ["alice", "alice"] }, /^SchemaError: UsageAnalytics usage: adminUserNames\[1\] repeats "alice"; each entry must be unique$/],
      ["an empty user name", { readerUserNames: [""] }, /^SchemaError: UsageAnalytics usage: readerUserNames\[0\] must be a QuickSight user name \(1-128 of letters, digits and \+=,\.@\/_-\), got ""$/],
      ["an unknown import mode", { importMode: "CACHED" as "SPICE" }, /^SchemaError: UsageAnalytics usage: importMode must be one of SPICE, DIRECT_QUERY, got "CACHED"$/],
      ["a time of day that is not HH:MM", { refreshSchedule: { timeOfDay: "3am" } }, /^SchemaError: UsageAnalytics usage: refreshSchedule\.timeOfDay must be a time HH:MM \(24-hour\), got "3am"$/],
      ["an unknown time zone", { refreshSchedule: { timezone: "Mars/Olympus" } }, /^SchemaError: UsageAnalytics usage: refreshSchedule\.timezone must be an IANA time zone name such as UTC, got "Mars\/Olympus"$/],
      ["an unsupported interval", { refreshSchedule: { interval: "MINUTE15" as "HOURLY" } }, /^SchemaError: UsageAnalytics usage: refreshSchedule\.interval must be one of HOURLY, DAILY, WEEKLY, got "MINUTE15"$/],
      ["a lookback of zero days", { lookbackDays: 0 }, /^SchemaError: UsageAnalytics usage: lookbackDays must be an integer from 1 to 3650, got 0$/],
      ["a namespace with spaces", { namespace: "my team" }, /^SchemaError: UsageAnalytics usage: namespace must be a QuickSight namespace \(1-64 of letters, digits, \. _ -\), got "my team"$/],
    ];
    for (const [what, args, message] of cases) {
      it(`${what}, naming the value`, () => {
        assert.throws(() => new UsageAnalytics("usage", { ...BASE, ...args }), message);
      });
    }

    it("a component name that cannot prefix QuickSight ids", () => {
      assert.throws(() => new UsageAnalytics("usage analytics", BASE), /UsageAnalytics name is "usage analytics"/);
    });
  });
});
