import assert from "node:assert/strict";
import { main as bench, USAGE as BENCH_USAGE } from "../../bench/run";
import { parseCommandLine, UsageError } from "../../functions/shared/command-line";
import { main as synth, USAGE as SYNTH_USAGE } from "../../scripts/synth";

/** Captures what a command prints, so its main can be run in-process. */
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out: () => out.join("\n"), err: () => err.join("\n") };
}

describe("command lines", () => {
  describe("parseCommandLine", () => {
    it("reads flags strictly and adds --help and -h", () => {
      const options = { name: { type: "string" }, verbose: { type: "boolean" } } as const;
      assert.deepEqual({ ...parseCommandLine(["--name", "x", "--verbose"], options).values }, { name: "x", verbose: true });
      assert.equal(parseCommandLine(["-h"], options).values.help, true);
    });

    it("turns an unknown flag into a UsageError naming it, without the advice about positionals", () => {
      assert.throws(() => parseCommandLine(["--nope"], {}), (e: unknown) => e instanceof UsageError && e.message === "Unknown option '--nope'");
    });

    it("turns a flag missing its value into a UsageError naming it", () => {
      assert.throws(() => parseCommandLine(["--name"], { name: { type: "string" } }), (e: unknown) => e instanceof UsageError && /'--name <value>' argument missing/.test(e.message));
    });
  });

  describe("synth", () => {
    it("prints its usage and exits 0 for --help and -h", async () => {
      for (const flag of ["--help", "-h"]) {
        const c = capture();
        assert.equal(await synth([flag], c.io), 0);
        assert.equal(c.out(), SYNTH_USAGE);
        assert.equal(c.err(), "");
      }
    });

    it("exits 2 for an unknown flag, naming it and printing the usage", async () => {
      const c = capture();
      assert.equal(await synth(["--stack", "dev", "--colour"], c.io), 2);
      assert.match(c.err(), /^Unknown option '--colour'\n/);
      assert.ok(c.err().endsWith(SYNTH_USAGE), c.err());
      assert.equal(c.out(), "");
    });

    it("exits 2 for --stack or --out without a value, naming the flag", async () => {
      for (const [argv, flag] of [[["--stack"], "--stack"], [["--all", "--out"], "--out"]] as const) {
        const c = capture();
        assert.equal(await synth(argv, c.io), 2);
        assert.match(c.err(), new RegExp(`${flag} <value>' argument missing`));
        assert.ok(c.err().endsWith(SYNTH_USAGE), c.err());
      }
    });

    it("exits 2 when no stack is given or --stack and --all are both given", async () => {
      const none = capture();
      assert.equal(await synth([], none.io), 2);
      assert.match(none.err(), /^no stack given: pass --stack <name> or --all\n/);
      const both = capture();
      assert.equal(await synth(["--all", "-s", "dev"], both.io), 2);
      assert.match(both.err(), /--stack and --all exclude each other/);
    });

    it("exits 2 for an argument that is not a flag", async () => {
      const c = capture();
      assert.equal(await synth(["dev"], c.io), 2);
      assert.match(c.err(), /^Unexpected argument 'dev'/);
    });
  });

  describe("bench", () => {
    const neverRun = () => assert.fail("no benchmark should run");

    it("prints its usage and exits 0 for --help without running a benchmark", () => {
      const c = capture();
      assert.equal(bench(["--help"], c.io, neverRun), 0);
      assert.equal(c.out(), BENCH_USAGE);
    });

    it("exits 2 for an unknown flag, naming it and printing the usage", () => {
      const c = capture();
      assert.equal(bench(["--fast"], c.io, neverRun), 2);
      assert.match(c.err(), /^Unknown option '--fast'\n/);
      assert.ok(c.err().endsWith(BENCH_USAGE), c.err());
    });

    it("exits 2 for --filter without a value, naming it", () => {
      const c = capture();
      assert.equal(bench(["--filter"], c.io, neverRun), 2);
      assert.match(c.err(), /'--filter <value>' argument missing/);
    });

    it("exits 2 for two filters", () => {
      const c = capture();
      assert.equal(bench(["widget", "--filter", "counter"], c.io, neverRun), 2);
      assert.match(c.err(), /give the filter once/);
    });

    it("runs only the files whose name contains the filter, given as a positional or as --filter", () => {
      for (const argv of [["distinct-users"], ["--filter", "distinct-users"]]) {
        const ran: string[] = [];
        const c = capture();
        assert.equal(bench(argv, c.io, (file) => (ran.push(file), 0)), 0);
        assert.deepEqual(ran.map((f) => f.split(/[\\/]/).pop()), ["distinct-users-widget.bench.ts"]);
      }
    });
  });
});
