/**
 * `npm test`: every check, side by side on the machine's cores. The function bundles and the
 * compiled library come first (the tests and the fleet synth read them); then typecheck, lint, the
 * fleet synth in both modes and mocha (parallel, its own two workers) run at once. Each step's
 * output is printed whole when it ends, mocha's last, then each step's time; the exit code is the
 * first failing step's.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

const root = path.join(__dirname, "..");

interface Step {
  readonly name: string;
  readonly command: readonly string[];
}

interface Outcome {
  readonly name: string;
  readonly code: number;
  readonly ms: number;
  readonly output: string;
}

const npmRun = (script: string): readonly string[] => ["npm", "run", script, "--silent"];

/** What runs first, together; then what runs once they all passed, together. */
export const PHASES: ReadonlyArray<readonly Step[]> = [
  [
    { name: "build:functions", command: npmRun("build:functions") },
    { name: "build:lib", command: npmRun("build:lib") },
  ],
  [
    { name: "typecheck", command: npmRun("typecheck") },
    { name: "lint", command: npmRun("lint") },
    { name: "test:stacks", command: npmRun("test:stacks") },
    { name: "test:unit", command: npmRun("test:unit") },
  ],
];

function run(step: Step): Promise<Outcome> {
  const start = performance.now();
  return new Promise((resolve) => {
    const child = spawn(step.command[0]!, step.command.slice(1), { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => resolve({ name: step.name, code: 127, ms: performance.now() - start, output: `${output}${error.message}\n` }));
    child.on("close", (code, signal) => resolve({ name: step.name, code: code ?? (signal ? 128 : 1), ms: performance.now() - start, output }));
  });
}

async function main(): Promise<number> {
  const outcomes: Outcome[] = [];
  for (const phase of PHASES) {
    const ended = await Promise.all(phase.map(run));
    outcomes.push(...ended);
    for (const outcome of ended) {
      if (outcome.output.trim()) process.stdout.write(`\n── ${outcome.name} ──\n${outcome.output.trimEnd()}\n`);
    }
    if (ended.some((outcome) => outcome.code !== 0)) break;
  }
  process.stdout.write(`\n${outcomes.map((o) => `${o.name} ${(o.ms / 1000).toFixed(1)} s${o.code ? ` (exit ${o.code})` : ""}`).join(", ")}\n`);
  const failed = outcomes.find((outcome) => outcome.code !== 0);
  // The test runner's own closing line, last, where CI reads it.
  const closing = /^tests: \d+ passed, \d+ failed.*$/m.exec(outcomes.find((o) => o.name === "test:unit")?.output ?? "")?.[0];
  if (closing) process.stdout.write(`${closing}\n`);
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
