import assert from "node:assert/strict";
import { ConfigError, SETTINGS, deliveryOf, readStackConfig } from "../../../config";

const base = { "aws:region": "us-east-1" };
const read = (extra: Record<string, unknown>) => readStackConfig({ ...base, ...extra }, "test");
const problemsOf = (extra: Record<string, unknown>): string[] => {
  try {
    read(extra);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  assert.fail("expected a ConfigError");
};
const restApi = { name: "orders", type: "REST", apiId: "a1b2c3d4e5", stage: "prod" };

describe("stack config", () => {
  it("gives every setting its default when the stack sets nothing", () => {
    const config = read({ "api-usage-insights:dashboardEnabled": "false" });
    for (const [key, setting] of Object.entries(SETTINGS)) {
      if (key === "dashboardEnabled") continue;
      assert.deepEqual(config.values[key], setting.emptyMeansUnset ? undefined : setting.default, key);
    }
    assert.equal(config.region, "us-east-1");
  });

  it("decodes values the way Pulumi hands them over, as strings with JSON for lists", () => {
    const config = read({
      "api-usage-insights:logRetentionDays": "90",
      "api-usage-insights:quicksightEnabled": "true",
      "api-usage-insights:apis": JSON.stringify([restApi]),
    });
    assert.equal(config.logRetentionDays, 90);
    assert.equal(config.quicksightEnabled, true);
    assert.deepEqual(config.values.apis, [restApi]);
  });

  it("names the key, the value and the allowed values for a wrong API type", () => {
    assert.deepEqual(problemsOf({ "api-usage-insights:apis": JSON.stringify([restApi, { ...restApi, name: "b", apiId: "zzzzzzzzzz", type: "GRPC" }]) }), [
      'api-usage-insights:apis[1].type must be one of REST, HTTP, WEBSOCKET, got "GRPC"',
    ]);
  });

  it("rejects an unknown setting and suggests the nearest known one", () => {
    assert.deepEqual(problemsOf({ "api-usage-insights:logRetentionDay": "30" }), [
      "api-usage-insights:logRetentionDay is not a known setting (did you mean api-usage-insights:logRetentionDays?)",
    ]);
  });

  it("rejects a key in a namespace nobody reads", () => {
    assert.match(problemsOf({ "api-usage-insight:apis": "[]" })[0], /^api-usage-insight:apis is not in a known namespace/);
  });

  it("requires aws:region", () => {
    assert.deepEqual(
      (() => {
        try {
          readStackConfig({}, "test");
        } catch (e) {
          return (e as ConfigError).problems;
        }
        return [];
      })(),
      ['aws:region is required (the AWS region to deploy into, e.g. "us-east-1")'],
    );
  });

  it("rejects a region that is not a region name", () => {
    assert.deepEqual(
      (() => {
        try {
          readStackConfig({ "aws:region": "virginia" }, "t");
        } catch (e) {
          return (e as ConfigError).problems;
        }
        return [];
      })(),
      ['aws:region must be an AWS region name like "us-east-1", got "virginia"'],
    );
  });

  it("rejects a retention CloudWatch Logs would refuse", () => {
    assert.match(problemsOf({ "api-usage-insights:logRetentionDays": "31" })[0], /^api-usage-insights:logRetentionDays must be one of 7, 14, 30, .* got 31$/);
  });

  it("rejects a non-integer where an integer is expected", () => {
    assert.match(problemsOf({ "api-usage-insights:dataLakeExpirationDays": "soon" })[0], /dataLakeExpirationDays must be an integer from 0 to 36500, got "soon"/);
  });

  it("rejects a boolean written as something else", () => {
    assert.deepEqual(problemsOf({ "api-usage-insights:quicksightEnabled": "yes" }), ['api-usage-insights:quicksightEnabled must be true or false, got "yes"']);
  });

  it("explains why nodejs20.x is refused", () => {
    assert.deepEqual(problemsOf({ "api-usage-insights:lambdaRuntime": "nodejs20.x" }), [
      'api-usage-insights:lambdaRuntime must be one of nodejs24.x, nodejs22.x, got "nodejs20.x" (nodejs20.x is past its Lambda deprecation date)',
    ]);
  });

  it("rejects a KMS key that is not a KMS ARN", () => {
    assert.match(problemsOf({ "api-usage-insights:kmsKeyArn": "alias/mine" })[0], /kmsKeyArn must be a kms ARN or "", got "alias\/mine"/);
  });

  it("names a missing required field of an API", () => {
    const { stage: _stage, ...noStage } = restApi;
    assert.deepEqual(problemsOf({ "api-usage-insights:apis": JSON.stringify([noStage]) }), [
      "api-usage-insights:apis[0].stage is required (a stage name (1-128 letters, digits, _ and -; or $default))",
    ]);
  });

  it("names an unknown field of an API", () => {
    assert.match(problemsOf({ "api-usage-insights:apis": JSON.stringify([{ ...restApi, region: "eu-west-1" }]) })[0], /^api-usage-insights:apis\[0\]\.region is not a known field/);
  });

  it("rejects an API id that is not ten lowercase letters or digits", () => {
    assert.match(problemsOf({ "api-usage-insights:apis": JSON.stringify([{ ...restApi, apiId: "ABC" }]) })[0], /apis\[0\]\.apiId must be an API Gateway id/);
  });

  it("rejects two APIs with the same name", () => {
    assert.deepEqual(problemsOf({ "api-usage-insights:apis": JSON.stringify([restApi, { ...restApi, apiId: "b1b2c3d4e5" }]) }), [
      'api-usage-insights:apis[1].name must be a name no other API uses (api-usage-insights:apis[0].name is "orders" too), got "orders"',
    ]);
  });

  it("rejects the same stage watched twice", () => {
    assert.deepEqual(problemsOf({ "api-usage-insights:apis": JSON.stringify([restApi, { ...restApi, name: "again" }]) }), [
      'api-usage-insights:apis[1].stage must be a stage no other entry watches on api-usage-insights:apis[1].apiId "a1b2c3d4e5" (api-usage-insights:apis[0] watches "a1b2c3d4e5/prod" already), got "prod"',
    ]);
  });

  it("refuses Firehose delivery for HTTP and WebSocket APIs", () => {
    assert.deepEqual(problemsOf({ "api-usage-insights:apis": JSON.stringify([{ ...restApi, type: "HTTP", delivery: "firehose" }]) }), [
      'api-usage-insights:apis[0].delivery must be "cloudwatch" while api-usage-insights:apis[0].type is "HTTP" (only REST stages can log to Firehose), got "firehose"',
    ]);
  });

  it("reports every problem at once, not only the first", () => {
    assert.equal(problemsOf({ "api-usage-insights:logRetentionDays": "2", "api-usage-insights:quicksightEnabled": "1", "api-usage-insights:nope": "x" }).length, 3);
  });

  it("delivers REST logs through Firehose and HTTP/WebSocket logs through CloudWatch unless told otherwise", () => {
    assert.equal(deliveryOf({ type: "REST" }), "firehose");
    assert.equal(deliveryOf({ type: "REST", delivery: "cloudwatch" }), "cloudwatch");
    assert.equal(deliveryOf({ type: "HTTP" }), "cloudwatch");
    assert.equal(deliveryOf({ type: "WEBSOCKET" }), "cloudwatch");
  });

  it("requires source accounts or an organization for a monitoring stack", () => {
    assert.deepEqual(problemsOf({ "api-usage-insights:role": "monitoring" }), [
      'api-usage-insights:monitoringSourceAccountIds or api-usage-insights:monitoringOrganizationId must say who may link to the sink while api-usage-insights:role is "monitoring", got [] and unset',
    ]);
  });

  it("refuses a monitoring stack that points at another sink", () => {
    assert.match(
      problemsOf({ "api-usage-insights:role": "monitoring", "api-usage-insights:monitoringSourceAccountIds": '["111111111111"]', "api-usage-insights:monitoringStack": "acme/api-usage-insights/monitoring" })[0],
      /^api-usage-insights:monitoringStack must be unset while api-usage-insights:role is "monitoring" \(it is for source stacks; a monitoring stack owns the sink\), got "acme\/api-usage-insights\/monitoring"$/,
    );
  });

  it("refuses a source stack given both a monitoring stack and a sink ARN", () => {
    assert.match(
      problemsOf({
        "api-usage-insights:monitoringStack": "acme/api-usage-insights/monitoring",
        "api-usage-insights:monitoringSinkArn": "arn:aws:oam:us-east-1:210987654321:sink/abc",
      })[0],
      /^api-usage-insights:monitoringSinkArn must be unset while api-usage-insights:monitoringStack is "acme\/api-usage-insights\/monitoring" \(give one or the other\), got "arn:aws:oam:us-east-1:210987654321:sink\/abc"$/,
    );
  });

  it("rejects an account id that is not 12 digits", () => {
    assert.deepEqual(problemsOf({ "api-usage-insights:role": "monitoring", "api-usage-insights:monitoringSourceAccountIds": '["1234"]' }), [
      'api-usage-insights:monitoringSourceAccountIds[0] must be a 12-digit AWS account id, got "1234"',
    ]);
  });

  it("rejects an unknown API-call dimension", () => {
    assert.match(problemsOf({ "api-usage-insights:apiCallMetricsDimensionSets": '[["Service"]]' })[0], /apiCallMetricsDimensionSets\[0\]\[0\] must be one of EventSource, EventName/);
  });
});

describe("stack config against the components", () => {
  it("refuses a data-lake transition S3 would refuse at config time, naming the config key", () => {
    assert.deepEqual(problemsOf({ "api-usage-insights:dataLakeTransitionDays": "10" }), [
      "api-usage-insights:dataLakeTransitionDays must be 0, or an integer from 30 to 36500 (S3 moves objects to Standard-IA after 30 days at the earliest), got 10",
    ]);
  });

  it("reports a component rule across settings with the config keys, not the component's arg paths", () => {
    assert.deepEqual(problemsOf({ "api-usage-insights:dataLakeTransitionDays": "60", "api-usage-insights:dataLakeExpirationDays": "45", "api-usage-insights:dashboardEnabled": "false" }), [
      "api-usage-insights:dataLakeExpirationDays must be 0 (never) or more than api-usage-insights:dataLakeTransitionDays (60 days), got 45",
    ]);
  });

  it("names both keys and both values when a transition inside its limits meets the default expiration", () => {
    assert.deepEqual(problemsOf({ "api-usage-insights:dataLakeTransitionDays": "36500", "api-usage-insights:dashboardEnabled": "false" }), [
      "api-usage-insights:dataLakeExpirationDays must be 0 (never) or more than api-usage-insights:dataLakeTransitionDays (36500 days), got 400",
    ]);
  });

  it("names both keys and both values for the publish delays and for the distinct-users polls", () => {
    assert.deepEqual(
      problemsOf({ "api-usage-insights:apiCallMetricsPublishBaseDelayMs": "6000", "api-usage-insights:dashboardDistinctUsersPollInitialMs": "5000", "api-usage-insights:dashboardEnabled": "false" }),
      [
        "api-usage-insights:apiCallMetricsPublishMaxDelayMs must be at least api-usage-insights:apiCallMetricsPublishBaseDelayMs (6000 ms), got 5000",
        "api-usage-insights:dashboardDistinctUsersPollMaxMs must be at least api-usage-insights:dashboardDistinctUsersPollInitialMs (5000 ms), got 3000",
      ],
    );
  });

  it("names both lists when an event source is both included and excluded", () => {
    assert.deepEqual(
      problemsOf({
        "api-usage-insights:apiCallMetricsIncludeEventSources": '["s3.amazonaws.com","sqs.amazonaws.com"]',
        "api-usage-insights:apiCallMetricsExcludeEventSources": '["s3.amazonaws.com"]',
        "api-usage-insights:dashboardEnabled": "false",
      }),
      ['api-usage-insights:apiCallMetricsExcludeEventSources must be free of the event sources api-usage-insights:apiCallMetricsIncludeEventSources lists (["s3.amazonaws.com","sqs.amazonaws.com"]), got ["s3.amazonaws.com"]'],
    );
  });

  it("refuses a log retention shorter than the policy pack allows", () => {
    assert.match(problemsOf({ "api-usage-insights:logRetentionDays": "3" })[0], /^api-usage-insights:logRetentionDays must be one of 7, 14,/);
  });

  it("turns an empty string into unset once, for settings where empty means unset", () => {
    const config = read({ "api-usage-insights:kmsKeyArn": "", "api-usage-insights:dashboardEnabled": "false" });
    assert.equal(config.kmsKeyArn, undefined);
  });
});
