/**
 * Every stack setting at its limits and one step beyond, through the real synth: inside the limits
 * the fleet's stacks synthesize with no mandatory policy violation (exit 0); beyond them synth exits
 * 2 naming the key; never 3. Valid values are packed into as few syntheses as their rules allow.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { ConfigError, PROJECT, SETTINGS, readStackConfig } from "../../config";
import { synthStack } from "../../synth/run";

const ROOT = path.resolve(__dirname, "../..");
const BASES = ["dev", "monitoring"] as const;
const baseConfig = (stack: string): Record<string, unknown> => (parse(readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> }).config;
const asPulumiGives = (config: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
const accepted = (config: Record<string, unknown>): boolean => {
  try {
    readStackConfig(asPulumiGives(config), "limits");
    return true;
  } catch (e) {
    if (e instanceof ConfigError) return false;
    throw e;
  }
};

/** A value valid only together with another setting (a rule spans both): the other at its limit. */
const COMPANIONS: Record<string, Record<string, unknown>> = {
  apiCallMetricsPublishBaseDelayMs: { [`${PROJECT}:apiCallMetricsPublishMaxDelayMs`]: 60_000 },
  dashboardDistinctUsersPollInitialMs: { [`${PROJECT}:dashboardDistinctUsersPollMaxMs`]: 60_000 },
  dataLakeTransitionDays: { [`${PROJECT}:dataLakeExpirationDays`]: 0 },
  monitoringSinkArn: { [`${PROJECT}:monitoringStack`]: "" },
};

interface Batch {
  base: string;
  config: Record<string, unknown>;
  covers: string[];
}

/** Each (setting, valid sample) joins the first batch whose config still passes, else starts one. */
function planBatches(): { batches: Batch[]; refused: string[] } {
  const batches: Batch[] = [];
  const refused: string[] = [];
  for (const [key, setting] of Object.entries(SETTINGS)) {
    for (const value of setting.kind.samples.valid) {
      const entry = { ...COMPANIONS[key], [`${PROJECT}:${key}`]: value };
      const label = `${key}=${JSON.stringify(value)}`;
      const home = batches.find((b) => !(`${PROJECT}:${key}` in b.config && b.covers.some((c) => c.startsWith(`${key}=`))) && accepted({ ...b.config, ...entry }));
      if (home) {
        Object.assign(home.config, entry);
        home.covers.push(label);
        continue;
      }
      const base = BASES.find((stack) => accepted({ ...baseConfig(stack), ...entry }));
      if (base === undefined) refused.push(label);
      else batches.push({ base, config: { ...baseConfig(base), ...entry }, covers: [label] });
    }
  }
  return { batches, refused };
}

describe("stack settings at their limits", function () {
  this.timeout(300_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "setting-limits-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const synth = async (stack: string, config: Record<string, unknown>) => {
    writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config }));
    return synthStack({ rootDir: ROOT, stack, stackDir: dir, outDir: path.join(dir, "out"), quiet: true, log: () => undefined });
  };

  it("gives every setting at least one value inside its limits and one beyond", () => {
    const thin = Object.entries(SETTINGS)
      .filter(([, s]) => s.kind.samples.valid.length === 0 || s.kind.samples.invalid.length === 0)
      .map(([key]) => key);
    assert.deepEqual(thin, []);
  });

  it("synthesizes every setting at its minimum, its maximum and every choice with exit 0 and no mandatory violation", async () => {
    const { batches, refused } = planBatches();
    assert.deepEqual(refused, [], "valid samples the config refuses on every base stack");
    const failures: string[] = [];
    for (const [i, batch] of batches.entries()) {
      const outcome = await synth(`limits-${batch.base}-${i}`, batch.config);
      const mandatory = outcome.report?.mandatoryViolations.map((v) => `${v.policy}: ${v.message}`) ?? [];
      if (outcome.exitCode !== 0) failures.push(`exit ${outcome.exitCode} for ${batch.covers.join(", ")}: ${outcome.reason ?? mandatory.join("; ")}`);
    }
    assert.deepEqual(failures, []);
  });

  it("refuses every setting one step beyond its limits with exit 2 naming the key", async () => {
    const failures: string[] = [];
    for (const [key, setting] of Object.entries(SETTINGS)) {
      for (const value of setting.kind.samples.invalid) {
        const outcome = await synth("beyond", { ...baseConfig("dev"), [`${PROJECT}:${key}`]: value });
        if (outcome.exitCode !== 2 || !outcome.reason?.includes(`${PROJECT}:${key}`)) {
          failures.push(`${key}=${JSON.stringify(value)}: exit ${outcome.exitCode} ${outcome.reason?.split("\n")[0] ?? ""}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });
});
