/** Runs the counter against mocked CloudWatch and SQS with a recording logger and instant sleep. */
import { CloudWatchClient, MetricDatum, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { createHandler } from "../../../functions/api-call-counter";
import { BASE_ENV, FIXTURE_NOW, recordingLog } from "./payload";

export let cloudWatchMock: AwsClientStub<CloudWatchClient>;
export let sqsMock: AwsClientStub<SQSClient>;

/**
 * Mocks CloudWatch and SQS for the enclosing describe block only (installed in `before`, restored
 * in `after`), so other test files can mock the same clients; every test starts from resolving mocks.
 */
export function useMockedClients(): void {
  before(() => {
    cloudWatchMock = mockClient(CloudWatchClient);
    sqsMock = mockClient(SQSClient);
  });
  after(() => {
    cloudWatchMock.restore();
    sqsMock.restore();
  });
  beforeEach(resetMocks);
}

export function resetMocks(): void {
  cloudWatchMock.reset();
  sqsMock.reset();
  cloudWatchMock.on(PutMetricDataCommand).resolves({});
  sqsMock.on(SendMessageCommand).resolves({ MessageId: "00000000-0000-4000-8000-000000000000" });
}

export function counterWith(env: Record<string, string> = {}) {
  const log = recordingLog();
  const sleeps: number[] = [];
  const handler = createHandler({
    env: { ...BASE_ENV, ...env },
    log: () => log,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => FIXTURE_NOW,
  });
  return { handler, log, sleeps };
}

/** Every PutMetricData request sent, in order, as its input. */
export function putMetricDataInputs(): { Namespace?: string; MetricData?: MetricDatum[] }[] {
  return cloudWatchMock.commandCalls(PutMetricDataCommand).map((call) => call.args[0].input);
}

export function publishedDatums(): MetricDatum[] {
  return putMetricDataInputs().flatMap((input) => input.MetricData ?? []);
}

export function deadLetterBodies(): string[] {
  return sqsMock.commandCalls(SendMessageCommand).map((call) => call.args[0].input.MessageBody ?? "");
}

/** "10:15 Region=us-east-1 = 2": one datum as a line that reads well in a failed assertion. */
export function describeDatum(datum: MetricDatum): string {
  const time = datum.Timestamp instanceof Date ? datum.Timestamp.toISOString().slice(11, 16) : "??:??";
  const dimensions = (datum.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).join(" ");
  return `${time} ${dimensions === "" ? "(total)" : dimensions} = ${datum.Value}`.replace("  ", " ");
}

export function datumsWithDimensions(datums: readonly MetricDatum[], names: readonly string[]): string[] {
  return datums
    .filter((datum) => (datum.Dimensions ?? []).map((d) => d.Name).join(",") === names.join(","))
    .map(describeDatum)
    .sort();
}

export function throttling(): Error {
  return Object.assign(new Error("Rate exceeded"), { name: "Throttling", $fault: "client", $metadata: { httpStatusCode: 400 } });
}

export function invalidParameter(): Error {
  return Object.assign(new Error("The value for parameter MetricData.member.1.Timestamp is invalid."), {
    name: "InvalidParameterValue",
    $fault: "client",
    $metadata: { httpStatusCode: 400 },
  });
}

export function serverError(): Error {
  return Object.assign(new Error("Internal failure"), { name: "InternalServiceFault", $fault: "server", $metadata: { httpStatusCode: 500 } });
}
