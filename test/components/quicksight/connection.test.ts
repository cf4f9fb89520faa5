import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../../../components/shared/aws";
import * as awsNative from "../../../components/shared/aws-native";
import { ConnectionError, UsageAnalytics, connectionFromAwsConfig, type UsageAnalyticsArgs } from "../../../components/quicksight";
import { durationSeconds } from "../../../components/quicksight/connection";
import { nativeProviderSettings } from "../../../components/quicksight/native-provider";
import { declare, TEST_STACK_CONFIG, type Plan, type RecordedResource } from "../../engine/harness";
import { ConfigError, readStackConfig } from "../../../config";

const DEPLOYER = "arn:aws:iam::111111111111:role/deployer";
const QUICKSIGHT_ADMIN = "arn:aws:iam::123456789012:role/quicksight-admin";
const ROLES = JSON.stringify([{ roleArn: DEPLOYER, sessionName: "ci", duration: "1h" }, { roleArn: QUICKSIGHT_ADMIN, externalId: "acme-analytics" }]);
const ONE_ROLE = JSON.stringify([{ roleArn: QUICKSIGHT_ADMIN, sessionName: "ci", externalId: "acme-analytics", duration: "1h" }]);
const TAGS = { project: "api-usage-insights", owner: "platform-team" };
const config = (values: Record<string, string>) => (key: string) => values[key];

const PROVIDER = "pulumi:providers:aws-native";
const ASSETS = ["aws-native:quicksight:Analysis", "aws-native:quicksight:Dashboard"];

describe("the connection of the QuickSight analysis and dashboard", () => {
  describe("read from the stack's aws: config", () => {
    it("takes the profile, the shared files, the assume-role chain in order, the sts and cloudcontrol endpoints and the default tags", () => {
      const connection = connectionFromAwsConfig(
        config({
          profile: "analytics",
          sharedCredentialsFiles: '["/ci/credentials"]',
          assumeRoles: ROLES,
          endpoints: '[{"quicksight":"http://127.0.0.1:4566"},{"sts":"http://127.0.0.1:4567","cloudcontrolapi":"http://127.0.0.1:4568","s3":"http://ignored"}]',
          defaultTags: JSON.stringify({ tags: TAGS }),
        }),
      );
      assert.deepEqual(connection, {
        profile: "analytics",
        sharedCredentialsFiles: ["/ci/credentials"],
        assumeRoles: [
          { roleArn: DEPLOYER, sessionName: "ci", durationSeconds: 3600 },
          { roleArn: QUICKSIGHT_ADMIN, externalId: "acme-analytics" },
        ],
        endpoints: { sts: "http://127.0.0.1:4567", cloudcontrol: "http://127.0.0.1:4568" },
        defaultTags: TAGS,
      });
    });

    it("is empty when the stack sets none of them, so the ambient chain applies", () => {
      assert.deepEqual(connectionFromAwsConfig(config({ region: "eu-west-1" })), {});
    });

    it("reads durations as the AWS provider writes them", () => {
      assert.deepEqual(["15m", "1h30m", "3600s", "12h", "", "90", "1d"].map(durationSeconds), [900, 5400, 3600, 43_200, undefined, undefined, undefined]);
    });

    it("refuses a role duration of 12h one second beyond, and under 15 minutes, naming the key", () => {
      assert.throws(() => connectionFromAwsConfig(config({ assumeRoles: '[{"roleArn":"' + DEPLOYER + '","duration":"12h0m1s"}]' })), {
        name: "ConnectionError",
        message: 'aws:assumeRoles[0].duration must be a duration from 15m to 12h such as "1h", got "12h0m1s"',
      });
      assert.throws(() => connectionFromAwsConfig(config({ assumeRoles: '[{"roleArn":"' + DEPLOYER + '","duration":"14m59s"}]' })), /duration must be a duration from 15m to 12h/);
    });

    it("lists every bad entry at once, with the key, the value and what was expected", () => {
      assert.throws(
        () =>
          connectionFromAwsConfig(
            config({ assumeRoles: '[{"roleArn":"deployer"},{"roleArn":"' + DEPLOYER + '","sessionName":"a b"}]', endpoints: "{not json", defaultTags: '{"tags":{"owner":1}}' }),
          ),
        (e: unknown) =>
          e instanceof ConnectionError &&
          JSON.stringify(e.problems) ===
            JSON.stringify([
              'aws:assumeRoles[0].roleArn must be an IAM role ARN such as arn:aws:iam::123456789012:role/deployer, got "deployer"',
              'aws:assumeRoles[1].sessionName must be 2-64 of letters, digits and +=,.@_-, got "a b"',
              'aws:endpoints must be JSON, got "{not json"',
              'aws:defaultTags must be a map with a "tags" map of strings (tags: {project: …}), got {"tags":{"owner":1}}',
            ]),
      );
    });
  });

  it("is checked at config time, so a bad aws:assumeRoles fails the stack with the key named (exit 2, not a failed deploy)", () => {
    assert.throws(() => readStackConfig({ "aws:region": "eu-west-1", "aws:assumeRoles": '[{"roleArn":"deployer"}]' }, "dev"), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /aws:assumeRoles\[0\]\.roleArn must be an IAM role ARN such as arn:aws:iam::123456789012:role\/deployer, got "deployer"/);
      return true;
    });
  });

  describe("as aws-native provider settings", () => {
    it("carries the profile, the credentials file, the one role with its session, external id and duration, and the default tags, and checks the caller's account", () => {
      const connection = connectionFromAwsConfig(
        config({ profile: "analytics", sharedCredentialsFiles: '["/ci/credentials"]', assumeRoles: ONE_ROLE, defaultTags: JSON.stringify({ tags: TAGS }) }),
      );
      assert.deepEqual(nativeProviderSettings(connection), {
        profile: "analytics",
        sharedCredentialsFile: "/ci/credentials",
        assumeRole: { roleArn: QUICKSIGHT_ADMIN, sessionName: "ci", externalId: "acme-analytics", durationSeconds: 3600 },
        defaultTags: { tags: TAGS },
        skipCredentialsValidation: false,
      });
    });

    it("assumes one role, and refuses a chain of two, naming the key and the way out", () => {
      assert.deepEqual(nativeProviderSettings({ assumeRoles: [{ roleArn: QUICKSIGHT_ADMIN }] }).assumeRole, { roleArn: QUICKSIGHT_ADMIN });
      assert.throws(() => nativeProviderSettings(connectionFromAwsConfig(config({ assumeRoles: ROLES }))), {
        name: "ConnectionError",
        message:
          'aws:assumeRoles chains 2 roles; the aws-native provider of the QuickSight analysis and dashboard assumes one: name the first 1 in a profile (role_arn and source_profile) set as aws:profile and keep the last here, or pass an aws-native provider configured for it in the component\'s providers ("aws-native")',
      });
    });

    it("reads one credentials file, and refuses two", () => {
      assert.equal(nativeProviderSettings({ sharedCredentialsFiles: ["/a"] }).sharedCredentialsFile, "/a");
      assert.throws(() => nativeProviderSettings({ sharedCredentialsFiles: ["/a", "/b"] }), /^ConnectionError: aws:sharedCredentialsFiles lists 2 files; .* reads one/);
    });

    it("refuses what it cannot hand over, every problem at once: a config file and the sts and cloudcontrol endpoints", () => {
      assert.throws(
        () => nativeProviderSettings({ sharedConfigFiles: ["/ci/config"], endpoints: { sts: "http://127.0.0.1:1", cloudcontrol: "http://127.0.0.1:2" } }),
        (e: unknown) => {
          assert.ok(e instanceof ConnectionError);
          assert.deepEqual(
            e.problems.map((p) => p.split(";")[0]),
            ['aws:sharedConfigFiles is set (["/ci/config"])', "aws:endpoints sets sts (http://127.0.0.1:1)", "aws:endpoints sets cloudcontrol (http://127.0.0.1:2)"],
          );
          return true;
        },
      );
    });
  });

  describe("handed to the analysis and dashboard by the component", () => {
    const ARGS: UsageAnalyticsArgs = {
      glueDatabase: "db",
      glueTable: "access_logs",
      athenaWorkgroup: "wg",
      dataLakeBucketArn: "arn:aws:s3:::lake",
      athenaResultsBucketArn: "arn:aws:s3:::results",
    };
    const assets = (plan: Plan): RecordedResource[] => plan.resources.filter((r) => ASSETS.includes(r.type));
    /** A provider's inputs as the engine gets them: the SDK JSON-encodes every structured one. */
    const providerInputs = (provider: RecordedResource) =>
      Object.fromEntries(Object.entries(provider.inputs).map(([k, v]) => [k, typeof v === "string" && /^[[{]|^(true|false)$/.test(v) ? JSON.parse(v) : v]));

    it("through an aws-native provider of its own, configured from the stack's aws: config, in the AWS provider's Region and account", async () => {
      const plan = await declare(() => new UsageAnalytics("usage", ARGS), {
        config: { ...TEST_STACK_CONFIG, "aws:region": "eu-west-1", "aws:profile": "analytics", "aws:assumeRoles": ONE_ROLE },
      });
      const provider = plan.one(PROVIDER, "usage-aws-native");
      const inputs = providerInputs(provider);
      assert.equal(inputs.region, "eu-west-1");
      assert.equal(inputs.profile, "analytics");
      assert.deepEqual(inputs.assumeRole, { roleArn: QUICKSIGHT_ADMIN, sessionName: "ci", externalId: "acme-analytics", durationSeconds: 3600 });
      assert.deepEqual(inputs.allowedAccountIds, ["123456789012"]);
      assert.equal(inputs.skipCredentialsValidation, false);
      assert.deepEqual(inputs.defaultTags, { tags: JSON.parse(TEST_STACK_CONFIG["aws:defaultTags"]!).tags });
      assert.equal(provider.parent, plan.one("api-usage:quicksight:UsageAnalytics").urn);
      assert.equal(assets(plan).length, 2);
      for (const asset of assets(plan)) assert.equal(asset.options.provider?.split("::").slice(0, 4).join("::"), provider.urn, asset.name);
    });

    it("through the aws-native provider given in providers, creating none", async () => {
      const plan = await declare(() => {
        const given = new awsNative.Provider("analytics", { region: "eu-west-1", profile: "other-account" });
        return new UsageAnalytics("usage", ARGS, { providers: { "aws-native": given } });
      });
      assert.deepEqual(plan.ofType(PROVIDER).map((p) => p.name), ["analytics"]);
      for (const asset of assets(plan)) assert.match(asset.options.provider ?? "", /::pulumi:providers:aws-native::analytics::/);
    });

    it("through the aws-native provider of its parent, as a component package's wrapper passes it on", async () => {
      class Wrapper extends pulumi.ComponentResource {
        constructor(opts: pulumi.ComponentResourceOptions) {
          super("test:index:Wrapper", "wrapper", {}, opts);
          new UsageAnalytics("usage", ARGS, { parent: this });
        }
      }
      const plan = await declare(() => new Wrapper({ providers: [new awsNative.Provider("analytics", { region: "eu-west-1" })] }));
      assert.deepEqual(plan.ofType(PROVIDER).map((p) => p.name), ["analytics"]);
      for (const asset of assets(plan)) assert.match(asset.options.provider ?? "", /::pulumi:providers:aws-native::analytics::/);
    });

    it("refuses an explicit AWS provider without an aws-native one, before declaring anything", async () => {
      let thrown: unknown;
      const plan = await declare(() => {
        try {
          new UsageAnalytics("usage", ARGS, { provider: new aws.Provider("analytics", { region: "eu-west-1" }) });
        } catch (e) {
          thrown = e;
        }
      });
      assert.match(String(thrown), /UsageAnalytics usage is given an explicit AWS provider but no aws-native provider: .* pass an aws-native provider configured like it in providers \("aws-native"\), or its settings as args\.connection/);
      assert.deepEqual(plan.resources.filter((r) => !["pulumi:pulumi:Stack", "pulumi:providers:aws"].includes(r.type)).map((r) => r.type), []);
    });

    it("builds its aws-native provider from args.connection next to an explicit AWS provider", async () => {
      const plan = await declare(() =>
        new UsageAnalytics("usage", { ...ARGS, connection: { profile: "other-account" } }, { provider: new aws.Provider("analytics", { region: "eu-west-1", profile: "other-account" }) }),
      );
      assert.equal(plan.one(PROVIDER, "usage-aws-native").inputs.profile, "other-account");
    });

    it("refuses, before declaring anything, a stack whose aws: config the aws-native provider cannot take", async () => {
      let thrown: unknown;
      const plan = await declare(
        () => {
          try {
            new UsageAnalytics("usage", ARGS);
          } catch (e) {
            thrown = e;
          }
        },
        { config: { ...TEST_STACK_CONFIG, "aws:assumeRoles": ROLES } },
      );
      assert.ok(thrown instanceof ConnectionError, String(thrown));
      assert.match(thrown.message, /^aws:assumeRoles chains 2 roles/);
      assert.deepEqual(plan.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => r.type), []);
    });
  });
});
