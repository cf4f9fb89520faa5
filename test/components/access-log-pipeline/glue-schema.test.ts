import assert from "node:assert/strict";
import {
  checkProjectionStartDate,
  glueName,
  partitionKeys,
  partitionProjectionParameters,
  storageFormat,
  storageLocationTemplate,
  tableColumns,
} from "../../../components/access-log-pipeline/glue-schema";
import { ACCESS_LOG_COLUMNS, PARTITION_KEYS } from "../../../contracts/data-lake";

describe("glue-schema", () => {
  it("gives the table exactly the enricher's columns, in order, with their types and comments", () => {
    assert.deepEqual(
      tableColumns(),
      ACCESS_LOG_COLUMNS.map((c) => ({ name: c.name, type: c.type, comment: c.comment })),
    );
  });

  it("has no column name Athena would need quoting for (no dots, no upper case)", () => {
    for (const column of tableColumns()) assert.match(column.name, /^[a-z][a-z0-9_]*$/, column.name);
  });

  it("partitions by dt only unless hourly partitions are asked for", () => {
    assert.deepEqual(partitionKeys(false), [{ name: "dt", type: "string", comment: PARTITION_KEYS[0].comment }]);
    assert.deepEqual(partitionKeys(true).map((k) => k.name), ["dt", "hour"]);
  });

  it("projects daily partitions from the start date until now, at the path Firehose writes", () => {
    assert.deepEqual(partitionProjectionParameters("lake", false, "2024-01-01"), {
      "projection.enabled": "true",
      "projection.dt.type": "date",
      "projection.dt.format": "yyyy-MM-dd",
      "projection.dt.range": "2024-01-01,NOW",
      "projection.dt.interval": "1",
      "projection.dt.interval.unit": "DAYS",
      "storage.location.template": "s3://lake/data/dt=${dt}/",
    });
  });

  it("projects a two-digit hour 00-23 below the day with hourly partitions", () => {
    const p = partitionProjectionParameters("lake", true, "2025-06-30");
    assert.equal(p["projection.hour.type"], "integer");
    assert.equal(p["projection.hour.range"], "0,23");
    assert.equal(p["projection.hour.digits"], "2");
    assert.equal(p["projection.dt.range"], "2025-06-30,NOW");
    assert.equal(storageLocationTemplate("lake", true), "s3://lake/data/dt=${dt}/hour=${hour}/");
  });

  it("rejects a projection start date that is not a calendar date as yyyy-MM-dd", () => {
    for (const bad of ["2024-1-01", "2024-13-01", "2024-02-30", "01/01/2024", ""]) {
      assert.throws(() => checkProjectionStartDate(bad), /projectionStartDate is .*expected a date as yyyy-MM-dd/, bad);
    }
    assert.doesNotThrow(() => checkProjectionStartDate("2024-02-29"));
  });

  it("reads Parquet with the Parquet SerDe and records SNAPPY compression", () => {
    const f = storageFormat("parquet");
    assert.equal(f.serializationLibrary, "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
    assert.equal(f.inputFormat, "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
    assert.equal(f.outputFormat, "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
    assert.deepEqual(f.tableParameters, { classification: "parquet", "parquet.compression": "SNAPPY" });
  });

  it("reads GZIP JSON with the Hive JSON SerDe and the timestamp format the enricher writes", () => {
    const f = storageFormat("json");
    assert.equal(f.serializationLibrary, "org.apache.hive.hcatalog.data.JsonSerDe");
    assert.equal(f.inputFormat, "org.apache.hadoop.mapred.TextInputFormat");
    assert.deepEqual(f.serDeParameters, { "timestamp.formats": "yyyy-MM-dd HH:mm:ss.SSS" });
    assert.deepEqual(f.tableParameters, { classification: "json", compressionType: "gzip" });
  });

  it("derives Glue names of lower-case letters, digits and underscores", () => {
    assert.equal(glueName("Access-Logs_dev"), "access_logs_dev");
    assert.equal(glueName("--a.b--"), "a_b");
    assert.throws(() => glueName("--"), /cannot derive a Glue name from "--"/);
  });
});
