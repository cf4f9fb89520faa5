import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { synthFleet } from "../../synth/fleet-run";
import { UNIQUE_NAMES } from "../../synth/fleet";
import { API_NAME_MAX_LENGTH } from "../../contracts/api-types";
import { listStacks } from "../../synth/stack-file";
import { readdirSync } from "node:fs";

const root = path.resolve(__dirname, "../..");
const TAGS = { tags: { project: "api-usage-insights", stack: "fixture", owner: "platform-team", "cost-centre": "CC-0000" } };
const API = { name: "orders", type: "REST", apiId: "a1b2c3d4e5", stage: "prod", delivery: "firehose" };

const monitoring = (regions: string[] = []) => ({
  "aws:region": "us-east-1",
  "aws:allowedAccountIds": ["210987654321"],
  "aws:defaultTags": TAGS,
  "api-usage-insights:role": "monitoring",
  "api-usage-insights:monitoringSourceAccountIds": ["111122223333"],
  ...(regions.length ? { "api-usage-insights:monitoringRegions": regions } : {}),
});
const source = (region: string, extra: Record<string, unknown> = {}) => ({
  "aws:region": region,
  "aws:allowedAccountIds": ["111122223333"],
  "aws:defaultTags": TAGS,
  "api-usage-insights:apis": [API],
  "api-usage-insights:apiCallMetricsEnabled": false,
  "api-usage-insights:monitoringStack": "monitoring",
  ...extra,
});

async function fleet(stacks: Record<string, Record<string, unknown>>) {
  const dir = mkdtempSync(path.join(tmpdir(), "fleet-"));
  for (const [stack, config] of Object.entries(stacks)) writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config }));
  const lines: string[] = [];
  const outcome = await synthFleet({ rootDir: root, stackDir: dir, stacks: Object.keys(stacks), outDir: path.join(dir, "out"), quiet: true, log: (l) => lines.push(l) });
  return { ...outcome, lines };
}

describe("the fleet synth", function () {
  this.timeout(180_000);

  it("synthesizes the project's own fleet (dev, staging, prod, monitoring) with no fleet problem, each reference read from the synthesized monitoring stack", async () => {
    const stacks = listStacks(readdirSync(root));
    assert.deepEqual(stacks, ["dev", "monitoring", "prod", "staging"]);
    const lines: string[] = [];
    const outcome = await synthFleet({ rootDir: root, stacks, outDir: mkdtempSync(path.join(tmpdir(), "fleet-own-")), quiet: true, log: (l) => lines.push(l) });
    assert.equal(outcome.exitCode, 0, lines.join("\n"));
    assert.deepEqual(outcome.problems, []);
    assert.deepEqual(outcome.standIns, []);
    const sinks = outcome.outcomes.get("monitoring")!.outputs!.oamSinkArns as Record<string, string>;
    const link = (stack: string) => outcome.outcomes.get(stack)!.resources!.find((r) => r.type === "aws:oam/link:Link")!.inputs.sinkIdentifier;
    assert.equal(link("prod"), sinks["eu-west-1"]);
    assert.match(String(link("prod")), /^arn:aws:oam:eu-west-1:210987654321:sink\//);
    assert.equal(link("dev"), sinks["us-east-1"]);
  });

  it("synthesizes the project's own fleet as a first preview of every stack: no fleet problem, no mandatory violation, no policy left undecided", async () => {
    const lines: string[] = [];
    const outcome = await synthFleet({ rootDir: root, stacks: listStacks(readdirSync(root)), outDir: mkdtempSync(path.join(tmpdir(), "fleet-preview-")), preview: true, quiet: true, log: (l) => lines.push(l) });
    assert.equal(outcome.exitCode, 0, lines.join("\n"));
    assert.deepEqual(outcome.problems, []);
    const undecided = [...outcome.outcomes].flatMap(([stack, synth]) => (synth.report?.undecided ?? []).map((u) => `${stack}: ${u.policy}`));
    assert.deepEqual(undecided, []);
    assert.equal(outcome.outcomes.size, 4);
  });

  it("refuses a source whose monitoring stack does not serve its Region, with exit 2 and both stacks named", async () => {
    const outcome = await fleet({ monitoring: monitoring(), shop: source("eu-west-1", { "api-usage-insights:dashboardEnabled": false }) });
    assert.equal(outcome.exitCode, 2);
    assert.deepEqual(outcome.problems.map((p) => p.stacks), [["shop", "monitoring"]]);
    assert.match(outcome.problems[0]!.message, /^shop \(eu-west-1\) links to monitoring, which serves us-east-1: an OAM link attaches only to a sink in its own Region; add eu-west-1 to monitoring's api-usage-insights:monitoringRegions$/);
  });

  it("accepts the same source once the monitoring stack serves its Region", async () => {
    const outcome = await fleet({ monitoring: monitoring(["eu-west-1"]), shop: source("eu-west-1", { "api-usage-insights:dashboardEnabled": false }) });
    assert.equal(outcome.exitCode, 0, outcome.lines.join("\n"));
  });

  it("refuses two stacks in one account and Region that produce the same physical names, with exit 2 and both stacks named", async () => {
    const legacy = { "api-usage-insights:stackScopedNames": false, "api-usage-insights:dashboardEnabled": false };
    const outcome = await fleet({ monitoring: monitoring(), blue: source("us-east-1", legacy), green: source("us-east-1", legacy) });
    assert.equal(outcome.exitCode, 2);
    const firehose = outcome.problems.find((p) => p.message.includes("FirehoseDeliveryStream"));
    assert.deepEqual(firehose?.stacks, ["blue", "green"]);
    assert.match(firehose!.message, /blue and green both name a FirehoseDeliveryStream "amazon-apigateway-access-logs" in account 111122223333 and us-east-1/);
  });

  it("lets the same two stacks share the account and Region with stack-scoped names", async () => {
    const scoped = { "api-usage-insights:dashboardEnabled": false };
    const outcome = await fleet({ monitoring: monitoring(), blue: source("us-east-1", scoped), green: source("us-east-1", scoped) });
    assert.equal(outcome.exitCode, 0, outcome.lines.join("\n"));
  });

  it("refuses a stack name too long for stack-scoped names with exit 2, naming the stack and the limit, and fits the longest names config allows", async () => {
    const long = "a".repeat(35);
    const outcome = await fleet({ monitoring: monitoring(), [long]: source("us-east-1", { "api-usage-insights:dashboardEnabled": false }) });
    assert.equal(outcome.exitCode, 2);
    assert.match(outcome.outcomes.get(long)!.reason ?? "", new RegExp(`stack name "${long}" must be at most 34 characters while api-usage-insights:stackScopedNames is true .*got 35`));
    // The longest names config allows (a 34-character stack, 40-character APIs of every delivery)
    // keep every physical name within its limit, dashboard and alarms included.
    const fits = "a".repeat(34);
    const longest = [
      { ...API, name: `r${"e".repeat(API_NAME_MAX_LENGTH - 1)}` },
      { name: `h${"t".repeat(API_NAME_MAX_LENGTH - 1)}`, type: "HTTP", apiId: "f6g7h8i9j0", stage: "$default" },
      { name: `w${"s".repeat(API_NAME_MAX_LENGTH - 1)}`, type: "WEBSOCKET", apiId: "k1l2m3n4o5", stage: "production" },
    ];
    const widest = await fleet({ monitoring: monitoring(), [fits]: source("us-east-1", { "api-usage-insights:apis": longest }) });
    assert.equal(widest.exitCode, 0, widest.lines.join("\n"));
    assert.deepEqual(widest.problems, []);
  });

  it("answers a reference outside the project with a stand-in and says so", async () => {
    const outcome = await fleet({ shop: source("us-east-1", { "api-usage-insights:monitoringStack": "acme/observability/central", "api-usage-insights:dashboardEnabled": false }) });
    assert.equal(outcome.exitCode, 0, outcome.lines.join("\n"));
    assert.deepEqual(outcome.standIns, ["shop → acme/observability/central"]);
    assert.ok(outcome.lines.includes("fleet: stand-in outputs for shop → acme/observability/central (a stack outside this project)"));
  });

  it("reads every unique-name rule's input from resources the project really declares, so no rule is dead", async () => {
    const outcome = await synthFleet({ rootDir: root, stacks: listStacks(readdirSync(root)), outDir: mkdtempSync(path.join(tmpdir(), "fleet-rules-")), quiet: true, log: () => undefined });
    const resources = [...outcome.outcomes.values()].flatMap((o) => o.resources ?? []);
    const dead = UNIQUE_NAMES.filter((rule) => !resources.some((r) => r.type === rule.type && typeof r.inputs[rule.input] === "string")).map((rule) => `${rule.type}.${rule.input}`);
    assert.deepEqual(dead, []);
  });
});
