/**
 * The enricher through the real SDK against a loopback API Gateway management API under scripted
 * faults: it fails open (every record Ok, usage plan columns empty, a counted warning), keeps
 * every recordId in order, and answers before its deadline.
 */
import assert from "node:assert/strict";
import type { FirehoseTransformationResult } from "aws-lambda";
import { b64, firehoseEvent, fixtureText, outputRows } from "../functions/access-log-enricher/helpers";
import { FAULTS, lambdaContext, timed, useLoopbackAws } from "./support";

type Enricher = typeof import("../../functions/access-log-enricher/index");

const TIMEOUT_MS = 2_000;
const LOOKUP_TIMEOUT_MS = 500;
const ENV: Record<string, string> = {
  CONNECT_TIMEOUT_MS: "150",
  REQUEST_TIMEOUT_MS: "150",
  CALL_MAX_ATTEMPTS: "2",
  DEADLINE_MARGIN_MS: "200",
  USAGE_PLAN_LOOKUP_TIMEOUT_MS: String(LOOKUP_TIMEOUT_MS),
};
const RECORDS = Array.from({ length: 50 }, (_, i) => b64(fixtureText(i % 2 === 0 ? "rest-api-key-quota.json" : "rest-cognito.json")));

describe("fault suite: access-log-enricher through the real SDK", function () {
  this.timeout(20_000);
  const aws = useLoopbackAws();
  let enricher: Enricher;
  const saved: Record<string, string | undefined> = {};

  before(async () => {
    for (const key of [...Object.keys(ENV), "POWERTOOLS_LOG_LEVEL"]) saved[key] = process.env[key];
    Object.assign(process.env, ENV, { POWERTOOLS_LOG_LEVEL: "SILENT" });
    enricher = await import("../../functions/access-log-enricher/index");
  });
  after(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    enricher.resetForTests();
  });
  beforeEach(() => {
    enricher.resetForTests();
    const plans = aws().state.apigateway;
    plans.usagePlans = [{ id: "plan-gold", name: "Gold", apiStages: [{ apiId: "a1b2c3d4e5", stage: "prod" }] }];
    plans.apiKeys = [{ id: "k3y1d0000a", name: "acme-reports", customerId: "cust-007" }];
    plans.usagePlanKeys = { "plan-gold": [{ id: "k3y1d0000a" }] };
  });

  async function enrich(): Promise<{ ms: number; result: FirehoseTransformationResult }> {
    const event = firehoseEvent(RECORDS);
    const outcome = await timed(() => enricher.handler(event, lambdaContext(TIMEOUT_MS)));
    assert.equal(outcome.error, undefined, String(outcome.error));
    const result = outcome.value!;
    assert.deepEqual(result.records.map((r) => r.recordId), event.records.map((r) => r.recordId));
    return { ms: outcome.ms, result };
  }

  const usagePlanOf = (result: FirehoseTransformationResult) => outputRows(result.records[0])[0].usage_plan_name;

  it("fills the usage plan columns when the management API answers (the baseline)", async () => {
    const { result } = await enrich();
    assert.ok(result.records.every((r) => r.result === "Ok"));
    assert.equal(usagePlanOf(result), "Gold");
  });

  for (const kind of [...FAULTS, "endless"] as const) {
    it(`fails open within the lookup timeout when the management API fails with ${kind}`, async () => {
      aws().fault({ service: "apigateway", kind, delayMs: 2_000 });
      const { ms, result } = await enrich();
      // Well before the Lambda deadline (1,800 ms): the lookup cap, not the deadline, ended the wait.
      assert.ok(ms < LOOKUP_TIMEOUT_MS + 600, `took ${ms} ms`);
      assert.ok(result.records.every((r) => r.result === "Ok"));
      assert.equal(usagePlanOf(result), null);
      assert.equal(outputRows(result.records[0])[0].api_key_id, "k3y1d0000a");
    });
  }

  it("answers before the Lambda deadline even when that comes before the lookup timeout", async () => {
    aws().fault({ service: "apigateway", kind: "hang" });
    enricher.resetForTests();
    const event = firehoseEvent(RECORDS);
    const outcome = await timed(() => enricher.handler(event, lambdaContext(400)));
    assert.ok(outcome.ms < 400, `took ${outcome.ms} ms`);
    assert.ok(outcome.value!.records.every((r) => r.result === "Ok"));
  });
});
