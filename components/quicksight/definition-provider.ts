import type {
  AnalysisDefinition,
  DashboardPublishOptions,
  DashboardVersionDefinition,
  QuickSightClient,
  ResourcePermission,
} from "@aws-sdk/client-quicksight";
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { QuickSightConnection } from "./connection";

/**
 * The dynamic provider behind `QuickSightDefinition`: creates, updates (new version, then publish)
 * and deletes a QuickSight analysis or dashboard from a full `Definition`.
 *
 * Pulumi serializes this provider by closure into the state. So the SDK and node modules are
 * loaded inside the methods (a top-level SDK import drags the SDK's internals into the closure and
 * fails to serialize), and everything the methods use is a local, non-exported function.
 */

export type QuickSightAssetKind = "analysis" | "dashboard";

/** Plain inputs the provider receives (the resource's args, resolved). */
export interface QuickSightDefinitionInputs {
  readonly kind: QuickSightAssetKind;
  readonly awsAccountId: string;
  readonly region: string;
  /** AnalysisId or DashboardId. */
  readonly assetId: string;
  readonly name: string;
  readonly definition: AnalysisDefinition | DashboardVersionDefinition;
  readonly permissions: readonly ResourcePermission[];
  readonly themeArn?: string;
  /** Dashboard only. */
  readonly dashboardPublishOptions?: DashboardPublishOptions;
  /** Dashboard only: the description of each new version. */
  readonly versionDescription?: string;
  /** The stack's AWS settings (profile, assume-role chain, endpoints); absent: the ambient chain. */
  readonly connection?: QuickSightConnection;
}

export interface QuickSightDefinitionOutputs extends QuickSightDefinitionInputs {
  readonly arn: string;
  /** Dashboard only: the published version. */
  readonly versionNumber?: number;
  /** SHA-256 of the canonical JSON of everything but the permissions. */
  readonly contentHash: string;
  /** SHA-256 of the canonical JSON of the permissions, sorted. */
  readonly permissionsHash: string;
}

export interface ProviderOptions {
  /** Time between two status polls; default 2000 ms. */
  readonly pollIntervalMs?: number;
  /** Polls before giving up on a version that stays in progress; default 150 (5 minutes at 2 s). */
  readonly maxPolls?: number;
  /** Injectable for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export type QuickSightDefinitionProvider = Required<
  Pick<dynamic.ResourceProvider<QuickSightDefinitionInputs, QuickSightDefinitionOutputs>, "check" | "diff" | "create" | "update" | "delete">
>;

/** Inputs whose change means a different asset: replace instead of update. */
const IDENTITY_KEYS = ["kind", "awsAccountId", "region", "assetId"] as const;

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

async function sha256(value: unknown): Promise<string> {
  const crypto = await import("node:crypto");
  return crypto.createHash("sha256").update(canonicalJson(value)).digest("hex");
}

function contentOf(inputs: QuickSightDefinitionInputs): unknown {
  return {
    name: inputs.name,
    definition: inputs.definition,
    themeArn: inputs.themeArn,
    dashboardPublishOptions: inputs.dashboardPublishOptions,
    versionDescription: inputs.versionDescription,
  };
}

/** Principal → sorted actions, principals sorted: the order QuickSight or the caller used does not matter. */
function normalizePermissions(permissions: readonly ResourcePermission[]): [string, string[]][] {
  const byPrincipal = new Map<string, Set<string>>();
  for (const p of permissions) {
    const actions = byPrincipal.get(p.Principal ?? "") ?? new Set<string>();
    for (const a of p.Actions ?? []) actions.add(a);
    byPrincipal.set(p.Principal ?? "", actions);
  }
  return [...byPrincipal]
    .map(([principal, actions]): [string, string[]] => [principal, [...actions].sort()])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function hashes(inputs: QuickSightDefinitionInputs): Promise<{ contentHash: string; permissionsHash: string }> {
  return { contentHash: await sha256(contentOf(inputs)), permissionsHash: await sha256(normalizePermissions(inputs.permissions)) };
}

/** Grants every wanted action; revokes the actions a principal had before and no longer has. */
function permissionChanges(
  olds: readonly ResourcePermission[],
  news: readonly ResourcePermission[],
): { grant: ResourcePermission[]; revoke: ResourcePermission[] } {
  const wanted = new Map(normalizePermissions(news));
  const revoke: ResourcePermission[] = [];
  for (const [principal, actions] of normalizePermissions(olds)) {
    const gone = actions.filter((a) => !(wanted.get(principal) ?? []).includes(a));
    if (gone.length > 0) revoke.push({ Principal: principal, Actions: gone });
  }
  return { grant: [...wanted].map(([Principal, Actions]) => ({ Principal, Actions })), revoke };
}

function describeAsset(inputs: QuickSightDefinitionInputs): string {
  return `QuickSight ${inputs.kind} "${inputs.assetId}" in ${inputs.awsAccountId}/${inputs.region}`;
}

function formatErrors(errors: readonly { Type?: string; Message?: string; ViolatedEntities?: { Path?: string }[] }[] | undefined): string {
  if (errors === undefined || errors.length === 0) return "QuickSight reported no error details";
  return errors
    .map((e) => {
      const paths = (e.ViolatedEntities ?? []).map((v) => v.Path).filter((p): p is string => p !== undefined);
      return `${e.Type ?? "UNKNOWN"}: ${e.Message ?? "(no message)"}${paths.length > 0 ? ` (at ${paths.join(", ")})` : ""}`;
    })
    .join("; ");
}

function versionNumberOf(versionArn: string | undefined, inputs: QuickSightDefinitionInputs): number {
  const match = /\/version\/(\d+)$/.exec(versionArn ?? "");
  if (match === null) throw new Error(`${describeAsset(inputs)}: expected a version ARN ending in /version/<n>, got ${JSON.stringify(versionArn)}`);
  return Number(match[1]);
}

type Credentials = NonNullable<NonNullable<ConstructorParameters<typeof QuickSightClient>[0]>["credentials"]>;

/** The profile's credentials (or the ambient chain's), then each role of the chain assumed in turn. */
async function credentialsFor(inputs: QuickSightDefinitionInputs): Promise<Credentials> {
  const connection = inputs.connection ?? {};
  let credentials: Credentials;
  if (connection.profile) {
    const ini = await import("@aws-sdk/credential-provider-ini");
    credentials = ini.fromIni({
      profile: connection.profile,
      ...(connection.sharedCredentialsFiles?.[0] ? { filepath: connection.sharedCredentialsFiles[0] } : {}),
      ...(connection.sharedConfigFiles?.[0] ? { configFilepath: connection.sharedConfigFiles[0] } : {}),
    });
  } else {
    const chain = await import("@aws-sdk/credential-provider-node");
    credentials = chain.defaultProvider();
  }
  for (const step of connection.assumeRoles ?? []) {
    const sts = await import("@aws-sdk/client-sts");
    const previous: Credentials = credentials;
    const client: import("@aws-sdk/client-sts").STSClient = new sts.STSClient({ region: inputs.region, credentials: previous, ...(connection.endpoints?.sts ? { endpoint: connection.endpoints.sts } : {}) });
    const out: import("@aws-sdk/client-sts").AssumeRoleCommandOutput = await client.send(
      new sts.AssumeRoleCommand({
        RoleArn: step.roleArn,
        RoleSessionName: step.sessionName ?? "api-usage-insights-quicksight",
        ...(step.externalId ? { ExternalId: step.externalId } : {}),
        ...(step.durationSeconds ? { DurationSeconds: step.durationSeconds } : {}),
      }),
    );
    const c: import("@aws-sdk/client-sts").Credentials | undefined = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`${describeAsset(inputs)}: AssumeRole of ${step.roleArn} returned no credentials`);
    credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, ...(c.Expiration ? { expiration: c.Expiration } : {}) };
  }
  return credentials;
}

async function clientFor(inputs: QuickSightDefinitionInputs): Promise<QuickSightClient> {
  const sdk = await import("@aws-sdk/client-quicksight");
  const endpoint = inputs.connection?.endpoints?.quicksight;
  return new sdk.QuickSightClient({ region: inputs.region, credentials: await credentialsFor(inputs), ...(endpoint ? { endpoint } : {}) });
}

function isNotFound(err: unknown): boolean {
  return typeof err === "object" && err !== null && "name" in err && err.name === "ResourceNotFoundException";
}

interface Poller {
  readonly intervalMs: number;
  readonly maxPolls: number;
  readonly sleep: (ms: number) => Promise<void>;
}

type Status = { status?: string; errors?: { Type?: string; Message?: string; ViolatedEntities?: { Path?: string }[] }[] };

/** Polls until the status is successful; throws QuickSight's own errors on failure, and after maxPolls. */
async function waitUntilSuccessful(what: string, poller: Poller, describe: () => Promise<Status>): Promise<void> {
  let last: string | undefined;
  for (let poll = 1; poll <= poller.maxPolls; poll++) {
    const { status, errors } = await describe();
    last = status;
    if (status === "CREATION_SUCCESSFUL" || status === "UPDATE_SUCCESSFUL") return;
    if (status === "CREATION_FAILED" || status === "UPDATE_FAILED" || status === "DELETED") {
      throw new Error(`${what} failed with status ${status}: ${formatErrors(errors)}`);
    }
    if (poll < poller.maxPolls) await poller.sleep(poller.intervalMs);
  }
  throw new Error(
    `${what} still ${last ?? "without a status"} after ${poller.maxPolls} polls ${poller.intervalMs} ms apart; check it in the QuickSight console and run the update again`,
  );
}

async function waitForDashboardVersion(client: QuickSightClient, inputs: QuickSightDefinitionInputs, version: number, poller: Poller): Promise<void> {
  const sdk = await import("@aws-sdk/client-quicksight");
  await waitUntilSuccessful(`${describeAsset(inputs)} version ${version}`, poller, async () => {
    const out = await client.send(
      new sdk.DescribeDashboardCommand({ AwsAccountId: inputs.awsAccountId, DashboardId: inputs.assetId, VersionNumber: version }),
    );
    return { status: out.Dashboard?.Version?.Status, errors: out.Dashboard?.Version?.Errors };
  });
}

async function waitForAnalysis(client: QuickSightClient, inputs: QuickSightDefinitionInputs, poller: Poller): Promise<void> {
  const sdk = await import("@aws-sdk/client-quicksight");
  await waitUntilSuccessful(describeAsset(inputs), poller, async () => {
    const out = await client.send(new sdk.DescribeAnalysisCommand({ AwsAccountId: inputs.awsAccountId, AnalysisId: inputs.assetId }));
    return { status: out.Analysis?.Status, errors: out.Analysis?.Errors };
  });
}

async function publish(client: QuickSightClient, inputs: QuickSightDefinitionInputs, version: number): Promise<void> {
  const sdk = await import("@aws-sdk/client-quicksight");
  await client.send(
    new sdk.UpdateDashboardPublishedVersionCommand({ AwsAccountId: inputs.awsAccountId, DashboardId: inputs.assetId, VersionNumber: version }),
  );
}

async function deleteAsset(client: QuickSightClient, inputs: QuickSightDefinitionInputs): Promise<void> {
  const sdk = await import("@aws-sdk/client-quicksight");
  try {
    if (inputs.kind === "dashboard") {
      await client.send(new sdk.DeleteDashboardCommand({ AwsAccountId: inputs.awsAccountId, DashboardId: inputs.assetId }));
    } else {
      // The analysis lives in code: a recovery window would only block re-creating the same id.
      await client.send(
        new sdk.DeleteAnalysisCommand({ AwsAccountId: inputs.awsAccountId, AnalysisId: inputs.assetId, ForceDeleteWithoutRecovery: true }),
      );
    }
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** Creates the asset and waits for it; returns its ARN and (dashboards) its version. */
async function createAsset(client: QuickSightClient, inputs: QuickSightDefinitionInputs, poller: Poller): Promise<{ arn: string; versionNumber?: number }> {
  const sdk = await import("@aws-sdk/client-quicksight");
  const common = { AwsAccountId: inputs.awsAccountId, Name: inputs.name, Permissions: [...inputs.permissions], ThemeArn: inputs.themeArn };
  if (inputs.kind === "dashboard") {
    const out = await client.send(
      new sdk.CreateDashboardCommand({
        ...common,
        DashboardId: inputs.assetId,
        Definition: inputs.definition,
        DashboardPublishOptions: inputs.dashboardPublishOptions,
        VersionDescription: inputs.versionDescription,
      }),
    );
    const versionNumber = versionNumberOf(out.VersionArn, inputs);
    await waitForDashboardVersion(client, inputs, versionNumber, poller);
    await publish(client, inputs, versionNumber);
    return { arn: out.Arn ?? "", versionNumber };
  }
  const out = await client.send(new sdk.CreateAnalysisCommand({ ...common, AnalysisId: inputs.assetId, Definition: inputs.definition }));
  await waitForAnalysis(client, inputs, poller);
  return { arn: out.Arn ?? "" };
}

function checkInputs(news: QuickSightDefinitionInputs): dynamic.CheckFailure[] {
  const failures: dynamic.CheckFailure[] = [];
  const fail = (property: string, value: unknown, expected: string): void => {
    failures.push({ property, reason: `${property} is ${JSON.stringify(value)}; expected ${expected}` });
  };
  if (news.kind !== "analysis" && news.kind !== "dashboard") fail("kind", news.kind, `"analysis" or "dashboard"`);
  if (typeof news.awsAccountId !== "string" || !/^\d{12}$/.test(news.awsAccountId)) fail("awsAccountId", news.awsAccountId, "a 12-digit AWS account id");
  if (typeof news.region !== "string" || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(news.region)) fail("region", news.region, "an AWS region such as eu-west-1");
  if (typeof news.assetId !== "string" || !/^[\w-]{1,512}$/.test(news.assetId)) fail("assetId", news.assetId, "1-512 letters, digits, '_' or '-'");
  if (typeof news.name !== "string" || news.name.length < 1 || news.name.length > 2048) fail("name", news.name, "a name of 1-2048 characters");
  if (typeof news.definition !== "object" || news.definition === null) fail("definition", news.definition, "a QuickSight Definition object");
  if (!Array.isArray(news.permissions)) fail("permissions", news.permissions, "a list of { Principal, Actions }");
  if (news.kind === "analysis" && news.dashboardPublishOptions !== undefined) {
    fail("dashboardPublishOptions", news.dashboardPublishOptions, "nothing for an analysis (dashboards only)");
  }
  return failures;
}

export function createQuickSightDefinitionProvider(options: ProviderOptions = {}): QuickSightDefinitionProvider {
  const poller: Poller = {
    intervalMs: options.pollIntervalMs ?? 2000,
    maxPolls: options.maxPolls ?? 150,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
  };
  if (!Number.isInteger(poller.maxPolls) || poller.maxPolls < 1) {
    throw new Error(`maxPolls is ${JSON.stringify(poller.maxPolls)}; expected a positive integer`);
  }
  return {
    async check(_olds, news) {
      const failures = checkInputs(news);
      return failures.length > 0 ? { inputs: news, failures } : { inputs: news };
    },

    async diff(_id, olds, news) {
      const replaces = IDENTITY_KEYS.filter((k) => olds[k] !== news[k]);
      const now = await hashes(news);
      // A new connection changes nothing in QuickSight, but must be stored for the next update or delete.
      const reconnected = (await sha256(olds.connection ?? {})) !== (await sha256(news.connection ?? {}));
      const changes = replaces.length > 0 || reconnected || now.contentHash !== olds.contentHash || now.permissionsHash !== olds.permissionsHash;
      return { changes, replaces: [...replaces], deleteBeforeReplace: false };
    },

    async create(inputs) {
      const client = await clientFor(inputs);
      let created: { arn: string; versionNumber?: number };
      try {
        created = await createAsset(client, inputs, poller);
      } catch (err) {
        // Pulumi records nothing when create throws: remove the failed asset so the next run can create it again.
        await deleteAsset(client, inputs).catch(() => undefined);
        throw err;
      }
      return { id: inputs.assetId, outs: { ...inputs, ...created, ...(await hashes(inputs)) } };
    },

    async update(_id, olds, news) {
      const sdk = await import("@aws-sdk/client-quicksight");
      const client = await clientFor(news);
      const now = await hashes(news);
      let arn = olds.arn;
      let versionNumber = olds.versionNumber;
      if (now.contentHash !== olds.contentHash) {
        if (news.kind === "dashboard") {
          const out = await client.send(
            new sdk.UpdateDashboardCommand({
              AwsAccountId: news.awsAccountId,
              DashboardId: news.assetId,
              Name: news.name,
              Definition: news.definition,
              ThemeArn: news.themeArn,
              DashboardPublishOptions: news.dashboardPublishOptions,
              VersionDescription: news.versionDescription,
            }),
          );
          versionNumber = versionNumberOf(out.VersionArn, news);
          await waitForDashboardVersion(client, news, versionNumber, poller);
          await publish(client, news, versionNumber);
          arn = out.Arn ?? arn;
        } else {
          const out = await client.send(
            new sdk.UpdateAnalysisCommand({
              AwsAccountId: news.awsAccountId,
              AnalysisId: news.assetId,
              Name: news.name,
              Definition: news.definition,
              ThemeArn: news.themeArn,
            }),
          );
          await waitForAnalysis(client, news, poller);
          arn = out.Arn ?? arn;
        }
      }
      if (now.permissionsHash !== olds.permissionsHash) {
        const { grant, revoke } = permissionChanges(olds.permissions, news.permissions);
        const changes = { ...(grant.length > 0 ? { GrantPermissions: grant } : {}), ...(revoke.length > 0 ? { RevokePermissions: revoke } : {}) };
        if (news.kind === "dashboard") {
          await client.send(new sdk.UpdateDashboardPermissionsCommand({ AwsAccountId: news.awsAccountId, DashboardId: news.assetId, ...changes }));
        } else {
          await client.send(new sdk.UpdateAnalysisPermissionsCommand({ AwsAccountId: news.awsAccountId, AnalysisId: news.assetId, ...changes }));
        }
      }
      return { outs: { ...news, arn, ...(versionNumber === undefined ? {} : { versionNumber }), ...now } };
    },

    async delete(_id, props) {
      await deleteAsset(await clientFor(props), props);
    },
  };
}
