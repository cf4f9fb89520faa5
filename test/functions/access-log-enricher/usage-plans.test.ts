import assert from "node:assert/strict";
import {
  APIGatewayClient,
  GetApiKeysCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  type UsagePlan,
} from "@aws-sdk/client-api-gateway";
import { type AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { UsagePlanCatalog } from "../../../functions/access-log-enricher/usage-plans";
import { RecordingLogger } from "./helpers";

// Installed for this file's describe block only, so other files (the fault suite) reach the real client.
let apiGateway: AwsClientStub<APIGatewayClient>;

/** Serves `items` in pages of `limit`, with `position` as the next index, as the real API pages. */
function paged<T>(items: T[], input: { position?: string; limit?: number }): { items: T[]; position?: string } {
  const start = input.position === undefined ? 0 : Number(input.position);
  const limit = input.limit ?? 25;
  const end = start + limit;
  return { items: items.slice(start, end), position: end < items.length ? String(end) : undefined };
}

function plans(count: number): UsagePlan[] {
  return Array.from({ length: count }, (_, i) => ({ id: `plan-${i}`, name: `Plan ${i}`, apiStages: [{ apiId: "a1b2c3d4e5", stage: "prod" }] }));
}

function serve(planList: UsagePlan[], keysPerPlan: (planId: string) => string[]): void {
  apiGateway.on(GetUsagePlansCommand).callsFake((input) => paged(planList, input));
  apiGateway.on(GetApiKeysCommand).callsFake((input) =>
    paged(
      planList.flatMap((p) => keysPerPlan(p.id!)).map((id) => ({ id, name: `name-${id}`, customerId: `customer-${id}` })),
      input,
    ),
  );
  apiGateway.on(GetUsagePlanKeysCommand).callsFake((input) => paged(keysPerPlan(input.usagePlanId).map((id) => ({ id, type: "API_KEY" })), input));
}

function catalog(now: () => number, logger = new RecordingLogger(), ttlMs = 300_000, keysConcurrency = 2): UsagePlanCatalog {
  return new UsagePlanCatalog({ client: new APIGatewayClient({ region: "eu-west-1" }), ttlMs, keysConcurrency, logger, now });
}

describe("UsagePlanCatalog", () => {
  before(() => {
    apiGateway = mockClient(APIGatewayClient);
  });
  after(() => apiGateway.restore());
  beforeEach(() => apiGateway.reset());

  it("reads every page of more than 500 plans and keys, asking for 500 at a time", async () => {
    serve(plans(1203), (planId) => (planId === "plan-1202" ? Array.from({ length: 501 }, (_, i) => `key-${i}`) : []));
    const snapshot = await catalog(() => 0).current();

    assert.deepEqual(snapshot.lookup("key-500", "a1b2c3d4e5", "prod"), {
      apiKeyName: "name-key-500",
      customerId: "customer-key-500",
      usagePlanId: "plan-1202",
      usagePlanName: "Plan 1202",
    });
    const planCalls = apiGateway.commandCalls(GetUsagePlansCommand).map((c) => c.args[0].input);
    assert.deepEqual(planCalls, [
      { position: undefined, limit: 500 },
      { position: "500", limit: 500 },
      { position: "1000", limit: 500 },
    ]);
    assert.equal(apiGateway.commandCalls(GetApiKeysCommand).length, 2);
    assert.ok(apiGateway.commandCalls(GetApiKeysCommand).every((c) => c.args[0].input.includeValues === false));
    assert.equal(apiGateway.commandCalls(GetUsagePlanKeysCommand).length, 1203 + 1);
  });

  it("never has more GetUsagePlanKeys requests in flight than configured", async () => {
    let inFlight = 0;
    let peak = 0;
    apiGateway.on(GetUsagePlansCommand).resolves({ items: plans(12) });
    apiGateway.on(GetApiKeysCommand).resolves({ items: [] });
    apiGateway.on(GetUsagePlanKeysCommand).callsFake(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return { items: [] };
    });
    await catalog(() => 0, new RecordingLogger(), 300_000, 3).current();
    assert.equal(peak, 3);
  });

  it("picks the plan that covers the request's API stage when a key is in several", async () => {
    apiGateway.on(GetUsagePlansCommand).resolves({
      items: [
        { id: "gold", name: "Gold", apiStages: [{ apiId: "other", stage: "prod" }] },
        { id: "silver", name: "Silver", apiStages: [{ apiId: "a1b2c3d4e5", stage: "prod" }] },
      ],
    });
    apiGateway.on(GetApiKeysCommand).resolves({ items: [{ id: "k", name: "partner", customerId: "c-9" }] });
    apiGateway.on(GetUsagePlanKeysCommand).resolves({ items: [{ id: "k" }] });
    const snapshot = await catalog(() => 0).current();
    assert.equal(snapshot.lookup("k", "a1b2c3d4e5", "prod")?.usagePlanId, "silver");
    assert.equal(snapshot.lookup("k", "other", "prod")?.usagePlanId, "gold");
    assert.equal(snapshot.lookup("k", null, null)?.usagePlanId, "gold");
    assert.equal(snapshot.lookup("unknown", "a1b2c3d4e5", "prod"), undefined);
  });

  it("serves from memory within the TTL and refreshes once it has passed", async () => {
    let now = 0;
    serve(plans(1), () => ["k"]);
    const cache = catalog(() => now, new RecordingLogger(), 300_000);
    await cache.current();
    now = 299_999;
    await cache.current();
    assert.equal(apiGateway.commandCalls(GetUsagePlansCommand).length, 1);

    serve([{ id: "plan-new", name: "New", apiStages: [] }], () => ["k"]);
    now = 300_000;
    const snapshot = await cache.current();
    assert.equal(apiGateway.commandCalls(GetUsagePlansCommand).length, 2);
    assert.equal(snapshot.lookup("k", null, null)?.usagePlanId, "plan-new");
  });

  it("runs a single refresh for concurrent callers", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    apiGateway.on(GetUsagePlansCommand).callsFake(async () => {
      await gate;
      return { items: plans(1) };
    });
    apiGateway.on(GetApiKeysCommand).resolves({ items: [{ id: "k", name: "n" }] });
    apiGateway.on(GetUsagePlanKeysCommand).resolves({ items: [{ id: "k" }] });
    const cache = catalog(() => 0);
    const callers = Array.from({ length: 20 }, () => cache.current());
    release();
    const snapshots = await Promise.all(callers);
    assert.equal(apiGateway.commandCalls(GetUsagePlansCommand).length, 1);
    assert.ok(snapshots.every((s) => s === snapshots[0]));
  });

  it("fails open: an empty snapshot, one warning per refresh, and a pause before retrying", async () => {
    let now = 0;
    const logger = new RecordingLogger();
    apiGateway.on(GetUsagePlansCommand).rejects(Object.assign(new Error("Rate exceeded"), { name: "TooManyRequestsException" }));
    apiGateway.on(GetApiKeysCommand).resolves({ items: [] });
    const cache = catalog(() => now, logger, 300_000);

    const results = await Promise.all([cache.current(), cache.current(), cache.current()]);
    assert.ok(results.every((s) => s.lookup("k", null, null) === undefined));
    assert.equal(logger.warnings.length, 1);
    assert.match(String(logger.warnings[0].extra.error), /TooManyRequestsException: Rate exceeded/);

    now = 59_999;
    await cache.current();
    assert.equal(apiGateway.commandCalls(GetUsagePlansCommand).length, 1);
    now = 60_000;
    await cache.current();
    assert.equal(apiGateway.commandCalls(GetUsagePlansCommand).length, 2);
    assert.equal(logger.warnings.length, 2);
  });

  it("keeps the previous snapshot when a later refresh fails", async () => {
    let now = 0;
    serve(plans(1), () => ["k"]);
    const cache = catalog(() => now);
    await cache.current();
    apiGateway.on(GetUsagePlanKeysCommand).rejects(new Error("boom"));
    now = 400_000;
    const snapshot = await cache.current();
    assert.equal(snapshot.lookup("k", null, null)?.usagePlanId, "plan-0");
  });

  it("treats a repeated pagination position as a failure rather than looping", async () => {
    const logger = new RecordingLogger();
    apiGateway.on(GetUsagePlansCommand).resolves({ items: [], position: "same" });
    apiGateway.on(GetApiKeysCommand).resolves({ items: [] });
    await catalog(() => 0, logger).current();
    assert.match(String(logger.warnings[0]?.extra.error), /repeated position "same"/);
  });
});
