/**
 * `npm run ci:bootstrap -- --repository <owner>/<name>`: what each AWS account needs before the
 * first run of .github/workflows/ (pull-request.yml, deploy.yml), printed, for an administrator to
 * apply once: GitHub's OIDC identity provider, a deploy role trusted by the GitHub environments of
 * the account's stacks, a read-only preview role trusted by the repository's pull requests, their
 * permissions, and the GitHub secrets and environments that name them.
 *
 * Printed, not deployed by a component of the stacks: the roles must exist before CI can run at
 * all, a stack able to rewrite the trust and permissions of the role that deploys it could widen
 * them from a merged pull request, and the identity provider is one per account, shared with every
 * other repository that deploys there (dev and staging here share one account).
 *
 * The deploy role's permissions are read off the synthesized fleet: each resource type the
 * account's stacks declare gives its IAM service; IAM roles and policies and S3 buckets are named
 * (the auto-names Pulumi gives them start with the logical name), and iam:PassRole goes only to the
 * service each role trusts.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { PROJECT } from "../config";
import { CommandIo, parseCommandLine, processIo, readCommand, runCommand, UsageError } from "../functions/shared/command-line";
import type { RecordedResource } from "../synth/engine";
import { FLEET_ORGANIZATION, fleetMember, fleetOrder, type FleetMember } from "../synth/fleet";
import { synthFleet } from "../synth/fleet-run";
import { listStacks, readStackFile } from "../synth/stack-file";

export const OIDC_PROVIDER_HOST = "token.actions.githubusercontent.com";
export const OIDC_AUDIENCE = "sts.amazonaws.com";
export const DEPLOY_ROLE_NAME = `${PROJECT}-github-deploy`;
export const PREVIEW_ROLE_NAME = `${PROJECT}-github-preview`;
/** The deploy jobs' environment secret holding the deploy role's ARN. */
export const DEPLOY_ROLE_SECRET = "AWS_ROLE_ARN";
/** IAM: all inline policies of one role together, counted without whitespace. */
export const INLINE_POLICY_LIMIT = 10_240;

/** The repository secret holding the preview role's ARN for `stack` (GitHub secret names: letters, digits, _). */
export const previewRoleSecret = (stack: string): string => `AWS_PREVIEW_ROLE_ARN_${stack.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;

export interface Statement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Principal?: { readonly Federated: string };
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: Statement[];
}

export interface AccountStacks {
  readonly account: string;
  readonly stacks: readonly FleetMember[];
  /** Every resource the account's stacks declare. */
  readonly resources: readonly RecordedResource[];
}

/** IAM service prefixes of the AWS resource types, by type-token prefix (the first match wins). */
export const SERVICES_BY_TYPE: ReadonlyArray<readonly [prefix: string, service: string]> = [
  ["aws:cloudwatch/log", "logs"],
  ["aws:cloudwatch/", "cloudwatch"],
  ["aws:kinesis/firehose", "firehose"],
  ["aws:kinesis/", "kinesis"],
  ["aws:lambda/", "lambda"],
  ["aws:glue/", "glue"],
  ["aws:athena/", "athena"],
  ["aws:cloudtrail/", "cloudtrail"],
  ["aws:kms/", "kms"],
  ["aws:sqs/", "sqs"],
  ["aws:sns/", "sns"],
  ["aws:oam/", "oam"],
  ["aws:quicksight/", "quicksight"],
  ["aws:s3/", "s3"],
  ["aws:iam/", "iam"],
  // The QuickSight analysis and dashboard: a dynamic resource calling the QuickSight API.
  ["pulumi-nodejs:dynamic/quicksight:", "quicksight"],
];

/** Resource types that run no AWS API of their own: components, stacks, providers, references. */
const NO_SERVICE = /^(pulumi:|api-usage:)/;

/** The IAM service a resource type is deployed through; a type not in the table is an error naming it. */
export function serviceOf(type: string): string | undefined {
  if (NO_SERVICE.test(type)) return undefined;
  const nativeModule = /^aws-native:([a-z0-9]+):/.exec(type)?.[1];
  if (nativeModule) return nativeModule;
  const found = SERVICES_BY_TYPE.find(([prefix]) => type.startsWith(prefix));
  if (!found) throw new Error(`no IAM service is known for resource type ${type}: add its type-token prefix to SERVICES_BY_TYPE in scripts/ci-bootstrap.ts`);
  return found[1];
}

const ROLE_ACTIONS = [
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:GetRole",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:UpdateAssumeRolePolicy",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:ListRoleTags",
  "iam:PutRolePolicy",
  "iam:GetRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:ListRolePolicies",
  "iam:ListAttachedRolePolicies",
  "iam:ListInstanceProfilesForRole",
];
const ATTACH_ACTIONS = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"];
const MANAGED_POLICY_ACTIONS = [
  "iam:CreatePolicy",
  "iam:DeletePolicy",
  "iam:GetPolicy",
  "iam:GetPolicyVersion",
  "iam:ListPolicyVersions",
  "iam:CreatePolicyVersion",
  "iam:DeletePolicyVersion",
  "iam:ListEntitiesForPolicy",
  "iam:TagPolicy",
  "iam:UntagPolicy",
  "iam:ListPolicyTags",
];
/** Cloud Control API, through which @pulumi/aws-native deploys. */
const CLOUD_CONTROL_ACTIONS = [
  "cloudformation:CreateResource",
  "cloudformation:GetResource",
  "cloudformation:UpdateResource",
  "cloudformation:DeleteResource",
  "cloudformation:GetResourceRequestStatus",
  "cloudformation:ListResources",
  "cloudformation:CancelResourceRequest",
];
/** Reads `pulumi preview` makes with this program: the provider's identity check and the program's invokes. */
const PREVIEW_ACTIONS = ["sts:GetCallerIdentity", "logs:DescribeLogGroups", "logs:ListTagsForResource", "logs:ListTagsLogGroup"];

const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** A physical name pattern: the explicit name, or the logical name plus Pulumi's random suffix. */
const namePattern = (resource: RecordedResource, input: string): string => str(resource.inputs[input]) ?? `${resource.name}-*`;

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

function trustedServices(role: RecordedResource): string[] {
  const text = str(role.inputs.assumeRolePolicy);
  if (!text) return [];
  let document: { Statement?: Array<{ Principal?: { Service?: string | string[] } }> };
  try {
    document = JSON.parse(text) as typeof document;
  } catch {
    return [];
  }
  return (document.Statement ?? []).flatMap((s) => [s.Principal?.Service ?? []].flat());
}

function stateStatements(account: AccountStacks, bucket: string, write: boolean): Statement[] {
  const statements: Statement[] = [
    { Sid: "StateList", Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${bucket}` },
    { Sid: "StateRead", Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/.pulumi/*` },
  ];
  if (write) {
    // pulumi/pulumi pkg/backend/diy: checkpoints, history, backups per project and stack; locks per qualified stack.
    const own = account.stacks.flatMap(({ stack }) => [
      `arn:aws:s3:::${bucket}/.pulumi/stacks/${PROJECT}/${stack}.json*`,
      `arn:aws:s3:::${bucket}/.pulumi/history/${PROJECT}/${stack}/*`,
      `arn:aws:s3:::${bucket}/.pulumi/backups/${PROJECT}/${stack}/*`,
      `arn:aws:s3:::${bucket}/.pulumi/locks/${FLEET_ORGANIZATION}/${PROJECT}/${stack}/*`,
    ]);
    statements.push({ Sid: "StateWrite", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: own });
  }
  return statements;
}

/** The deploy role's permissions in one account: what its stacks declare, plus the doctor's reads. */
export function deployPermissions(account: AccountStacks, stateBucket?: string): PolicyDocument {
  const services = sorted(account.resources.flatMap((r) => serviceOf(r.type) ?? []));
  const native = account.resources.some((r) => r.type.startsWith("aws-native:"));
  const arn = (service: string, resource: string) => `arn:aws:${service}::${account.account}:${resource}`;
  const roles = account.resources.filter((r) => r.type === "aws:iam/role:Role");
  const policies = account.resources.filter((r) => r.type === "aws:iam/policy:Policy");
  const buckets = account.resources.filter((r) => r.type === "aws:s3/bucket:Bucket" || r.type === "aws:s3/bucketV2:BucketV2");
  const attaches = account.resources.some((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" || (Array.isArray(r.inputs.managedPolicyArns) && r.inputs.managedPolicyArns.length > 0));

  const statements: Statement[] = [];
  const serviceWide = services.filter((s) => s !== "iam" && s !== "s3");
  if (serviceWide.length) statements.push({ Sid: "Services", Effect: "Allow", Action: serviceWide.map((s) => `${s}:*`), Resource: "*" });
  if (native) statements.push({ Sid: "CloudControl", Effect: "Allow", Action: CLOUD_CONTROL_ACTIONS, Resource: "*" });
  if (buckets.length) {
    const names = sorted(buckets.map((b) => namePattern(b, "bucket")));
    statements.push({ Sid: "Buckets", Effect: "Allow", Action: "s3:*", Resource: names.flatMap((name) => [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`]) });
  }
  if (roles.length) {
    statements.push({ Sid: "Roles", Effect: "Allow", Action: attaches ? [...ROLE_ACTIONS, ...ATTACH_ACTIONS] : ROLE_ACTIONS, Resource: sorted(roles.map((r) => arn("iam", `role/${namePattern(r, "name")}`))) });
    const byService = new Map<string, Set<string>>();
    for (const role of roles) {
      for (const service of trustedServices(role)) byService.set(service, (byService.get(service) ?? new Set()).add(arn("iam", `role/${namePattern(role, "name")}`)));
    }
    for (const [service, arns] of [...byService].sort(([a], [b]) => a.localeCompare(b))) {
      statements.push({
        Sid: `PassRoleTo${service.split(".")[0]!.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`,
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: sorted(arns),
        Condition: { StringEquals: { "iam:PassedToService": service } },
      });
    }
  }
  if (policies.length) statements.push({ Sid: "ManagedPolicies", Effect: "Allow", Action: MANAGED_POLICY_ACTIONS, Resource: sorted(policies.map((p) => arn("iam", `policy/${namePattern(p, "name")}`))) });
  // The doctor after each up reads the stages of a source stack's APIs (its other reads are above).
  const regions = sorted(account.stacks.filter((s) => s.role === "source").map((s) => s.region));
  if (regions.length) statements.push({ Sid: "DoctorApiGateway", Effect: "Allow", Action: "apigateway:GET", Resource: regions.map((region) => `arn:aws:apigateway:${region}::/*`) });
  if (stateBucket) statements.push(...stateStatements(account, stateBucket, true));
  return { Version: "2012-10-17", Statement: statements };
}

/** The preview role's permissions: reads only. */
export function previewPermissions(account: AccountStacks, stateBucket?: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "PreviewReads", Effect: "Allow", Action: PREVIEW_ACTIONS, Resource: "*" }, ...(stateBucket ? stateStatements(account, stateBucket, false) : [])],
  };
}

/** A trust policy for GitHub's OIDC tokens of `repository` whose subject is one of `subjects`. */
export function trustPolicy(account: string, repository: string, subjects: readonly string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "GitHubActions",
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${OIDC_PROVIDER_HOST}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${OIDC_PROVIDER_HOST}:aud`]: OIDC_AUDIENCE,
            [`${OIDC_PROVIDER_HOST}:sub`]: subjects.map((subject) => `repo:${repository}:${subject}`),
          },
        },
      },
    ],
  };
}

/** Deploy jobs run in the GitHub environment named after their stack; previews on pull requests. */
export const deploySubjects = (account: AccountStacks): string[] => account.stacks.map(({ stack }) => `environment:${stack}`);
export const PREVIEW_SUBJECTS = ["pull_request"] as const;

/** IAM counts a role's inline policies without whitespace; above the limit PutRolePolicy fails. */
export function checkInlinePolicySize(label: string, document: PolicyDocument): number {
  const size = JSON.stringify(document).length;
  if (size > INLINE_POLICY_LIMIT) {
    throw new Error(`${label} is ${size} characters, above IAM's ${INLINE_POLICY_LIMIT} for a role's inline policies: split the role, or narrow the resource lists`);
  }
  return size;
}

export interface AccountDocuments {
  readonly account: string;
  readonly stacks: readonly FleetMember[];
  readonly files: Readonly<Record<"deploy-trust.json" | "deploy-permissions.json" | "preview-trust.json" | "preview-permissions.json", PolicyDocument>>;
}

export function accountDocuments(account: AccountStacks, repository: string, stateBucket?: string): AccountDocuments {
  const files = {
    "deploy-trust.json": trustPolicy(account.account, repository, deploySubjects(account)),
    "deploy-permissions.json": deployPermissions(account, stateBucket),
    "preview-trust.json": trustPolicy(account.account, repository, PREVIEW_SUBJECTS),
    "preview-permissions.json": previewPermissions(account, stateBucket),
  };
  checkInlinePolicySize(`the deploy role's policy in ${account.account}`, files["deploy-permissions.json"]);
  checkInlinePolicySize(`the preview role's policy in ${account.account}`, files["preview-permissions.json"]);
  return { account: account.account, stacks: account.stacks, files };
}

/** The fleet's stacks grouped by account, in fleet order, with what each declares. */
export function accountsOf(members: readonly FleetMember[], resources: ReadonlyMap<string, readonly RecordedResource[]>): AccountStacks[] {
  const accounts = new Map<string, FleetMember[]>();
  for (const member of fleetOrder(members)) accounts.set(member.account, [...(accounts.get(member.account) ?? []), member]);
  return [...accounts].map(([account, stacks]) => ({ account, stacks, resources: stacks.flatMap(({ stack }) => resources.get(stack) ?? []) }));
}

const roleArn = (account: string, role: string) => `arn:aws:iam::${account}:role/${role}`;

export function renderBootstrap(documents: readonly AccountDocuments[], repository: string, stateBucket?: string): string {
  const stacks = documents.flatMap((d) => d.stacks.map((member) => ({ member, account: d.account })));
  const out = [
    "# Before the first CI run",
    "",
    `Generated by \`npm run ci:bootstrap -- --repository ${repository}${stateBucket ? ` --state-bucket ${stateBucket}` : ""}\` from the stack files and their synthesized plans; run it again when they change. An administrator of each account applies it once. docs/ci.md explains each part.`,
    "",
    "## In each AWS account",
    "",
    `Run these in the folder of this file, with administrator credentials for the account. The OIDC provider exists once per account: skip its command where \`aws iam list-open-id-connect-providers\` already lists \`${OIDC_PROVIDER_HOST}\` (another repository may have created it). IAM needs no thumbprint for GitHub's provider.`,
    "",
  ];
  for (const { account, stacks: members } of documents) {
    out.push(
      `### Account ${account}: ${members.map((m) => `${m.stack} (${m.region})`).join(", ")}`,
      "",
      "```bash",
      `aws iam create-open-id-connect-provider --url https://${OIDC_PROVIDER_HOST} --client-id-list ${OIDC_AUDIENCE}`,
      `aws iam create-role --role-name ${DEPLOY_ROLE_NAME} --assume-role-policy-document file://${account}/deploy-trust.json`,
      `aws iam put-role-policy --role-name ${DEPLOY_ROLE_NAME} --policy-name deploy --policy-document file://${account}/deploy-permissions.json`,
      `aws iam create-role --role-name ${PREVIEW_ROLE_NAME} --assume-role-policy-document file://${account}/preview-trust.json`,
      `aws iam put-role-policy --role-name ${PREVIEW_ROLE_NAME} --policy-name preview --policy-document file://${account}/preview-permissions.json`,
      "```",
      "",
      `- \`${DEPLOY_ROLE_NAME}\` is assumed only by jobs in the GitHub environment${members.length > 1 ? "s" : ""} ${members.map((m) => `\`${m.stack}\``).join(", ")} of \`${repository}\`; it may change what the stacks declare (services: ${serviceList(documents, account)}), the roles and buckets they name, and pass each role only to the service it trusts.`,
      `- \`${PREVIEW_ROLE_NAME}\` is assumed only by pull-request jobs of \`${repository}\` and reads only: ${PREVIEW_ACTIONS.join(", ")}${stateBucket ? ", and the state bucket" : ""}. It reads no bucket of the stacks: a pull request's code runs with it.`,
      "",
    );
  }
  out.push(
    "## In the GitHub repository",
    "",
    "Settings → Environments: one environment per stack, each allowed to deploy from `main` only (Deployment branches), with the secret that names its account's deploy role. Protect `prod` with required reviewers: its deploy waits for an approval.",
    "",
    `| environment | protection | secret \`${DEPLOY_ROLE_SECRET}\` |`,
    "| --- | --- | --- |",
    ...stacks.map(({ member, account }) => `| \`${member.stack}\` | main only${member.stack === "prod" ? "; required reviewers" : ""} | \`${roleArn(account, DEPLOY_ROLE_NAME)}\` |`),
    "",
    "Settings → Secrets and variables → Actions, repository secrets (a fork's pull request gets none, so its previews are skipped):",
    "",
    "| secret | value |",
    "| --- | --- |",
    ...stacks.map(({ member, account }) => `| \`${previewRoleSecret(member.stack)}\` | \`${roleArn(account, PREVIEW_ROLE_NAME)}\` |`),
    stateBucket
      ? `| \`PULUMI_BACKEND_URL\` | \`s3://${stateBucket}\` |\n| \`PULUMI_CONFIG_PASSPHRASE\` | the passphrase of the stacks' secrets provider (not needed with an awskms:// provider) |`
      : "| `PULUMI_ACCESS_TOKEN` | a Pulumi Cloud access token of the organization that holds the stacks |",
    "",
    `Create each stack once from a workstation (\`pulumi stack init <stack>\`${stateBucket ? `, logged in to s3://${stateBucket}` : ""}) before the first deploy; the workflows select stacks, they never create one.`,
    ...(stateBucket
      ? ["", `The state bucket: where it lives in another account than a role, its bucket policy must also allow that role (the statements State* of each role's permissions).`]
      : []),
    "",
  );
  return out.join("\n");
}

function serviceList(documents: readonly AccountDocuments[], account: string): string {
  const services = documents.find((d) => d.account === account)!.files["deploy-permissions.json"].Statement.find((s) => s.Sid === "Services");
  return [services?.Action ?? []].flat().map((a) => a.replace(/:\*$/, "")).join(", ");
}

/** Writes <outDir>/README.md and <outDir>/<account>/*.json; returns the README. */
export function writeBootstrap(outDir: string, documents: readonly AccountDocuments[], repository: string, stateBucket?: string): string {
  mkdirSync(outDir, { recursive: true });
  for (const { account, files } of documents) {
    mkdirSync(path.join(outDir, account), { recursive: true });
    for (const [file, document] of Object.entries(files)) writeFileSync(path.join(outDir, account, file), `${JSON.stringify(document, null, 2)}\n`);
  }
  const readme = renderBootstrap(documents, repository, stateBucket);
  writeFileSync(path.join(outDir, "README.md"), readme);
  return readme;
}

export const USAGE = `usage: npm run ci:bootstrap -- --repository <owner>/<name> [--state-bucket <bucket>] [--out <dir>]

  --repository <owner>/<name>  the GitHub repository as its OIDC tokens name it: owner/name, or
                               owner@<org id>/name@<repo id> where the repository emits immutable subjects
  --state-bucket <bucket>      the S3 bucket of a self-managed Pulumi backend (default: Pulumi Cloud)
  --out <dir>                  where to write the documents (default out/ci-bootstrap)
  -h, --help                   print this and exit

Synthesizes the fleet offline, then writes <dir>/README.md (the steps) and, per account,
<dir>/<account>/{deploy,preview}-{trust,permissions}.json. exit codes: 0 written, 2 bad command
line or a fleet that does not synthesize`;

const OPTIONS = {
  repository: { type: "string" },
  "state-bucket": { type: "string" },
  out: { type: "string" },
} as const;

const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:@\d+)?\/[A-Za-z0-9._-]+(?:@\d+)?$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export async function main(argv: readonly string[], io: CommandIo = processIo, rootDir = path.resolve(__dirname, "..")): Promise<number> {
  const command = readCommand(
    () => {
      const { values } = parseCommandLine(argv, OPTIONS);
      if (values.help) return "help";
      if (!values.repository || !REPOSITORY.test(values.repository)) {
        throw new UsageError(`--repository must be the GitHub repository as owner/name (or owner@<org id>/name@<repo id>), got ${JSON.stringify(values.repository ?? null)}`);
      }
      const bucket = values["state-bucket"];
      if (bucket !== undefined && !BUCKET.test(bucket)) throw new UsageError(`--state-bucket must be an S3 bucket name (3-63 of a-z, 0-9, . and -), got ${JSON.stringify(bucket)}`);
      return { repository: values.repository, stateBucket: bucket, outDir: path.resolve(values.out ?? path.join(rootDir, "out", "ci-bootstrap")) };
    },
    USAGE,
    io,
  );
  if (typeof command === "number") return command;

  const stacks = listStacks(readdirSync(rootDir));
  const scratch = mkdtempSync(path.join(tmpdir(), "ci-bootstrap-"));
  let fleet;
  try {
    fleet = await synthFleet({ rootDir, stacks, outDir: scratch, quiet: true, log: () => undefined });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const failed = [...fleet.outcomes].filter(([, outcome]) => !outcome.resources);
  if (failed.length || fleet.problems.length) {
    for (const [stack, outcome] of failed) io.err(`ci:bootstrap: ${stack} does not synthesize: ${outcome.reason ?? `exit ${outcome.exitCode}`}`);
    for (const problem of fleet.problems) io.err(`ci:bootstrap: ${problem.message}`);
    io.err("ci:bootstrap: the roles are derived from the synthesized stacks; fix the synth first (npm run synth -- --all)");
    return 2;
  }
  const members = stacks.map((stack) => fleetMember(stack, readStackFile(rootDir, stack)));
  const resources = new Map([...fleet.outcomes].map(([stack, outcome]) => [stack, outcome.resources ?? []]));
  const documents = accountsOf(members, resources).map((account) => accountDocuments(account, command.repository, command.stateBucket));

  const readme = writeBootstrap(command.outDir, documents, command.repository, command.stateBucket);
  io.out(readme);
  io.out(`ci:bootstrap: ${documents.length} account(s) → ${path.relative(process.cwd(), command.outDir) || "."}/`);
  return 0;
}

if (require.main === module) runCommand(main);
