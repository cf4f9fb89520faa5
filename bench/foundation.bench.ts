/**
 * Foundation: offline synth wall time for the dev stack against the floor (starting Node with
 * ts-node and loading the program's modules, no synthesis), and `npm test` end to end.
 * Targets: synth ≤ 5 s on 2 cores; npm test ≤ 90 s. Set BENCH_SKIP_NPM_TEST=1 to skip the latter.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { printTable } from "./measure";

const root = path.resolve(__dirname, "..");
const env = { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" };

function timeCommand(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const run = spawnSync(args[0], args.slice(1), { cwd: root, env, stdio: "ignore" });
    if (run.status !== 0) throw new Error(`${args.join(" ")} exited ${run.status}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const out = mkdtempSync(path.join(tmpdir(), "bench-synth-"));
const floor = timeCommand([process.execPath, "-r", "ts-node/register", "-e", "require('./index.ts'); require('./synth/run.ts')"], 3);
const synth = timeCommand([process.execPath, "-r", "ts-node/register", "scripts/synth.ts", "--stack", "dev", "--quiet", "--out", out], 3);
const rows: Array<Record<string, string | number>> = [
  { measure: "load program + synth modules (floor)", ms: Math.round(floor), ratio: "1.00×", target: "" },
  { measure: "synth --stack dev", ms: Math.round(synth), ratio: `${(synth / floor).toFixed(2)}×`, target: `≤ 5000 ms (${synth <= 5000 ? "met" : "missed"})` },
];
if (!process.env.BENCH_SKIP_NPM_TEST) {
  // Its floor: the same steps one after another, mocha in one process (npm test before 0.3).
  const steps = ["build:functions", "build:lib", "typecheck", "lint", "test:package"].map((script) => timeCommand(["npm", "run", script, "--silent"], 1));
  const serialUnit = timeCommand(["npm", "run", "test:unit", "--silent", "--", "--no-parallel"], 1);
  const serial = steps.reduce((sum, ms) => sum + ms, 0) + serialUnit;
  const test = timeCommand(["npm", "test", "--silent"], 1);
  rows.push({ measure: "the same checks one after another (floor)", ms: Math.round(serial), ratio: "1.00×", target: "" });
  rows.push({ measure: "npm test (side by side, mocha on parallel workers)", ms: Math.round(test), ratio: `${(test / serial).toFixed(2)}×`, target: `≤ 90000 ms (${test <= 90000 ? "met" : "missed"})` });
}
printTable(rows);
