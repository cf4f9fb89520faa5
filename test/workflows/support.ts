/** The repository's GitHub workflows, read as GitHub reads them, for the tests of test/workflows/. */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { fleetMember, type FleetMember } from "../../synth/fleet";
import { listStacks, readStackFile } from "../../synth/stack-file";

export const ROOT = path.resolve(__dirname, "../..");

export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, string | number | boolean>;
  readonly env?: Record<string, string>;
  readonly "working-directory"?: string;
  readonly "continue-on-error"?: boolean;
}

export interface Job {
  readonly name?: string;
  readonly "runs-on"?: string;
  readonly uses?: string;
  readonly needs?: string | string[];
  readonly if?: string;
  readonly environment?: string | { name: string; url?: string };
  readonly concurrency?: { group: string; "cancel-in-progress"?: boolean } | string;
  readonly permissions?: Record<string, string> | string;
  readonly env?: Record<string, string>;
  readonly strategy?: { matrix?: { include?: Array<Record<string, string>> }; "fail-fast"?: boolean };
  readonly outputs?: Record<string, string>;
  readonly steps?: Step[];
}

export interface Workflow {
  /** Relative to the repository root. */
  readonly file: string;
  readonly text: string;
  readonly name?: string;
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string> | string;
  readonly jobs: Record<string, Job>;
}

/** This repository's workflows and the copyable example's: every file a test holds to the rules. */
export const WORKFLOW_DIRS = [".github/workflows", "examples/app-ci/.github/workflows"];

export function workflowFiles(): string[] {
  return WORKFLOW_DIRS.flatMap((dir) =>
    readdirSync(path.join(ROOT, dir))
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => path.join(dir, f)),
  ).sort();
}

export function readWorkflow(file: string): Workflow {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  // YAML 1.1 reads a bare `on` as true; GitHub reads the key `on`.
  const doc = parse(text, { version: "1.2" }) as Omit<Workflow, "file" | "text">;
  return { file, text, ...doc };
}

export const allWorkflows = (): Workflow[] => workflowFiles().map(readWorkflow);

export const stepsOf = (workflow: Workflow): Array<{ job: string; step: Step }> =>
  Object.entries(workflow.jobs).flatMap(([job, j]) => (j.steps ?? []).map((step) => ({ job, step })));

export const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : [job.needs].flat());

/** The project's stacks, as the fleet synth reads them. */
export function fleetMembers(): FleetMember[] {
  return listStacks(readdirSync(ROOT)).map((stack) => fleetMember(stack, readStackFile(ROOT, stack)));
}

export interface PinnedAction {
  readonly version: string;
  readonly commit: string;
  readonly source: string;
  readonly runs: string;
  readonly inputs: string[];
}

/** test/workflows/fixtures/actions.json: each pinned action's release commit and declared inputs. */
export function pinnedActions(): Record<string, PinnedAction> {
  return (JSON.parse(readFileSync(path.join(__dirname, "fixtures/actions.json"), "utf8")) as { actions: Record<string, PinnedAction> }).actions;
}
