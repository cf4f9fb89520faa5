import assert from "node:assert/strict";
import { ObservabilityLink, ObservabilitySink, buildCrossAccountDashboardBody, sinkPolicy } from "../../../components/monitoring";
import { declare } from "../../engine/harness";

const RESOURCE_TYPES = { "ForAllValues:StringEquals": { "oam:ResourceTypes": ["AWS::CloudWatch::Metric", "AWS::Logs::LogGroup"] } };

describe("observability sink policy", () => {
  it("lets listed accounts link metrics and log groups", () => {
    assert.deepEqual(sinkPolicy({ accountIds: ["111111111111", "222222222222"] }).Statement, [
      { Sid: "ListedAccountsLink", Effect: "Allow", Principal: { AWS: ["111111111111", "222222222222"] }, Action: ["oam:CreateLink", "oam:UpdateLink"], Resource: "*", Condition: RESOURCE_TYPES },
    ]);
  });

  it("lets every account of an organization link, conditioned on the organization id", () => {
    assert.deepEqual(sinkPolicy({ organizationId: "o-a1b2c3d4e5" }).Statement, [
      {
        Sid: "OrganizationLinks",
        Effect: "Allow",
        Principal: "*",
        Action: ["oam:CreateLink", "oam:UpdateLink"],
        Resource: "*",
        Condition: { ...RESOURCE_TYPES, StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      },
    ]);
  });

  it("refuses a sink nobody may link to", () => {
    assert.throws(() => sinkPolicy({}), /needs sourceAccountIds or organizationId; got neither/);
  });
});

describe("cross-account dashboard body", () => {
  const body = buildCrossAccountDashboardBody({ region: "us-east-1", accountIds: ["111111111111", "222222222222"], apiCallNamespace: "ApiUsage/CloudTrail", apiCallMetricName: "CallCount" });

  it("gives each linked account a row of four graphs below the heading", () => {
    assert.equal(body.widgets.length, 1 + 2 * 4);
    assert.deepEqual(body.widgets.slice(1).map((w) => [w.x, w.y]), [[0, 2], [6, 2], [12, 2], [18, 2], [0, 8], [6, 8], [12, 8], [18, 8]]);
  });

  it("points every metric at its account so cross-account observability resolves it", () => {
    for (const widget of body.widgets.slice(1)) {
      const accounts = (widget.properties.metrics as Array<Array<{ accountId: string }>>).map(([m]) => m.accountId);
      assert.ok(accounts.every((a) => String(widget.properties.title).startsWith(a)), JSON.stringify(widget.properties));
    }
  });

  it("counts AWS API calls from the configured namespace and metric", () => {
    const calls = body.widgets[3].properties.metrics as Array<Array<{ expression: string }>>;
    assert.equal(calls[0][0].expression, `SEARCH('{ApiUsage/CloudTrail} MetricName="CallCount"', 'Sum', 300)`);
  });
});

describe("ObservabilitySink and ObservabilityLink", () => {
  it("declares the sink, its policy and the unified dashboard in the monitoring account", async () => {
    const plan = await declare(() => new ObservabilitySink("org-view", { accountIds: ["111111111111"], apiCallNamespace: "ApiUsage/CloudTrail" }));
    const component = plan.one("api-usage:monitoring:ObservabilitySink");
    assert.deepEqual(plan.childrenOf(component).map((r) => `${r.type} ${r.name}`).sort(), [
      "aws:cloudwatch/dashboard:Dashboard org-view-dashboard",
      "aws:oam/sink:Sink org-view",
      "aws:oam/sinkPolicy:SinkPolicy org-view-policy",
    ]);
    const sink = plan.one("aws:oam/sink:Sink");
    assert.equal(plan.one("aws:oam/sinkPolicy:SinkPolicy").inputs.sinkIdentifier, sink.outputs.arn);
    const body = plan.json(plan.one("aws:cloudwatch/dashboard:Dashboard"), "dashboardBody") as { widgets: unknown[] };
    assert.equal(body.widgets.length, 5);
  });

  it("links a source account's metrics and log groups to the sink", async () => {
    const sinkArn = "arn:aws:oam:us-east-1:210987654321:sink/abc";
    const plan = await declare(() => new ObservabilityLink("to-monitoring", { sinkArn }));
    assert.deepEqual(plan.one("aws:oam/link:Link").inputs, {
      labelTemplate: "$AccountName",
      resourceTypes: ["AWS::CloudWatch::Metric", "AWS::Logs::LogGroup"],
      sinkIdentifier: sinkArn,
    });
  });
});
