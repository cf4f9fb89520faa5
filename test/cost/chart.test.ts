import { strict as assert } from "node:assert";
import { chartVolumes, costChartSvg, decades, xOf } from "../../ops/cost/chart";

const series = [
  { name: "this design", color: "#1f77b4", points: chartVolumes().map((requests) => ({ requests, usd: 100 + requests / 1e6 })) },
  { name: "AWS <sample>", color: "#d62728", points: chartVolumes().map((requests) => ({ requests, usd: 800 + requests / 2e5 })) },
];

describe("the cost chart", () => {
  it("spaces 10^6 to 10^9 requests evenly: the x axis is logarithmic", () => {
    const [a, b, c, d] = decades().map(xOf);
    assert.deepEqual(decades(), [1e6, 1e7, 1e8, 1e9]);
    assert.ok(Math.abs(b - a - (c - b)) < 1e-9 && Math.abs(d - c - (c - b)) < 1e-9);
    assert.ok(xOf(10 ** 6.5) - a > 0 && Math.abs(xOf(10 ** 6.5) - (a + b) / 2) < 1e-9);
  });

  it("draws one line per design through every priced volume, names escaped", () => {
    const svg = costChartSvg(series, "Cost");
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const lines = [...svg.matchAll(/<polyline data-series="([^"]+)" points="([^"]+)"/g)];
    assert.deepEqual(lines.map((m) => m[1]), ["this design", "AWS &lt;sample&gt;"]);
    for (const m of lines) assert.equal(m[2].split(" ").length, chartVolumes().length);
    assert.ok(!svg.includes("<sample>"));
  });

  it("labels every decade on the x axis", () => {
    const svg = costChartSvg(series, "Cost");
    for (const e of [6, 7, 8, 9]) assert.match(svg, new RegExp(`>10\\^${e}</text>`));
  });
});
