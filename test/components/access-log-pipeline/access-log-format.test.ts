import assert from "node:assert/strict";
import {
  buildAccessLogFormat,
  isValidContextVariable,
  VALID_CONTEXT_VARIABLES,
  type ApiType,
} from "../../../components/access-log-pipeline/access-log-format";
import { LOG_FIELD_NAMES } from "../../../contracts/log-fields";

const TYPES: ApiType[] = ["REST", "HTTP", "WEBSOCKET"];

function formatOf(apiType: ApiType): Record<string, string> {
  return JSON.parse(buildAccessLogFormat(apiType)) as Record<string, string>;
}

function contextVariables(format: string): string[] {
  return [...format.matchAll(/\$context\.([A-Za-z0-9_.]+)/g)].map((m) => m[1]);
}

describe("buildAccessLogFormat", () => {
  for (const apiType of TYPES) {
    describe(`for ${apiType}`, () => {
      it("is one line of JSON whose values are all strings", () => {
        const text = buildAccessLogFormat(apiType);
        assert.ok(!text.includes("\n"));
        for (const value of Object.values(formatOf(apiType))) assert.equal(typeof value, "string");
      });

      it("uses only $context variables that API Gateway documents for this API type", () => {
        const invalid = contextVariables(buildAccessLogFormat(apiType)).filter((v) => !isValidContextVariable(apiType, v));
        assert.deepEqual(invalid, []);
      });

      it("never logs the API key itself", () => {
        assert.ok(!contextVariables(buildAccessLogFormat(apiType)).includes("identity.apiKey"));
        assert.ok(!/\$context\.identity\.apiKey(?!Id)/.test(buildAccessLogFormat(apiType)));
      });

      it("writes the API type as a literal and otherwise only keys the enricher reads", () => {
        const format = formatOf(apiType);
        assert.equal(format.apiType, apiType);
        const unknown = Object.keys(format).filter((k) => !(LOG_FIELD_NAMES as readonly string[]).includes(k));
        assert.deepEqual(unknown, []);
      });

      it("maps each value to exactly one $context variable", () => {
        for (const [key, value] of Object.entries(formatOf(apiType))) {
          if (key === "apiType") continue;
          assert.match(value, /^\$context\.[A-Za-z0-9_.]+$/, key);
        }
      });

      it("logs what the enricher needs for identity, time and usage", () => {
        const format = formatOf(apiType);
        for (const key of ["requestId", "requestTimeEpoch", "requestTime", "apiId", "stage", "status", "sourceIp", "principalId", "userArn"]) {
          assert.ok(key in format, `${apiType} format lacks ${key}`);
        }
      });
    });
  }

  it("puts resourcePath, API key id and authorizer latency in the REST format only among REST and HTTP", () => {
    const rest = formatOf("REST");
    const http = formatOf("HTTP");
    assert.equal(rest.resourcePath, "$context.resourcePath");
    assert.equal(rest.apiKeyId, "$context.identity.apiKeyId");
    assert.equal(rest.authorizerLatency, "$context.authorizer.latency");
    assert.ok(!("resourcePath" in http) && !("apiKeyId" in http) && !("authorizerLatency" in http));
    assert.ok(!("routeKey" in rest));
  });

  it("puts routeKey in the HTTP and WebSocket formats", () => {
    assert.equal(formatOf("HTTP").routeKey, "$context.routeKey");
    assert.equal(formatOf("WEBSOCKET").routeKey, "$context.routeKey");
  });

  it("logs connection id and event type for WebSocket APIs, and no HTTP request line fields", () => {
    const ws = formatOf("WEBSOCKET");
    assert.equal(ws.connectionId, "$context.connectionId");
    assert.equal(ws.eventType, "$context.eventType");
    for (const key of ["httpMethod", "path", "protocol", "responseLength", "claimsSub", "cognitoIdentityId"]) assert.ok(!(key in ws), key);
  });

  it("covers every field the enricher reads with at least one API type", () => {
    const emitted = new Set(TYPES.flatMap((t) => Object.keys(formatOf(t))));
    assert.deepEqual(LOG_FIELD_NAMES.filter((f) => !emitted.has(f)), []);
  });

  it("rejects an unknown API type with a message naming it", () => {
    assert.throws(() => buildAccessLogFormat("GRPC" as ApiType), /apiType is "GRPC"; expected one of REST, HTTP, WEBSOCKET/);
  });
});

describe("isValidContextVariable", () => {
  it("knows routeKey is not a REST variable and resourcePath not an HTTP one", () => {
    assert.equal(isValidContextVariable("REST", "routeKey"), false);
    assert.equal(isValidContextVariable("HTTP", "resourcePath"), false);
    assert.equal(isValidContextVariable("HTTP", "identity.apiKeyId"), false);
    assert.equal(isValidContextVariable("HTTP", "authorizer.latency"), false);
  });

  it("accepts a single claim name for REST and HTTP but not nested names or WebSocket claims", () => {
    assert.equal(isValidContextVariable("REST", "authorizer.claims.sub"), true);
    assert.equal(isValidContextVariable("HTTP", "authorizer.claims.email"), true);
    assert.equal(isValidContextVariable("HTTP", "authorizer.claims."), false);
    assert.equal(isValidContextVariable("HTTP", "authorizer.claims.a.b"), false);
    assert.equal(isValidContextVariable("WEBSOCKET", "authorizer.claims.sub"), false);
  });

  it("refuses identity.apiKey for every type even though API Gateway offers it", () => {
    for (const t of TYPES) assert.equal(isValidContextVariable(t, "identity.apiKey"), false);
    assert.ok(VALID_CONTEXT_VARIABLES.REST.exact.includes("identity.apiKey"));
  });
});
