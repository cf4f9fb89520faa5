// The functions deploy on a Lambda Node.js runtime; their tests are only evidence on that Node.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { LAMBDA_RUNTIMES } from "../../contracts/runtimes";
import { PROGRAM_SETTINGS } from "../../config/settings";
import { BUNDLE_TARGETS } from "../../scripts/build-functions";

const root = path.resolve(__dirname, "../..");
const majorOf = (runtime: string): number => Number(/^nodejs(\d+)\.x$/.exec(runtime)?.[1]);

describe("the Node the functions are tested and bundled for", () => {
  it("runs these tests on a Node major that lambdaRuntime accepts", () => {
    const accepted = LAMBDA_RUNTIMES.map(majorOf);
    const running = Number(process.versions.node.split(".")[0]);
    assert.ok(accepted.includes(running), `tests run on Node ${process.version}; the functions deploy on Node ${accepted.join(" or ")}: source .ci/node.sh first`);
  });

  it("installs in CI the Node major of the default lambdaRuntime", () => {
    const ciMajor = Number(/^NODE_MAJOR=(\d+)$/m.exec(readFileSync(path.join(root, ".ci/node.sh"), "utf8"))?.[1]);
    assert.equal(ciMajor, majorOf(PROGRAM_SETTINGS.lambdaRuntime.default));
  });

  it("bundles for every Node major lambdaRuntime accepts", () => {
    assert.deepEqual(BUNDLE_TARGETS, ["node24", "node22"]);
  });
});
