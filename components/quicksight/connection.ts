/**
 * How the QuickSight analysis and dashboard reach AWS. They are @pulumi/aws-native resources, and an
 * explicit aws-native provider reads none of the stack's `aws:` config, so the component copies the
 * settings that say who deploys where: profile, shared files, the assume-role chain, the endpoints
 * of the services aws-native calls (STS, Cloud Control) and the default tags, read from the stack's
 * `aws:` config the way the AWS provider reads them (or given explicitly, for a component on an
 * explicit AWS provider). `nativeProviderSettings` then refuses what the aws-native provider cannot
 * take, naming the key; `connectionFromAwsConfig` only checks the values' form, because the program
 * runs it for every stack, QuickSight or not (config/index.ts).
 */
import { problem } from "../../contracts/kinds";

export interface AssumeRoleStep {
  readonly roleArn: string;
  readonly sessionName?: string;
  readonly externalId?: string;
  readonly durationSeconds?: number;
}

export interface QuickSightConnection {
  /** A profile of the shared config and credentials files. */
  readonly profile?: string;
  /** Where the profile's credentials are read from; default ~/.aws/credentials. */
  readonly sharedCredentialsFiles?: readonly string[];
  readonly sharedConfigFiles?: readonly string[];
  /** Roles assumed in order, each with the credentials of the one before (the first with the profile's or the ambient ones). */
  readonly assumeRoles?: readonly AssumeRoleStep[];
  /** Endpoint overrides of the services the aws-native provider calls, as the AWS provider's `endpoints` names them. */
  readonly endpoints?: { readonly sts?: string; readonly cloudcontrol?: string };
  /** Tags on every resource, as `aws:defaultTags` gives them to the AWS provider. */
  readonly defaultTags?: Readonly<Record<string, string>>;
}

export class ConnectionError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} problems in the stack's aws: config:\n- ${problems.join("\n- ")}`);
    this.name = "ConnectionError";
  }
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const GO_DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const MIN_ROLE_SECONDS = 900;
const MAX_ROLE_SECONDS = 43_200;
/** `aws:endpoints` keys of the services the aws-native provider calls, and the one aws-native name each maps to. */
const NATIVE_ENDPOINT_SERVICES = { sts: "sts", cloudcontrol: "cloudcontrol", cloudcontrolapi: "cloudcontrol" } as const;

/** A Go duration as the AWS provider takes it ("1h", "15m", "1h30m", "3600s") in seconds. */
export function durationSeconds(text: string): number | undefined {
  const match = GO_DURATION.exec(text);
  if (!match || text === "") return undefined;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

function parseJson(key: string, text: string, problems: string[]): unknown {
  try {
    return JSON.parse(text);
  } catch {
    problems.push(problem(key, "JSON", text));
    return undefined;
  }
}

function assumeRoleStep(key: string, raw: unknown, problems: string[]): AssumeRoleStep | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    problems.push(problem(key, "an object with roleArn (and optionally sessionName, externalId, duration)", raw));
    return undefined;
  }
  const entry = raw as Record<string, unknown>;
  if (typeof entry.roleArn !== "string" || !ROLE_ARN.test(entry.roleArn)) {
    problems.push(problem(`${key}.roleArn`, "an IAM role ARN such as arn:aws:iam::123456789012:role/deployer", entry.roleArn));
    return undefined;
  }
  const step: { roleArn: string; sessionName?: string; externalId?: string; durationSeconds?: number } = { roleArn: entry.roleArn };
  if (entry.sessionName !== undefined) {
    if (typeof entry.sessionName === "string" && SESSION_NAME.test(entry.sessionName)) step.sessionName = entry.sessionName;
    else problems.push(problem(`${key}.sessionName`, "2-64 of letters, digits and +=,.@_-", entry.sessionName));
  }
  if (entry.externalId !== undefined) {
    if (typeof entry.externalId === "string" && entry.externalId.length >= 2 && entry.externalId.length <= 1224) step.externalId = entry.externalId;
    else problems.push(problem(`${key}.externalId`, "a string of 2-1224 characters", entry.externalId));
  }
  if (entry.duration !== undefined) {
    const seconds = typeof entry.duration === "string" ? durationSeconds(entry.duration) : undefined;
    if (seconds !== undefined && seconds >= MIN_ROLE_SECONDS && seconds <= MAX_ROLE_SECONDS) step.durationSeconds = seconds;
    else problems.push(problem(`${key}.duration`, `a duration from 15m to 12h such as "1h"`, entry.duration));
  }
  return step;
}

function endpointsOf(list: unknown[], problems: string[]): { sts?: string; cloudcontrol?: string } {
  const found: { sts?: string; cloudcontrol?: string } = {};
  list.forEach((entry: unknown, i) => {
    for (const [service, native] of Object.entries(NATIVE_ENDPOINT_SERVICES)) {
      const url = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>)[service] : undefined;
      if (url === undefined) continue;
      if (typeof url === "string" && /^https?:\/\/\S+$/.test(url)) found[native] = url;
      else problems.push(problem(`aws:endpoints[${i}].${service}`, "an http(s) URL", url));
    }
  });
  return found;
}

function defaultTagsOf(raw: unknown, problems: string[]): Record<string, string> | undefined {
  const tags = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as { tags?: unknown }).tags : undefined;
  if (typeof tags === "object" && tags !== null && !Array.isArray(tags) && Object.values(tags).every((v) => typeof v === "string")) {
    return tags as Record<string, string>;
  }
  problems.push(problem("aws:defaultTags", 'a map with a "tags" map of strings (tags: {project: …})', raw));
  return undefined;
}

/**
 * The connection the stack's `aws:` config describes: `aws:profile`, `aws:sharedCredentialsFiles`,
 * `aws:sharedConfigFiles`, `aws:assumeRoles`, the `sts` and `cloudcontrol` entries of `aws:endpoints`
 * (the other services' entries concern the AWS provider alone) and `aws:defaultTags`. `read` returns a
 * config value as text, as `new pulumi.Config("aws").get` does.
 */
export function connectionFromAwsConfig(read: (key: string) => string | undefined): QuickSightConnection {
  const problems: string[] = [];
  const connection: {
    profile?: string;
    sharedCredentialsFiles?: string[];
    sharedConfigFiles?: string[];
    assumeRoles?: AssumeRoleStep[];
    endpoints?: { sts?: string; cloudcontrol?: string };
    defaultTags?: Record<string, string>;
  } = {};
  const profile = read("profile");
  if (profile) connection.profile = profile;

  for (const key of ["sharedCredentialsFiles", "sharedConfigFiles"] as const) {
    const text = read(key);
    if (!text) continue;
    const list = parseJson(`aws:${key}`, text, problems);
    if (Array.isArray(list) && list.length > 0 && list.every((f) => typeof f === "string" && f !== "")) connection[key] = list as string[];
    else if (list !== undefined) problems.push(problem(`aws:${key}`, "a list of file paths", list));
  }

  const roles = read("assumeRoles");
  if (roles) {
    const list = parseJson("aws:assumeRoles", roles, problems);
    if (list !== undefined && !Array.isArray(list)) problems.push(problem("aws:assumeRoles", "a list of { roleArn, sessionName, externalId, duration }", list));
    else if (Array.isArray(list)) connection.assumeRoles = list.map((raw, i) => assumeRoleStep(`aws:assumeRoles[${i}]`, raw, problems)).filter((s): s is AssumeRoleStep => s !== undefined);
  }

  const endpoints = read("endpoints");
  if (endpoints) {
    const list = parseJson("aws:endpoints", endpoints, problems);
    if (list !== undefined && !Array.isArray(list)) problems.push(problem("aws:endpoints", "a list of { <service>: <url> } entries", list));
    else if (Array.isArray(list)) {
      const found = endpointsOf(list, problems);
      if (found.sts || found.cloudcontrol) connection.endpoints = found;
    }
  }

  const tags = read("defaultTags");
  if (tags) {
    const parsed = parseJson("aws:defaultTags", tags, problems);
    const defaultTags = parsed === undefined ? undefined : defaultTagsOf(parsed, problems);
    if (defaultTags && Object.keys(defaultTags).length > 0) connection.defaultTags = defaultTags;
  }
  if (problems.length > 0) throw new ConnectionError(problems);
  return connection;
}
