/**
 * The pull-request workflow's change summary (.github/workflows/pull-request.yml): every
 * out/<stack>/changes.md of `npm run synth -- --all --baseline out/base`, under one table of what
 * each stack would gain and lose, as the job summary (whole) and as the one pull-request comment
 * (held to GitHub's size limit; the workflow finds it again by its marker and edits it in place).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { CommandIo, parseCommandLine, processIo, readCommand, runCommand, UsageError } from "../functions/shared/command-line";
import { comparePlans, type ChangeSummary, type PlanFile } from "../synth/changes";
import { fleetMember, fleetOrder } from "../synth/fleet";
import { listStacks, readStackFile } from "../synth/stack-file";

/** The comment the workflow edits in place is the github-actions bot's one that holds this line. */
export const COMMENT_MARKER = "<!-- api-usage-insights:changes -->";

/** GitHub refuses an issue or pull-request comment body longer than 65,536 characters. */
export const COMMENT_LIMIT = 65_536;

export interface StackChanges {
  readonly stack: string;
  /** out/<stack>/changes.md, or undefined when the synth of the stack wrote none (it failed). */
  readonly markdown?: string;
  /** The comparison behind it, for the table. */
  readonly summary?: ChangeSummary;
}

export interface ChangesReport {
  readonly stacks: readonly StackChanges[];
  readonly baseCommit: string;
  /** Exit code of the base commit's synth, and of this change's synth against it. */
  readonly baseExit: number;
  readonly synthExit: number;
  readonly allowReplace: boolean;
  /** Where the run's artifacts (the dashboard pictures) are. */
  readonly runUrl?: string;
}

const EXIT_MEANING: Record<number, string> = {
  0: "no mandatory policy violation, no protected resource replaced or deleted",
  1: "a mandatory policy violation, or a protected resource replaced or deleted",
  2: "a bad stack file, config or baseline, or a broken fleet invariant",
  3: "the program itself failed",
};

function tableRow({ stack, markdown, summary }: StackChanges, allowReplace: boolean): string {
  if (!markdown || !summary) return `| ${stack} | | | | | no changes.md: the synth of this stack failed (see the job log) |`;
  const { added, updated, replaced, deleted } = summary.counts;
  const losses = summary.protectedLosses.length;
  const note = losses ? `**${allowReplace ? "ALLOWED" : "REFUSED"}**: ${losses} protected resource(s) replaced or deleted` : summary.changes.length ? "" : "no changes";
  return `| ${stack} | ${added} | ${updated} | ${replaced} | ${deleted} | ${note} |`;
}

/** changes.md one level deeper, so its title sits under the comment's own. */
const nested = (markdown: string): string => markdown.replace(/^(#{1,4}) /gm, "$1## ");

function head(report: ChangesReport): string[] {
  const lines = [
    COMMENT_MARKER,
    "## What this pull request changes in each stack",
    "",
    `The offline synth of every stack (\`npm run synth -- --all --baseline out/base${report.allowReplace ? " --allow-replace" : ""}\`) compared with the base commit \`${report.baseCommit}\`.` +
      (report.runUrl ? ` Pictures of the dashboards: the \`dashboards\` artifact of [this run](${report.runUrl}).` : ""),
    "",
  ];
  if (report.baseExit !== 0) {
    lines.push(`> **The base commit's synth exited ${report.baseExit}** (${EXIT_MEANING[report.baseExit] ?? "unexpected"}): a stack it wrote no plan for is compared with an empty plan, so all of it shows as added.`, "");
  }
  lines.push(
    report.synthExit === 0
      ? `**The synth passes** (exit 0: ${EXIT_MEANING[0]}).`
      : `**The synth fails this change** (exit ${report.synthExit}: ${EXIT_MEANING[report.synthExit] ?? "unexpected"}).` +
          (report.synthExit === 1 && !report.allowReplace
            ? " A renamed resource keeps its data with an alias; when replacing or deleting protected data is intended, a maintainer adds the label `allow-replace` to this pull request."
            : ""),
    "",
    "| stack | added | updated | replaced | deleted | |",
    "| --- | ---: | ---: | ---: | ---: | --- |",
    ...report.stacks.map((s) => tableRow(s, report.allowReplace)),
    "",
  );
  return lines;
}

const section = ({ stack, markdown }: StackChanges): string => `<details${markdown?.includes("No changes.") ? "" : " open"}><summary><b>${stack}</b></summary>\n\n${nested(markdown ?? "")}\n</details>\n`;

/** The whole report: every changes.md (for the job summary, whose limit is 1 MiB per step). */
export function renderSummary(report: ChangesReport): string {
  return [...head(report), ...report.stacks.filter((s) => s.markdown).map(section)].join("\n");
}

/**
 * The comment: the same, within `limit` characters. Stacks are taken in fleet order while they fit;
 * each one left out is named with its size, and the job summary has it.
 */
export function renderComment(report: ChangesReport, limit = COMMENT_LIMIT): string {
  const whole = renderSummary(report);
  if (whole.length <= limit) return whole;
  const kept: string[] = [];
  const left: StackChanges[] = [];
  const fixed = head(report).join("\n");
  const note = (out: readonly StackChanges[]) =>
    out.length ? `\n_Too long for one comment (GitHub takes ${limit.toLocaleString("en-US")} characters): ${out.map((s) => `${s.stack} (${section(s).length.toLocaleString("en-US")} characters)`).join(", ")}; the job summary of the run has every stack._\n` : "";
  const candidates = report.stacks.filter((s) => s.markdown);
  for (const [i, stack] of candidates.entries()) {
    const next = section(stack);
    // Room for this stack and for the note naming every stack that may still be left out after it.
    const worstNote = note([...left, ...candidates.slice(i + 1)]);
    if (fixed.length + 1 + [...kept, next].join("\n").length + worstNote.length <= limit) kept.push(next);
    else left.push(stack);
  }
  const comment = [fixed, ...kept].join("\n") + note(left);
  if (comment.length > limit) throw new Error(`the comment's fixed part alone is ${comment.length} characters, above GitHub's limit of ${limit}`);
  return comment;
}

function readPlan(file: string): PlanFile | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as PlanFile) : undefined;
}

/** Every stack of the repository in fleet order, with its changes.md and the comparison behind it. */
export function readChanges(rootDir: string, outDir: string, baselineDir: string): StackChanges[] {
  const members = listStacks(readdirSync(rootDir)).map((stack) => fleetMember(stack, readStackFile(rootDir, stack)));
  return fleetOrder(members).map(({ stack }) => {
    const changes = path.join(outDir, stack, "changes.md");
    const before = readPlan(path.join(baselineDir, stack, "plan.json"));
    const after = readPlan(path.join(outDir, stack, "plan.json"));
    if (!existsSync(changes) || !before || !after) return { stack };
    return { stack, markdown: readFileSync(changes, "utf8"), summary: comparePlans(before, after) };
  });
}

export const USAGE = `usage: npx ts-node scripts/ci-changes-comment.ts --base-commit <sha> --base-exit <n> --synth-exit <n>
           [--out <dir>] [--baseline <dir>] [--allow-replace] [--run-url <url>] --summary <file> --comment <file>

  --out <dir>         the synth's out/ directory (default out)
  --baseline <dir>    the base commit's synth, as given to --baseline (default <out>/base)
  --base-commit <sha> the commit the change is compared with, as the reader should see it
  --base-exit <n>     exit code of the base commit's synth
  --synth-exit <n>    exit code of this change's synth against it
  --allow-replace     the synth ran with --allow-replace
  --run-url <url>     the workflow run, whose artifacts hold the dashboard pictures
  --summary <file>    write the whole report here (the job summary)
  --comment <file>    write the comment here (at most ${COMMENT_LIMIT.toLocaleString("en-US")} characters)`;

const OPTIONS = {
  out: { type: "string" },
  baseline: { type: "string" },
  "base-commit": { type: "string" },
  "base-exit": { type: "string" },
  "synth-exit": { type: "string" },
  "allow-replace": { type: "boolean" },
  "run-url": { type: "string" },
  summary: { type: "string" },
  comment: { type: "string" },
} as const;

function exitCode(flag: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`--${flag} must be an exit code (0, 1, 2, ...), got ${JSON.stringify(value ?? null)}`);
  return Number(value);
}

export function main(argv: readonly string[], io: CommandIo = processIo, rootDir = path.resolve(__dirname, "..")): number {
  const command = readCommand(
    () => {
      const { values } = parseCommandLine(argv, OPTIONS);
      if (values.help) return "help";
      for (const required of ["base-commit", "summary", "comment"] as const) if (!values[required]) throw new UsageError(`--${required} is required`);
      const outDir = path.resolve(rootDir, values.out ?? "out");
      return {
        outDir,
        baselineDir: path.resolve(rootDir, values.baseline ?? path.join(outDir, "base")),
        baseCommit: values["base-commit"]!,
        baseExit: exitCode("base-exit", values["base-exit"]),
        synthExit: exitCode("synth-exit", values["synth-exit"]),
        allowReplace: values["allow-replace"] ?? false,
        runUrl: values["run-url"],
        summaryFile: values.summary!,
        commentFile: values.comment!,
      };
    },
    USAGE,
    io,
  );
  if (typeof command === "number") return command;
  const report: ChangesReport = { ...command, stacks: readChanges(rootDir, command.outDir, command.baselineDir) };
  writeFileSync(command.summaryFile, renderSummary(report));
  const comment = renderComment(report);
  writeFileSync(command.commentFile, comment);
  io.out(`change summary: ${report.stacks.length} stacks, comment of ${comment.length} characters → ${command.commentFile}`);
  return 0;
}

if (require.main === module) runCommand(main);
