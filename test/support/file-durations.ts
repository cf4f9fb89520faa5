/**
 * A mocha root-hook plugin (.mocharc.json requires it): after each test file, one line in
 * .tmp/test-durations.jsonl with the file and how long its tests and hooks took. The next
 * `npm run test:unit` hands the slowest files to its workers first (scripts/unit-tests.mjs).
 */
import { appendFileSync, mkdirSync } from "node:fs";
import * as path from "node:path";
import type { Context, Suite } from "mocha";

const ROOT = path.resolve(__dirname, "../..");
const DURATIONS_FILE = path.join(ROOT, ".tmp/test-durations.jsonl");

let started = 0;

/**
 * The file a root-level hook belongs to: a parallel worker runs one file per root suite. A serial
 * run (one root suite for every file) has no one file, and records nothing.
 */
function fileOf(root: Suite | undefined): string | undefined {
  const files = new Set(root?.suites.map((child) => child.file));
  return files.size === 1 ? [...files][0] : undefined;
}

export const mochaHooks = {
  beforeAll(): void {
    started = Date.now();
  },
  afterAll(this: Context): void {
    const file = fileOf(this.test?.parent);
    if (!file) return;
    mkdirSync(path.dirname(DURATIONS_FILE), { recursive: true });
    // One short append per file: whole lines even with several workers writing at once.
    appendFileSync(DURATIONS_FILE, `${JSON.stringify({ file: path.relative(ROOT, file), ms: Date.now() - started })}\n`);
  },
};
