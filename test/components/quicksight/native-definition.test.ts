import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ts from "typescript";
import { buildAnalysisDefinition, buildDashboardDefinition } from "../../../components/quicksight/definition";
import { nativeAnalysisDefinition, nativeDashboardDefinition, nativePropertyName } from "../../../components/quicksight/native-definition";

const OPTIONS = { dataSetArn: "arn:aws:quicksight:eu-west-1:123456789012:dataset/usage-access-logs" };
const root = path.resolve(__dirname, "../../..");
const NATIVE = path.join(root, "node_modules/@pulumi/aws-native");

/** Compiles each source under strict tsc against the repository's @pulumi/aws-native; its diagnostics by file. */
function compile(sources: Record<string, string>): Record<string, ts.Diagnostic[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "native-definition-"));
  const files = Object.entries(sources).map(([name, text]) => {
    const file = path.join(dir, `${name}.ts`);
    writeFileSync(file, text);
    return file;
  });
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: [],
    baseUrl: dir,
    paths: { "@pulumi/*": [path.join(root, "node_modules/@pulumi/*")] },
  });
  return Object.fromEntries(files.map((file, i) => [Object.keys(sources)[i]!, [...program.getSemanticDiagnostics(program.getSourceFile(file)), ...program.getSyntacticDiagnostics(program.getSourceFile(file))]]));
}

// The input types alone: the package's root would bring every service's declarations (2.7 times the lines).
const typed = (type: string, value: unknown): string => `import type * as input from "@pulumi/aws-native/types/input";\nexport const definition: input.quicksight.${type} = ${JSON.stringify(value, null, 1)};\n`;

/** The component's definitions, and two that aws-native's types must refuse. */
function definitionSources(): Record<string, string> {
  const dashboard = nativeDashboardDefinition(buildDashboardDefinition(OPTIONS));
  const analysis = nativeAnalysisDefinition(buildAnalysisDefinition(OPTIONS));
  // Deep inside: the first visual of the first sheet, whatever its kind.
  const withBogusKey = JSON.parse(JSON.stringify(dashboard)) as { sheets?: Array<{ visuals?: Array<Record<string, Record<string, unknown>>> }> };
  Object.values(withBogusKey.sheets?.[0]?.visuals?.[0] ?? { none: {} })[0]!.bogusKey = 1;
  const withBadEnum = JSON.parse(JSON.stringify(dashboard).replace('"resizeOption":"RESPONSIVE"', '"resizeOption":"STRETCHY"')) as unknown;
  return {
    dashboard: typed("DashboardVersionDefinitionArgs", dashboard),
    analysis: typed("AnalysisDefinitionArgs", analysis),
    bogusKey: typed("DashboardVersionDefinitionArgs", withBogusKey),
    badEnum: typed("DashboardVersionDefinitionArgs", withBadEnum),
  };
}

/**
 * aws-native's own provider declaration, with its `Region` read from types/enums (the root re-exports
 * it from there: the root would bring every service into the program), and a source that holds
 * components/shared/aws-native-provider.ts's restatement of it to it.
 */
function providerSources(): Record<string, string> {
  const declared = readFileSync(path.join(NATIVE, "provider.d.ts"), "utf8");
  const fromRoot = 'import { Region } from "./index";';
  assert.ok(declared.includes(fromRoot), `@pulumi/aws-native/provider.d.ts no longer has ${fromRoot}: see whether components/shared/aws-native.ts can re-export its Provider instead of components/shared/aws-native-provider.ts`);
  return {
    "native-provider.d": declared.replace(fromRoot, 'import { Region } from "@pulumi/aws-native/types/enums";').replace('"./types/input"', '"@pulumi/aws-native/types/input"'),
    provider: [
      `import type * as ours from ${JSON.stringify(path.join(root, "components/shared/aws-native-provider"))};`,
      'import type { Provider, ProviderArgs } from "./native-provider";',
      "export const keys = (given: keyof ours.ProviderArgs): keyof ProviderArgs => given;",
      "export const args = (given: ours.ProviderArgs): ProviderArgs => given;",
      "export const providerClass: typeof ours.Provider = null as unknown as typeof Provider;",
      "",
    ].join("\n"),
  };
}

/** Both checks in one program: aws-native's types, which both read, are most of its cost. */
let checked: Record<string, ts.Diagnostic[]> | undefined;
const compiled = (): Record<string, ts.Diagnostic[]> => (checked ??= compile({ ...definitionSources(), ...providerSources() }));

const messages = (diagnostics: ts.Diagnostic[]): string[] => diagnostics.map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);

describe("the QuickSight definitions in aws-native's shape", function () {
  this.timeout(120_000);

  it("names properties as aws-native does: acronyms lowered but for the capital that starts the next word, plural acronyms whole", () => {
    // Each expected name is one @pulumi/aws-native 1.79 declares (types/input.d.ts).
    const cases: Array<[string, string]> = [
      ["DataSetArn", "dataSetArn"],
      ["KPIVisual", "kpiVisual"],
      ["ExportToCSVOption", "exportToCsvOption"],
      ["URLOperation", "urlOperation"],
      ["DataQAEnabledOption", "dataQaEnabledOption"],
      ["QBusinessInsightsStatus", "qBusinessInsightsStatus"],
      ["S3Options", "s3Options"],
      ["PrimaryYAxisDisplayOptions", "primaryYAxisDisplayOptions"],
      ["XAxis", "xAxis"],
      ["SizeInMBs", "sizeInMbs"],
      ["VPCs", "vpcs"],
    ];
    assert.deepEqual(cases.map(([cfn]) => nativePropertyName(cfn)), cases.map(([, native]) => native));
  });

  it("keeps every value and drops only undefined members", () => {
    const native = nativeDashboardDefinition(buildDashboardDefinition(OPTIONS)) as unknown as { sheets: Array<{ visuals: Array<{ kpiVisual?: { visualId: string } }> }> };
    assert.equal(native.sheets[0]!.visuals[0]!.kpiVisual!.visualId, "kpi-requests");
    const values = (v: unknown): unknown[] => (Array.isArray(v) ? v.flatMap(values) : typeof v === "object" && v !== null ? Object.values(v).flatMap(values) : [v]);
    assert.deepEqual(values(native), values(JSON.parse(JSON.stringify(buildDashboardDefinition(OPTIONS)))));
  });

  it("type-checks under strict tsc against aws-native's own DashboardVersionDefinitionArgs and AnalysisDefinitionArgs, which refuse a key or an enum value they do not know", () => {
    const diagnostics = compiled();
    assert.deepEqual(messages(diagnostics.dashboard!), []);
    assert.deepEqual(messages(diagnostics.analysis!), []);
    assert.deepEqual(
      messages(diagnostics.bogusKey!).map((m) => m.split(" does not exist")[0]),
      ["TS2353: Object literal may only specify known properties, and '\"bogusKey\"'"],
    );
    assert.deepEqual(messages(diagnostics.badEnum!).map((m) => m.split(" is not assignable")[0]), ["TS2322: Type '\"STRETCHY\"'"]);
  });
});

describe("the aws-native provider as components/shared/aws-native-provider.ts restates it", function () {
  this.timeout(120_000);

  it("takes only members aws-native's ProviderArgs declares, each of a type it accepts, and its class is aws-native's", () => {
    // The copy resolves every name it uses (an unresolved one would make any restatement pass).
    assert.deepEqual(messages(compiled()["native-provider.d"]!), []);
    assert.deepEqual(messages(compiled().provider!), []);
  });
});
