/**
 * `npm run replay`: dead-lettered bodies go back to CloudWatch through the real SDK (loopback
 * CloudWatch and SQS), each queue message deleted once published; mistakes on the command line
 * name the flag.
 */
import assert from "node:assert/strict";
import { createHandler, resetClientsForTests } from "../../../functions/api-call-counter";
import { defaultReplayDeps, main, parseReplayArgs } from "../../../functions/api-call-counter/replay";
import { lambdaContext, useLoopbackAws } from "../../faults/support";
import { BASE_ENV, FIXTURE_NOW, QUEUE_URL, RECORDS, recordingLog, recordsEvent } from "./payload";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe("replay of dead-lettered datums", function () {
  this.timeout(20_000);
  const aws = useLoopbackAws();

  /** Runs the counter with PutMetricData failing, so its 24 datums land in the loopback queue. */
  async function deadLetterTheFixtures(): Promise<void> {
    aws().fault({ service: "cloudwatch", operation: "PutMetricData", kind: "500" });
    resetClientsForTests();
    const counter = createHandler({ env: { ...BASE_ENV, PUBLISH_MAX_ATTEMPTS: "1", DEADLINE_MARGIN_MS: "100" }, log: () => recordingLog(), now: () => FIXTURE_NOW });
    const summary = await counter(recordsEvent(RECORDS), lambdaContext(5_000));
    assert.equal(summary.deadLettered, 24);
    aws().clearFaults();
  }

  it("publishes every datum of the dead-letter queue and deletes each message", async () => {
    await deadLetterTheFixtures();
    const { out, io: commandIo } = io();
    const code = await main(["--queue", QUEUE_URL], commandIo);
    assert.equal(code, 0);
    assert.equal(aws().state.cloudwatch.datums.length, 24);
    assert.equal(aws().state.sqs.messages.length, 0);
    assert.match(out[0], /replayed 1 bodies, 24 datums: 24 published, 1 queue messages deleted, 0 failed/);
  });

  it("keeps a message in the queue and exits 1 when CloudWatch refuses its body", async () => {
    await deadLetterTheFixtures();
    aws().fault({ service: "cloudwatch", operation: "PutMetricData", kind: "500" });
    const { err, io: commandIo } = io();
    assert.equal(await main(["--queue", QUEUE_URL], commandIo), 1);
    assert.equal(aws().state.sqs.messages.length, 1);
    assert.match(err[0], /^message .*: .*/);
  });

  it("replays the body of a logged line (what at-most-once leaves) from a file", async () => {
    await deadLetterTheFixtures();
    const body = aws().state.sqs.messages[0].body;
    const logged = JSON.stringify({ level: "ERROR", message: "datums lost", lostDatums: 24, body });
    const { io: commandIo } = io();
    const code = await main(["--file", "lost.log"], commandIo, () => ({ ...defaultReplayDeps(), readFile: () => `${logged}\n` }));
    assert.equal(code, 0);
    assert.equal(aws().state.cloudwatch.datums.length, 24);
  });

  it("publishes nothing with --dry-run", async () => {
    await deadLetterTheFixtures();
    const { out, io: commandIo } = io();
    assert.equal(await main(["--queue", QUEUE_URL, "--dry-run"], commandIo), 0);
    assert.equal(aws().state.cloudwatch.datums.length, 0);
    assert.match(out[0], /would replay 1 bodies, 24 datums: 0 published/);
  });

  it("rejects --queue together with --file, naming both", () => {
    assert.throws(() => parseReplayArgs(["--queue", QUEUE_URL, "--file", "x"]), /--queue and --file exclude each other/);
  });

  it("rejects a --max that is not a whole number, naming the flag and the value", () => {
    assert.throws(() => parseReplayArgs(["--queue", QUEUE_URL, "--max", "ten"]), /--max "ten" is invalid: expected a whole number from 1 to 100000/);
  });

  it("exits 2 with the usage when no source is given", async () => {
    const { err, io: commandIo } = io();
    assert.equal(await main([], commandIo), 2);
    assert.match(err[0], /no source given: pass --queue URL or --file PATH\n\nusage: npm run replay/);
  });
});
