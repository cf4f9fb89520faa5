import assert from "node:assert/strict";
import { ACCESS_LOG_COLUMNS, readWrittenRow } from "../../contracts/data-lake";

describe("the data lake's written rows", () => {
  it("read every column left out of a written line as null, in the schema's order", () => {
    const row = readWrittenRow({ request_id: "r-1", status: 200 });
    assert.deepEqual(Object.keys(row), ACCESS_LOG_COLUMNS.map((c) => c.name));
    assert.equal(row.request_id, "r-1");
    assert.equal(row.status, 200);
    assert.equal(row.api_key_name, null);
  });

  it("drop a key of a written line that is not a column, as the Hive JSON readers skip it", () => {
    const row = readWrittenRow({ request_id: "r-1", not_a_column: "x" });
    assert.equal("not_a_column" in row, false);
  });
});
