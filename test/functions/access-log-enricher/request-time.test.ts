import assert from "node:assert/strict";
import { epochToMs, formatRequestTime, parseRequestTime } from "../../../functions/access-log-enricher/request-time";

describe("request time", () => {
  it("formats epoch milliseconds as UTC yyyy-MM-dd HH:mm:ss.SSS", () => {
    assert.equal(formatRequestTime(1795250623123), "2026-11-21 08:43:43.123");
    assert.equal(formatRequestTime(0), "1970-01-01 00:00:00.000");
  });

  it("formats correctly when consecutive times jump between days in either direction", () => {
    const times = [Date.UTC(2026, 10, 21, 23, 59, 59, 999), Date.UTC(2026, 10, 22, 0, 0, 0, 7), Date.UTC(2026, 10, 21, 0, 0, 0, 0), Date.UTC(2028, 1, 29, 12, 5, 9, 45)];
    assert.deepEqual(times.map(formatRequestTime), ["2026-11-21 23:59:59.999", "2026-11-22 00:00:00.007", "2026-11-21 00:00:00.000", "2028-02-29 12:05:09.045"]);
    for (const ms of [...times, 1, 86_399_999, 253_402_300_799_999]) {
      assert.equal(formatRequestTime(ms), new Date(ms).toISOString().replace("T", " ").slice(0, 23));
    }
  });

  it("reads a CLF requestTime with its offset", () => {
    assert.equal(parseRequestTime("21/Nov/2026:08:43:43 +0000"), Date.UTC(2026, 10, 21, 8, 43, 43));
    assert.equal(parseRequestTime("22/Nov/2026:01:13:43 +0130"), Date.UTC(2026, 10, 21, 23, 43, 43));
    assert.equal(parseRequestTime("31/Dec/2026:19:00:00 -0500"), Date.UTC(2027, 0, 1, 0, 0, 0));
  });

  it("reads an ISO 8601 time with an offset", () => {
    assert.equal(parseRequestTime("2026-11-21T08:43:43.5+01:00"), Date.UTC(2026, 10, 21, 7, 43, 43, 500));
  });

  it("refuses impossible or unknown times", () => {
    for (const text of ["31/Feb/2026:08:43:43 +0000", "21/Foo/2026:08:43:43 +0000", "21/Nov/2026:24:00:00 +0000", "yesterday", "2026-11-21 08:43:43"]) {
      assert.equal(parseRequestTime(text), undefined, text);
    }
  });

  it("takes small epochs as seconds and refuses ones beyond year 9999", () => {
    assert.equal(epochToMs(1795250623), 1795250623000);
    assert.equal(epochToMs(1795250623123), 1795250623123);
    assert.equal(epochToMs(253402300800000), undefined);
    assert.equal(epochToMs(-5), undefined);
  });
});
