/** The dashboard picture synth writes next to dashboard.json: the grid drawn from the body alone. */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { COLUMN_PX, renderDashboardPicture, ROW_PX } from "../../../synth/dashboard-picture";

const BODY = path.join(__dirname, "../../fixtures/dashboard/body.golden.json");
const GOLDEN = path.join(__dirname, "../../fixtures/dashboard/picture.golden.svg");
const body = () => JSON.parse(readFileSync(BODY, "utf8")) as { widgets: Array<{ x: number; y: number; width: number; height: number }> };

describe("renderDashboardPicture", () => {
  it("matches the golden picture of the golden body exactly (UPDATE_GOLDEN=1 rewrites it)", () => {
    const actual = renderDashboardPicture(body());
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(GOLDEN, actual);
    assert.ok(existsSync(GOLDEN), `${GOLDEN} is missing; run with UPDATE_GOLDEN=1 to write it`);
    assert.equal(actual, readFileSync(GOLDEN, "utf8"));
  });

  it("draws one box per widget where the grid puts it, at its size", () => {
    const svg = renderDashboardPicture(body());
    const boxes = [...svg.matchAll(/<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)" rx/g)].map((m) => m.slice(1).map(Number));
    assert.deepEqual(boxes, body().widgets.map((w) => [w.x * COLUMN_PX + 1, w.y * ROW_PX + 1, w.width * COLUMN_PX - 2, w.height * ROW_PX - 2]));
  });

  it("labels each widget with its title, type and size", () => {
    const svg = renderDashboardPicture({ widgets: [{ type: "metric", x: 0, y: 0, width: 12, height: 6, properties: { title: "orders: requests", view: "timeSeries" } }] });
    assert.ok(svg.includes(">orders: requests</text>") && svg.includes(">metric, timeSeries · 12×6</text>"), svg);
  });

  it("escapes titles and cuts one too long for its box", () => {
    const svg = renderDashboardPicture({ widgets: [{ type: "custom", x: 0, y: 0, width: 2, height: 4, properties: { title: "<b>a & b</b> and a long tail" } }] });
    assert.ok(svg.includes(">&lt;b&gt;a &amp; b&lt;/b…</text>"), svg);
  });

  it("refuses something that is not a dashboard body, naming what it found", () => {
    assert.throws(() => renderDashboardPicture({ widgets: [{ type: "metric" }] }), /widgets\[0\] must be \{type, x, y, width, height, properties\}, got \{"type":"metric"\}/);
  });
});
