import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { CONTRACT_VERSION, logGroupStageAccessLogSettings, restStageAccessLogSettings } from "../../../components/app";
import { synthesize } from "../../../synth/engine";

const STACK = "acme/api-usage-insights/dev";
const outputs = {
  restAccessLogDestinationArn: "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-access-logs",
  restAccessLogFormat: '{"requestId":"$context.requestId"}',
  httpAccessLogGroupArns: { catalog: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/catalog/$default" },
  httpAccessLogFormat: '{"requestId":"$context.requestId","routeKey":"$context.routeKey"}',
  webSocketAccessLogFormat: '{"requestId":"$context.requestId","eventType":"$context.eventType"}',
};

/** The value of an output built inside a program whose StackReferences resolve to `refs`. */
async function resolve<T>(build: () => pulumi.Output<T>, refs: Record<string, Record<string, unknown>> = { [STACK]: outputs }): Promise<T> {
  const result = await synthesize(() => ({ value: build() }), {
    project: "app",
    stack: "test",
    config: { "aws:region": "us-east-1" },
    stackReferences: refs,
  });
  return result.outputs.value as T;
}

describe("access-log settings from a StackReference", () => {
  it("gives a REST stage the insights stack's Firehose and REST format", async () => {
    const settings = await resolve(() => {
      const s = restStageAccessLogSettings(new pulumi.StackReference(STACK));
      return pulumi.all([s.destinationArn, s.format]);
    });
    assert.deepEqual(settings, [outputs.restAccessLogDestinationArn, outputs.restAccessLogFormat]);
  });

  it("gives an HTTP stage its own log group and the HTTP format", async () => {
    const settings = await resolve(() => {
      const s = logGroupStageAccessLogSettings(new pulumi.StackReference(STACK), "catalog");
      return pulumi.all([s.destinationArn, s.format]);
    });
    assert.deepEqual(settings, [outputs.httpAccessLogGroupArns.catalog, outputs.httpAccessLogFormat]);
  });

  it("gives a WebSocket stage the WebSocket format", async () => {
    const format = await resolve(() => logGroupStageAccessLogSettings(new pulumi.StackReference(STACK), "catalog", "WEBSOCKET").format);
    assert.equal(format, outputs.webSocketAccessLogFormat);
  });

  it("names the stack and the known APIs when asked for an API it does not watch", async () => {
    await assert.rejects(
      resolve(() => logGroupStageAccessLogSettings(new pulumi.StackReference(STACK), "orders").destinationArn),
      /stack acme\/api-usage-insights\/dev has no access-log group for API "orders"; it has: catalog/,
    );
  });

  it("reads a stack of another minor version of the same contract", async () => {
    const arn = await resolve(() => restStageAccessLogSettings(new pulumi.StackReference(STACK)).destinationArn, { [STACK]: { ...outputs, contractVersion: "1.9.3" } });
    assert.equal(arn, outputs.restAccessLogDestinationArn);
  });

  it("refuses a stack of another major contract version, naming both versions", async () => {
    await assert.rejects(
      resolve(() => restStageAccessLogSettings(new pulumi.StackReference(STACK)).destinationArn, { [STACK]: { ...outputs, contractVersion: "2.0.0" } }),
      new RegExp(`^Error: stack acme/api-usage-insights/dev publishes output contract 2\\.0\\.0, but this api-usage-insights package reads contract 1\\.x \\(${CONTRACT_VERSION.replace(/\./g, "\\.")}\\)`),
    );
  });

  it("refuses an HTTP stage's settings from a stack of another major contract version too", async () => {
    await assert.rejects(
      resolve(() => logGroupStageAccessLogSettings(new pulumi.StackReference(STACK), "catalog").destinationArn, { [STACK]: { ...outputs, contractVersion: "0.9.0" } }),
      /publishes output contract 0\.9\.0, but this api-usage-insights package reads contract 1\.x/,
    );
  });

  it("refuses a contract version that is not a semantic version, naming the value", async () => {
    await assert.rejects(
      resolve(() => restStageAccessLogSettings(new pulumi.StackReference(STACK)).format, { [STACK]: { ...outputs, contractVersion: "v1" } }),
      /stack acme\/api-usage-insights\/dev publishes contractVersion "v1"; expected a semantic version such as 1\.\d+\.\d+/,
    );
  });

  it("names the missing output when the stack has no Firehose destination", async () => {
    await assert.rejects(
      resolve(() => restStageAccessLogSettings(new pulumi.StackReference(STACK)).destinationArn, { [STACK]: { httpAccessLogGroupArns: {} } }),
      /stack acme\/api-usage-insights\/dev has no output restAccessLogDestinationArn; deploy it with at least one REST API delivered through Firehose/,
    );
  });
});
