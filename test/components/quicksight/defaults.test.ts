import assert from "node:assert/strict";
import { UsageAnalytics } from "../../../components/quicksight";
import { buildDatasetSql } from "../../../components/quicksight/dataset-sql";
import { USAGE_ANALYTICS_DEFAULTS } from "../../../components/quicksight/defaults";
import { declare } from "../../engine/harness";

const BASE = {
  glueDatabase: "api_usage",
  glueTable: "access_logs",
  athenaWorkgroup: "api-usage",
  dataLakeBucketArn: "arn:aws:s3:::lake",
  athenaResultsBucketArn: "arn:aws:s3:::results",
};

describe("UsageAnalytics defaults", () => {
  it("imports into SPICE by default", async () => {
    assert.equal(USAGE_ANALYTICS_DEFAULTS.importMode, "SPICE");
    const plan = await declare(() => new UsageAnalytics("u", BASE));
    assert.equal(plan.one("aws:quicksight/dataSet:DataSet").inputs.importMode, "SPICE");
  });

  it("refreshes daily at 03:00 UTC by default", async () => {
    const plan = await declare(() => new UsageAnalytics("u", BASE));
    assert.deepEqual(plan.one("aws:quicksight/refreshSchedule:RefreshSchedule").inputs.schedule, {
      refreshType: "FULL_REFRESH",
      scheduleFrequency: { interval: "DAILY", timeOfTheDay: "03:00", timezone: "UTC" },
    });
  });

  it("reads the last 90 days of partitions by default", async () => {
    assert.equal(USAGE_ANALYTICS_DEFAULTS.lookbackDays, 90);
    const plan = await declare(() => new UsageAnalytics("u", BASE));
    const sql = (plan.one("aws:quicksight/dataSet:DataSet").inputs.physicalTableMaps as Array<{ customSql: { sqlQuery: string } }>)[0].customSql.sqlQuery;
    assert.equal(sql, buildDatasetSql({ database: "api_usage", table: "access_logs", lookbackDays: 90 }).sql);
  });

  it("puts the groups in the default namespace by default", async () => {
    const plan = await declare(() => new UsageAnalytics("u", BASE));
    assert.equal(plan.one("aws:quicksight/group:Group").inputs.namespace, "default");
  });

  it("creates no readers group unless reader user names are given", async () => {
    const none = await declare(() => new UsageAnalytics("u", BASE));
    assert.equal(none.ofType("aws:quicksight/group:Group").length, 1);
    const some = await declare(() => new UsageAnalytics("u", { ...BASE, readerUserNames: ["bob"] }));
    assert.equal(some.ofType("aws:quicksight/group:Group").length, 2);
  });
});
