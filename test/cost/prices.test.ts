import { strict as assert } from "node:assert";
import { PRICES, PRICE_IDS, priceOf } from "../../ops/cost/prices";

describe("the price table", () => {
  it("gives every line a Region, a unit, the date it was read and the https page it came from", () => {
    for (const p of PRICES) {
      const where = `${p.id} ${p.region}`;
      assert.ok(["us-east-1", "eu-west-1"].includes(p.region), where);
      assert.ok(p.unit.length > 2, `${where}: unit`);
      assert.match(p.readOn, /^\d{4}-\d{2}-\d{2}$/, `${where}: readOn`);
      assert.ok(!Number.isNaN(Date.parse(p.readOn)), `${where}: readOn is a date`);
      assert.match(p.source, /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//, `${where}: source`);
    }
  });

  it("says so on every line whose figure could not be read, and carries the figure it uses instead", () => {
    const unread = PRICES.filter((p) => p.usd === null);
    assert.ok(unread.length > 0);
    for (const p of unread) {
      assert.match(p.note ?? "", /could not be read|no page read here|no figure/, `${p.id} ${p.region}`);
      assert.ok(typeof p.unverifiedUsd === "number" && p.unverifiedUsd > 0, `${p.id} ${p.region}: unverifiedUsd`);
    }
    for (const p of PRICES.filter((x) => x.usd !== null)) assert.equal(p.unverifiedUsd, undefined, `${p.id} ${p.region} has a read figure and an unverified one`);
  });

  it("has exactly one line per price and Region", () => {
    for (const id of PRICE_IDS) {
      for (const region of ["us-east-1", "eu-west-1"] as const) assert.equal(PRICES.filter((p) => p.id === id && p.region === region).length, 1, `${id} ${region}`);
    }
  });

  it("marks a price used without a read figure as unverified", () => {
    assert.equal(priceOf("firehose.ingestion", "us-east-1").verified, false);
    assert.equal(priceOf("athena.scan", "us-east-1").verified, true);
    assert.equal(priceOf("athena.scan", "us-east-1").usd, 5);
  });

  it("names the price and Region it cannot find", () => {
    assert.throws(() => priceOf("athena.scan", "us-east-1", []), /the price table has no athena\.scan for us-east-1/);
  });
});
