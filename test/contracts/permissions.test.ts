/**
 * Every AWS SDK command a handler's code constructs is declared in its contract's permissions, and
 * nothing else is: the role policy is generated from the declaration, so a command missing from it
 * is an AccessDenied in production and an extra one is a grant nobody uses. Read statically from
 * the import graph of functions/<name>/index.ts, so a command-line tool next to the handler
 * (api-call-counter/backfill.ts) counts only if the handler imports it.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { ENRICHER_PERMISSIONS } from "../../contracts/functions/access-log-enricher";
import { COUNTER_PERMISSIONS } from "../../contracts/functions/api-call-counter";
import { DISTINCT_USERS_PERMISSIONS } from "../../contracts/functions/distinct-users-widget";
import { PERIOD_COMPARISON_PERMISSIONS } from "../../contracts/functions/period-comparison-widget";
import type { Permissions } from "../../contracts/permissions";

const ROOT = resolve(__dirname, "..", "..");

const DECLARATIONS: Record<string, Permissions<string>> = {
  "access-log-enricher": ENRICHER_PERMISSIONS,
  "api-call-counter": COUNTER_PERMISSIONS,
  "distinct-users-widget": DISTINCT_USERS_PERMISSIONS,
  "period-comparison-widget": PERIOD_COMPARISON_PERMISSIONS,
};

/** A command class and the package it came from: GetQueryResultsCommand exists in Logs and in Athena. */
const keyOf = (client: string, command: string) => `${command} from ${client}`;

interface Binding {
  readonly module: string;
  /** The exported name, or "*" for a namespace import. */
  readonly imported: string;
}

/** A relative specifier as the bundler resolves it: file.ts, or dir/index.ts. */
function resolveRelative(fromFile: string, specifier: string): string {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [`${base}.ts`, join(base, "index.ts"), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && candidate.endsWith(".ts")) return candidate;
  }
  throw new Error(`${relative(ROOT, fromFile)} imports ${specifier}, which resolves to no .ts file`);
}

/** Imports and re-exports that carry values (type-only ones are erased and pull in no code). */
function valueModuleSpecifiers(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly =
        node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && node.exportClause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require")) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** What each imported local name stands for in one file. */
function bindingsOf(source: ts.SourceFile): Map<string, Binding> {
  const bindings = new Map<string, Binding>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const module = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (clause === undefined) continue;
    if (clause.name) bindings.set(clause.name.text, { module, imported: "default" });
    const named = clause.namedBindings;
    if (named && ts.isNamespaceImport(named)) bindings.set(named.name.text, { module, imported: "*" });
    if (named && ts.isNamedImports(named)) {
      for (const element of named.elements) bindings.set(element.name.text, { module, imported: (element.propertyName ?? element.name).text });
    }
  }
  return bindings;
}

/** Each `new XCommand(...)` in one file, keyed by command and package, with where it is. */
function constructedCommands(file: string, source: ts.SourceFile): Array<{ key: string; at: string }> {
  const bindings = bindingsOf(source);
  const found: Array<{ key: string; at: string }> = [];
  const where = (node: ts.Node) => `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) {
      const target = node.expression;
      if (ts.isIdentifier(target)) {
        const binding = bindings.get(target.text);
        const command = binding && binding.imported !== "*" ? binding.imported : target.text;
        if (command.endsWith("Command")) {
          // A command not imported straight from a package (declared here, or passed on through one
          // of our modules) cannot be matched to a client: it shows up as extra, with where it is.
          const client = binding === undefined ? `(declared in ${relative(ROOT, file)})` : binding.module.startsWith(".") ? `(through ${binding.module})` : binding.module;
          found.push({ key: keyOf(client, command), at: where(node) });
        }
      } else if (ts.isPropertyAccessExpression(target) && target.name.text.endsWith("Command")) {
        const namespace = ts.isIdentifier(target.expression) ? bindings.get(target.expression.text) : undefined;
        const client = namespace?.imported === "*" && !namespace.module.startsWith(".") ? namespace.module : `(unresolved ${target.expression.getText(source)})`;
        found.push({ key: keyOf(client, target.name.text), at: where(node) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every file the entry point pulls in through relative imports, and the commands they construct. */
function commandsReachableFrom(entry: string): { files: string[]; commands: Map<string, string[]> } {
  const seen = new Set<string>();
  const commands = new Map<string, string[]>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    for (const { key, at } of constructedCommands(file, source)) commands.set(key, [...(commands.get(key) ?? []), at]);
    for (const specifier of valueModuleSpecifiers(source)) {
      if (specifier.startsWith(".")) pending.push(resolveRelative(file, specifier));
    }
  }
  return { files: [...seen].map((f) => relative(ROOT, f)).sort(), commands };
}

describe("function permissions match the calls the code makes", () => {
  for (const [name, permissions] of Object.entries(DECLARATIONS)) {
    it(`${name}: every SDK command constructed from index.ts is declared, and only those`, () => {
      assert.equal(permissions.functionName, name);
      const { commands } = commandsReachableFrom(join(ROOT, "functions", name, "index.ts"));
      const declared = new Set(permissions.calls.filter((c) => c.client !== "platform").map((c) => keyOf(c.client, c.command)));
      const constructed = new Set(commands.keys());
      const missing = [...constructed].filter((k) => !declared.has(k)).sort().map((k) => `${k} (new at ${commands.get(k)!.join(", ")})`);
      const extra = [...declared].filter((k) => !constructed.has(k)).sort();
      assert.deepEqual(
        { "constructed but not declared": missing, "declared but never constructed": extra },
        { "constructed but not declared": [], "declared but never constructed": [] },
      );
    });
  }

  it("follows the handler's imports, not the command-line tool beside it", () => {
    const { files, commands } = commandsReachableFrom(join(ROOT, "functions", "api-call-counter", "index.ts"));
    assert.ok(files.includes("functions/api-call-counter/publish.ts") && files.includes("functions/api-call-counter/dead-letter.ts"), files.join("\n"));
    assert.ok(!files.includes("functions/api-call-counter/backfill.ts"));
    assert.ok(!commands.has(keyOf("@aws-sdk/client-cloudtrail", "LookupEventsCommand")));
    const backfill = commandsReachableFrom(join(ROOT, "functions", "api-call-counter", "backfill.ts"));
    // The walker does see it where it is reachable.
    assert.match(backfill.commands.get(keyOf("@aws-sdk/client-cloudtrail", "LookupEventsCommand"))?.join() ?? "", /backfill\.ts:\d+/);
  });

  it("tells GetQueryResultsCommand of Logs Insights from Athena's by the package it is imported from", () => {
    const { commands } = commandsReachableFrom(join(ROOT, "functions", "distinct-users-widget", "index.ts"));
    assert.match(commands.get(keyOf("@aws-sdk/client-cloudwatch-logs", "GetQueryResultsCommand"))?.join() ?? "", /logs-runner\.ts:\d+/);
    assert.match(commands.get(keyOf("@aws-sdk/client-athena", "GetQueryResultsCommand"))?.join() ?? "", /count-athena\.ts:\d+/);
  });
});
