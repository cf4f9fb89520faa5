import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { CONTRACT_VERSION } from "../../contracts/outputs";
import { installInto, ROOT, type PackedPackage } from "./install";
import { packed as packedOnce } from "./launched";

/** tsconfig.json as `pulumi new typescript` writes it (commonjs, moduleResolution node). */
const PULUMI_TEMPLATE_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

/** An app program using the published helpers, with a mocked StackReference (Pulumi's own mocks). */
const appProgram = (contractVersion: string): string => `
import * as pulumi from "@pulumi/pulumi";
import { CONTRACT_VERSION, logGroupStageAccessLogSettings, restStageAccessLogSettings, type UsageInsightsOutputs } from "api-usage-insights/app";
import { ALL_POLICIES } from "api-usage-insights/policies";
import type { AccessLogPipelineArgs } from "api-usage-insights";

const published: Partial<UsageInsightsOutputs> = {
  contractVersion: ${JSON.stringify(contractVersion)},
  restAccessLogDestinationArn: "arn:aws:firehose:eu-west-1:123456789012:deliverystream/amazon-apigateway-access-logs-prod",
  restAccessLogFormat: '{"requestId":"$context.requestId"}',
  accessLogGroupArns: { catalog: "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/catalog/default" },
  httpAccessLogFormat: '{"requestId":"$context.requestId","routeKey":"$context.routeKey"}',
};
pulumi.runtime.setMocks(
  {
    newResource: (args) => ({ id: args.name, state: args.type === "pulumi:pulumi:StackReference" ? { name: args.name, outputs: published } : args.inputs }),
    call: (args) => args.inputs,
  },
  "app",
  "dev",
  false,
);
const pipelineName: AccessLogPipelineArgs["runtime"] = undefined;
const insights = new pulumi.StackReference("organization/api-usage-insights/prod");
const rest = restStageAccessLogSettings(insights);
const http = logGroupStageAccessLogSettings(insights, "catalog", "HTTP");
pulumi.all([rest.destinationArn, rest.format, http.destinationArn, http.format]).apply((values) => {
  console.log(JSON.stringify({ reader: CONTRACT_VERSION, settings: values, policies: ALL_POLICIES.length, pipelineName: pipelineName ?? null }));
});
`;

interface App {
  dir: string;
  /** Runs `source` as the app's index.ts under ts-node, type-checked as Pulumi runs a program unless `transpileOnly`. */
  run(source: string, options?: { transpileOnly?: boolean }): SpawnSyncReturns<string>;
}

let packed: PackedPackage;
let app: App;

/** The packed tarball installed into a fresh app, with tsconfig.json as `pulumi new typescript` writes it. */
function packAndInstall(): void {
  packed = packedOnce();
  const { dir } = installInto(packed);
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(PULUMI_TEMPLATE_TSCONFIG, null, 2));
  const tsNode = path.join(ROOT, "node_modules/ts-node/dist/bin.js");
  const env = { ...process.env };
  delete env.TS_NODE_TRANSPILE_ONLY;
  delete env.TS_NODE_PROJECT;
  app = {
    dir,
    run(source, options = {}) {
      writeFileSync(path.join(dir, "index.ts"), source);
      return spawnSync(process.execPath, [tsNode, ...(options.transpileOnly ? ["--transpile-only"] : []), "index.ts"], { cwd: dir, env, encoding: "utf8" });
    },
  };
}

describe("the npm package, installed into an app repository", function () {
  this.timeout(120_000);
  before(packAndInstall);

  it("ships the compiled library, the function bundles, the output schema and the guides, and no tests, benches, sources or stack files", () => {
    const top = [...new Set(packed.paths.map((p) => p.split("/")[0]))].sort();
    assert.deepEqual(top, ["README.md", "dist", "docs", "lib", "package.json"]);
    for (const bundle of ["access-log-enricher", "api-call-counter", "distinct-users-widget", "period-comparison-widget"]) {
      assert.ok(packed.paths.includes(`dist/functions/${bundle}/index.js`), `dist/functions/${bundle}/index.js missing`);
    }
    assert.ok(packed.paths.includes("lib/outputs.schema.json"));
    assert.deepEqual(packed.paths.filter((p) => /(^|\/)test\/|\.test\.|^bench\/|Pulumi\.[^/]*\.yaml$|\.ts$/.test(p) && !p.endsWith(".d.ts")), []);
  });

  it("ships every guide and picture the README links to in docs/, so its links work from node_modules", () => {
    const readme = readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    const linked = [...new Set([...readme.matchAll(/\]\((docs\/[^)#\s]+)/g)].map((match) => match[1]!))];
    assert.ok(linked.length >= 5, `expected the README's table of guides, found ${linked.join(", ")}`);
    assert.deepEqual(linked.filter((file) => !packed.paths.includes(file)), []);
  });

  it("runs an app program importing api-usage-insights/app under ts-node with type-checking, reading the stage settings from a StackReference", () => {
    const result = app.run(appProgram(CONTRACT_VERSION));
    assert.equal(result.status, 0, result.stderr);
    const line = result.stdout.trim().split("\n").pop()!;
    assert.deepEqual(JSON.parse(line), {
      reader: CONTRACT_VERSION,
      settings: [
        "arn:aws:firehose:eu-west-1:123456789012:deliverystream/amazon-apigateway-access-logs-prod",
        '{"requestId":"$context.requestId"}',
        "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/catalog/default",
        '{"requestId":"$context.requestId","routeKey":"$context.routeKey"}',
      ],
      policies: JSON.parse(line).policies,
      pipelineName: null,
    });
    assert.ok(JSON.parse(line).policies > 10);
  });

  it("type-checks the app against the package's declarations: a wrong argument does not compile", () => {
    const result = app.run(`import { restStageAccessLogSettings } from "api-usage-insights/app";\nrestStageAccessLogSettings("organization/api-usage-insights/prod");\n`);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr + result.stdout, /TS2345: Argument of type 'string' is not assignable to parameter of type 'StackReference'/);
  });

  it("fails an app reading a stack of another major contract version, naming both versions", () => {
    // The same program as above but for one string, so its types are proven there; this is about run time.
    const result = app.run(appProgram("2.0.0"), { transpileOnly: true });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr + result.stdout, new RegExp(`publishes output contract 2\\.0\\.0, but this api-usage-insights package reads contract 1\\.x \\(${CONTRACT_VERSION.replace(/\./g, "\\.")}\\)`));
  });
});
