/** The alarms users of cdk-monitoring-constructs expect: 4xx rate, traffic stopped, per-API thresholds, one composite per API. */
import assert from "node:assert/strict";
import { compositeRule, planAlarms, planComposites } from "../../../components/dashboard/alarms";
import { checkModel } from "../../../components/dashboard/inputs";
import { fixtureModel } from "./fixture";

const withApiAlarms = (name: string, alarms: Record<string, number>) => {
  const base = fixtureModel();
  return checkModel({ ...base, apis: base.apis.map((a) => (a.name === name ? { ...a, alarms } : a)) });
};
const alarm = (specs: ReturnType<typeof planAlarms>, key: string) => {
  const spec = specs.find((a) => a.key === key);
  assert.ok(spec, `no alarm ${key}`);
  return spec;
};

describe("per-API alarms", () => {
  it("alarm when more than 10 % of requests fail client-side for three 5-minute periods", () => {
    const a = alarm(planAlarms(fixtureModel()), "orders-4xx-rate");
    assert.deepEqual([a.threshold, a.evaluationPeriods, a.comparisonOperator], [10, 3, "GreaterThanThreshold"]);
    assert.equal(a.queries.find((q) => q.returnData)?.expression, "IF(requests > 0, 100 * errors_4xx / requests, 0)");
  });

  it("count WebSocket client errors as its 4xx", () => {
    assert.deepEqual(alarm(planAlarms(fixtureModel()), "chat-4xx-rate").queries.map((q) => q.metric?.metricName ?? "rate"), ["MessageCount", "ClientError", "rate"]);
  });

  it("have no traffic-stopped alarm unless asked for", () => {
    assert.equal(planAlarms(fixtureModel()).some((a) => a.key.endsWith("-traffic-stopped")), false);
  });

  it("alarm when an API had no request for the configured periods, missing data breaching", () => {
    const a = alarm(planAlarms(withApiAlarms("billing", { trafficStoppedPeriods: 6 })), "billing-traffic-stopped");
    assert.deepEqual([a.comparisonOperator, a.threshold, a.evaluationPeriods, a.datapointsToAlarm, a.treatMissingData], ["LessThanThreshold", 1, 6, 6, "breaching"]);
    assert.equal(a.queries[0].metric?.metricName, "Count");
  });

  it("accept a traffic-stopped window of one day (288 periods) and refuse one period more, naming the key", () => {
    assert.equal(alarm(planAlarms(withApiAlarms("orders", { trafficStoppedPeriods: 288 })), "orders-traffic-stopped").evaluationPeriods, 288);
    assert.throws(() => withApiAlarms("orders", { trafficStoppedPeriods: 289 }), /apis\[0\]\.alarms\.trafficStoppedPeriods must be an integer from 0 to 288 .*, got 289/);
  });

  it("take an API's own thresholds over the component's, and leave the other APIs on the component's", () => {
    const specs = planAlarms(withApiAlarms("billing", { latencyP90Ms: 300, clientErrorRatePercent: 25 }));
    assert.deepEqual([alarm(specs, "billing-p90-latency").threshold, alarm(specs, "billing-4xx-rate").threshold], [300, 25]);
    assert.deepEqual([alarm(specs, "orders-p90-latency").threshold, alarm(specs, "orders-4xx-rate").threshold], [1500, 10]);
  });

  it("raise one composite alarm per API over exactly that API's alarms", () => {
    const model = fixtureModel();
    const composites = planComposites(model, planAlarms(model));
    assert.deepEqual(composites.map((c) => [c.key, c.memberKeys]), [
      ["orders-health", ["orders-5xx-rate", "orders-4xx-rate", "orders-p90-latency"]],
      ["billing-health", ["billing-5xx-rate", "billing-4xx-rate", "billing-p90-latency"]],
      ["chat-health", ["chat-5xx-rate", "chat-4xx-rate", "chat-p90-latency", "chat-quota-exceeded"]],
    ]);
    assert.equal(compositeRule(["a-1", "b"]), 'ALARM("a-1") OR ALARM("b")');
  });
});

describe("Firehose alarms", () => {
  it("watch the CloudWatch Logs stream's delivery and freshness too, under names of their own", () => {
    const specs = planAlarms(fixtureModel({ cloudWatchLogsStreamName: "apigateway-usage-cwlogs" }));
    const delivery = alarm(specs, "firehose-cwlogs-delivery");
    const freshness = alarm(specs, "firehose-cwlogs-freshness");
    assert.deepEqual([delivery.alarmName, freshness.alarmName], ["usage-firehose-cwlogs-delivery-failures", "usage-firehose-cwlogs-freshness"]);
    assert.deepEqual(delivery.queries.map((q) => q.metric?.dimensions), [{ DeliveryStreamName: "apigateway-usage-cwlogs" }]);
    assert.equal(freshness.threshold, alarm(specs, "firehose-freshness").threshold);
  });

  it("have none for a CloudWatch Logs stream the pipeline does not have", () => {
    assert.equal(planAlarms(fixtureModel()).some((a) => a.key.startsWith("firehose-cwlogs")), false);
  });
});
