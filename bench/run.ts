/**
 * `npm run bench`: runs every bench/*.bench.ts in its own Node process (so peak RSS is its own)
 * and prints what each measured. Benchmarks print side-by-side ratios; nothing here asserts.
 * `npm run bench -- <filter>` (or `--filter <filter>`) runs only the files whose name contains it.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { CommandIo, parseCommandLine, processIo, readCommand, runCommand, UsageError } from "../functions/shared/command-line";

export const USAGE = `usage: npm run bench -- [<filter> | --filter <filter>]

  <filter>, --filter <filter>  run only the bench/*.bench.ts files whose name contains <filter>
  -h, --help                   print this and exit`;

/** The name filter `argv` asks for ("" runs every file), or "help"; a mistake throws a UsageError. */
export function readBenchCommand(argv: readonly string[]): { readonly filter: string } | "help" {
  const { values, positionals } = parseCommandLine(argv, { filter: { type: "string" } }, { allowPositionals: true });
  if (values.help) return "help";
  if (positionals.length > 1) throw new UsageError(`expected at most one filter, got ${positionals.map((p) => `'${p}'`).join(", ")}`);
  if (positionals.length === 1 && values.filter !== undefined) throw new UsageError(`give the filter once: '${positionals[0]}' and --filter '${values.filter}'`);
  return { filter: values.filter ?? positionals[0] ?? "" };
}

/** Runs one benchmark file in its own process; returns its exit status (or signal). */
function runBenchFile(file: string): number | string {
  const run = spawnSync(process.execPath, ["--expose-gc", "-r", "ts-node/register", file], {
    stdio: "inherit",
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
  });
  return run.status ?? run.signal ?? "unknown";
}

/** Runs the command for `argv` (without node and the script) and returns its exit code. */
export function main(argv: readonly string[], io: CommandIo = processIo, runFile = runBenchFile): number {
  const command = readCommand(() => readBenchCommand(argv), USAGE, io);
  if (typeof command === "number") return command;

  const { filter } = command;
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts") && f.includes(filter))
    .sort();
  let failed = 0;
  for (const file of files) {
    io.out(`\n=== ${file}`);
    const status = runFile(join(__dirname, file));
    if (status !== 0) {
      failed++;
      io.out(`!!! ${file} exited with ${status}`);
    }
  }
  io.out(`\n${files.length - failed} benchmark file(s) ran, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (require.main === module) runCommand(main);
