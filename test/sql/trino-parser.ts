/**
 * The TrinoSQL parser of dt-sql-parser, loaded for the tests. The package ships ES modules with
 * directory imports that Node cannot resolve, so esbuild (already the project's bundler) bundles
 * its Trino entry point into one CommonJS module in memory, once per test run.
 */
import { dirname } from "node:path";
import Module from "node:module";
import { buildSync } from "esbuild";

export interface TrinoToken {
  text: string;
  /** The lexer's symbolic name, e.g. IDENTIFIER, QUOTED_IDENTIFIER, STRING, SELECT. */
  kind: string;
}

interface TrinoParser {
  validate(sql: string): Array<{ message: string; startLine: number; startColumn: number }>;
  getAllTokens(sql: string): Array<{ type: number; text: string; channel: number }>;
}

interface TrinoModule {
  TrinoSQL: new () => TrinoParser;
  TrinoSqlLexer: { symbolicNames: Array<string | null> } & (new (...args: never[]) => unknown);
}

let loaded: { parser: TrinoParser; names: Array<string | null> } | undefined;

function load(): { parser: TrinoParser; names: Array<string | null> } {
  if (loaded !== undefined) return loaded;
  const root = dirname(require.resolve("dt-sql-parser/package.json"));
  const out = buildSync({
    stdin: {
      contents: "export { TrinoSQL } from './dist/parser/trino/index.js'; export { TrinoSqlLexer } from './dist/lib/trino/TrinoSqlLexer.js';",
      resolveDir: root,
      sourcefile: "trino-entry.js",
    },
    bundle: true,
    format: "cjs",
    platform: "node",
    write: false,
    logLevel: "error",
  });
  const m = new Module("dt-sql-parser-trino") as Module & { _compile(code: string, filename: string): void };
  m._compile(out.outputFiles[0].text, `${root}/trino-bundle.js`);
  const exports = m.exports as TrinoModule;
  loaded = { parser: new exports.TrinoSQL(), names: exports.TrinoSqlLexer.symbolicNames };
  return loaded;
}

/** Syntax errors of one statement as Trino's grammar sees them; empty when it parses. */
export function trinoSyntaxErrors(sql: string): string[] {
  return load().parser.validate(sql).map((e) => `${e.startLine}:${e.startColumn} ${e.message}`);
}

/** The statement's tokens on the default channel (no whitespace or comments). */
export function trinoTokens(sql: string): TrinoToken[] {
  const { parser, names } = load();
  return parser
    .getAllTokens(sql)
    .filter((t) => t.channel === 0 && t.type >= 0)
    .map((t) => ({ text: t.text, kind: names[t.type] ?? String(t.type) }));
}

const unquote = (text: string) => (text.startsWith('"') ? text.slice(1, -1) : text);

/**
 * Lowercase names in column positions: identifiers (and non-reserved keywords written in
 * lowercase, such as `status` or `path`) that are neither called as functions, nor defined by
 * AS (an alias or a CAST type), nor part of the FROM table name.
 */
export function columnNamesOf(sql: string): { columns: string[]; aliases: Set<string> } {
  const tokens = trinoTokens(sql);
  const aliases = new Set<string>();
  const columns: string[] = [];
  let inTableName = false;
  tokens.forEach((t, i) => {
    const previous = tokens[i - 1]?.kind;
    if (previous === "KW_FROM") inTableName = true;
    const nameLike = t.kind === "IDENTIFIER" || t.kind === "QUOTED_IDENTIFIER" || (t.kind.startsWith("KW_") && t.text === t.text.toLowerCase());
    if (!nameLike) {
      if (t.text !== ".") inTableName = false;
      return;
    }
    if (inTableName) return;
    const name = unquote(t.text);
    if (previous === "KW_AS") aliases.add(name);
    else if (tokens[i + 1]?.text !== "(" && t.kind !== "KW_CURRENT_DATE") columns.push(name);
  });
  return { columns, aliases };
}
