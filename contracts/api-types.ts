/** The API Gateway API types the project watches and how each delivers its access logs. */
import { apiAlarmsKind, type ApiAlarmOverrides } from "./api-alarms";
import { enumKind, objectKind, show, stringKind } from "./kinds";
import type { Rule } from "./schema";
import { API_TYPES as TYPES, type ApiType as Type } from "./log-fields";
export { API_TYPES, type ApiType } from "./log-fields";

export const DELIVERIES = ["firehose", "cloudwatch"] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** The delivery an API uses once defaults apply: REST → firehose, HTTP/WebSocket → cloudwatch. */
export function deliveryOf(api: { type: string; delivery?: string }): Delivery {
  if (api.delivery === "firehose" || api.delivery === "cloudwatch") return api.delivery;
  return api.type === "REST" ? "firehose" : "cloudwatch";
}

/** Usage plans and API keys exist for REST and WebSocket APIs, not HTTP APIs. */
export function hasUsagePlans(type: string): boolean {
  return type === "REST" || type === "WEBSOCKET";
}

export interface ApiSpec<Id = string> {
  /** Short name used in resource names, dashboards and the per-API outputs. */
  name: string;
  type: Type;
  /** The API Gateway id (10 lowercase letters/digits). */
  apiId: Id;
  stage: string;
  /** REST: firehose (default) or cloudwatch. HTTP/WebSocket: cloudwatch only. */
  delivery?: Delivery;
  /** REST metrics are keyed by the API's name in API Gateway, not its id; default: `name`. */
  apiName?: string;
  /** This API's own alarm thresholds, over the stack-wide dashboard ones. */
  alarms?: ApiAlarmOverrides;
}

/** The longest API name: it appears in log group, alarm and metric-filter names. */
export const API_NAME_MAX_LENGTH = 40;

export const apiNameKind = stringKind({
  pattern: new RegExp(`^[a-z][a-z0-9-]{0,${API_NAME_MAX_LENGTH - 1}}$`),
  expected: `a lowercase name (a-z, 0-9, -; starting with a letter; at most ${API_NAME_MAX_LENGTH})`,
  examples: { valid: ["a", `a${"b".repeat(API_NAME_MAX_LENGTH - 1)}`], invalid: [`a${"b".repeat(API_NAME_MAX_LENGTH)}`, "Orders"] },
});
export const apiIdKind = stringKind({ pattern: /^[a-z0-9]{10}$/, expected: "an API Gateway id (10 lowercase letters or digits)", examples: { valid: ["a1b2c3d4e5"], invalid: ["a1b2c3d4e"] } });
export const stageKind = stringKind({
  pattern: /^\$?[A-Za-z0-9_-]{1,128}$/,
  expected: "a stage name (1-128 letters, digits, _ and -; or $default)",
  examples: { valid: ["$default", "s".repeat(128)], invalid: ["s".repeat(129), "pro d"] },
});

const EXAMPLE_API: ApiSpec = { name: "orders", type: "REST", apiId: "a1b2c3d4e5", stage: "prod" };

export const apiKind = objectKind<ApiSpec>(
  "API",
  {
    name: { kind: apiNameKind, required: true },
    type: { kind: enumKind(TYPES), required: true },
    apiId: { kind: apiIdKind, required: true, late: true },
    stage: { kind: stageKind, required: true },
    delivery: { kind: enumKind(DELIVERIES), required: false },
    apiName: { kind: stringKind({ pattern: /^.{1,1024}$/, expected: "the API's name in API Gateway (1-1024 characters)" }), required: false },
    alarms: { kind: apiAlarmsKind, required: false },
  },
  {
    valid: [EXAMPLE_API],
    invalid: [{ name: "orders", type: "GRPC", apiId: "a1b2c3d4e5", stage: "prod" }, { name: "orders", type: "REST", apiId: "a1b2c3d4e5" }],
  },
);

/** The rules between the entries of an API list and their fields, each naming every key and value involved. */
export const API_LIST_RULES: ReadonlyArray<Rule<{ apis: readonly ApiSpec<unknown>[] }>> = [
  {
    limits: { apis: () => "names unique" },
    example: { apis: [EXAMPLE_API, { ...EXAMPLE_API, apiId: "b1b2c3d4e5" }] },
    check: ({ apis }, keyOf) => {
      const first = new Map<string, number>();
      return apis.flatMap((api, i) => {
        const earlier = first.get(api.name);
        if (earlier === undefined) first.set(api.name, i);
        return earlier === undefined ? [] : [{ path: `apis[${i}].name`, value: api.name, expected: `a name no other API uses (${keyOf(`apis[${earlier}].name`)} is ${show(api.name)} too)` }];
      });
    },
  },
  {
    limits: { apis: () => "each apiId and stage watched once" },
    example: { apis: [EXAMPLE_API, { ...EXAMPLE_API, name: "again" }] },
    check: ({ apis }, keyOf) => {
      const first = new Map<string, number>();
      return apis.flatMap((api, i) => {
        if (typeof api.apiId !== "string") return [];
        const stage = `${api.apiId}/${api.stage}`;
        const earlier = first.get(stage);
        if (earlier === undefined) first.set(stage, i);
        return earlier === undefined
          ? []
          : [
              {
                path: `apis[${i}].stage`,
                value: api.stage,
                expected: `a stage no other entry watches on ${keyOf(`apis[${i}].apiId`)} ${show(api.apiId)} (${keyOf(`apis[${earlier}]`)} watches ${show(stage)} already)`,
              },
            ];
      });
    },
  },
  {
    limits: { apis: () => 'delivery "firehose" only for type REST' },
    example: { apis: [{ ...EXAMPLE_API, type: "HTTP", delivery: "firehose" }] },
    check: ({ apis }, keyOf) =>
      apis.flatMap((api, i) =>
        api.type !== "REST" && api.delivery === "firehose"
          ? [{ path: `apis[${i}].delivery`, value: api.delivery, expected: `"cloudwatch" while ${keyOf(`apis[${i}].type`)} is ${show(api.type)} (only REST stages can log to Firehose)` }]
          : [],
      ),
  },
];
