import assert from "node:assert/strict";
import * as path from "node:path";
import { ESLint } from "eslint";

const root = path.resolve(__dirname, "../..");
const RULE = "@typescript-eslint/no-restricted-imports";

/** [importing file, import, allowed?]: the file need not exist; ESLint lints the text as if it were there. */
const cases: Array<[string, string, boolean]> = [
  ["components/app/index.ts", "../../contracts/kinds", true],
  ["components/app/index.ts", "../../contracts/functions/api-call-counter", true],
  ["components/app/index.ts", "../shared/config", true],
  ["components/app/index.ts", "@pulumi/pulumi", true],
  ["components/app/index.ts", "../../functions/api-call-counter/config", false],
  ["components/app/index.ts", "../../config", false],
  ["components/app/index.ts", "../../config/settings", false],
  ["components/app/index.ts", "../../policies/all", false],
  ["components/app/index.ts", "../../synth/engine", false],
  ["components/app/index.ts", "../../test/engine/harness", false],
  ["components/app/index.ts", "../..", false],
  ["components/app/index.ts", "../../index", false],
  ["components/shared/config/settings.ts", "./kinds", true],
  ["components/shared/config/settings.ts", "../../../contracts/kinds", true],
  ["components/shared/config/settings.ts", "../../../functions/api-call-counter/config", false],
  ["functions/api-call-counter/backfill.ts", "./config", true],
  ["functions/api-call-counter/backfill.ts", "../shared/command-line", true],
  ["functions/api-call-counter/backfill.ts", "../../contracts/functions/api-call-counter", true],
  ["functions/api-call-counter/backfill.ts", "@aws-sdk/client-cloudtrail", true],
  ["functions/api-call-counter/backfill.ts", "@pulumi/pulumi", false],
  ["functions/api-call-counter/backfill.ts", "../../components/shared/config", false],
  ["functions/api-call-counter/backfill.ts", "../../config", false],
  ["functions/api-call-counter/backfill.ts", "../../scripts/synth", false],
  ["functions/api-call-counter/backfill.ts", "../../bench/support/fake-clock", false],
  ["functions/shared/widget/html.ts", "../../../synth/engine", false],
  ["contracts/kinds.ts", "./functions/api-call-counter", true],
  ["contracts/kinds.ts", "node:util", true],
  ["contracts/kinds.ts", "../functions/api-call-counter/config", false],
  ["contracts/kinds.ts", "../components/shared/config", false],
  ["contracts/functions/api-call-counter.ts", "../kinds", true],
  ["contracts/functions/api-call-counter.ts", "../../policies/all", false],
  ["contracts/functions/api-call-counter.ts", "@pulumi/pulumi", false],
  ["contracts/functions/api-call-counter.ts", "@aws-sdk/client-s3", false],
  ["config/index.ts", "../components/shared/config", true],
  ["config/index.ts", "../contracts/kinds", true],
  ["config/index.ts", "../functions/api-call-counter/config", false],
  ["config/index.ts", "../synth/run", false],
  ["policies/s3.ts", "../contracts/kinds", true],
  ["policies/s3.ts", "@pulumi/policy", true],
  ["policies/s3.ts", "../components/shared/config", false],
  ["policies/s3.ts", "../functions/api-call-counter/config", false],
  ["synth/run.ts", "../index", true],
  ["synth/run.ts", "../policies/all", true],
  ["synth/run.ts", "../test/engine/harness", false],
  ["scripts/synth.ts", "../test/engine/harness", false],
  ["bench/run.ts", "./support/fake-clock", true],
  ["bench/run.ts", "../functions/shared/command-line", true],
  ["bench/run.ts", "../test/functions/distinct-users-widget/quiet-logs", false],
  ["examples/app-stack/index.ts", "../../test/fixtures/app-stacks/noncompliant", false],
  ["provider/stage-access-logs.ts", "../components/app", true],
  ["provider/stage-access-logs.ts", "../contracts/outputs", true],
  ["provider/stage-access-logs.ts", "../config", false],
  ["provider/stage-access-logs.ts", "../synth/engine", false],
  ["components/app/index.ts", "../../provider", false],
  ["index.ts", "./components/app", true],
  ["index.ts", "./test/engine/harness", false],
  ["test/engine/harness.ts", "../../synth/engine", true],
  ["test/functions/x.test.ts", "../../bench/support/population", true],
];

describe("the dependency direction lint rules", () => {
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({ cwd: root });
  });

  async function restricted(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
  }

  for (const [file, source, allowed] of cases) {
    it(`${allowed ? "allows" : "forbids"} ${file} importing ${source}`, async () => {
      const messages = await restricted(file, `import "${source}";\n`);
      if (allowed) assert.deepEqual(messages, []);
      else assert.equal(messages.length, 1, `expected one restriction, got ${JSON.stringify(messages)}`);
    });
  }

  it("also checks type-only imports and re-exports", async () => {
    const code = 'import type { X } from "../../functions/a";\nexport { Y } from "../../functions/b";\nexport type { X };\n';
    assert.equal((await restricted("components/app/index.ts", code)).length, 2);
  });

  it("names the rule broken in its message", async () => {
    const [message] = await restricted("bench/run.ts", 'import "../test/x";\n');
    assert.match(message, /nothing outside test\/ imports test\//);
    const [direction] = await restricted("components/app/index.ts", 'import "../../functions/x";\n');
    assert.match(direction, /components must not import functions\/: dependencies point one way/);
  });
});
