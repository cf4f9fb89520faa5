import assert from "node:assert/strict";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lastDurations, runOrder } = require("../../scripts/unit-tests.mjs") as {
  lastDurations(lines: readonly string[]): Map<string, number>;
  runOrder(files: readonly string[], durations: ReadonlyMap<string, number>): string[];
};

describe("the order npm run test:unit hands files to mocha's workers", () => {
  it("runs files never timed first, then the slowest of the last run first, ties by path", () => {
    const durations = new Map([
      ["test/a.test.ts", 500],
      ["test/b.test.ts", 60_000],
      ["test/c.test.ts", 500],
    ]);
    assert.deepEqual(runOrder(["test/a.test.ts", "test/c.test.ts", "test/new.test.ts", "test/b.test.ts"], durations), ["test/new.test.ts", "test/b.test.ts", "test/a.test.ts", "test/c.test.ts"]);
  });

  it("keeps each file's latest duration and drops a line an interrupted run cut short", () => {
    const lines = ['{"file":"test/a.test.ts","ms":900}', '{"file":"test/b.test.ts","ms":40}', '{"file":"test/a.test.ts","ms":300}', '{"file":"test/b.te'];
    assert.deepEqual([...lastDurations(lines)], [
      ["test/a.test.ts", 300],
      ["test/b.test.ts", 40],
    ]);
  });
});
