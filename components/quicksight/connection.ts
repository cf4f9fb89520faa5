/**
 * How the QuickSight definition provider reaches AWS. Pulumi runs the dynamic provider in the
 * program's own process with none of the AWS provider's settings, so the component hands it the
 * stack's: profile, assume-role chain and endpoints, read from the stack's `aws:` config the way the
 * AWS provider reads them (or given explicitly, for a component on an explicit provider).
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
  /** Where the profile is read from (the first file of each list is used); default ~/.aws/. */
  readonly sharedCredentialsFiles?: readonly string[];
  readonly sharedConfigFiles?: readonly string[];
  /** Roles assumed in order, each with the credentials of the one before (the first with the profile's or the ambient ones). */
  readonly assumeRoles?: readonly AssumeRoleStep[];
  /** Endpoint overrides, as the AWS provider's `endpoints` setting names them. */
  readonly endpoints?: { readonly quicksight?: string; readonly sts?: string };
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
  const o = raw as Record<string, unknown>;
  if (typeof o.roleArn !== "string" || !ROLE_ARN.test(o.roleArn)) {
    problems.push(problem(`${key}.roleArn`, "an IAM role ARN such as arn:aws:iam::123456789012:role/deployer", o.roleArn));
    return undefined;
  }
  const step: { roleArn: string; sessionName?: string; externalId?: string; durationSeconds?: number } = { roleArn: o.roleArn };
  if (o.sessionName !== undefined) {
    if (typeof o.sessionName === "string" && SESSION_NAME.test(o.sessionName)) step.sessionName = o.sessionName;
    else problems.push(problem(`${key}.sessionName`, "2-64 of letters, digits and +=,.@_-", o.sessionName));
  }
  if (o.externalId !== undefined) {
    if (typeof o.externalId === "string" && o.externalId.length >= 2 && o.externalId.length <= 1224) step.externalId = o.externalId;
    else problems.push(problem(`${key}.externalId`, "a string of 2-1224 characters", o.externalId));
  }
  if (o.duration !== undefined) {
    const seconds = typeof o.duration === "string" ? durationSeconds(o.duration) : undefined;
    if (seconds !== undefined && seconds >= MIN_ROLE_SECONDS && seconds <= MAX_ROLE_SECONDS) step.durationSeconds = seconds;
    else problems.push(problem(`${key}.duration`, `a duration from 15m to 12h such as "1h"`, o.duration));
  }
  return step;
}

/**
 * The connection the stack's `aws:` config describes: `aws:profile`, `aws:sharedCredentialsFiles`,
 * `aws:sharedConfigFiles`, `aws:assumeRoles` and the `quicksight` and `sts` entries of `aws:endpoints`.
 * `read` returns a config value as text, as `new pulumi.Config("aws").get` does.
 */
export function connectionFromAwsConfig(read: (key: string) => string | undefined): QuickSightConnection {
  const problems: string[] = [];
  const connection: {
    profile?: string;
    sharedCredentialsFiles?: string[];
    sharedConfigFiles?: string[];
    assumeRoles?: AssumeRoleStep[];
    endpoints?: { quicksight?: string; sts?: string };
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
      const found: { quicksight?: string; sts?: string } = {};
      list.forEach((entry: unknown, i) => {
        for (const service of ["quicksight", "sts"] as const) {
          const url = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>)[service] : undefined;
          if (url === undefined) continue;
          if (typeof url === "string" && /^https?:\/\/\S+$/.test(url)) found[service] = url;
          else problems.push(problem(`aws:endpoints[${i}].${service}`, "an http(s) URL", url));
        }
      });
      if (found.quicksight || found.sts) connection.endpoints = found;
    }
  }
  if (problems.length > 0) throw new ConnectionError(problems);
  return connection;
}
