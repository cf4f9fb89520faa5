import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { UsageAnalytics } from "../../../components/quicksight";
import { declare } from "../../engine/harness";

/**
 * Upgrading a stack deployed with 0.2.x replaces its dynamic QuickSightDefinition resources, and the
 * engine deletes them with the provider serialized in the stack's state. That provider loads these
 * modules by name, from the program's own node_modules (components/quicksight/definition-provider.ts
 * up to 0.2.x: the QuickSight client, STS for the assume-role chain, the profile and ambient
 * credential chains). An app that installs this package must get them with it until every stack has
 * upgraded, or its first `pulumi up` fails on "Cannot find module".
 */
const LEGACY_PROVIDER_MODULES = ["@aws-sdk/client-quicksight", "@aws-sdk/client-sts", "@aws-sdk/credential-provider-ini", "@aws-sdk/credential-provider-node"];

const root = path.resolve(__dirname, "../../..");

describe("upgrading a stack whose analysis and dashboard are 0.2's dynamic resources", () => {
  it("still names them by alias, so the switch is a replacement", async () => {
    const plan = await declare(() => new UsageAnalytics("usage", { glueDatabase: "db", glueTable: "t", athenaWorkgroup: "wg", dataLakeBucketArn: "arn:aws:s3:::l", athenaResultsBucketArn: "arn:aws:s3:::r" }));
    const aliased = plan.resources.filter((r) => (r.options.aliases ?? []).some((a) => a.includes("$pulumi-nodejs:dynamic/quicksight:QuickSightDefinition::")));
    assert.deepEqual(aliased.map((r) => r.type).sort(), ["aws-native:quicksight:Analysis", "aws-native:quicksight:Dashboard"]);
  });

  it("installs, with the package, the modules the dynamic provider in their state loads to delete them", () => {
    const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    assert.deepEqual(LEGACY_PROVIDER_MODULES.filter((m) => !(m in (manifest.dependencies ?? {}))), []);
  });
});
