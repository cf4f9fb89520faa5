// The project's own stacks (Pulumi.<stack>.yaml), each synthesized once per test process: every
// test file that only reads their plans shares one synthesis (mocha's parallel workers each run
// many files, so a worker synthesizes a stack at most once).
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { RecordedResource } from "../../synth/engine";
import { synthStack, type SynthOutcome } from "../../synth/run";

const root = path.resolve(__dirname, "../..");

/** The stacks this repository declares, sorted. */
export const OWN_STACKS: readonly string[] = readdirSync(root)
  .map((file) => /^Pulumi\.([A-Za-z0-9_.-]+)\.yaml$/.exec(file)?.[1])
  .filter((stack): stack is string => stack !== undefined)
  .sort();

const synthesized = new Map<string, Promise<SynthOutcome>>();

/** The outcome of a plain synth (not a preview) of one of the project's own stacks; read it, never change it. */
export function ownStackOutcome(stack: string): Promise<SynthOutcome> {
  let outcome = synthesized.get(stack);
  if (!outcome) {
    outcome = synthStack({ rootDir: root, stack, outDir: mkdtempSync(path.join(tmpdir(), `own-${stack}-`)), log: () => undefined, quiet: true });
    synthesized.set(stack, outcome);
  }
  return outcome;
}

/** The resources of one of the project's own stacks, as a plain synth declares them. */
export async function ownStackResources(stack: string): Promise<RecordedResource[]> {
  const outcome = await ownStackOutcome(stack);
  assert.ok(outcome.resources, `${stack} did not synthesize: ${outcome.reason}`);
  return outcome.resources;
}
