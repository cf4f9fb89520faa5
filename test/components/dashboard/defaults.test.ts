import assert from "node:assert/strict";
import { planAlarms } from "../../../components/dashboard/alarms";
import { DASHBOARD_DEFAULTS } from "../../../components/dashboard/defaults";
import { checkModel, thresholdsOf } from "../../../components/dashboard/inputs";
import { searchedSetsArePublished } from "../../../components/dashboard/metrics/api-calls";
import { fixtureModel } from "./fixture";

const alarm = (key: string) => {
  const spec = planAlarms(fixtureModel({ thresholds: thresholdsOf(undefined) })).find((a) => a.key === key);
  assert.ok(spec, `no alarm ${key}`);
  return spec;
};

describe("UsageDashboard defaults", () => {
  it("alarms when more than 1 % of requests fail server-side for three 5-minute periods", () => {
    const a = alarm("orders-5xx-rate");
    assert.deepEqual([a.threshold, a.comparisonOperator, a.evaluationPeriods, a.datapointsToAlarm], [1, "GreaterThanThreshold", 3, 3]);
  });

  it("alarms when p90 latency stays above 2 s", () => {
    assert.equal(alarm("billing-p90-latency").threshold, 2000);
  });

  it("alarms on WebSocket p90 integration latency, the only latency WebSocket APIs report", () => {
    assert.equal(alarm("chat-p90-latency").queries[0].metric?.metricName, "IntegrationLatency");
  });

  it("alarms when more than 10 requests hit QUOTA_EXCEEDED in 5 minutes", () => {
    assert.deepEqual([alarm("chat-quota-exceeded").threshold, alarm("chat-quota-exceeded").evaluationPeriods], [10, 1]);
  });

  it("alarms when Firehose records wait more than 15 minutes or S3 deliveries keep failing", () => {
    assert.equal(alarm("firehose-freshness").threshold, 900);
    const delivery = alarm("firehose-delivery");
    assert.deepEqual([delivery.threshold, delivery.comparisonOperator, delivery.queries[0].metric?.stat], [1, "LessThanThreshold", "Minimum"]);
  });

  it("alarms on any function error", () => {
    assert.deepEqual([alarm("function-0-errors").threshold, alarm("function-0-errors").comparisonOperator], [0, "GreaterThanThreshold"]);
  });

  it("treats missing data as not breaching, so an idle API is not an alarm", () => {
    for (const a of planAlarms(fixtureModel())) assert.equal(a.treatMissingData, "notBreaching", a.key);
  });

  it("reads users from claimsSub on REST and HTTP and from principalId on WebSocket (no claims there)", () => {
    assert.deepEqual(DASHBOARD_DEFAULTS.userField, { REST: "claimsSub", HTTP: "claimsSub", WEBSOCKET: "principalId" });
  });

  it("keeps every default user and customer field inside its API type's access-log format", () => {
    for (const type of ["REST", "HTTP", "WEBSOCKET"] as const) {
      assert.doesNotThrow(() =>
        checkModel({ ...fixtureModel(), apis: [{ name: "a", type, apiId: "a1b2c3d4e5", apiName: "a", stage: "s", logGroupName: "/a", userField: DASHBOARD_DEFAULTS.userField[type], customerField: DASHBOARD_DEFAULTS.customerField[type] }] }),
      );
    }
  });

  it("searches only dimension sets the api-call-counter publishes by default", () => {
    assert.equal(searchedSetsArePublished(), true);
    assert.equal(searchedSetsArePublished([["Region"], []]), false);
  });

  it("opens the dashboard on the last 3 hours with 5-minute periods", () => {
    assert.deepEqual([DASHBOARD_DEFAULTS.start, DASHBOARD_DEFAULTS.periodSeconds], ["-PT3H", 300]);
  });
});
