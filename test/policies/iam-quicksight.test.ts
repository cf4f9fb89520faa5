import assert from "node:assert/strict";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as quicksight from "@pulumi/aws/quicksight";
import * as sqs from "@pulumi/aws/sqs";
import * as nativeQuicksight from "@pulumi/aws-native/quicksight";
import * as nativeSns from "@pulumi/aws-native/sns";
import type * as nativeTypes from "@pulumi/aws-native/types";
import { iamNoPassRoleOnStar, iamNoStarOnStar } from "../../policies/iam";
import { quicksightNoPublicPermissions } from "../../policies/quicksight";
import { LAMBDA_TRUST, policyJson, resultsOf, violations } from "./check";

const queueOnly = () => new sqs.Queue("q", {});
const admin = { Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" };
const passAny = { Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "*" };
const scoped = { Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::lake/*" };

describe("IAM policies", () => {
  describe("iam-no-star-on-star", () => {
    it("passes scoped policies and a deny of everything", async () => {
      const build = () => new iam.Policy("p", { policy: policyJson(scoped, { Effect: "Deny", Action: "*", Resource: "*" }) });
      assert.deepEqual(await violations(iamNoStarOnStar, build), []);
    });

    it("reports * on * in managed, role, user and group policies and in a role's inline policies", async () => {
      const build = () => {
        new iam.Policy("managed", { policy: policyJson(scoped, admin) });
        new iam.RolePolicy("role-inline", { role: "r", policy: policyJson({ Effect: "Allow", Action: "*:*", Resource: ["*"] }) });
        new iam.UserPolicy("user-inline", { user: "u", policy: policyJson(admin) });
        new iam.GroupPolicy("group-inline", { group: "g", policy: policyJson(admin) });
        new iam.Role("r", { assumeRolePolicy: LAMBDA_TRUST, inlinePolicies: [{ name: "everything", policy: policyJson(admin) }] });
      };
      assert.deepEqual((await violations(iamNoStarOnStar, build)).sort(), [
        'IAM policy managed allows "*" on Resource "*" (statement Admin); grant only the actions and resources needed',
        'inline policy everything of role r allows "*" on Resource "*" (statement Admin); grant only the actions and resources needed',
        'inline policy group-inline allows "*" on Resource "*" (statement Admin); grant only the actions and resources needed',
        'inline policy role-inline allows "*" on Resource "*" (statement 1); grant only the actions and resources needed',
        'inline policy user-inline allows "*" on Resource "*" (statement Admin); grant only the actions and resources needed',
      ]);
    });

    it("passes a role without inline policies and a policy document it cannot read", async () => {
      assert.deepEqual(await violations(iamNoStarOnStar, () => new iam.Role("r", { assumeRolePolicy: LAMBDA_TRUST })), []);
      assert.deepEqual(await violations(iamNoStarOnStar, () => new iam.Policy("p", { policy: "{}" })), []);
    });

    it("exempts resources named in config", async () => {
      assert.deepEqual(await violations(iamNoStarOnStar, () => new iam.Policy("break-glass", { policy: policyJson(admin) }), { exemptResources: ["break-glass"] }), []);
    });

    it("does not apply to other resource types, key policies included", async () => {
      assert.deepEqual(await resultsOf(iamNoStarOnStar, queueOnly), []);
      const keyPolicy = policyJson({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "*", Resource: "*" });
      assert.deepEqual(await resultsOf(iamNoStarOnStar, () => new kms.Key("k", { enableKeyRotation: true, policy: keyPolicy })), []);
    });
  });

  describe("iam-no-passrole-on-star", () => {
    it("passes PassRole on named roles", async () => {
      const build = () => new iam.Policy("p", { policy: policyJson({ ...passAny, Resource: "arn:aws:iam::123456789012:role/firehose" }) });
      assert.deepEqual(await violations(iamNoPassRoleOnStar, build), []);
    });

    it("reports PassRole on *, directly or through a wildcard", async () => {
      const fix = "list the role ARNs that may be passed, ideally with an iam:PassedToService condition";
      assert.deepEqual(await violations(iamNoPassRoleOnStar, () => new iam.Policy("p", { policy: policyJson(passAny) })), [
        `IAM policy p allows iam:PassRole on Resource "*" (statement Pass); ${fix}`,
      ]);
      assert.deepEqual(await violations(iamNoPassRoleOnStar, () => new iam.RolePolicy("rp", { role: "r", policy: policyJson({ Effect: "Allow", Action: ["s3:GetObject", "iam:Pass*"], Resource: "*" }) })), [
        `inline policy rp allows iam:PassRole (through "iam:Pass*") on Resource "*" (statement 1); ${fix}`,
      ]);
    });

    it("passes a policy without statements", async () => {
      assert.deepEqual(await violations(iamNoPassRoleOnStar, () => new iam.Policy("p", { policy: policyJson() })), []);
    });

    it("exempts resources named in config", async () => {
      assert.deepEqual(await violations(iamNoPassRoleOnStar, () => new iam.Policy("deployer", { policy: policyJson(passAny) }), { exemptResources: ["deployer"] }), []);
    });

    it("does not apply to other resource types", async () => {
      assert.deepEqual(await resultsOf(iamNoPassRoleOnStar, queueOnly), []);
    });
  });
});

describe("QuickSight policies", () => {
  describe("quicksight-no-public-permissions", () => {
    const OWNER = "arn:aws:quicksight:us-east-1:123456789012:group/default/analysts";
    const dataSource = (principal: string) => () =>
      new quicksight.DataSource("athena", {
        dataSourceId: "athena",
        name: "athena",
        type: "ATHENA",
        parameters: { athena: { workGroup: "usage" } },
        permissions: [{ principal, actions: ["quicksight:DescribeDataSource"] }],
      });
    const dashboard = (permissions: nativeTypes.input.quicksight.DashboardResourcePermissionArgs[], linkSharing?: string) => () =>
      new nativeQuicksight.Dashboard("dashboard", {
        awsAccountId: "123456789012",
        dashboardId: "usage-dashboard",
        permissions,
        ...(linkSharing ? { linkSharingConfiguration: { permissions: [{ principal: linkSharing, actions: ["quicksight:QueryDashboard"] }] } } : {}),
      });
    const analysis = (principal: string) => () =>
      new nativeQuicksight.Analysis("analysis", { awsAccountId: "123456789012", analysisId: "usage-analysis", permissions: [{ principal, actions: ["quicksight:DescribeAnalysis"] }] });

    it("passes grants to named groups", async () => {
      assert.deepEqual(await violations(quicksightNoPublicPermissions, dataSource(OWNER)), []);
      assert.deepEqual(await violations(quicksightNoPublicPermissions, dashboard([{ principal: OWNER, actions: ["quicksight:QueryDashboard"] }])), []);
      assert.deepEqual(await violations(quicksightNoPublicPermissions, analysis(OWNER)), []);
    });

    it("reports a grant to *, or to a principal ARN with a wildcard", async () => {
      assert.deepEqual(await violations(quicksightNoPublicPermissions, dataSource("*")), [
        'QuickSight resource athena grants quicksight:DescribeDataSource to principal "*" (a wildcard); grant to named users or groups',
      ]);
      assert.equal((await violations(quicksightNoPublicPermissions, dataSource("arn:aws:quicksight:us-east-1:123456789012:user/default/*"))).length, 1);
    });

    it("checks the aws-native analysis and dashboard, their link sharing included, and reports a whole namespace as everyone in it", async () => {
      assert.deepEqual(await violations(quicksightNoPublicPermissions, analysis("*")), [
        'QuickSight resource analysis grants quicksight:DescribeAnalysis to principal "*" (a wildcard); grant to named users or groups',
      ]);
      const namespace = "arn:aws:quicksight:us-east-1:123456789012:namespace/default";
      assert.deepEqual(await violations(quicksightNoPublicPermissions, dashboard([{ principal: OWNER, actions: ["quicksight:QueryDashboard"] }], namespace)), [
        `QuickSight resource dashboard grants quicksight:QueryDashboard through link sharing to principal "${namespace}" (every user of a namespace); grant to named users or groups`,
      ]);
    });

    it("passes a QuickSight resource without permissions", async () => {
      const bare = () => new quicksight.DataSource("athena", { dataSourceId: "athena", name: "athena", type: "ATHENA", parameters: { athena: { workGroup: "usage" } } });
      assert.deepEqual((await resultsOf(quicksightNoPublicPermissions, bare)).map((r) => r.outcome), ["pass"]);
    });

    it("takes its enforcement level from config", async () => {
      assert.deepEqual((await resultsOf(quicksightNoPublicPermissions, dataSource("*"), "advisory")).map((r) => r.enforcementLevel), ["advisory"]);
    });

    it("does not apply to other resource types, nor to other aws-native types with permissions", async () => {
      assert.deepEqual(await resultsOf(quicksightNoPublicPermissions, queueOnly), []);
      const other = () => new nativeSns.Topic("topic", { topicName: "t" });
      assert.deepEqual(await resultsOf(quicksightNoPublicPermissions, other), []);
    });
  });
});
