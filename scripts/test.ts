/**
 * `npm test`: every check, side by side on the machine's cores. Typecheck and lint start at once;
 * mocha (parallel workers) starts when the function bundles are built, the package's tests
 * (test/package: the packed tarball and the policy packs, in one process so each pack is launched
 * once) when the compiled library is too. The fleet's synth in both
 * modes, with its policies, is a mocha test (test/synth/fleet.test.ts), sharing a worker's warm
 * modules instead of a process of its own; `npm run test:stacks` still runs it from the CLI.
 * Each step's output is printed whole once all have ended, mocha's last, then each step's time;
 * the exit code is the first failing step's.
 * Typecheck and lint keep caches in .tmp/, so a second run checks only what changed, and every
 * Node process it starts (mocha's workers, tsc, eslint, the plugins and packs tests launch) shares
 * Node's compile cache there: V8's code for typescript, @pulumi/* and the AWS SDK is compiled once,
 * not once per process (Node 22.1+ reads NODE_COMPILE_CACHE; older Nodes ignore it).
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

const root = path.join(__dirname, "..");
export const COMPILE_CACHE = path.join(root, ".tmp/node-compile-cache");

interface Step {
  readonly name: string;
  readonly command: readonly string[];
  /** Steps that must have passed before this one starts. */
  readonly after?: readonly string[];
}

interface Outcome {
  readonly name: string;
  readonly code: number;
  readonly ms: number;
  readonly output: string;
}

const npmRun = (script: string): readonly string[] => ["npm", "run", script, "--silent"];

/** Every step, in the order their output is printed (mocha last, where CI reads its closing line). */
export const STEPS: readonly Step[] = [
  { name: "build:functions", command: npmRun("build:functions") },
  { name: "build:lib", command: npmRun("build:lib") },
  { name: "typecheck", command: npmRun("typecheck") },
  { name: "lint", command: npmRun("lint") },
  { name: "test:package", command: npmRun("test:package"), after: ["build:functions", "build:lib"] },
  { name: "test:unit", command: npmRun("test:unit"), after: ["build:functions"] },
];

function run(step: Step): Promise<Outcome> {
  const start = performance.now();
  return new Promise((resolve) => {
    const env = { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? COMPILE_CACHE };
    const child = spawn(step.command[0]!, step.command.slice(1), { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => resolve({ name: step.name, code: 127, ms: performance.now() - start, output: `${output}${error.message}\n` }));
    child.on("close", (code, signal) => resolve({ name: step.name, code: code ?? (signal ? 128 : 1), ms: performance.now() - start, output }));
  });
}

const skipped = (step: Step, failed: string): Outcome => ({ name: step.name, code: 1, ms: 0, output: `not run: ${failed} failed\n` });

async function main(): Promise<number> {
  const started = new Map<string, Promise<Outcome>>();
  const start = (step: Step): Promise<Outcome> => {
    const existing = started.get(step.name);
    if (existing) return existing;
    const outcome = (async () => {
      const before = await Promise.all((step.after ?? []).map((name) => start(STEPS.find((other) => other.name === name)!)));
      const failed = before.find((outcome) => outcome.code !== 0);
      return failed ? skipped(step, failed.name) : run(step);
    })();
    started.set(step.name, outcome);
    return outcome;
  };
  const outcomes = await Promise.all(STEPS.map(start));
  for (const outcome of outcomes) {
    if (outcome.output.trim()) process.stdout.write(`\n── ${outcome.name} ──\n${outcome.output.trimEnd()}\n`);
  }
  process.stdout.write(`\n${outcomes.map((o) => `${o.name} ${(o.ms / 1000).toFixed(1)} s${o.code ? ` (exit ${o.code})` : ""}`).join(", ")}\n`);
  const failed = outcomes.find((outcome) => outcome.code !== 0);
  // One closing line for both mocha runs, last, where CI reads it.
  const counts = outcomes.map((o) => /^tests: (\d+) passed, (\d+) failed/m.exec(o.output)).filter((match) => match !== null);
  if (counts.length) process.stdout.write(`tests: ${counts.reduce((sum, m) => sum + Number(m[1]), 0)} passed, ${counts.reduce((sum, m) => sum + Number(m[2]), 0)} failed\n`);
  if (failed) process.stderr.write(`npm test: ${failed.name} failed (exit ${failed.code})\n`);
  return failed?.code ?? 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(3);
    },
  );
}
