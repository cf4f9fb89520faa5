/**
 * `npm run synth -- --stack <name>` (or `--all`): evaluates the program offline for a stack's
 * config and writes out/<stack>/. The work is in synth/; this file only reads the command line.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { CommandIo, parseCommandLine, processIo, readCommand, UsageError } from "../functions/shared/command-line";
import { synthFleet } from "../synth/fleet-run";
import { listStacks } from "../synth/stack-file";

export const USAGE = `usage: npm run synth -- (--stack <name> ... | --all) [--quiet] [--out <dir>]
                     [--preview] [--baseline <dir>] [--allow-replace]

  -s, --stack <name>  synthesize the stack of Pulumi.<name>.yaml; repeat for several
  --all               synthesize every stack that has a Pulumi.<stack>.yaml, as a fleet: references
                      between them read the synthesized outputs, and the fleet invariants (unique
                      names per account and Region, links in their own Region) are checked
  --quiet             print only the summary lines, not the resource tree
  --out <dir>         write <dir>/<stack>/ instead of out/<stack>/ (out/preview/<stack>/ with --preview)
  --preview           model a first \`pulumi preview\` of a new stack: outputs of new resources are
                      unknown, and the policies decide on what a preview knows
  --baseline <dir>    write changes.md against <dir>/<stack>/plan.json (e.g. the main branch's out/)
                      instead of the previous out/<stack>/plan.json
  --allow-replace     replacing or deleting a protected resource is intended: report it, exit 0
  -h, --help          print this and exit

exit codes: 0 ok, 1 mandatory policy violation or a protected resource replaced or deleted,
2 bad command line, stack file, config, baseline or a broken fleet invariant, 3 the program failed`;

const OPTIONS = {
  stack: { type: "string", short: "s", multiple: true },
  all: { type: "boolean" },
  quiet: { type: "boolean" },
  out: { type: "string" },
  preview: { type: "boolean" },
  baseline: { type: "string" },
  "allow-replace": { type: "boolean" },
} as const;

interface SynthCommand {
  readonly stacks: string[];
  readonly outDir?: string;
  readonly quiet: boolean;
  readonly preview: boolean;
  readonly baselineDir?: string;
  readonly allowReplace: boolean;
}

/** The stacks and options `argv` asks for, or "help"; a mistake throws a UsageError naming it. */
export function readSynthCommand(argv: readonly string[], rootDir: string): SynthCommand | "help" {
  const { values } = parseCommandLine(argv, OPTIONS);
  if (values.help) return "help";
  if (values.all && values.stack) throw new UsageError("--stack and --all exclude each other: --all already synthesizes every stack");
  const stacks = values.all ? listStacks(readdirSync(rootDir)) : (values.stack ?? []);
  if (stacks.length === 0) throw new UsageError(values.all ? `--all found no Pulumi.<stack>.yaml in ${rootDir}` : "no stack given: pass --stack <name> or --all");
  if (values.preview && (values.baseline || values["allow-replace"])) {
    throw new UsageError("--preview excludes --baseline and --allow-replace: a preview of a new stack has nothing to compare with");
  }
  const preview = values.preview ?? false;
  return {
    stacks,
    outDir: values.out ?? (preview ? path.join(rootDir, "out", "preview") : undefined),
    quiet: values.quiet ?? false,
    preview,
    baselineDir: values.baseline === undefined ? undefined : path.resolve(values.baseline),
    allowReplace: values["allow-replace"] ?? false,
  };
}

/** Runs the command for `argv` (without node and the script) and returns its exit code. */
export async function main(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  const rootDir = path.resolve(__dirname, "..");
  const command = readCommand(() => readSynthCommand(argv, rootDir), USAGE, io);
  if (typeof command === "number") return command;

  const fleet = await synthFleet({
    rootDir,
    stacks: command.stacks,
    outDir: command.outDir,
    quiet: command.quiet,
    preview: command.preview,
    baselineDir: command.baselineDir,
    allowReplace: command.allowReplace,
    log: io.out,
  });
  for (const [stack, outcome] of fleet.outcomes) if (outcome.exitCode !== 0 && outcome.reason) io.err(`synth ${stack}: ${outcome.reason}`);
  return fleet.exitCode;
}

if (require.main === module) {
  // If the event loop empties while a synthesis still waits (a promise that never settles), Node
  // would exit 0: make that a failure that says so.
  let finished = false;
  process.on("beforeExit", () => {
    if (finished) return;
    finished = true;
    console.error("synth: the program never finished (a promise never settled); exit 3");
    process.exit(3);
  });

  main(process.argv.slice(2)).then(
    (code) => {
      finished = true;
      process.exit(code);
    },
    (e: unknown) => {
      finished = true;
      console.error(e instanceof Error ? (e.stack ?? e.message) : e);
      process.exit(3);
    },
  );
}
