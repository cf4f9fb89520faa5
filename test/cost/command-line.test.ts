import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { main } from "../../scripts/cost";

const STACK = `config:
  aws:region: REGION
  api-usage-insights:apis:
    - name: orders
      type: REST
      apiId: a1b2c3d4e5
      stage: dev
    - name: catalog
      type: HTTP
      apiId: f6g7h8i9j0
      stage: $default
  api-usage-insights:quicksightEnabled: true
  api-usage-insights:quicksightAdminUserNames:
    - platform-admin
`;

async function run(argv: string[], region = "us-east-1") {
  const dir = mkdtempSync(path.join(tmpdir(), "cost-"));
  writeFileSync(path.join(dir, "Pulumi.fake.yaml"), STACK.replace("REGION", region));
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, "--stack-dir", dir, "--out", dir], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n"), dir };
}

describe("cost command line", () => {
  it("prints its usage and exits 0 with --help", async () => {
    const r = await run(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.out, /^usage: npm run cost -- --stack <name> --requests-per-month <n>/);
  });

  it("exits 2 naming an unknown flag", async () => {
    const r = await run(["--stack", "fake", "--requests-per-month", "1000", "--bogus"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^Unknown option '--bogus'/);
  });

  it("exits 2 when --requests-per-month is missing or has no value", async () => {
    assert.match((await run(["--stack", "fake"])).err, /--requests-per-month is required/);
    const valueless = await run(["--stack", "fake", "--requests-per-month"]);
    assert.equal(valueless.code, 2);
    assert.match(valueless.err, /--requests-per-month/);
  });

  it("exits 2 for a volume that is not a whole number, in the project's sentence", async () => {
    const r = await run(["--stack", "fake", "--requests-per-month", "lots"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /--requests-per-month must be a whole number from 1 to 1,000,000,000,000, got "lots"/);
  });

  it("exits 2 for a Region the price table does not cover, saying how to price it", async () => {
    const r = await run(["--stack", "fake", "--requests-per-month", "1000000"], "ap-south-1");
    assert.equal(r.code, 2);
    assert.match(r.err, /the price table covers us-east-1 and eu-west-1, not ap-south-1: pass --price-region/);
  });

  it("prints both designs side by side with every assumption, and writes <out>/<stack>/cost.svg", async () => {
    const r = await run(["--stack", "fake", "--requests-per-month", "100_000_000", "--quicksight-readers", "4"]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /this design\s+AWS sample/);
    assert.match(r.out, /^Total a month\s+\$[\d,.]+\s+\$[\d,.]+$/m);
    assert.match(r.out, /readers \(4\): 4\.00 × \$3\.000 \[quicksight\.reader\]/);
    assert.match(r.out, /assumptions:\n- access-log records average 1200 bytes; requests split evenly over the stack's APIs \(50% log to CloudWatch Logs\)/);
    assert.match(r.out, /prices used without a figure read from a page \(verify before quoting\):\n- firehose\.ingestion/);
    const svg = readFileSync(path.join(r.dir, "fake", "cost.svg"), "utf8");
    assert.equal([...svg.matchAll(/<polyline /g)].length, 2);
  });
});
