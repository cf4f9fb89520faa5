import assert from "node:assert/strict";
import { applyIpAddressMode, truncateIp } from "../../../functions/access-log-enricher/ip";

describe("source IP handling", () => {
  it("keeps, truncates or drops as configured", () => {
    assert.equal(applyIpAddressMode("203.0.113.77", "keep"), "203.0.113.77");
    assert.equal(applyIpAddressMode("203.0.113.77", "truncate"), "203.0.113.0");
    assert.equal(applyIpAddressMode("203.0.113.77", "drop"), null);
    assert.equal(applyIpAddressMode(null, "keep"), null);
  });

  it("truncates IPv6 to its /48 whatever the notation", () => {
    assert.equal(truncateIp("2001:db8:85a3::8a2e:370:7334"), "2001:db8:85a3::");
    assert.equal(truncateIp("2001:0db8:85a3:0000:0000:8a2e:0370:7334"), "2001:db8:85a3::");
    assert.equal(truncateIp("2001:db8::1"), "2001:db8:0::");
    assert.equal(truncateIp("fe80::1%eth0"), "fe80:0:0::");
    assert.equal(truncateIp("1:2:3:4:5:6:192.0.2.1"), "1:2:3::");
  });

  it("drops what is not an IP address instead of keeping it untruncated", () => {
    for (const value of ["256.1.1.1", "1.2.3", "gg::1", "1::2::3", "1:2:3:4:5:6:7:8:9", "unknown", "::ffff:999.0.0.1"]) {
      assert.equal(truncateIp(value), null, value);
    }
  });
});
