/** The Athena backend narrowed to one API stage of the data lake, for the overview's per-API row. */
import assert from "node:assert/strict";
import { buildAthenaQuery } from "../../../functions/distinct-users-widget/count-athena";
import { parseWidgetParams } from "../../../functions/distinct-users-widget/params";

const defaults = { workgroup: "api-usage", database: "api_usage", table: "access_logs" };
const range = { startMs: Date.UTC(2026, 10, 1), endMs: Date.UTC(2026, 10, 2) - 1, zoomed: false };

describe("distinct-users widget, Athena, one API stage", () => {
  it("filters on api_id and stage with execution parameters, after the day range", () => {
    const params = parseWidgetParams({ backend: "athena", apiId: "a1b2c3d4e5", stage: "$default" }, defaults);
    if (params.backend !== "athena") throw new Error("expected the Athena backend");
    const { sql, parameters } = buildAthenaQuery(params, range);
    assert.match(sql, /\nAND "api_id" = \?\nAND "stage" = \?$/);
    assert.deepEqual(parameters.slice(-2), ["'a1b2c3d4e5'", "'$default'"]);
  });

  it("refuses an API id that is not one, naming the param", () => {
    assert.throws(() => parseWidgetParams({ backend: "athena", apiId: "orders'--" }, defaults), /apiId/);
  });
});
