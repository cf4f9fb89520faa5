import assert from "node:assert/strict";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { SQSClient } from "@aws-sdk/client-sqs";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { BACKFILL_USAGE, backfillRecentCalls, main, PAGE_INTERVAL_MS, parseBackfillArgs } from "../../../functions/api-call-counter/backfill";
import { readConfig } from "../../../functions/api-call-counter/config";
import { datumsWithDimensions, publishedDatums, useMockedClients } from "./harness";
import { BASE_ENV, FIXTURE_NOW, RECORDS, recordingLog } from "./payload";


/** A LookupEvents event as CloudTrail returns it: summary fields plus the record as a string. */
function lookupEvent(record: Record<string, unknown>) {
  return {
    EventId: String(record.eventID),
    EventName: String(record.eventName),
    EventSource: String(record.eventSource),
    EventTime: new Date(String(record.eventTime)),
    CloudTrailEvent: JSON.stringify(record),
  };
}

function backfillDeps() {
  const sleeps: number[] = [];
  const log = recordingLog();
  return {
    sleeps,
    log,
    deps: {
      config: readConfig(BASE_ENV),
      cloudTrail: new CloudTrailClient({}),
      cloudWatch: new CloudWatchClient({}),
      sqs: new SQSClient({}),
      log,
      sleep: async (ms: number) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      now: () => FIXTURE_NOW,
    },
  };
}

describe("api-call-counter backfill", () => {
  let cloudTrailMock: AwsClientStub<CloudTrailClient>;
  useMockedClients();
  before(() => {
    cloudTrailMock = mockClient(CloudTrailClient);
  });
  after(() => cloudTrailMock.restore());
  beforeEach(() => cloudTrailMock.reset());

  it("pages through LookupEvents for the last N hours, paced, and publishes the same metrics as the handler", async () => {
    cloudTrailMock
      .on(LookupEventsCommand)
      .resolvesOnce({ Events: RECORDS.slice(0, 5).map(lookupEvent), NextToken: "page-2" })
      .resolvesOnce({ Events: RECORDS.slice(5).map(lookupEvent) });
    const { deps, sleeps } = backfillDeps();
    const summary = await backfillRecentCalls({ hours: 6 }, deps);

    const inputs = cloudTrailMock.commandCalls(LookupEventsCommand).map((call) => call.args[0].input);
    assert.deepEqual(
      inputs.map((input) => [input.StartTime?.toISOString(), input.EndTime?.toISOString(), input.NextToken]),
      [
        ["2024-05-14T05:00:00.000Z", "2024-05-14T11:00:00.000Z", undefined],
        ["2024-05-14T05:00:00.000Z", "2024-05-14T11:00:00.000Z", "page-2"],
      ],
    );
    assert.deepEqual(sleeps, [PAGE_INTERVAL_MS]);
    assert.equal(summary.pages, 2);
    assert.equal(summary.counted, 8);
    assert.deepEqual(datumsWithDimensions(publishedDatums(), []), ["10:15 (total) = 3", "10:16 (total) = 3", "10:17 (total) = 2"]);
  });

  it("counts an event without a CloudTrailEvent string as malformed", async () => {
    cloudTrailMock.on(LookupEventsCommand).resolves({ Events: [{ EventId: "x" }, lookupEvent(RECORDS[0])] });
    const summary = await backfillRecentCalls({ hours: 1, untilMs: FIXTURE_NOW }, backfillDeps().deps);
    assert.equal(summary.malformed, 1);
    assert.equal(summary.counted, 1);
  });

  it("refuses a period that starts more than two weeks back or ends in the future", async () => {
    const { deps } = backfillDeps();
    await assert.rejects(backfillRecentCalls({ hours: 14 * 24 }, deps), /is invalid: expected it to end by now and start after/);
    await assert.rejects(backfillRecentCalls({ hours: 1, untilMs: FIXTURE_NOW + 3_600_000 }, deps), /is invalid/);
    assert.equal(cloudTrailMock.commandCalls(LookupEventsCommand).length, 0);
  });

  it("reads --hours and --until from the command line", () => {
    assert.deepEqual(parseBackfillArgs(["--hours", "6"]), { hours: 6 });
    assert.deepEqual(parseBackfillArgs(["--hours", "2", "--until", "2024-05-14T10:00:00Z"]), { hours: 2, untilMs: Date.parse("2024-05-14T10:00:00Z") });
  });

  it("rejects command lines naming the bad flag, value and expectation", () => {
    assert.throws(() => parseBackfillArgs([]), /--hours is missing/);
    assert.throws(() => parseBackfillArgs(["--hours", "400"]), /--hours "400" is invalid: expected whole hours from 1 to 335/);
    assert.throws(() => parseBackfillArgs(["--hours", "1", "--until", "yesterday"]), /--until "yesterday" is invalid: expected a UTC time/);
    assert.throws(() => parseBackfillArgs(["--days", "1"]), /Unknown option '--days'/);
  });

  describe("command line", () => {
    function capture() {
      const out: string[] = [];
      const err: string[] = [];
      return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out: () => out.join("\n"), err: () => err.join("\n") };
    }
    const noBackfill = () => assert.fail("the backfill should not start");

    it("prints its usage and exits 0 for --help and -h without starting", async () => {
      for (const flag of ["--help", "-h"]) {
        const c = capture();
        assert.equal(await main([flag], c.io, noBackfill), 0);
        assert.equal(c.out(), BACKFILL_USAGE);
      }
    });

    it("exits 2 for an unknown flag, naming it and printing the usage", async () => {
      const c = capture();
      assert.equal(await main(["--hours", "6", "--days", "1"], c.io, noBackfill), 2);
      assert.match(c.err(), /^Unknown option '--days'\n/);
      assert.ok(c.err().endsWith(BACKFILL_USAGE), c.err());
    });

    it("exits 2 for --hours or --until without a value, naming the flag", async () => {
      for (const [argv, flag] of [[["--hours"], "--hours"], [["--hours", "6", "--until"], "--until"]] as const) {
        const c = capture();
        assert.equal(await main(argv, c.io, noBackfill), 2);
        assert.match(c.err(), new RegExp(`'${flag} <value>' argument missing`));
        assert.ok(c.err().endsWith(BACKFILL_USAGE), c.err());
      }
    });

    it("exits 2 for a value out of range, naming the flag, the value and the expectation", async () => {
      const c = capture();
      assert.equal(await main(["--hours", "400"], c.io, noBackfill), 2);
      assert.match(c.err(), /^--hours "400" is invalid: expected whole hours from 1 to 335/);
    });

    it("runs the backfill and exits 0 when nothing was lost, 1 when it fails", async () => {
      cloudTrailMock.on(LookupEventsCommand).resolves({ Events: RECORDS.map(lookupEvent) });
      const ok = capture();
      assert.equal(await main(["--hours", "1"], ok.io, () => backfillDeps().deps), 0);
      cloudTrailMock.on(LookupEventsCommand).rejects(new Error("Rate exceeded"));
      const failing = capture();
      assert.equal(await main(["--hours", "1"], failing.io, () => backfillDeps().deps), 1);
      assert.equal(failing.err(), "Rate exceeded");
    });
  });
});
