// `pulumi package add github.com/<org>/api-usage-insights/provider@v<version>`, replayed as the Pulumi CLI
// does it (test/support/pulumi-cli.ts): a shallow clone of the committed tree into a plugins folder,
// one `npm install` where the CLI's workspace rule says, then the plugin launched from an empty
// consumer folder (test/support/component-host.ts) and every component constructed over the provider
// protocol. It installs from the registry, so it runs from .ci/run (`npm run test:package-install`),
// not in `npm test`. Commit before running it: it sees only what is committed.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CONTRACT_VERSION } from "../../contracts/outputs";
import { SAMPLE_ARGS, constructRequest, fakeEngine, fakeMonitor, getSchemaRequest, rpc, startPlugin, stateOf, stopPlugin, type FakeMonitor, type Plugin, type Registration } from "../support/component-host";
import { entriesOf, installAsCli, pluginFolderName, shallowClone } from "../support/pulumi-cli";

const root = path.resolve(__dirname, "../..");
const version = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
const PACKAGE = "api-usage-insights";
const INSIGHTS = "organization/api-usage-insights/prod";
const INSIGHTS_OUTPUTS: Record<string, unknown> = {
  contractVersion: CONTRACT_VERSION,
  restAccessLogDestinationArn: "arn:aws:firehose:eu-west-1:123456789012:deliverystream/amazon-apigateway-access-logs-prod",
  restAccessLogFormat: '{"requestId":"$context.requestId"}',
  accessLogGroupArns: {},
  httpAccessLogFormat: '{"requestId":"$context.requestId","routeKey":"$context.routeKey"}',
  webSocketAccessLogFormat: '{"requestId":"$context.requestId","eventType":"$context.eventType"}',
};

/** Each component the package serves, with inputs a program in another language would give. */
const COMPONENTS: ReadonlyArray<{
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** A child it must register (or, for StageAccessLogs, the stack it must read). */
  readonly child: string;
  readonly outputs: readonly string[];
}> = [
  { type: "StageAccessLogs", name: "orders-logs", inputs: { insightsStack: INSIGHTS, apiType: "REST" }, child: "pulumi:pulumi:StackReference", outputs: ["destinationArn", "format", "contractVersion"] },
  {
    type: "AccessLogPipeline",
    name: "access-logs",
    inputs: SAMPLE_ARGS.accessLogPipeline,
    child: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
    outputs: ["restAccessLogDestinationArn", "accessLogGroupArns", "dataLakeBucket", "glueTable", "athenaWorkgroup", "enricherFunctionName"],
  },
  { type: "ApiCallMetrics", name: "api-calls", inputs: { namespace: "Acme/ApiCalls", protectData: false }, child: "aws:cloudtrail/trail:Trail", outputs: ["metricNamespace", "metricName"] },
  {
    type: "UsageDashboard",
    name: "usage",
    inputs: SAMPLE_ARGS.usageDashboard,
    child: "aws:cloudwatch/dashboard:Dashboard",
    outputs: ["dashboardName", "widgetFunctionArns"],
  },
  {
    type: "UsageAnalytics",
    name: "usage-analytics",
    inputs: SAMPLE_ARGS.usageAnalytics,
    child: "aws:quicksight/dataSet:DataSet",
    outputs: ["dashboardId"],
  },
  { type: "ObservabilitySink", name: "org-view", inputs: SAMPLE_ARGS.observabilitySink, child: "aws:oam/sink:Sink", outputs: ["sinkArn"] },
  { type: "ObservabilityLink", name: "monitoring-link", inputs: { sinkArn: "arn:aws:oam:us-east-1:123456789012:sink/0a1b2c3d-4e5f-6789-abcd-ef0123456789" }, child: "aws:oam/link:Link", outputs: ["linkArn"] },
];

const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const SIG = "4dabf18193072939515e22adb298388d";

/** The folder a Lambda function's code archive points at, or why it cannot be read. */
function codeFolder(registration: Registration): string {
  const code = registration.inputs.code as Record<string, unknown> | undefined;
  if (!code || code[SIG] !== ARCHIVE_SIG || typeof code.path !== "string") return `(not a file archive: ${JSON.stringify(code)?.slice(0, 120)})`;
  return code.path;
}

describe("the component package, installed from git as `pulumi package add` does and served from a clean clone", function () {
  this.timeout(600_000);
  const steps: Record<string, number> = {};
  const logs: string[] = [];
  let clone: string;
  let pluginDir: string;
  let installedIn: string;
  let cloned: string[];
  let engine: Awaited<ReturnType<typeof fakeEngine>>;
  let monitor: FakeMonitor;
  let plugin: Plugin;

  before(async () => {
    const plugins = path.join(mkdtempSync(path.join(tmpdir(), "pulumi-home-")), "plugins");
    mkdirSync(plugins);
    clone = path.join(plugins, pluginFolderName(`github.com/acme/${PACKAGE}`, "provider", version));
    steps.clone = shallowClone(root, clone).ms;
    cloned = entriesOf(clone);
    pluginDir = path.join(clone, "provider");
    const install = installAsCli(pluginDir);
    steps.install = install.ms;
    installedIn = install.folder;
    engine = await fakeEngine(logs);
    monitor = await fakeMonitor(INSIGHTS_OUTPUTS);
    const start = Date.now();
    plugin = await startPlugin(engine.address, { pluginDir });
    steps.start = Date.now() - start;
  });

  after(() => {
    stopPlugin(plugin);
    engine?.server.forceShutdown();
    monitor?.server.forceShutdown();
    console.log(`    steps: ${Object.entries(steps).map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`).join(", ")}`);
  });

  it("clones nothing built: no node_modules, dist or lib", () => {
    assert.deepEqual(cloned.filter((entry) => ["node_modules", "dist", "lib"].includes(entry)), []);
    assert.ok(existsSync(path.join(pluginDir, "PulumiPlugin.yaml")));
  });

  it("installs once, in the repository root, which the CLI's workspace rule picks for provider/", () => {
    assert.equal(installedIn, clone);
    assert.ok(!existsSync(path.join(pluginDir, "node_modules", "@pulumi", "pulumi")), "provider/ has a @pulumi/pulumi of its own: the components would see another copy");
  });

  it("builds the function bundles at install (the root package's prepare)", () => {
    for (const bundle of ["access-log-enricher", "api-call-counter", "distinct-users-widget", "period-comparison-widget"]) {
      assert.ok(existsSync(path.join(clone, "dist", "functions", bundle, "index.js")), `dist/functions/${bundle}/index.js`);
    }
  });

  it("answers GetSchema with every component under the package's name and version", async () => {
    const schema = JSON.parse(String((await rpc(plugin, "getSchema", getSchemaRequest())).getSchema!())) as { name: string; version: string; resources: Record<string, { isComponent?: boolean }> };
    assert.equal(schema.name, PACKAGE);
    assert.equal(schema.version, version);
    assert.deepEqual(
      Object.entries(schema.resources).filter(([, resource]) => resource.isComponent).map(([type]) => type).sort(),
      COMPONENTS.map((component) => `${PACKAGE}:index:${component.type}`).sort(),
    );
  });

  for (const component of COMPONENTS) {
    it(`constructs ${component.type}: children registered, no dynamic resource, every function's code in the clone, outputs returned`, async () => {
      const first = monitor.registrations.length;
      const firstRead = monitor.read.length;
      const state = stateOf(await rpc(plugin, "construct", constructRequest(monitor.address, `${PACKAGE}:index:${component.type}`, component.name, component.inputs)));
      const children = monitor.registrations.slice(first);
      const seen = [...children.map((child) => child.type), ...monitor.read.slice(firstRead).map((read) => read.split(" ")[0])];
      assert.ok(seen.includes(component.child), `${component.type} registered no ${component.child}: ${[...new Set(seen)].join(", ")}`);
      assert.deepEqual(children.filter((child) => child.type.startsWith("pulumi-nodejs:dynamic")).map((child) => `${child.type} ${child.name}`), []);
      for (const fn of children.filter((child) => child.type === "aws:lambda/function:Function")) {
        const folder = codeFolder(fn);
        assert.ok(folder.startsWith(clone + path.sep) && existsSync(path.join(folder, "index.js")), `${fn.name}'s code is ${folder}, not a bundle in the clone`);
      }
      const missing = component.outputs.filter((output) => state[output] === undefined || state[output] === null);
      assert.deepEqual(missing, [], `outputs: ${JSON.stringify(state).slice(0, 300)}`);
    });
  }
});
