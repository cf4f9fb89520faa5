/**
 * `npm run doctor -- --stack <name>`: read-only checks of a deployed stack, from its outputs and
 * config, with the standard AWS credential chain. The checks are in ops/doctor/; this file reads
 * the command line, the outputs and the stack file.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ConfigError, readStackConfig } from "../config";
import type { ApiSpec } from "../contracts/api-types";
import { CommandIo, parseCommandLine, processIo, readCommand, runCommand, UsageError } from "../functions/shared/command-line";
import { createClients } from "../ops/doctor/clients";
import { OutputsError, parseOutputs } from "../ops/doctor/outputs";
import { planChecks } from "../ops/doctor/plan";
import { CannotRun, callerAccount } from "../ops/doctor/preflight";
import { checklistMarkdown, checklistText, summarize } from "../ops/doctor/report";
import { runChecks } from "../ops/doctor/run";
import type { UsageInsightsOutputs } from "../contracts/outputs";
import { StackFileError, readStackFile } from "../synth/stack-file";

export const USAGE = `usage: npm run doctor -- --stack <name> [--outputs <file>] [--markdown <file>] [--region <region>] [--timeout <s>]

  -s, --stack <name>   the deployed stack; its Pulumi.<name>.yaml lists the APIs to check
  --outputs <file>     the stack's outputs as \`pulumi stack output --json --show-secrets\` prints
                       them (default: run that command; needs the Pulumi CLI and a login)
  --markdown <file>    also write the checklist as Markdown (for a CI job summary)
  --region <region>    the stack's Region (default: aws:region of the stack file)
  --stack-dir <dir>    where Pulumi.<name>.yaml is (default: the repository root)
  --timeout <s>        longest wait for one check, seconds (default 10); the whole run stops after 55 s
  -h, --help           print this and exit

Reads with the standard AWS credential chain; AWS_ENDPOINT_URL_<SERVICE> is honoured. Every check
is read-only except one Athena count over today's partition (billed as a 10 MB scan at least).
exit codes: 0 healthy, 1 a check fails, 2 cannot run (bad command line, no outputs, no credentials)`;

const OPTIONS = {
  stack: { type: "string", short: "s" },
  outputs: { type: "string" },
  markdown: { type: "string" },
  region: { type: "string" },
  "stack-dir": { type: "string" },
  timeout: { type: "string" },
} as const;

export interface DoctorIo extends CommandIo {
  /** The progress line; a terminal rewrites it in place. */
  readonly progress?: (line: string) => void;
}

export interface DoctorOptions {
  readonly rootDir?: string;
  /** Run's budget and Athena poll interval; tests shorten them. */
  readonly budgetMs?: number;
  readonly pollIntervalMs?: number;
  readonly connectionTimeoutMs?: number;
}

interface DoctorCommand {
  readonly stack: string;
  readonly outputsFile?: string;
  readonly markdownFile?: string;
  readonly region?: string;
  readonly stackDir?: string;
  readonly checkTimeoutMs: number;
}

export function readDoctorCommand(argv: readonly string[]): DoctorCommand | "help" {
  const { values } = parseCommandLine(argv, OPTIONS);
  if (values.help) return "help";
  if (!values.stack) throw new UsageError("no stack given: pass --stack <name>");
  const timeout = values.timeout === undefined ? 10 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 55) throw new UsageError(`--timeout must be a number of seconds above 0 and at most 55, got ${JSON.stringify(values.timeout)}`);
  return { stack: values.stack, outputsFile: values.outputs, markdownFile: values.markdown, region: values.region, stackDir: values["stack-dir"], checkTimeoutMs: timeout * 1000 };
}

export async function main(argv: readonly string[], io: DoctorIo = terminalIo(), options: DoctorOptions = {}): Promise<number> {
  const command = readCommand(() => readDoctorCommand(argv), USAGE, io);
  if (typeof command === "number") return command;
  const rootDir = options.rootDir ?? path.resolve(__dirname, "..");
  const cannotRun = (message: string) => {
    io.err(`doctor ${command.stack}: cannot run: ${message}`);
    return 2;
  };

  let apis: ApiSpec[];
  let quicksightEnabled: boolean;
  let role: "source" | "monitoring";
  let region: string;
  let outputs: UsageInsightsOutputs;
  try {
    const config = readStackConfig(readStackFile(command.stackDir ?? rootDir, command.stack), command.stack);
    apis = config.values.apis as ApiSpec[];
    quicksightEnabled = config.quicksightEnabled;
    role = config.role === "monitoring" ? "monitoring" : "source";
    region = command.region ?? config.region;
    outputs = command.outputsFile
      ? parseOutputs(readText(command.outputsFile), command.outputsFile)
      : parseOutputs(await pulumiStackOutput(command.stack, rootDir), "pulumi stack output --json");
  } catch (e) {
    if (e instanceof StackFileError || e instanceof ConfigError || e instanceof OutputsError || e instanceof CannotRun) return cannotRun(e.message);
    throw e;
  }

  const aws = createClients({ region, connectionTimeoutMs: options.connectionTimeoutMs ?? 3000, requestTimeoutMs: command.checkTimeoutMs });
  try {
    let account: { accountId: string; arn: string };
    try {
      account = await callerAccount(aws, command.checkTimeoutMs);
    } catch (e) {
      if (e instanceof CannotRun) return cannotRun(e.message);
      throw e;
    }
    const heading = `doctor: stack ${command.stack}, account ${account.accountId}, ${region} (as ${account.arn})`;
    const input = { stack: command.stack, region, accountId: account.accountId, outputs, apis, quicksightEnabled, role };
    const checks = planChecks(input);
    const started = Date.now();
    const results = await runChecks(checks, input, aws, {
      checkTimeoutMs: command.checkTimeoutMs,
      budgetMs: options.budgetMs ?? 55_000,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      progress: (i, n, check) => io.progress?.(`[${i}/${n}] ${check.area} · ${check.title}`),
    });
    io.progress?.("");
    io.out(`${checklistText(results, heading)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (command.markdownFile) writeFileSync(command.markdownFile, checklistMarkdown(results, `Doctor: stack ${command.stack} (${account.accountId}, ${region})`));
    return summarize(results).failed === 0 ? 0 : 1;
  } finally {
    aws.destroy();
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new OutputsError(`cannot read --outputs ${file}: ${(e as Error).message}`);
  }
}

/** `pulumi stack output --json --show-secrets`, bounded; a missing CLI means the user must pass --outputs. */
function pulumiStackOutput(stack: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("pulumi", ["stack", "output", "--json", "--show-secrets", "--stack", stack], { cwd, timeout: 30_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
      reject(
        new OutputsError(
          missing
            ? "no stack outputs: the pulumi CLI is not installed here; pass --outputs FILE (written elsewhere with `pulumi stack output --json --show-secrets > FILE`)"
            : `no stack outputs: pulumi stack output failed (${stderr.trim().split("\n")[0] || error.message}); pass --outputs FILE or log in (pulumi login)`,
        ),
      );
    });
  });
}

function terminalIo(): DoctorIo {
  const tty = process.stderr.isTTY;
  return {
    ...processIo,
    progress: (line) => {
      if (tty) process.stderr.write(`\r\x1b[K${line}`);
      else if (line) process.stderr.write(`${line}\n`);
    },
  };
}

if (require.main === module) runCommand(main);
