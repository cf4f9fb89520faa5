import { strict as assert } from "node:assert";
import { GB, MB } from "../../ops/cost/assumptions";
import { Pricer, type Estimate } from "../../ops/cost/estimate";
import { metricSeries } from "../../ops/cost/metric-series";
import { priceOf } from "../../ops/cost/prices";
import { sampleDesign } from "../../ops/cost/sample-design";
import { athenaBilledBytes, dashboardCost, pipelineCost, quicksightCost, apiCallMetricsCost, thisDesign } from "../../ops/cost/this-design";
import { PROFILE, VOLUME } from "./profile";

const price = new Pricer("us-east-1");
const unit = (id: Parameters<typeof priceOf>[0]) => priceOf(id, "us-east-1").usd;
const lineOf = (c: { lines: readonly { priceId: string; usd: number; what: string }[] }, id: string) => {
  const found = c.lines.filter((l) => l.priceId === id);
  assert.equal(found.length, 1, `one ${id} line`);
  return found[0];
};
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);

describe("the cost model", () => {
  for (const requestsPerMonth of [1e6, 1e8, 1e9]) {
    for (const design of [thisDesign, sampleDesign]) {
      const e: Estimate = design({ ...VOLUME, requestsPerMonth }, PROFILE);
      it(`totals ${e.design} at ${requestsPerMonth} requests as the sum of its components, each the sum of its lines`, () => {
        close(e.usd, e.components.reduce((s, c) => s + c.usd, 0));
        for (const c of e.components) close(c.usd, c.lines.reduce((s, l) => s + l.usd, 0));
        assert.ok(e.usd > 0);
      });
    }
  }

  it("bills Firehose ingestion per record rounded up to 5 KB: 1 KB and 5 KB records cost the same, one byte more costs double", () => {
    const direct = { ...PROFILE, cloudWatchShare: 0 };
    const ingestion = (recordBytes: number) => lineOf(pipelineCost({ ...VOLUME, recordBytes }, direct, price), "firehose.ingestion").usd;
    assert.equal(ingestion(1024), ingestion(5 * 1024));
    close(ingestion(5 * 1024 + 1), 2 * ingestion(5 * 1024));
    close(ingestion(5 * 1024), ((VOLUME.requestsPerMonth * 5 * 1024) / GB) * unit("firehose.ingestion"));
  });

  it("scales Firehose ingestion with the number of records", () => {
    const at = (requestsPerMonth: number) => lineOf(pipelineCost({ ...VOLUME, requestsPerMonth }, PROFILE, price), "firehose.ingestion").usd;
    close(at(2e8), 2 * at(1e8));
  });

  it("bills an Athena query below 10 MB as 10 MB and one above by its bytes", () => {
    assert.equal(athenaBilledBytes(1, 1), 10 * MB);
    assert.equal(athenaBilledBytes(1, 10 * MB), 10 * MB);
    assert.equal(athenaBilledBytes(1, 10 * MB + 1), 10 * MB + 1);
    assert.equal(athenaBilledBytes(3, 1), 30 * MB);
  });

  it("charges CloudWatch Logs ingestion per GB of the CloudWatch-delivered share only", () => {
    const logs = (cloudWatchShare: number) => lineOf(pipelineCost(VOLUME, { ...PROFILE, cloudWatchShare }, price), "logs.ingestion").usd;
    assert.equal(logs(0), 0);
    close(logs(1), ((VOLUME.requestsPerMonth * VOLUME.recordBytes) / GB) * unit("logs.ingestion"));
    close(logs(0.5), logs(1) / 2);
  });

  it("charges data-lake storage in proportion to the retention days", () => {
    const storage = (retentionDays: number) => lineOf(pipelineCost({ ...VOLUME, retentionDays }, PROFILE, price), "s3.storage").usd;
    close(storage(60), 2 * storage(30));
  });

  it("prices QuickSight users per user-month, whatever the volume", () => {
    const qs = (requestsPerMonth: number, quicksightReaders: number) => quicksightCost({ ...VOLUME, requestsPerMonth, quicksightReaders }, PROFILE, price);
    close(lineOf(qs(1e6, 7), "quicksight.reader").usd, 7 * unit("quicksight.reader"));
    assert.equal(lineOf(qs(1e6, 7), "quicksight.reader").usd, lineOf(qs(1e9, 7), "quicksight.reader").usd);
  });

  it("charges SPICE only beyond the 10 GB each author brings", () => {
    // 10 GB of 250-byte rows over a 90-day window, exactly at the included capacity, then one author fewer.
    const requestsPerMonth = ((10 * GB) / 250) * (30 / 90);
    assert.ok(lineOf(quicksightCost({ ...VOLUME, requestsPerMonth, quicksightAuthors: 1 }, PROFILE, price), "quicksight.spice").usd < 1e-9);
    close(lineOf(quicksightCost({ ...VOLUME, requestsPerMonth: 2 * requestsPerMonth, quicksightAuthors: 1 }, PROFILE, price), "quicksight.spice").usd, 10 * unit("quicksight.spice"));
  });

  it("keeps the dashboard's own price fixed as the volume grows", () => {
    const dash = (requestsPerMonth: number) => lineOf(dashboardCost({ ...VOLUME, requestsPerMonth }, PROFILE, price), "cloudwatch.dashboard").usd;
    assert.equal(dash(1e6), unit("cloudwatch.dashboard"));
    assert.equal(dash(1e9), dash(1e6));
  });

  it("charges the trail nothing as the Region's first copy and per 100,000 events as an additional one", () => {
    const trail = (trailCopy: "first" | "additional") => lineOf(apiCallMetricsCost(VOLUME, { ...PROFILE, trailCopy }, price), "cloudtrail.additionalManagementEvents").usd;
    assert.equal(trail("first"), 0);
    close(trail("additional"), (VOLUME.cloudTrailEventsPerMonth / 100_000) * unit("cloudtrail.additionalManagementEvents"));
  });

  it("charges one custom metric per series the dimension sets make", () => {
    assert.equal(metricSeries([[]]), 1);
    assert.equal(metricSeries([["EventSource", "EventName"]]), 25 * 8);
    assert.equal(metricSeries([["EventName"]]), 25 * 8);
    assert.equal(metricSeries([["EventSource", "ErrorCode"], ["Region"]]), 25 * 3 + 4);
    close(lineOf(apiCallMetricsCost(VOLUME, { ...PROFILE, metricSeries: 395 }, price), "cloudwatch.customMetric").usd, 395 * unit("cloudwatch.customMetric"));
  });

  it("charges the sample's crawler the same at every volume and its direct queries per view", () => {
    const sample = (requestsPerMonth: number, quicksightReaders = 10) => sampleDesign({ ...VOLUME, requestsPerMonth, quicksightReaders }, PROFILE);
    const crawler = (e: Estimate) => lineOf(e.components.find((c) => c.name === "Access-log pipeline")!, "glue.dpuHour").usd;
    const scans = (e: Estimate) => lineOf(e.components.find((c) => c.name === "Queries")!, "athena.scan").usd;
    assert.equal(crawler(sample(1e6)), crawler(sample(1e9)));
    close(crawler(sample(1e6)), 144 * 30 * 2 * (10 / 60) * unit("glue.dpuHour"));
    close(scans(sample(1e9, 20)), 2 * scans(sample(1e9, 10)));
  });

  it("prices nothing for a component the stack turns off", () => {
    const off = thisDesign(VOLUME, { ...PROFILE, apiCallMetrics: false, dashboard: false, quicksight: false });
    for (const name of ["API-call metrics", "Dashboard", "QuickSight"]) assert.equal(off.components.find((c) => c.name === name)!.usd, 0);
  });
});
