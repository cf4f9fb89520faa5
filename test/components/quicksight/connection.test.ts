import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import { ConnectionError, UsageAnalytics, connectionFromAwsConfig, type UsageAnalyticsArgs } from "../../../components/quicksight";
import { durationSeconds } from "../../../components/quicksight/connection";
import { createQuickSightDefinitionProvider, type QuickSightDefinitionInputs } from "../../../components/quicksight/definition-provider";
import { buildAnalysisDefinition } from "../../../components/quicksight/definition";
import { declare } from "../../engine/harness";
import { ConfigError, readStackConfig } from "../../../config";

const DEPLOYER = "arn:aws:iam::111111111111:role/deployer";
const QUICKSIGHT_ADMIN = "arn:aws:iam::123456789012:role/quicksight-admin";
const ROLES = JSON.stringify([{ roleArn: DEPLOYER, sessionName: "ci", duration: "1h" }, { roleArn: QUICKSIGHT_ADMIN, externalId: "acme-analytics" }]);
const config = (values: Record<string, string>) => (key: string) => values[key];

describe("the QuickSight client's connection", () => {
  describe("read from the stack's aws: config", () => {
    it("takes the profile, the shared files, the assume-role chain in order and the quicksight and sts endpoints", () => {
      const connection = connectionFromAwsConfig(
        config({
          profile: "analytics",
          sharedCredentialsFiles: '["/ci/credentials"]',
          assumeRoles: ROLES,
          endpoints: '[{"quicksight":"http://127.0.0.1:4566"},{"sts":"http://127.0.0.1:4567","s3":"http://ignored"}]',
        }),
      );
      assert.deepEqual(connection, {
        profile: "analytics",
        sharedCredentialsFiles: ["/ci/credentials"],
        assumeRoles: [
          { roleArn: DEPLOYER, sessionName: "ci", durationSeconds: 3600 },
          { roleArn: QUICKSIGHT_ADMIN, externalId: "acme-analytics" },
        ],
        endpoints: { quicksight: "http://127.0.0.1:4566", sts: "http://127.0.0.1:4567" },
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
        () => connectionFromAwsConfig(config({ assumeRoles: '[{"roleArn":"deployer"},{"roleArn":"' + DEPLOYER + '","sessionName":"a b"}]', endpoints: "{not json" })),
        (e: unknown) =>
          e instanceof ConnectionError &&
          JSON.stringify(e.problems) ===
            JSON.stringify([
              'aws:assumeRoles[0].roleArn must be an IAM role ARN such as arn:aws:iam::123456789012:role/deployer, got "deployer"',
              'aws:assumeRoles[1].sessionName must be 2-64 of letters, digits and +=,.@_-, got "a b"',
              'aws:endpoints must be JSON, got "{not json"',
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

  describe("handed to the QuickSight definitions by the component", () => {
    const ARGS: UsageAnalyticsArgs = {
      glueDatabase: "db",
      glueTable: "access_logs",
      athenaWorkgroup: "wg",
      dataLakeBucketArn: "arn:aws:s3:::lake",
      athenaResultsBucketArn: "arn:aws:s3:::results",
      awsAccountId: "123456789012",
      region: "eu-west-1",
    };
    const definitions = (plan: Awaited<ReturnType<typeof declare>>) => plan.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/quicksight:QuickSightDefinition");

    it("from the stack's aws:profile and aws:assumeRoles", async () => {
      const plan = await declare(() => new UsageAnalytics("usage", ARGS), {
        config: { "aws:region": "eu-west-1", "aws:profile": "analytics", "aws:assumeRoles": ROLES },
      });
      assert.equal(definitions(plan).length, 2);
      for (const d of definitions(plan)) {
        assert.deepEqual(d.inputs.connection, {
          profile: "analytics",
          assumeRoles: [
            { roleArn: DEPLOYER, sessionName: "ci", durationSeconds: 3600 },
            { roleArn: QUICKSIGHT_ADMIN, externalId: "acme-analytics" },
          ],
        });
      }
    });

    it("from the profile of an explicit AWS provider given to the component", async () => {
      const plan = await declare(() => new UsageAnalytics("usage", ARGS, { provider: new aws.Provider("analytics", { region: "eu-west-1", profile: "other-account" }) }), {
        config: { "aws:region": "us-east-1", "aws:profile": "stack-default" },
      });
      for (const d of definitions(plan)) assert.deepEqual(d.inputs.connection, { profile: "other-account" });
    });

    it("as given in args, over both", async () => {
      const connection = { assumeRoles: [{ roleArn: QUICKSIGHT_ADMIN }] };
      const plan = await declare(() => new UsageAnalytics("usage", { ...ARGS, connection }), { config: { "aws:region": "eu-west-1", "aws:profile": "stack-default" } });
      for (const d of definitions(plan)) assert.deepEqual(d.inputs.connection, connection);
    });
  });

  describe("used by the provider's real SDK client, over loopback", () => {
    interface Seen {
      service: string;
      accessKeyId: string;
      region: string;
      body: string;
    }
    let server: Server;
    let endpoint: string;
    const seen: Seen[] = [];
    const ASSUMED: Record<string, string> = { [DEPLOYER]: "ASIADEPLOYER0000001", [QUICKSIGHT_ADMIN]: "ASIAQUICKSIGHT00002" };

    const read = (req: IncomingMessage) => new Promise<string>((resolve) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => resolve(body));
    });

    before(async () => {
      server = createServer(async (req, res) => {
        const body = await read(req);
        const scope = /Credential=([^/]+)\/\d{8}\/([a-z0-9-]+)\/([a-z0-9]+)\/aws4_request/.exec(String(req.headers.authorization))!;
        seen.push({ service: scope[3]!, accessKeyId: scope[1]!, region: scope[2]!, body });
        if (scope[3] === "sts") {
          const role = decodeURIComponent(/RoleArn=([^&]+)/.exec(body)?.[1] ?? "");
          res.writeHead(200, { "content-type": "text/xml" });
          res.end(
            `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>` +
              `<AccessKeyId>${ASSUMED[role]}</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken>` +
              `<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>${role}/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>` +
              `</AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`,
          );
          return;
        }
        res.writeHead(200, { "content-type": "application/json" });
        if (req.method === "POST") res.end(JSON.stringify({ Arn: "arn:aws:quicksight:eu-west-1:123456789012:analysis/usage-analysis", CreationStatus: "CREATION_IN_PROGRESS", Status: 202 }));
        else res.end(JSON.stringify({ Analysis: { Status: "CREATION_SUCCESSFUL" }, Status: 200 }));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => server.close());

    it("signs with the profile's keys, assumes each role of the chain with the previous credentials, and calls QuickSight in the stack's region as the last role", async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "aws-"));
      writeFileSync(path.join(dir, "credentials"), "[analytics]\naws_access_key_id = AKIAPROFILE000000001\naws_secret_access_key = profile-secret\n");
      writeFileSync(path.join(dir, "config"), "[profile analytics]\n");
      const inputs: QuickSightDefinitionInputs = {
        kind: "analysis",
        awsAccountId: "123456789012",
        region: "eu-west-1",
        assetId: "usage-analysis",
        name: "API usage",
        definition: buildAnalysisDefinition({ dataSetArn: "arn:aws:quicksight:eu-west-1:123456789012:dataset/usage-dataset" }),
        permissions: [],
        connection: {
          ...connectionFromAwsConfig(config({ profile: "analytics", assumeRoles: ROLES, endpoints: JSON.stringify([{ quicksight: endpoint }, { sts: endpoint }]) })),
          sharedCredentialsFiles: [path.join(dir, "credentials")],
          sharedConfigFiles: [path.join(dir, "config")],
        },
      };
      seen.length = 0;
      const { outs } = await createQuickSightDefinitionProvider({ sleep: async () => undefined }).create(inputs);
      assert.equal(outs!.arn, "arn:aws:quicksight:eu-west-1:123456789012:analysis/usage-analysis");
      assert.deepEqual(
        seen.map((s) => `${s.service} ${s.accessKeyId} ${s.region}`),
        ["sts AKIAPROFILE000000001 eu-west-1", "sts ASIADEPLOYER0000001 eu-west-1", "quicksight ASIAQUICKSIGHT00002 eu-west-1", "quicksight ASIAQUICKSIGHT00002 eu-west-1"],
      );
      assert.match(seen[0]!.body, new RegExp(`RoleArn=${encodeURIComponent(DEPLOYER)}.*RoleSessionName=ci|RoleSessionName=ci.*RoleArn=${encodeURIComponent(DEPLOYER)}`));
      assert.match(seen[1]!.body, /ExternalId=acme-analytics/);
    });
  });
});
