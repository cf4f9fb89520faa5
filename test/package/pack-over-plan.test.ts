/**
 * plan.json is what the policy pack sees: the repository's pack, started as the CLI starts it and
 * asked over the Analyzer gRPC protocol with nothing but a synthesized plan.json, reports exactly
 * what the synth's own policy run reported (the same violations, or none). The pack is the one
 * policy-pack.test.ts launches (./launched.ts): ts-node type-checks policies/ once per run.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { PlanFile } from "../../synth/plan";
import { synthStack, type SynthOutcome } from "../../synth/run";
import { analyzeAsEngine, type Diagnostic } from "../support/policy-pack-host";
import { repositoryPack, type OpenedPack } from "./launched";

const root = path.resolve(__dirname, "../..");

interface Synthesized {
  readonly outcome: SynthOutcome;
  readonly plan: PlanFile;
}

async function synthesizeTo(stack: string, opts: { preview?: boolean; programPath?: string } = {}): Promise<Synthesized> {
  const outDir = mkdtempSync(path.join(tmpdir(), "pack-over-plan-"));
  const outcome = await synthStack({ rootDir: root, stack, outDir, log: () => undefined, quiet: true, ...opts });
  assert.ok(outcome.report, `the synth of ${stack} failed: ${outcome.reason}`);
  const plan = JSON.parse(readFileSync(path.join(outDir, stack, "plan.json"), "utf8")) as Synthesized["plan"];
  return { outcome, plan };
}

/** The synth's result and the pack's, each as sorted lines: violations with their level and message, then undecided checks. */
function synthResult(outcome: SynthOutcome): string[] {
  const report = outcome.report!;
  return [
    ...report.violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.urn ?? "(stack)"}: ${v.message}`),
    ...report.undecided.map((u) => `undecided ${u.policy} ${u.urn ?? "(stack)"}`),
  ].sort();
}

function packResult(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => (d.undecided ? `undecided ${d.policy} ${d.urn || "(stack)"}` : `${d.enforcementLevel} ${d.policy} ${d.urn || "(stack)"}: ${d.violation}`)).sort();
}

describe("the policy pack run by the CLI's protocol over plan.json alone", function () {
  // Starting the pack type-checks policies/ with ts-node, as the CLI does.
  this.timeout(240_000);
  let pack: OpenedPack;
  before(async () => {
    pack = await repositoryPack();
  });

  it("reports what the synth reported for the dev stack: no violations", async () => {
    const { outcome, plan } = await synthesizeTo("dev");
    assert.deepEqual(synthResult(outcome), []);
    assert.deepEqual(packResult(await analyzeAsEngine(pack.pack, plan.resources)), synthResult(outcome));
  });

  it("reports what the synth reported for a first preview of the dev stack, where outputs of new resources are unknown", async () => {
    const { outcome, plan } = await synthesizeTo("dev", { preview: true });
    assert.deepEqual(packResult(await analyzeAsEngine(pack.pack, plan.resources)), synthResult(outcome));
  });

  it("reports the same violations as the synth for planted ones, and none for the compliant bucket beside them", async () => {
    const { outcome, plan } = await synthesizeTo("dev", { programPath: path.join(root, "test/fixtures/policy-plan/planted.ts") });
    const expected = synthResult(outcome);
    assert.ok(expected.some((line) => line.startsWith("mandatory s3-bucket-encryption") && line.includes("::bare:")), expected.join("\n"));
    assert.ok(expected.some((line) => line.startsWith("mandatory iam-no-star-on-star")), expected.join("\n"));
    assert.ok(!expected.some((line) => line.includes("::kept")), expected.join("\n"));
    assert.deepEqual(packResult(await analyzeAsEngine(pack.pack, plan.resources)), expected);
  });
});
