import assert from "node:assert/strict";
import { renderDashboardPng } from "../../synth/dashboard-png";

const picture = (label: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100"><rect width="300" height="100" fill="#fff"/><text x="10" y="50">${label}</text></svg>`;

describe("the dashboard picture as PNG", () => {
  it("draws an SVG it has just drawn once, handing back the same bytes", () => {
    const first = renderDashboardPng(picture("once"));
    assert.equal(first.subarray(1, 4).toString("latin1"), "PNG");
    assert.equal(first.readUInt32BE(16), 1200);
    assert.equal(renderDashboardPng(picture("once")), first);
    assert.notDeepEqual(renderDashboardPng(picture("another")), first);
  });

  it("keeps the eight latest pictures: the ninth new one makes it draw the oldest again, to the same bytes", () => {
    const oldest = renderDashboardPng(picture("oldest"));
    for (let i = 0; i < 8; i++) renderDashboardPng(picture(`newer ${i}`));
    const again = renderDashboardPng(picture("oldest"));
    assert.notEqual(again, oldest);
    assert.deepEqual(again, oldest);
  });
});
