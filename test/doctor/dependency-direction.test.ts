import assert from "node:assert/strict";
import * as path from "node:path";
import { ESLint } from "eslint";

const root = path.resolve(__dirname, "../..");

/** [importing file, import, allowed?] for ops/ (doctor, cost model): contracts/ and the AWS SDK only. */
const cases: Array<[string, string, boolean]> = [
  ["ops/doctor/checks/trail-delivery.ts", "../../../contracts/outputs", true],
  ["ops/doctor/checks/trail-delivery.ts", "@aws-sdk/client-cloudtrail", true],
  ["ops/doctor/checks/trail-delivery.ts", "../check", true],
  ["ops/doctor/run.ts", "../../components/access-log-pipeline", false],
  ["ops/doctor/run.ts", "../../config", false],
  ["ops/doctor/run.ts", "../../synth/stack-file", false],
  ["ops/doctor/run.ts", "../../index", false],
  ["ops/doctor/run.ts", "../../test/doctor/fake-account", false],
  ["ops/cost/model.ts", "@pulumi/pulumi", false],
  ["components/app/index.ts", "../../ops/doctor/run", false],
  ["scripts/doctor.ts", "../ops/doctor/run", true],
];

describe("the dependency direction of ops/", () => {
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({ cwd: root });
  });

  for (const [file, source, allowed] of cases) {
    it(`${allowed ? "allows" : "forbids"} ${file} importing ${source}`, async () => {
      const [result] = await eslint.lintText(`import "${source}";\n`, { filePath: path.join(root, file) });
      const messages = result.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports");
      assert.equal(messages.length, allowed ? 0 : 1, JSON.stringify(messages.map((m) => m.message)));
    });
  }
});
