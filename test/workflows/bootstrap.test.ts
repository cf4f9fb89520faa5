/**
 * `npm run ci:bootstrap`: the OIDC roles each account needs before the first CI run, derived from the
 * synthesized fleet (synthesized once, in before()). The ARNs the fake AWS gives the stacks' roles
 * and buckets carry auto-names as Pulumi makes them, so the deploy role's patterns are checked
 * against the names the resources will really have.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { RecordedResource } from "../../synth/engine";
import { synthFleet } from "../../synth/fleet-run";
import {
  accountDocuments,
  accountsOf,
  checkInlinePolicySize,
  DEPLOY_ROLE_SECRET,
  INLINE_POLICY_LIMIT,
  main,
  renderBootstrap,
  serviceOf,
  type AccountDocuments,
  type AccountStacks,
  type PolicyDocument,
  type Statement,
  writeBootstrap,
} from "../../scripts/ci-bootstrap";
import { fleetMembers, readWorkflow, ROOT } from "./support";

const REPOSITORY = "acme/api-usage-insights";
const members = fleetMembers();
let accounts: AccountStacks[];
let documents: AccountDocuments[];

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : [value].flat());
/** IAM's wildcard match of an ARN pattern (`*` any run of characters, `?` one). */
const matches = (pattern: string, arn: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`).test(arn);
const statement = (document: PolicyDocument, sid: string): Statement | undefined => document.Statement.find((s) => s.Sid === sid);
const allows = (document: PolicyDocument, action: string, arn: string) =>
  document.Statement.some((s) => list(s.Action).some((a) => matches(a, action)) && list(s.Resource).some((r) => matches(r, arn)));
const ofType = (account: AccountStacks, type: string): RecordedResource[] => account.resources.filter((r) => r.type === type);

describe("the CI bootstrap of each AWS account", function () {
  this.timeout(120_000);

  before(async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), "bootstrap-"));
    try {
      const fleet = await synthFleet({ rootDir: ROOT, stacks: members.map((m) => m.stack), outDir: scratch, quiet: true, log: () => undefined });
      accounts = accountsOf(members, new Map([...fleet.outcomes].map(([stack, outcome]) => [stack, outcome.resources ?? []])));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    documents = accounts.map((account) => accountDocuments(account, REPOSITORY));
  });

  it("groups the stacks by the account their stack files pin, one set of roles per account", () => {
    assert.deepEqual(
      documents.map((d) => [d.account, d.stacks.map((s) => s.stack)]),
      [
        ["210987654321", ["monitoring"]],
        ["111122223333", ["dev", "staging"]],
        ["555566667777", ["prod"]],
      ],
    );
  });

  it("trusts each deploy role only to the GitHub environments of its account's stacks, and each preview role only to pull requests", () => {
    for (const { account, stacks, files } of documents) {
      for (const [file, subjects] of [
        ["deploy-trust.json", stacks.map((s) => `repo:${REPOSITORY}:environment:${s.stack}`)],
        ["preview-trust.json", [`repo:${REPOSITORY}:pull_request`]],
      ] as const) {
        const [trust, ...others] = files[file].Statement;
        assert.deepEqual(others, []);
        assert.deepEqual(trust!.Principal, { Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` });
        assert.equal(trust!.Action, "sts:AssumeRoleWithWebIdentity");
        assert.deepEqual(trust!.Condition, { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": subjects } });
      }
    }
  });

  it("lets each deploy role change every resource its account's stacks declare, roles and buckets by the names they will have", () => {
    for (const [account, { files }] of accounts.map((a, i) => [a, documents[i]!] as const)) {
      const deploy = files["deploy-permissions.json"];
      for (const resource of account.resources) {
        const service = serviceOf(resource.type);
        if (!service) continue;
        if (service === "iam" || service === "s3") continue;
        assert.ok(list(statement(deploy, "Services")?.Action).includes(`${service}:*`), `${account.account}: ${resource.type}`);
      }
      for (const role of ofType(account, "aws:iam/role:Role")) {
        for (const action of ["iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRole"]) assert.ok(allows(deploy, action, String(role.outputs.arn)), `${action} on ${role.outputs.arn}`);
      }
      for (const bucket of ofType(account, "aws:s3/bucket:Bucket")) {
        assert.ok(allows(deploy, "s3:CreateBucket", String(bucket.outputs.arn)) && allows(deploy, "s3:PutObject", `${bucket.outputs.arn}/data/x.parquet`), String(bucket.outputs.arn));
      }
      for (const policy of ofType(account, "aws:iam/policy:Policy")) assert.ok(allows(deploy, "iam:CreatePolicy", String(policy.outputs.arn)), String(policy.outputs.arn));
    }
  });

  it("grants no IAM or S3 action beyond the stacks' own roles, policies and buckets", () => {
    for (const { account, files } of documents) {
      const deploy = files["deploy-permissions.json"];
      assert.ok(!allows(deploy, "iam:CreateRole", `arn:aws:iam::${account}:role/Administrator`));
      assert.ok(!allows(deploy, "iam:AttachRolePolicy", `arn:aws:iam::${account}:role/access-logs-firehose-1234567`));
      assert.ok(!allows(deploy, "iam:CreateUser", `arn:aws:iam::${account}:user/someone`));
      assert.ok(!allows(deploy, "s3:GetObject", "arn:aws:s3:::another-teams-bucket/secret.csv"));
    }
  });

  it("passes each role only to the service its trust policy names", () => {
    const dev = documents.find((d) => d.stacks.some((s) => s.stack === "dev"))!.files["deploy-permissions.json"];
    const passes = dev.Statement.filter((s) => s.Action === "iam:PassRole");
    assert.deepEqual(passes.map((s) => s.Condition?.StringEquals?.["iam:PassedToService"]).sort(), ["cloudtrail.amazonaws.com", "firehose.amazonaws.com", "lambda.amazonaws.com", "logs.amazonaws.com"]);
    const toFirehose = passes.find((s) => s.Condition?.StringEquals?.["iam:PassedToService"] === "firehose.amazonaws.com")!;
    assert.deepEqual(list(toFirehose.Resource), ["arn:aws:iam::111122223333:role/access-logs-firehose-*"]);
  });

  it("gives the preview roles reads only, and none of the stacks' buckets: a pull request's code runs with them", () => {
    for (const { account, files } of documents) {
      const preview = files["preview-permissions.json"];
      for (const action of preview.Statement.flatMap((s) => list(s.Action))) assert.match(action, /^[a-z0-9-]+:(Get|List|Describe)[A-Za-z]*$/, action);
      for (const bucket of ofType(accounts.find((a) => a.account === account)!, "aws:s3/bucket:Bucket")) assert.ok(!allows(preview, "s3:GetObject", `${bucket.outputs.arn}/data/x.parquet`));
    }
  });

  it("adds the state bucket of a self-managed backend: reads for both roles, writes for the deploy role to its own stacks only", () => {
    const dev = accounts.find((a) => a.stacks.some((s) => s.stack === "dev"))!;
    const { files } = accountDocuments(dev, REPOSITORY, "acme-state");
    assert.ok(allows(files["preview-permissions.json"], "s3:GetObject", "arn:aws:s3:::acme-state/.pulumi/stacks/api-usage-insights/monitoring.json"));
    assert.ok(!allows(files["preview-permissions.json"], "s3:PutObject", "arn:aws:s3:::acme-state/.pulumi/stacks/api-usage-insights/dev.json"));
    assert.ok(allows(files["deploy-permissions.json"], "s3:PutObject", "arn:aws:s3:::acme-state/.pulumi/stacks/api-usage-insights/dev.json"));
    assert.ok(allows(files["deploy-permissions.json"], "s3:PutObject", "arn:aws:s3:::acme-state/.pulumi/locks/organization/api-usage-insights/staging/1.json"));
    assert.ok(!allows(files["deploy-permissions.json"], "s3:PutObject", "arn:aws:s3:::acme-state/.pulumi/stacks/api-usage-insights/prod.json"));
  });

  it("names a resource type it knows no IAM service for, rather than granting nothing for it", () => {
    assert.throws(() => serviceOf("aws:ec2/instance:Instance"), /no IAM service is known for resource type aws:ec2\/instance:Instance: add its type-token prefix to SERVICES_BY_TYPE/);
    assert.equal(serviceOf("aws-native:quicksight:Dashboard"), "quicksight");
    assert.equal(serviceOf("api-usage:dashboard:UsageDashboard"), undefined);
  });

  it("keeps a role's inline policy within IAM's 10,240 characters: one at the limit passes, one beyond is refused", () => {
    const sized = (length: number): PolicyDocument => {
      const base: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "", Effect: "Allow", Action: "s3:GetObject", Resource: "" }] };
      const padding = length - JSON.stringify(base).length;
      return { Version: "2012-10-17", Statement: [{ Sid: "", Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${"b".repeat(padding - "arn:aws:s3:::".length)}` }] };
    };
    assert.equal(checkInlinePolicySize("at the limit", sized(INLINE_POLICY_LIMIT)), INLINE_POLICY_LIMIT);
    assert.throws(() => checkInlinePolicySize("the deploy role's policy in 111122223333", sized(INLINE_POLICY_LIMIT + 1)), /the deploy role's policy in 111122223333 is 10241 characters, above IAM's 10240/);
  });

  it("tells which environment secret and repository secrets to create: the ones the workflows read", () => {
    const readme = renderBootstrap(documents, REPOSITORY);
    const deploy = readWorkflow(".github/workflows/deploy.yml");
    for (const job of Object.values(deploy.jobs)) {
      assert.equal(job.steps!.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))!.with!["role-to-assume"], `\${{ secrets.${DEPLOY_ROLE_SECRET} }}`);
      assert.match(readme, new RegExp(`\\| \`${job.environment}\` \\| main only${job.environment === "prod" ? "; required reviewers" : ""} \\| \`arn:aws:iam::${job.env!.STACK_ACCOUNT}:role/api-usage-insights-github-deploy\` \\|`));
    }
    for (const row of readWorkflow(".github/workflows/pull-request.yml").jobs.preview!.strategy!.matrix!.include!) {
      assert.match(readme, new RegExp(`\\| \`${row["role-secret"]}\` \\| \`arn:aws:iam::${row.account}:role/api-usage-insights-github-preview\` \\|`));
    }
  });

  it("refuses a repository that is not owner/name, naming the flag", async () => {
    const err: string[] = [];
    assert.equal(await main(["--repository", "https://github.com/acme/api-usage-insights"], { out: () => undefined, err: (t) => err.push(t) }), 2);
    assert.match(err.join("\n"), /--repository must be the GitHub repository as owner\/name .*got "https:\/\/github.com\/acme\/api-usage-insights"/);
  });

  it("writes the README it prints and each account's documents", () => {
    const out = mkdtempSync(path.join(tmpdir(), "bootstrap-out-"));
    const immutable = "acme@12/api-usage-insights@34";
    const readme = writeBootstrap(out, accounts.map((account) => accountDocuments(account, immutable)), immutable);
    assert.equal(readFileSync(path.join(out, "README.md"), "utf8"), readme);
    const trust = JSON.parse(readFileSync(path.join(out, "555566667777/deploy-trust.json"), "utf8")) as PolicyDocument;
    assert.deepEqual(trust.Statement[0]!.Condition!.StringEquals!["token.actions.githubusercontent.com:sub"], ["repo:acme@12/api-usage-insights@34:environment:prod"]);
  });
});
