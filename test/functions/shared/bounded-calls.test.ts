import assert from "node:assert/strict";
import { boundedClientConfig, callBefore, Deadline, DeadlineExceededError } from "../../../functions/shared/bounded-calls";

describe("bounded calls", () => {
  it("rejects a call still running at the deadline with DeadlineExceededError and aborts its signal", async () => {
    let signal: AbortSignal | undefined;
    const started = Date.now();
    await assert.rejects(
      callBefore(new Deadline(Date.now() + 50), "GetThing", (s) => {
        signal = s;
        return new Promise(() => undefined);
      }),
      (error: unknown) => error instanceof DeadlineExceededError && /GetThing did not finish before the deadline/.test(error.message),
    );
    assert.ok(Date.now() - started < 500);
    assert.equal(signal?.aborted, true);
  });

  it("does not start a call once the deadline has passed", async () => {
    let started = false;
    await assert.rejects(
      callBefore(new Deadline(Date.now() - 1), "GetThing", async () => {
        started = true;
      }),
      /GetThing not attempted: the deadline had passed/,
    );
    assert.equal(started, false);
  });

  it("passes a call's own answer and error through before the deadline", async () => {
    assert.equal(await callBefore(new Deadline(Date.now() + 1_000), "GetThing", async () => 42), 42);
    await assert.rejects(callBefore(new Deadline(Date.now() + 1_000), "GetThing", async () => Promise.reject(new Error("AccessDenied"))), /AccessDenied/);
  });

  it("derives the deadline from the Lambda's remaining time minus the margin", () => {
    const deadline = Deadline.fromContext({ getRemainingTimeInMillis: () => 10_000 }, 3_000, Number.POSITIVE_INFINITY, () => 1_000);
    assert.equal(deadline.atMs, 8_000);
    assert.equal(Deadline.fromContext({ getRemainingTimeInMillis: () => 10_000 }, 3_000, 2_000, () => 1_000).atMs, 3_000);
  });

  it("gives SDK clients the standard retry mode and the budget's attempts, or the caller's", () => {
    const config = boundedClientConfig({ connectTimeoutMs: 111, requestTimeoutMs: 222, callMaxAttempts: 4 });
    assert.equal(config.retryMode, "standard");
    assert.equal(config.maxAttempts, 4);
    assert.equal(boundedClientConfig({ connectTimeoutMs: 111, requestTimeoutMs: 222, callMaxAttempts: 4 }, 1).maxAttempts, 1);
    // The timeouts themselves are proved through the real SDK in test/faults/ (a slow answer becomes a TimeoutError).
  });
});
