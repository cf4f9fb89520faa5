/**
 * Exact distinct users over a simulated Logs Insights holding 10^7 users: AWS calls made and wall
 * time of the counting algorithm, with the simulated query latency excluded (virtual clock) and
 * the simulator's own evaluation time measured and subtracted. Side by side: queries against the
 * floor of ceil(users / group cap) count queries, and the algorithm's time against the service's.
 */
import { performance } from "node:perf_hooks";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { countDistinctUsersExactly } from "../functions/distinct-users-widget/count-logs";
import { RunContext } from "../functions/distinct-users-widget/run-context";
import { FakeClock } from "./support/fake-clock";
import { LogsInsightsSimulator } from "./support/logs-simulator";
import { Population } from "./support/population";
import { peakRssMiB, printTable } from "./measure";

const USERS = 10_000_000;
const CONCURRENCY = 4;
const LATENCY_MS = 2_000;
const RANGE = { startTime: 1_700_000_000, endTime: 1_700_086_400 };

async function measure(groupCap: number): Promise<Record<string, string | number>> {
  const clock = new FakeClock();
  const population = new Population(USERS);
  const sim = new LogsInsightsSimulator({
    population,
    clock,
    userField: "userId",
    logGroupNames: ["/aws/apigateway/orders"],
    ...RANGE,
    groupCap,
    latencyMs: LATENCY_MS,
  });
  const mock = sim.install();
  const run = new RunContext(clock, Infinity, CONCURRENCY, { initialMs: 250, maxMs: 3_000, factor: 1.5 });
  const virtualStart = clock.now();
  const wallStart = performance.now();
  const result = await countDistinctUsersExactly(
    new CloudWatchLogsClient({ region: "us-east-1" }),
    { target: { logGroupNames: ["/aws/apigateway/orders"], ...RANGE }, base: { userField: "userId" }, maxQueries: 1_000_000 },
    run,
  );
  const wallMs = performance.now() - wallStart;
  mock.restore();
  if (result.users !== population.expectedDistinctUsers()) {
    throw new Error(`not exact: counted ${result.users}, expected ${population.expectedDistinctUsers()}`);
  }
  const algorithmMs = wallMs - sim.evaluationMs;
  const floor = Math.ceil(USERS / groupCap);
  return {
    "group cap": groupCap,
    users: result.users,
    queries: result.queries,
    "queries / floor": (result.queries / floor).toFixed(2),
    StartQuery: sim.calls.StartQuery,
    GetQueryResults: sim.calls.GetQueryResults,
    "AWS calls": run.totalCalls,
    "algorithm ms": Math.round(algorithmMs),
    "simulator ms": Math.round(sim.evaluationMs),
    "algorithm / simulator": (algorithmMs / sim.evaluationMs).toFixed(2),
    [`simulated s (${CONCURRENCY} at once, ${LATENCY_MS / 1000} s each)`]: Math.round((clock.now() - virtualStart) / 1000),
    depth: result.depth,
  };
}

async function main(): Promise<void> {
  const rows = [];
  for (const cap of [10_000, 100_000, 1_000_000]) rows.push(await measure(cap));
  printTable(rows);
  console.log(`peak RSS ${peakRssMiB().toFixed(0)} MiB; every count above was checked exact against the population`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
