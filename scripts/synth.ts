/**
 * `npm run synth -- --stack <name>` (or `--all`): evaluates the program offline for a stack's
 * config and writes out/<stack>/. Exit codes: 0 ok, 1 mandatory policy violation, 2 bad stack
 * file or config, 3 the program failed.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { synthStack } from "./synth/run";
import { listStacks } from "./synth/stack-file";

const USAGE = "usage: npm run synth -- --stack <name> | --all [--quiet] [--out <dir>]";

async function main(argv: string[]): Promise<number> {
  const rootDir = path.resolve(__dirname, "..");
  let stacks: string[] = [];
  let quiet = false;
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--stack" || arg === "-s") {
      const value = argv[++i];
      if (!value) return fail(`--stack needs a stack name; ${USAGE}`);
      stacks.push(value);
    } else if (arg === "--all") stacks = listStacks(readdirSync(rootDir));
    else if (arg === "--quiet") quiet = true;
    else if (arg === "--out") outDir = argv[++i];
    else return fail(`unknown argument ${JSON.stringify(arg)}; ${USAGE}`);
  }
  if (stacks.length === 0) return fail(`no stack given; ${USAGE}`);

  let worst = 0;
  for (const stack of stacks) {
    const outcome = await synthStack({ rootDir, stack, outDir, quiet });
    if (outcome.exitCode !== 0 && outcome.reason) console.error(`synth ${stack}: ${outcome.reason}`);
    worst = Math.max(worst, outcome.exitCode);
  }
  return worst;
}

function fail(message: string): number {
  console.error(message);
  return 2;
}

// If the event loop empties while a synthesis still waits (a promise that never settles), Node
// would exit 0: make that a failure that says so.
let finished = false;
process.on("beforeExit", () => {
  if (finished) return;
  finished = true;
  console.error("synth: the program never finished (a promise never settled); exit 3");
  process.exit(3);
});

main(process.argv.slice(2)).then(
  (code) => {
    finished = true;
    process.exit(code);
  },
  (e: unknown) => {
    finished = true;
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(3);
  },
);
