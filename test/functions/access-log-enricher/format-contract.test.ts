import assert from "node:assert/strict";
import { buildAccessLogFormat, type ApiType } from "../../../components/access-log-pipeline/access-log-format";
import { normalizeLogLine } from "../../../functions/access-log-enricher/normalize";
import { transformBatch } from "../../../functions/access-log-enricher/transform";
import { assertRowMatchesSchema, b64, config, firehoseEvent, outputRows, RecordingLogger } from "./helpers";

const NUMERIC = new Set(["status", "integration.status", "integration.latency", "responseLatency", "responseLength", "authorizer.latency"]);

/** What API Gateway would write for the format: each $context variable replaced by a plausible value. */
function sampleLine(apiType: ApiType, missing: "none" | "all"): string {
  return buildAccessLogFormat(apiType).replace(/\$context\.([A-Za-z0-9_.]+)/g, (_, variable: string) => {
    if (variable === "requestTimeEpoch") return "1795250623123";
    if (variable === "requestTime") return "21/Nov/2026:08:43:43 +0000";
    if (missing === "all") return "-";
    if (variable === "identity.sourceIp") return "203.0.113.5";
    return NUMERIC.has(variable) ? "12" : `sample-${variable}`;
  });
}

describe("the access-log format and the enricher", () => {
  for (const apiType of ["REST", "HTTP", "WEBSOCKET"] as ApiType[]) {
    it(`reads every field the ${apiType} format writes`, () => {
      const raw = JSON.parse(sampleLine(apiType, "none")) as Record<string, unknown>;
      const result = normalizeLogLine(raw);
      assert.ok(result.ok, result.ok ? "" : result.reason);
      const line = result.line as unknown as Record<string, unknown>;
      const unread = Object.keys(raw).filter((key) => key !== "requestTimeEpoch" && key !== "requestTime" && (line[key] === null || line[key] === undefined));
      assert.deepEqual(unread, []);
    });

    it(`turns a ${apiType} line with every value missing into a row of nulls, not a failure`, async () => {
      const result = await transformBatch(firehoseEvent([b64(sampleLine(apiType, "all"))]), { config: config(), logger: new RecordingLogger() });
      assert.equal(result.records[0].result, "Ok");
      const [row] = outputRows(result.records[0]);
      assertRowMatchesSchema(row);
      assert.equal(row.api_type, apiType);
      assert.equal(row.request_time, "2026-11-21 08:43:43.123");
    });
  }
});
