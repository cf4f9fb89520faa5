/**
 * Widget params (top level of the custom-widget event) validated into one of two backends.
 * Names follow AWS's own rules so a typo is reported here, named, instead of as a failed query.
 */
import { BadParamError } from "../shared/widget/errors";

export interface LogsParams {
  backend: "logs";
  /** Exactly one of names or ARNs is set, as StartQuery wants. */
  logGroupNames?: string[];
  logGroupArns?: string[];
  userField: string;
  filter?: string;
  title?: string;
}

export interface AthenaParams {
  backend: "athena";
  workgroup: string;
  database: string;
  table: string;
  userColumn: string;
  timeColumn: string;
  partitionColumn: string;
  /** Only this API's requests (the data lake holds every API's); with `stage`, only that stage's. */
  apiId?: string;
  stage?: string;
  title?: string;
}

export type WidgetParams = LogsParams | AthenaParams;

export interface ParamDefaults {
  workgroup?: string;
  database?: string;
  table?: string;
}

const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:([.\-_/#A-Za-z0-9]{1,512})$/;
const WORKGROUP = /^[A-Za-z0-9._-]{1,128}$/;
/** Athena: database, table and column names are lowercase letters, digits and underscore. */
const ATHENA_NAME = /^[a-z0-9_]{1,255}$/;
/** A Logs Insights field or a function of fields: no pipes, quotes or comments can slip in. */
const USER_FIELD = /^[A-Za-z0-9_.@(), ]{1,200}$/;
const MAX_LOG_GROUPS = 50;

export const LOGS_PARAM_NAMES = ["backend", "logGroupNames", "logGroupArns", "userField", "filter", "title"];
export const ATHENA_PARAM_NAMES = ["backend", "workgroup", "database", "table", "userColumn", "timeColumn", "partitionColumn", "apiId", "stage", "title"];
const API_ID = /^[a-z0-9]{10}$/;
const STAGE = /^\$?[A-Za-z0-9_-]{1,128}$/;

function stringList(params: Record<string, unknown>, key: string, pattern: RegExp, expected: string): string[] | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LOG_GROUPS) {
    throw new BadParamError(key, value, `a list of 1 to ${MAX_LOG_GROUPS} ${expected}`);
  }
  for (const item of value) {
    if (typeof item !== "string" || !pattern.test(item)) {
      throw new BadParamError(key, item, expected);
    }
  }
  if (new Set(value).size !== value.length) throw new BadParamError(key, value, "no duplicates");
  return value as string[];
}

function text(params: Record<string, unknown>, key: string, pattern: RegExp, expected: string, fallback?: string): string {
  const value = params[key] ?? fallback;
  if (typeof value !== "string" || !pattern.test(value)) throw new BadParamError(key, params[key], expected);
  return value;
}

function optionalTitle(params: Record<string, unknown>): string | undefined {
  const title = params.title;
  if (title === undefined) return undefined;
  if (typeof title !== "string" || title.length > 200) throw new BadParamError("title", title, "a string of at most 200 characters");
  return title;
}

function balanced(expression: string): boolean {
  let depth = 0;
  for (const ch of expression) {
    if (ch === "(") depth++;
    if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

function parseLogs(params: Record<string, unknown>): LogsParams {
  const logGroupNames = stringList(params, "logGroupNames", LOG_GROUP_NAME, "log group names (1-512 of letters, digits, . - _ / #)");
  const logGroupArns = stringList(
    params,
    "logGroupArns",
    LOG_GROUP_ARN,
    "log group ARNs arn:aws:logs:<region>:<account>:log-group:<name> without a trailing :*",
  );
  if ((logGroupNames === undefined) === (logGroupArns === undefined)) {
    throw new BadParamError("logGroupNames", params.logGroupNames, "exactly one of logGroupNames or logGroupArns");
  }
  const userField = text(params, "userField", USER_FIELD, "a Logs Insights field or expression (letters, digits, _ . @ ( ) , and spaces)");
  if (!balanced(userField)) throw new BadParamError("userField", userField, "balanced parentheses");
  let filter: string | undefined;
  if (params.filter !== undefined) {
    const value = params.filter;
    if (typeof value !== "string" || value.trim() === "" || value.length > 1000 || /[|#\r\n]/.test(value)) {
      throw new BadParamError("filter", value, "one Logs Insights filter expression, at most 1000 characters, without | # or line breaks");
    }
    filter = value.trim();
  }
  return {
    backend: "logs",
    ...(logGroupNames ? { logGroupNames } : { logGroupArns }),
    userField,
    ...(filter !== undefined ? { filter } : {}),
    ...(optionalTitle(params) !== undefined ? { title: optionalTitle(params) } : {}),
  };
}

function parseAthena(params: Record<string, unknown>, defaults: ParamDefaults): AthenaParams {
  const athenaName = "lowercase letters, digits and _ (1-255)";
  const title = optionalTitle(params);
  return {
    backend: "athena",
    workgroup: text(params, "workgroup", WORKGROUP, "an Athena workgroup name (1-128 of letters, digits, . _ -)", defaults.workgroup),
    database: text(params, "database", ATHENA_NAME, `a Glue database name: ${athenaName}`, defaults.database),
    table: text(params, "table", ATHENA_NAME, `a Glue table name: ${athenaName}`, defaults.table),
    userColumn: text(params, "userColumn", ATHENA_NAME, `a column name: ${athenaName}`, "user_id"),
    timeColumn: text(params, "timeColumn", ATHENA_NAME, `a timestamp column name: ${athenaName}`, "request_time"),
    partitionColumn: text(params, "partitionColumn", ATHENA_NAME, `a yyyy-MM-dd string partition column: ${athenaName}`, "dt"),
    ...(params.apiId !== undefined ? { apiId: text(params, "apiId", API_ID, "an API Gateway id (10 lowercase letters or digits)") } : {}),
    ...(params.stage !== undefined ? { stage: text(params, "stage", STAGE, "a stage name (1-128 letters, digits, _ and -; or $default)") } : {}),
    ...(title !== undefined ? { title } : {}),
  };
}

/** Validates the widget params; throws BadParamError naming the first bad one. */
export function parseWidgetParams(params: Record<string, unknown>, defaults: ParamDefaults = {}): WidgetParams {
  const known = new Set([...LOGS_PARAM_NAMES, ...ATHENA_PARAM_NAMES]);
  for (const key of Object.keys(params)) {
    if (!known.has(key)) throw new BadParamError(key, params[key], `a known param (${[...known].join(", ")})`);
  }
  let backend = params.backend;
  if (backend === undefined) {
    backend = params.logGroupNames !== undefined || params.logGroupArns !== undefined ? "logs" : "athena";
  }
  if (backend === "logs") return parseLogs(params);
  if (backend === "athena") return parseAthena(params, defaults);
  throw new BadParamError("backend", backend, '"logs" (CloudWatch Logs Insights) or "athena"');
}
