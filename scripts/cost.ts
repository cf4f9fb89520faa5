/**
 * `npm run cost -- --stack <name> --requests-per-month N`: the monthly cost of the stack per
 * component, next to the AWS sample it replaces, from the price table in ops/cost/prices.ts; and
 * out/<stack>/cost.svg, total cost against 10^6..10^9 requests a month for both designs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { API_CALL_METRICS_DEFAULTS } from "../components/api-call-metrics/defaults";
import { ACCESS_LOG_PIPELINE_DEFAULTS } from "../components/access-log-pipeline/defaults";
import { resolveSettings } from "../components/access-log-pipeline/settings";
import { DASHBOARD_DEFAULTS } from "../components/dashboard/defaults";
import { ConfigError, PIPELINE_BINDING, USAGE_ANALYTICS_BINDING, API_CALL_METRICS_BINDING, argsFor, readStackConfig, type StackConfig } from "../config";
import { deliveryOf } from "../contracts/api-types";
import type { DimensionName } from "../contracts/functions/api-call-counter";
import { CommandIo, parseCommandLine, processIo, reportUsageError, runCommand, UsageError } from "../functions/shared/command-line";
import { assumptionSentences } from "../ops/cost/assumptions";
import { chartVolumes, costChartSvg, decades } from "../ops/cost/chart";
import { DEFAULT_VOLUME, type StackProfile, type Volume } from "../ops/cost/inputs";
import { metricSeries, metricSeriesAssumption } from "../ops/cost/metric-series";
import { PRICES, type PricedRegion } from "../ops/cost/prices";
import { lineDetail, sideBySide, unverifiedPrices, usd } from "../ops/cost/report";
import { sampleDesign } from "../ops/cost/sample-design";
import { thisDesign } from "../ops/cost/this-design";
import { StackFileError, readStackFile } from "../synth/stack-file";

export const USAGE = `usage: npm run cost -- --stack <name> --requests-per-month <n> [options]

  -s, --stack <name>              the stack whose Pulumi.<name>.yaml decides what is deployed
  --requests-per-month <n>        API requests a month across the stack's APIs
  --record-bytes <n>              average access-log record, bytes (default ${DEFAULT_VOLUME.recordBytes})
  --cloudtrail-events <n>         CloudTrail management events a month (default ${DEFAULT_VOLUME.cloudTrailEventsPerMonth})
  --trail-copy first|additional   is the stack's trail the Region's first copy of management events (free)? (default additional)
  --dashboard-viewers <n>         people who open the CloudWatch dashboard (default ${DEFAULT_VOLUME.dashboardViewers})
  --quicksight-readers <n>        QuickSight readers (default ${DEFAULT_VOLUME.quicksightReaders})
  --quicksight-authors <n>        QuickSight authors (default: the stack's admin user names, at least 1)
  --retention-days <n>            days the data lake keeps access logs (default: dataLakeExpirationDays, else ${DEFAULT_VOLUME.retentionDays})
  --price-region <region>         price as us-east-1 or eu-west-1 (default: the stack's aws:region)
  --stack-dir <dir>               where Pulumi.<name>.yaml is (default: the repository root)
  --out <dir>                     write <dir>/<stack>/cost.svg instead of out/<stack>/cost.svg
  -h, --help                      print this and exit

exit codes: 0 ok, 2 bad command line or stack file`;

const OPTIONS = {
  stack: { type: "string", short: "s" },
  "requests-per-month": { type: "string" },
  "record-bytes": { type: "string" },
  "cloudtrail-events": { type: "string" },
  "trail-copy": { type: "string" },
  "dashboard-viewers": { type: "string" },
  "quicksight-readers": { type: "string" },
  "quicksight-authors": { type: "string" },
  "retention-days": { type: "string" },
  "price-region": { type: "string" },
  "stack-dir": { type: "string" },
  out: { type: "string" },
} as const;

const REGIONS: readonly PricedRegion[] = ["us-east-1", "eu-west-1"];

/** A whole number within bounds, or a UsageError in the project's sentence. */
function count(flag: string, raw: string | undefined, fallback: number | undefined, min: number, max: number): number {
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${flag} is required`);
    return fallback;
  }
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}, got ${JSON.stringify(raw)}`);
  return n;
}

interface CostCommand {
  readonly stack: string;
  readonly stackDir?: string;
  readonly outDir?: string;
  readonly priceRegion?: string;
  readonly trailCopy: "first" | "additional";
  readonly raw: Readonly<Record<string, string | undefined>>;
}

export function readCostCommand(argv: readonly string[]): CostCommand | "help" {
  const { values } = parseCommandLine(argv, OPTIONS);
  if (values.help) return "help";
  if (!values.stack) throw new UsageError("no stack given: pass --stack <name>");
  const trailCopy = values["trail-copy"] ?? "additional";
  if (trailCopy !== "first" && trailCopy !== "additional") throw new UsageError(`--trail-copy must be first or additional, got ${JSON.stringify(trailCopy)}`);
  count("requests-per-month", values["requests-per-month"], undefined, 1, 1e12);
  return { stack: values.stack, stackDir: values["stack-dir"], outDir: values.out, priceRegion: values["price-region"], trailCopy, raw: values as Record<string, string | undefined> };
}

export function volumeOf(raw: CostCommand["raw"], config: StackConfig): Volume {
  const admins = (config.values.quicksightAdminUserNames as string[] | undefined) ?? [];
  const expiration = config.values.dataLakeExpirationDays as number | undefined;
  return {
    requestsPerMonth: count("requests-per-month", raw["requests-per-month"], undefined, 1, 1e12),
    recordBytes: count("record-bytes", raw["record-bytes"], DEFAULT_VOLUME.recordBytes, 100, 64 * 1024),
    cloudTrailEventsPerMonth: count("cloudtrail-events", raw["cloudtrail-events"], DEFAULT_VOLUME.cloudTrailEventsPerMonth, 0, 1e12),
    dashboardViewers: count("dashboard-viewers", raw["dashboard-viewers"], DEFAULT_VOLUME.dashboardViewers, 0, 100_000),
    quicksightReaders: count("quicksight-readers", raw["quicksight-readers"], DEFAULT_VOLUME.quicksightReaders, 0, 1_000_000),
    quicksightAuthors: count("quicksight-authors", raw["quicksight-authors"], Math.max(1, admins.length), 0, 100_000),
    retentionDays: count("retention-days", raw["retention-days"], expiration ?? DEFAULT_VOLUME.retentionDays, 1, 3650),
  };
}

/** What the stack's config decides about cost; the components' own defaults fill what the config leaves out. */
export function profileOf(config: StackConfig, command: Pick<CostCommand, "priceRegion" | "trailCopy">): StackProfile {
  const region = command.priceRegion ?? config.region;
  if (!REGIONS.includes(region as PricedRegion)) {
    throw new UsageError(`the price table covers ${REGIONS.join(" and ")}, not ${region}: pass --price-region us-east-1 or eu-west-1 to price as one of them`);
  }
  const pipeline = resolveSettings("cost", argsFor(PIPELINE_BINDING, config.values));
  const apiCalls = API_CALL_METRICS_BINDING.schema.resolve("cost", argsFor(API_CALL_METRICS_BINDING, config.values));
  const analytics = USAGE_ANALYTICS_BINDING.schema.resolve("cost", argsFor(USAGE_ANALYTICS_BINDING, config.values));
  const apis = pipeline.apis;
  const ownTrail = config.apiCallMetricsEnabled && !apiCalls.existingLogGroupName;
  const refreshes = { HOURLY: 24 * 30, DAILY: 30, WEEKLY: 30 / 7 }[analytics.refreshSchedule.interval as "HOURLY" | "DAILY" | "WEEKLY"];
  return {
    region: region as PricedRegion,
    apiCallMetrics: config.apiCallMetricsEnabled,
    trailCopy: ownTrail ? command.trailCopy : "first",
    metricSeries: metricSeries(apiCalls.dimensionSets as DimensionName[][]),
    cloudWatchShare: apis.length === 0 ? 0 : apis.filter((api) => deliveryOf(api) === "cloudwatch").length / apis.length,
    logRetentionDays: config.logRetentionDays,
    format: pipeline.format,
    bufferIntervalSeconds: pipeline.bufferIntervalSeconds,
    hourlyPartitions: pipeline.hourlyPartitions,
    processorBufferSizeMb: pipeline.processorBufferSizeMb,
    processorBufferIntervalSeconds: pipeline.processorBufferIntervalSeconds,
    lambdaArchitecture: config.lambdaArchitecture,
    counterMemoryMb: API_CALL_METRICS_DEFAULTS.counterMemorySizeMb,
    enricherMemoryMb: ACCESS_LOG_PIPELINE_DEFAULTS.enricherMemorySizeMb,
    widgetMemoryMb: DASHBOARD_DEFAULTS.widgetMemorySizeMb,
    dashboard: config.dashboardEnabled,
    // Per API: server errors and latency (plus quota exceeded where usage plans exist); then Firehose freshness and function errors.
    alarms: apis.length * 2 + apis.filter((api) => api.type !== "HTTP").length + 2,
    widgetFunctions: 2,
    quicksight: config.quicksightEnabled,
    importMode: analytics.importMode as "SPICE" | "DIRECT_QUERY",
    refreshesPerMonth: refreshes,
    lookbackDays: typeof analytics.lookbackDays === "number" ? analytics.lookbackDays : 365,
    customerKeys: ownTrail ? 1 : 0,
  };
}

export async function main(argv: readonly string[], io: CommandIo = processIo, options: { rootDir?: string } = {}): Promise<number> {
  const rootDir = options.rootDir ?? path.resolve(__dirname, "..");
  let command: CostCommand | "help";
  let profile: StackProfile;
  let volume: Volume;
  try {
    command = readCostCommand(argv);
    if (command === "help") {
      io.out(USAGE);
      return 0;
    }
    const config = readStackConfig(readStackFile(command.stackDir ?? rootDir, command.stack), command.stack);
    profile = profileOf(config, command);
    volume = volumeOf(command.raw, config);
  } catch (e) {
    if (e instanceof StackFileError || e instanceof ConfigError) {
      io.err(`cost: ${e.message}`);
      return 2;
    }
    return reportUsageError(e, USAGE, io);
  }

  const ours = thisDesign(volume, profile);
  const sample = sampleDesign(volume, profile);
  io.out(`cost of stack ${command.stack}, priced for ${profile.region} (prices read ${[...new Set(PRICES.map((p) => p.readOn))].join(", ")}), ${volume.requestsPerMonth.toLocaleString("en-US")} requests a month\n`);
  io.out(sideBySide(ours, sample));
  io.out(`\n${lineDetail(ours)}\n\n${lineDetail(sample)}`);
  const unverified = unverifiedPrices(profile.region, [ours, sample]);
  if (unverified.length > 0) io.out(`\nprices used without a figure read from a page (verify before quoting):\n- ${unverified.join("\n- ")}`);
  io.out(`\nassumptions:\n- ${[...volumeSentences(volume, profile), metricSeriesAssumption(), ...assumptionSentences()].join("\n- ")}`);

  const priced = (requests: number) => ({ requests, ours: thisDesign({ ...volume, requestsPerMonth: requests }, profile).usd, sample: sampleDesign({ ...volume, requestsPerMonth: requests }, profile).usd });
  const points = chartVolumes().map(priced);
  const svg = costChartSvg(
    [
      { name: "this design", color: "#1f77b4", points: points.map((p) => ({ requests: p.requests, usd: p.ours })) },
      { name: "AWS sample", color: "#d62728", points: points.map((p) => ({ requests: p.requests, usd: p.sample })) },
    ],
    `Monthly cost of stack ${command.stack} (${profile.region})`,
  );
  const dir = path.join(command.outDir ?? path.join(rootDir, "out"), command.stack);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "cost.svg");
  writeFileSync(file, svg);
  io.out(`\nchart: ${path.relative(process.cwd(), file)} (${decades()
    .map(priced)
    .map((p) => `10^${Math.log10(p.requests)}: ${usd(p.ours)} vs ${usd(p.sample)}`)
    .join("; ")})`);
  return 0;
}

function volumeSentences(v: Volume, p: StackProfile): string[] {
  return [
    `access-log records average ${v.recordBytes} bytes; requests split evenly over the stack's APIs (${Math.round(p.cloudWatchShare * 100)}% log to CloudWatch Logs)`,
    `${v.cloudTrailEventsPerMonth.toLocaleString("en-US")} CloudTrail management events a month; the trail is ${p.trailCopy === "first" ? "the Region's first copy (free)" : "an additional copy (paid)"}`,
    `${v.dashboardViewers} dashboard viewers; ${v.quicksightAuthors} QuickSight authors and ${v.quicksightReaders} readers (${p.quicksight ? p.importMode : "QuickSight off"})`,
    `the data lake keeps ${v.retentionDays} days; CloudWatch Logs keep ${p.logRetentionDays} days; QuickSight reads ${p.lookbackDays} days`,
    `${p.alarms} alarms, ${p.widgetFunctions} widget functions, ${p.customerKeys} customer managed key(s), Lambda on ${p.lambdaArchitecture}`,
  ];
}

if (require.main === module) runCommand(main);
