/**
 * `npm run bench`: runs every bench/*.bench.ts in its own Node process (so peak RSS is its own)
 * and prints what each measured. Benchmarks print side-by-side ratios; nothing here asserts.
 * `npm run bench -- <filter>` runs only the files whose name contains <filter>.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const filter = process.argv[2] ?? "";
const dir = __dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && f.includes(filter))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const run = spawnSync(process.execPath, ["--expose-gc", "-r", "ts-node/register", join(dir, file)], {
    stdio: "inherit",
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
  });
  if (run.status !== 0) {
    failed++;
    console.log(`!!! ${file} exited with ${run.status ?? run.signal}`);
  }
}
console.log(`\n${files.length - failed} benchmark file(s) ran, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
