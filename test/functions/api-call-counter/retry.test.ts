import assert from "node:assert/strict";
import { backoffDelayMs, isRetryable } from "../../../functions/api-call-counter/retry";
import { invalidParameter, serverError, throttling } from "./harness";

describe("api-call-counter retry policy", () => {
  it("retries throttling, 5xx, 429 and requests that got no answer", () => {
    assert.equal(isRetryable(throttling()), true);
    assert.equal(isRetryable(serverError()), true);
    assert.equal(isRetryable({ name: "Whatever", $metadata: { httpStatusCode: 429 } }), true);
    assert.equal(isRetryable(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })), true);
    assert.equal(isRetryable(Object.assign(new Error("timed out"), { name: "TimeoutError" })), true);
  });

  it("does not retry a request CloudWatch refused as invalid or unauthorized", () => {
    assert.equal(isRetryable(invalidParameter()), false);
    assert.equal(isRetryable({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } }), false);
    assert.equal(isRetryable("a string"), false);
    assert.equal(isRetryable(undefined), false);
  });

  it("waits a random part of an exponentially growing, capped ceiling", () => {
    const settings = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    const ceilings = [1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(attempt, settings, () => 0.999999));
    assert.deepEqual(ceilings, [99, 199, 399, 799, 999, 999]);
    assert.equal(backoffDelayMs(3, settings, () => 0), 0);
  });
});
