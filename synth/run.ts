/**
 * One offline synthesis: stack file → validated config → program under the mock engine →
 * out/<stack>/{plan.json, artifacts, policy-report.json}. Returns the exit code the CLI uses:
 * 0 ok, 1 mandatory policy violation, 2 bad input (stack file or config), 3 the program failed.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ALL_POLICIES, PACK_NAME } from "../policies/all";
import { ConfigError, PROJECT, readStackConfig } from "../config";
import { RecordedResource, UNKNOWN_VALUE, synthesize } from "./engine";
import { DefaultTagsError, readDefaultTags } from "./fake-aws";
import { PolicyReport, runPolicies } from "./policy-runner";
import { collectArtifacts } from "./artifacts";
import { renderDashboardPicture } from "./dashboard-picture";
import { renderDashboardPng } from "./dashboard-png";
import { StackFileError, readStackFile } from "./stack-file";
import { renderTree } from "./tree";
import { manualSteps, renderManualSteps } from "./manual-steps";
import { ChangeSummary, comparePlans, renderChanges, summaryLine } from "./changes";
import { PlanFile, plannedResource } from "./plan";
import { fleetMember, standInMonitoringOutputs } from "./fleet";

export interface SynthArgs {
  readonly rootDir: string;
  readonly stack: string;
  /** Where Pulumi.<stack>.yaml lives (default rootDir). */
  readonly stackDir?: string;
  readonly outDir?: string;
  /** The program module (default <rootDir>/index.ts); must export the program function. */
  readonly programPath?: string;
  readonly stackReferences?: Record<string, Record<string, unknown>>;
  readonly log?: (line: string) => void;
  readonly quiet?: boolean;
  /** Model a first `pulumi preview`: outputs of new resources are unknown. */
  readonly preview?: boolean;
  /** Compare with <baselineDir>/<stack>/plan.json instead of the previous out/<stack>/plan.json. */
  readonly baselineDir?: string;
  /** Replacing or deleting a protected resource is intended: report it, exit 0. */
  readonly allowReplace?: boolean;
}

export interface SynthOutcome {
  readonly exitCode: 0 | 1 | 2 | 3;
  readonly reason?: string;
  readonly resources?: RecordedResource[];
  readonly outputs?: Record<string, unknown>;
  readonly report?: PolicyReport;
  readonly changes?: ChangeSummary;
}

export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export async function synthStack(args: SynthArgs): Promise<SynthOutcome> {
  const log = args.log ?? ((line: string) => console.log(line));
  const stackDir = args.stackDir ?? args.rootDir;
  let config: Record<string, string>;
  try {
    config = readStackFile(stackDir, args.stack);
    readStackConfig(config, args.stack);
    readDefaultTags(config["aws:defaultTags"]);
  } catch (e) {
    if (e instanceof StackFileError || e instanceof ConfigError || e instanceof DefaultTagsError) return { exitCode: 2, reason: e.message };
    throw e;
  }

  // The account aws:allowedAccountIds pins (the first), which the fake ARNs use.
  const accountId = fleetMember(args.stack, config).account;
  const programPath = args.programPath ?? path.join(args.rootDir, "index.ts");
  let resources: RecordedResource[];
  let outputs: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program: unknown = require(programPath);
    if (typeof program !== "function") return { exitCode: 3, reason: `${programPath} must export the program as a function (export = async () => {...})` };
    const result = await synthesize(program as () => unknown, {
      project: PROJECT,
      stack: args.stack,
      config,
      rootDir: args.rootDir,
      stackReferences: args.stackReferences ?? defaultStackReferences(args.stack, config),
      account: { accountId },
      preview: args.preview,
    });
    resources = result.resources;
    outputs = result.outputs;
  } catch (e) {
    if (e instanceof ConfigError) return { exitCode: 2, reason: e.message };
    return { exitCode: 3, reason: `the program failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  }

  const report = await runPolicies(ALL_POLICIES, resources);
  const outDir = path.join(args.outDir ?? path.join(args.rootDir, "out"), args.stack);
  const baselinePath = path.join(args.baselineDir ?? path.dirname(outDir), args.stack, "plan.json");
  let baseline: PlanFile | undefined;
  if (!args.preview) {
    const read = readBaseline(baselinePath, args.stack, args.baselineDir);
    if (typeof read === "string") return { exitCode: 2, reason: read };
    baseline = read;
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const plan = {
    stack: args.stack,
    project: PROJECT,
    ...(args.preview ? { mode: "preview" } : {}),
    resources: resources.map(plannedResource),
    outputs,
  };
  writeFileSync(path.join(outDir, "plan.json"), stableJson(plan));
  for (const [file, content] of collectArtifacts(resources, outputs)) {
    const target = path.join(outDir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, stableJson(content));
    // A preview does not know a body built from outputs yet: there is nothing to draw.
    if (/^dashboard(\..+)?\.json$/.test(file) && content !== UNKNOWN_VALUE) {
      const svg = renderDashboardPicture(content);
      writeFileSync(target.replace(/\.json$/, ".svg"), svg);
      writeFileSync(target.replace(/\.json$/, ".png"), renderDashboardPng(svg));
    }
  }
  const steps = manualSteps(resources, config, accountId);
  if (steps) writeFileSync(path.join(outDir, "manual-steps.md"), renderManualSteps(args.stack, steps));
  writeFileSync(
    path.join(outDir, "policy-report.json"),
    stableJson({
      pack: PACK_NAME,
      stack: args.stack,
      summary: summarise(report),
      results: report.results,
    }),
  );

  let changes: ChangeSummary | undefined;
  if (baseline) {
    changes = comparePlans(baseline, plan);
    writeFileSync(path.join(outDir, "changes.md"), renderChanges(args.stack, path.relative(args.rootDir, baselinePath) || baselinePath, changes, args.allowReplace ?? false));
  }

  if (!args.quiet) {
    log(renderTree(resources));
    log("");
  }
  const s = summarise(report);
  const mode = args.preview ? " (preview)" : "";
  log(`${args.stack}${mode}: ${resources.length} resources → ${path.relative(args.rootDir, outDir)}/; policies: ${s.passed} passed, ${s.violations} violations (${s.mandatory} mandatory), ${s.undecided} undecided`);
  for (const v of report.violations) log(`  ${v.enforcementLevel.toUpperCase()} ${v.policy}: ${v.message}${v.urn ? ` [${v.urn}]` : ""}`);
  if (report.undecided.length) {
    const counts = new Map<string, number>();
    for (const u of report.undecided) counts.set(u.policy, (counts.get(u.policy) ?? 0) + 1);
    log(`  undecided until up (values a preview does not know): ${[...counts].map(([policy, n]) => `${policy} ×${n}`).join(", ")}`);
  }
  if (steps) {
    log(`  manual steps: add ${steps.statements.length} statements to the policy of key ${steps.keyArn} (${path.relative(args.rootDir, path.join(outDir, "manual-steps.md"))}):`);
    for (const statement of steps.statements) log(`    ${JSON.stringify(statement)}`);
  }
  if (changes) {
    log(`  changes: ${summaryLine(args.stack, changes)} → ${path.relative(args.rootDir, path.join(outDir, "changes.md"))}`);
    for (const c of changes.protectedLosses) log(`  ${args.allowReplace ? "ALLOWED" : "REFUSED"} ${c.kind} protected ${c.type} ${c.name}: ${c.reason ?? "no longer declared"}`);
  } else if (!args.preview) {
    log(`  changes: no baseline at ${path.relative(args.rootDir, baselinePath)}; the next synth compares with this one`);
  }
  const refused = (changes?.protectedLosses.length ?? 0) > 0 && !args.allowReplace;
  const exitCode = report.mandatoryViolations.length || refused ? 1 : 0;
  return { exitCode, ...(refused ? { reason: "a protected resource would be replaced or deleted; see changes.md, or pass --allow-replace" } : {}), resources, outputs, report, changes };
}

/** The baseline plan, undefined when there is none to compare with, or the reason it cannot be used. */
function readBaseline(file: string, stack: string, givenDir: string | undefined): PlanFile | undefined | string {
  if (!existsSync(file)) {
    return givenDir ? `--baseline ${givenDir}: ${file} does not exist; expected the out/ directory of an earlier synth of stack ${stack}` : undefined;
  }
  let plan: unknown;
  try {
    plan = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return `baseline ${file} must be a plan.json, got unreadable JSON (${e instanceof Error ? e.message : String(e)})`;
  }
  const { resources, mode } = (plan ?? {}) as { resources?: unknown; mode?: unknown };
  if (!Array.isArray(resources)) return `baseline ${file} must be a plan.json with a resources list, got ${JSON.stringify(plan)?.slice(0, 80)}`;
  if (mode === "preview") return `baseline ${file} must be a plan of a synth without --preview, got a preview plan (its outputs are unknown)`;
  return plan as PlanFile;
}

function summarise(report: PolicyReport) {
  return {
    passed: report.results.filter((r) => r.outcome === "pass").length,
    violations: report.violations.length,
    mandatory: report.mandatoryViolations.length,
    undecided: report.undecided.length,
  };
}

/**
 * Offline stand-ins for the stacks a program may reference: a monitoring stack's sink ARN for
 * source stacks. Real values come from the Pulumi backend at deploy time.
 */
function defaultStackReferences(stack: string, config: Record<string, string>): Record<string, Record<string, unknown>> {
  const member = fleetMember(stack, config);
  return member.monitoringStack ? { [member.monitoringStack]: standInMonitoringOutputs(member) } : {};
}
