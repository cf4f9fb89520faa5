/**
 * `npm run test:unit`: mocha over every unit test file on its parallel workers, the files that took
 * longest last time first (as Jest orders a run), so the long ones, which start a Pulumi plugin or a
 * workflow's whole job, overlap the many short ones instead of ending the run alone. A file not
 * timed yet goes first; with no record at all the order is mocha's own (by path).
 * Durations: test/support/file-durations.ts, in .tmp/test-durations.jsonl. Extra arguments go to mocha.
 */
import { spawn } from "node:child_process";
import { existsSync, globSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Unit tests: everything but the package's (npm run test:package) and the install from a clean clone (.ci/run). */
const IGNORED = ["test/provider-install/", "test/package/"];
const DURATIONS = path.join(root, ".tmp/test-durations.jsonl");
/** Lines kept: the record is rewritten with one line per file once it grows past this. */
const RECORD_LIMIT = 5_000;

/** The last duration of each file in a record's lines; a line cut short by an interrupted run is dropped (timing only). */
export function lastDurations(lines) {
  const durations = new Map();
  for (const line of lines) {
    try {
      const { file, ms } = JSON.parse(line);
      if (typeof file === "string" && typeof ms === "number") durations.set(file, ms);
    } catch {
      continue;
    }
  }
  return durations;
}

/** Files never timed first, then the slowest first; ties by path. */
export const runOrder = (files, durations) =>
  [...files].sort((a, b) => (durations.get(b) ?? Infinity) - (durations.get(a) ?? Infinity) || a.localeCompare(b));

function readRecord() {
  if (!existsSync(DURATIONS)) return new Map();
  const lines = readFileSync(DURATIONS, "utf8").split("\n").filter(Boolean);
  const durations = lastDurations(lines);
  if (lines.length > RECORD_LIMIT) {
    writeFileSync(`${DURATIONS}.next`, [...durations].map(([file, ms]) => JSON.stringify({ file, ms })).join("\n") + "\n");
    renameSync(`${DURATIONS}.next`, DURATIONS);
  }
  return durations;
}

function main() {
  const files = globSync("test/**/*.test.ts", { cwd: root }).filter((file) => !IGNORED.some((folder) => file.startsWith(folder)));
  const mocha = spawn(process.execPath, [path.join(root, "node_modules/mocha/bin/mocha.js"), ...process.argv.slice(2), ...runOrder(files, readRecord())], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
  });
  mocha.on("close", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
