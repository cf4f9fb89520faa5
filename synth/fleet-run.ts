/**
 * `npm run synth -- --all`: every stack of the project, in reference order, each source reading the
 * synthesized outputs of the project stacks it references; then the fleet invariants (synth/fleet.ts).
 * Exit code: the worst of the stacks', and 2 when an invariant is broken.
 */
import * as path from "node:path";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { PROJECT } from "../config";
import { StackFileError, readStackFile, stackFilePath } from "./stack-file";
import { synthStack, type SynthArgs, type SynthOutcome } from "./run";
import { FLEET_ORGANIZATION, fleetMember, fleetOrder, linkProblems, nameProblems, projectStackOf, regionProblems, standInMonitoringOutputs, type FleetMember, type FleetProblem, type SynthesizedMember } from "./fleet";

export interface FleetArgs extends Omit<SynthArgs, "stack" | "stackReferences"> {
  readonly stacks: readonly string[];
}

export interface FleetOutcome {
  readonly exitCode: number;
  readonly outcomes: ReadonlyMap<string, SynthOutcome>;
  readonly problems: readonly FleetProblem[];
  /** References outside the project, answered by stand-ins: "<stack> → <reference>". */
  readonly standIns: readonly string[];
}

export async function synthFleet(args: FleetArgs): Promise<FleetOutcome> {
  const log = args.log ?? ((line: string) => console.log(line));
  const stackDir = args.stackDir ?? args.rootDir;
  const outcomes = new Map<string, SynthOutcome>();
  const members: FleetMember[] = [];
  let worst = 0;
  for (const stack of args.stacks) {
    try {
      members.push(fleetMember(stack, readStackFile(stackDir, stack)));
    } catch (e) {
      if (!(e instanceof StackFileError)) throw e;
      outcomes.set(stack, { exitCode: 2, reason: e.message });
      log(`${stack}: ${e.message}`);
      worst = 2;
    }
  }

  // A project stack that a requested stack references is synthesized first, so the reference reads it.
  for (const member of [...members]) {
    const [organization, project, stack] = (member.monitoringStack ?? "").split("/");
    if (organization !== FLEET_ORGANIZATION || project !== PROJECT || !stack || members.some((m) => m.stack === stack)) continue;
    if (!existsSync(stackFilePath(stackDir, stack))) continue;
    try {
      members.push(fleetMember(stack, readStackFile(stackDir, stack)));
    } catch (e) {
      if (!(e instanceof StackFileError)) throw e;
    }
  }

  // What a reference reads is the referenced stack as deployed: in a preview of a new stack, the
  // stacks it references already exist, so their outputs come from a synth without --preview.
  const deployed = new Map<string, Record<string, unknown> | undefined>();
  const deployedOutputs = async (stack: string): Promise<Record<string, unknown> | undefined> => {
    if (!args.preview) return outcomes.get(stack)?.outputs;
    if (!deployed.has(stack)) {
      const scratch = mkdtempSync(path.join(tmpdir(), "fleet-deployed-"));
      try {
        const outcome = await synthStack({ ...args, stack, preview: false, baselineDir: undefined, outDir: scratch, quiet: true, log: () => undefined });
        deployed.set(stack, outcome.outputs);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }
    return deployed.get(stack);
  };

  const problems: FleetProblem[] = [...regionProblems(members)];
  const blocked = new Set(problems.flatMap((p) => p.stacks.slice(0, 1)));
  const standIns: string[] = [];
  const synthesized: SynthesizedMember[] = [];
  for (const member of fleetOrder(members)) {
    if (blocked.has(member.stack)) continue;
    const stackReferences: Record<string, Record<string, unknown>> = {};
    if (member.monitoringStack) {
      const target = projectStackOf(member.monitoringStack, members);
      const outputs = target ? await deployedOutputs(target.stack) : undefined;
      if (target && !outputs) {
        problems.push({ stacks: [member.stack, target.stack], message: `${member.stack} references ${target.stack}, which did not synthesize` });
        continue;
      }
      if (outputs) stackReferences[member.monitoringStack] = outputs;
      else {
        stackReferences[member.monitoringStack] = standInMonitoringOutputs(member);
        standIns.push(`${member.stack} → ${member.monitoringStack}`);
      }
    }
    const outcome = await synthStack({ ...args, stack: member.stack, stackReferences });
    outcomes.set(member.stack, outcome);
    worst = Math.max(worst, outcome.exitCode);
    if (outcome.resources) synthesized.push({ member, resources: outcome.resources });
  }
  problems.push(...nameProblems(synthesized), ...linkProblems(synthesized));

  for (const reference of standIns) log(`fleet: stand-in outputs for ${reference} (a stack outside this project)`);
  for (const problem of problems) log(`FLEET ${problem.message}`);
  if (problems.length) worst = Math.max(worst, 2);
  log(`fleet: ${members.length} stacks, ${problems.length} fleet problem(s)${args.outDir ? ` → ${path.relative(args.rootDir, args.outDir) || "."}` : ""}`);
  return { exitCode: worst, outcomes, problems, standIns };
}
