/** Per-API alarm thresholds set in the stack's `apis` list reach that API's alarms, through the whole program. */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { synthStack } from "../../../synth/run";

const root = path.resolve(__dirname, "../../..");
const quiet = { log: () => undefined, quiet: true };

function stack(alarms: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "stack-alarms-"));
  writeFileSync(
    path.join(dir, "Pulumi.alarms.yaml"),
    [
      "config:",
      "  aws:region: us-east-1",
      "  aws:defaultTags:",
      "    tags: {project: api-usage-insights, stack: alarms, owner: platform-team, cost-centre: CC-0000}",
      "  api-usage-insights:apiCallMetricsEnabled: false",
      "  api-usage-insights:apis:",
      "    - {name: orders, type: REST, apiId: a1b2c3d4e5, stage: dev}",
      `    - {name: catalog, type: HTTP, apiId: f6g7h8i9j0, stage: $default, alarms: ${alarms}}`,
      "",
    ].join("\n"),
  );
  return dir;
}

describe("per-API alarm thresholds from the stack's apis list", () => {
  it("override the stack-wide ones for that API only, and turn on its traffic-stopped alarm", async () => {
    const outcome = await synthStack({ rootDir: root, stackDir: stack("{latencyP90Ms: 500, trafficStoppedPeriods: 12}"), stack: "alarms", outDir: mkdtempSync(path.join(tmpdir(), "synth-")), ...quiet });
    assert.equal(outcome.exitCode, 0, outcome.reason);
    const alarm = (name: string) => outcome.resources?.find((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.name === name)?.inputs;
    assert.deepEqual([alarm("usage-catalog-p90-latency")?.threshold, alarm("usage-orders-p90-latency")?.threshold], [500, 2000]);
    assert.deepEqual([alarm("usage-catalog-traffic-stopped")?.evaluationPeriods, alarm("usage-catalog-traffic-stopped")?.treatMissingData], [12, "breaching"]);
    assert.equal(alarm("usage-orders-traffic-stopped"), undefined);
  });

  it("exit 2 naming the key, the value and the limit when a threshold is out of range", async () => {
    const outcome = await synthStack({ rootDir: root, stackDir: stack("{trafficStoppedPeriods: 289}"), stack: "alarms", outDir: mkdtempSync(path.join(tmpdir(), "synth-")), ...quiet });
    assert.equal(outcome.exitCode, 2);
    assert.match(outcome.reason ?? "", /apis\[1\]\.alarms\.trafficStoppedPeriods must be an integer from 0 to 288 .*, got 289/);
  });
});
