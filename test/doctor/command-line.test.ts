import { strict as assert } from "node:assert";
import { main } from "../../scripts/doctor";

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("doctor command line", () => {
  it("prints its usage and exits 0 with --help", async () => {
    const r = await run(["--help"]);
    assert.equal(r.code, 0);
    assert.match(r.out, /^usage: npm run doctor -- --stack <name>/);
  });

  it("exits 2 naming an unknown flag", async () => {
    const r = await run(["--stack", "dev", "--bogus"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^Unknown option '--bogus'/);
  });

  it("exits 2 when --stack has no value", async () => {
    const r = await run(["--stack"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /--stack/);
  });

  it("exits 2 for a timeout beyond the run's budget", async () => {
    const r = await run(["--stack", "dev", "--timeout", "56"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /--timeout must be a number of seconds above 0 and at most 55, got "56"/);
  });
});
