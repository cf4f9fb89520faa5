import assert from "node:assert/strict";
import { ObservabilityLink, ObservabilitySink, sinkPolicy } from "../../../components/monitoring";
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
    const body = plan.json(plan.one("aws:cloudwatch/dashboard:Dashboard"), "dashboardBody") as { widgets: Array<{ properties: { markdown?: string } }> };
    // Fleet heading + 6 totals, then the one listed account's heading + 4 graphs.
    assert.equal(body.widgets.length, 1 + 6 + 1 + 4);
    assert.equal(body.widgets[7].properties.markdown, "## Account 111111111111");
  });

  it("refuses a listed account id that is not 12 digits when the sink is declared", async () => {
    await assert.rejects(declare(() => new ObservabilitySink("org-view", { accountIds: ["1234"], apiCallNamespace: "ApiUsage/CloudTrail" })), /account id "1234" is not 12 digits/);
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
