/** Quota artefacts exist only where a quota can be exceeded: APIs with usage plans (REST, WebSocket). */
import assert from "node:assert/strict";
import { planAlarms, watchesQuota } from "../../../components/dashboard/alarms";
import { buildDashboardBody } from "../../../components/dashboard/body";
import { planSegments } from "../../../components/dashboard/plan";
import { ARNS, fixtureModel } from "./fixture";

const model = fixtureModel();
const body = () => {
  const alarms = planAlarms(model);
  const segments = planSegments(model, { functions: { distinctUsersArn: ARNS.distinctUsers, periodComparisonArn: ARNS.periodComparison }, alarms, alarmArns: alarms.map((a) => `arn:${a.key}`) });
  return buildDashboardBody(segments, { region: model.region, start: "-PT3H", periodSeconds: 300 });
};

describe("QUOTA_EXCEEDED widgets and alarms", () => {
  it("are planned for the CloudWatch-logged WebSocket API and not for the HTTP API", () => {
    const quota = planAlarms(model).filter((a) => a.key.endsWith("-quota-exceeded")).map((a) => a.key);
    assert.deepEqual(quota, ["chat-quota-exceeded"]);
  });

  it("are never planned for an HTTP API, even one logged to CloudWatch Logs", () => {
    assert.equal(watchesQuota({ type: "HTTP", logGroupName: "/aws/apigateway/billing" }), false);
    assert.equal(watchesQuota({ type: "REST", logGroupName: "/aws/apigateway/orders" }), true);
    assert.equal(watchesQuota({ type: "REST", logGroupName: undefined }), false);
  });

  it("draw no QUOTA_EXCEEDED graph for the HTTP API", () => {
    const titles = body().widgets.map((w) => String(w.properties.title ?? ""));
    assert.deepEqual(titles.filter((t) => t.includes("QUOTA_EXCEEDED")), ["chat: QUOTA_EXCEEDED refusals"]);
  });
});
