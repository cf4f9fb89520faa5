/**
 * The command lines of the project's commands (synth, bench, the counter's backfill): `node:util`
 * parseArgs in strict mode with `-h`/`--help` added. A mistake becomes a UsageError whose message
 * names the flag; the command prints it with its usage and exits 2.
 *
 * It lives here, not in scripts/, because functions/ may import nothing outside itself and
 * contracts/ (functions are bundled for Lambda), while scripts/ and bench/ may import functions/.
 * Keep it this small: node:util only.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {
  override name = "UsageError";
}

export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const processIo: CommandIo = { out: (text) => console.log(text), err: (text) => console.error(text) };

const HELP = { help: { type: "boolean", short: "h" } } as const;

/** parseArgs, strict, with `help` added to `options`; its errors are rethrown as UsageError. */
export function parseCommandLine<const O extends NonNullable<ParseArgsConfig["options"]>>(
  argv: readonly string[],
  options: O,
  { allowPositionals = false }: { allowPositionals?: boolean } = {},
) {
  try {
    return parseArgs({ args: [...argv], options: { ...options, ...HELP }, strict: true, allowPositionals });
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS_")) throw e;
    const message = (e as Error).message;
    // "Unknown option '--x'. To specify a positional argument starting with a '-', …": the
    // advice is noise (and wrong for commands that take no positionals); the first sentence names the flag.
    throw new UsageError(code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? message.split(". ")[0] : message);
  }
}

/** For a command's main: prints a UsageError with the usage and returns exit code 2; rethrows anything else. */
export function reportUsageError(error: unknown, usage: string, io: CommandIo): 2 {
  if (!(error instanceof UsageError)) throw error;
  io.err(`${error.message}\n\n${usage}`);
  return 2;
}

/**
 * The command `read` parses from the command line, or the exit code when there is nothing to run:
 * 0 after printing the usage for --help, 2 after naming the mistake (reportUsageError).
 */
export function readCommand<T extends object>(read: () => T | "help", usage: string, io: CommandIo): T | 0 | 2 {
  let command: T | "help";
  try {
    command = read();
  } catch (e) {
    return reportUsageError(e, usage, io);
  }
  if (command === "help") {
    io.out(usage);
    return 0;
  }
  return command;
}

/**
 * Runs a command's `main(argv)` as the process: its result is the exit code; an unexpected error
 * is printed with its stack and exits 3 ("the command itself failed").
 */
export function runCommand(main: (argv: readonly string[]) => number | Promise<number>): void {
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => process.exit(code),
      (e: unknown) => {
        console.error(e instanceof Error ? (e.stack ?? e.message) : e);
        process.exit(3);
      },
    );
}
