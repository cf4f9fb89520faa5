import assert from "node:assert/strict";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { countDistinctUsersExactly } from "../../../functions/distinct-users-widget/count-logs";
import { RunContext } from "../../../functions/distinct-users-widget/run-context";
import { FakeClock } from "../../../bench/support/fake-clock";
import { LogsInsightsSimulator, type SimulatorOptions } from "../../../bench/support/logs-simulator";
import { Population } from "../../../bench/support/population";

const RANGE = { startTime: 1_700_000_000, endTime: 1_700_086_400 };

async function countWith(size: number, options: Partial<SimulatorOptions> & { maxConcurrent?: number } = {}) {
  const clock = new FakeClock();
  const population = new Population(size);
  const sim = new LogsInsightsSimulator({
    population,
    clock,
    userField: "userId",
    logGroupNames: ["/aws/apigateway/orders"],
    ...RANGE,
    groupCap: 10_000,
    ...options,
  });
  const mock = sim.install();
  try {
    const run = new RunContext(clock, Infinity, options.maxConcurrent ?? 4, { initialMs: 250, maxMs: 3000, factor: 1.5 });
    const result = await countDistinctUsersExactly(
      new CloudWatchLogsClient({ region: "us-east-1" }),
      { target: { logGroupNames: ["/aws/apigateway/orders"], ...RANGE }, base: { userField: "userId" }, maxQueries: 100_000 },
      run,
    );
    return { result, sim, population, run };
  } finally {
    mock.restore();
  }
}

describe("countDistinctUsersExactly over a simulated Logs Insights", () => {
  it("counts a small population in one pass of three queries", async () => {
    const { result, sim, population } = await countWith(500);
    assert.equal(result.users, population.expectedDistinctUsers());
    assert.equal(result.queries, 3);
    assert.equal(sim.queries.length, 3);
  });

  it("excludes '-' and empty user values and merges repeated users", async () => {
    const { result, population } = await countWith(50);
    // 50 synthetic users + 6 distinct real extras ("a" twice is one user; "-" and "" are not users).
    assert.equal(population.expectedDistinctUsers(), 56);
    assert.equal(result.users, 56);
  });

  it("splits and recurses when the group cap drops users, and stays exact", async () => {
    const { result, population } = await countWith(60_000, { groupCap: 5_000 });
    assert.equal(result.users, population.expectedDistinctUsers());
    assert.ok(result.queries > 3, `expected more than the first three queries, got ${result.queries}`);
    assert.ok(result.parts > 1, `expected several proven parts, got ${result.parts}`);
  });

  it("is exact for 10^6 simulated users with a 10,000-group cap", async () => {
    const { result, population, sim } = await countWith(1_000_000);
    assert.equal(result.users, population.expectedDistinctUsers());
    assert.ok(result.depth >= 2, `expected a split two characters deep, got ${result.depth}`);
    assert.ok(sim.maxRunning <= 4, `at most 4 queries ran at once, saw ${sim.maxRunning}`);
  });

  it("is exact for 10^7 simulated users with a 10,000-group cap", async function () {
    this.timeout(120_000);
    const { result, population, sim } = await countWith(10_000_000);
    assert.equal(result.users, population.expectedDistinctUsers());
    assert.ok(sim.maxRunning <= 4);
  });
});
