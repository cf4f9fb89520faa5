/**
 * One offline synthesis: stack file → validated config → program under the mock engine →
 * out/<stack>/{plan.json, artifacts, policy-report.json}. Returns the exit code the CLI uses:
 * 0 ok, 1 mandatory policy violation, 2 bad input (stack file or config), 3 the program failed.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ALL_POLICIES, PACK_NAME } from "../policies/all";
import { ConfigError, PROJECT, readStackConfig } from "../config";
import { RecordedResource, synthesize } from "./engine";
import { PolicyReport, runPolicies } from "./policy-runner";
import { collectArtifacts } from "./artifacts";
import { StackFileError, readStackFile } from "./stack-file";
import { renderTree } from "./tree";

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
}

export interface SynthOutcome {
  readonly exitCode: 0 | 1 | 2 | 3;
  readonly reason?: string;
  readonly resources?: RecordedResource[];
  readonly outputs?: Record<string, unknown>;
  readonly report?: PolicyReport;
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
  } catch (e) {
    if (e instanceof StackFileError || e instanceof ConfigError) return { exitCode: 2, reason: e.message };
    throw e;
  }

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
      stackReferences: args.stackReferences ?? defaultStackReferences(config),
    });
    resources = result.resources;
    outputs = result.outputs;
  } catch (e) {
    if (e instanceof ConfigError) return { exitCode: 2, reason: e.message };
    return { exitCode: 3, reason: `the program failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  }

  const report = await runPolicies(ALL_POLICIES, resources);
  const outDir = path.join(args.outDir ?? path.join(args.rootDir, "out"), args.stack);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const plan = {
    stack: args.stack,
    project: PROJECT,
    resources: resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      inputs: r.inputs,
      ...(r.dependsOn.length ? { dependsOn: r.dependsOn } : {}),
    })),
    outputs,
  };
  writeFileSync(path.join(outDir, "plan.json"), stableJson(plan));
  for (const [file, content] of collectArtifacts(resources, outputs)) {
    const target = path.join(outDir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, stableJson(content));
  }
  writeFileSync(
    path.join(outDir, "policy-report.json"),
    stableJson({
      pack: PACK_NAME,
      stack: args.stack,
      summary: summarise(report),
      results: report.results,
    }),
  );

  if (!args.quiet) {
    log(renderTree(resources));
    log("");
  }
  const s = summarise(report);
  log(`${args.stack}: ${resources.length} resources → ${path.relative(args.rootDir, outDir)}/; policies: ${s.passed} passed, ${s.violations} violations (${s.mandatory} mandatory)`);
  for (const v of report.violations) log(`  ${v.enforcementLevel.toUpperCase()} ${v.policy}: ${v.message}${v.urn ? ` [${v.urn}]` : ""}`);
  return { exitCode: report.mandatoryViolations.length ? 1 : 0, resources, outputs, report };
}

function summarise(report: PolicyReport) {
  return {
    passed: report.results.filter((r) => r.outcome === "pass").length,
    violations: report.violations.length,
    mandatory: report.mandatoryViolations.length,
  };
}

/**
 * Offline stand-ins for the stacks a program may reference: a monitoring stack's sink ARN for
 * source stacks. Real values come from the Pulumi backend at deploy time.
 */
function defaultStackReferences(config: Record<string, string>): Record<string, Record<string, unknown>> {
  const name = config[`${PROJECT}:monitoringStack`];
  if (!name) return {};
  return { [name]: { oamSinkArn: "arn:aws:oam:us-east-1:210987654321:sink/00000000-0000-4000-8000-000000000000" } };
}
