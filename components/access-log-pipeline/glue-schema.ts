/**
 * The Glue table as plain data, built from the enricher's schema (functions/access-log-enricher/
 * schema.ts) so that the table, the Parquet conversion and what the enricher writes cannot drift.
 */
import { ACCESS_LOG_COLUMNS, PARTITION_KEYS } from "../../contracts/data-lake";
import type { DataFormat } from "./defaults";

export interface GlueColumn {
  name: string;
  type: string;
  comment: string;
}

/** How the enricher writes `request_time`, as a Joda-Time pattern (Firehose and Hive JSON SerDe). */
export const REQUEST_TIME_FORMAT = "yyyy-MM-dd HH:mm:ss.SSS";

/** Where Firehose writes and the table reads, below the bucket. */
export const DATA_PREFIX = "data/";

/** The table's columns in the enricher's output order, with their Hive types and comments. */
export function tableColumns(): GlueColumn[] {
  return ACCESS_LOG_COLUMNS.map((c) => ({ name: c.name, type: c.type, comment: c.comment }));
}

/** `dt`, then `hour` when hourly partitions are on. */
export function partitionKeys(hourly: boolean): GlueColumn[] {
  return PARTITION_KEYS.filter((k) => hourly || k.name !== "hour").map((k) => ({ name: k.name, type: k.type, comment: k.comment }));
}

/** The S3 path of one partition, with `${dt}` (and `${hour}`) left for Athena to fill in. */
export function storageLocationTemplate(bucketName: string, hourly: boolean): string {
  return `s3://${bucketName}/${DATA_PREFIX}dt=\${dt}/${hourly ? "hour=${hour}/" : ""}`;
}

/**
 * Table parameters for partition projection: Athena computes partitions from the date instead of
 * reading them from the catalog, so no crawler and no MSCK REPAIR are needed.
 */
export function partitionProjectionParameters(bucketName: string, hourly: boolean, startDate: string): Record<string, string> {
  checkProjectionStartDate(startDate);
  return {
    "projection.enabled": "true",
    "projection.dt.type": "date",
    "projection.dt.format": "yyyy-MM-dd",
    "projection.dt.range": `${startDate},NOW`,
    "projection.dt.interval": "1",
    "projection.dt.interval.unit": "DAYS",
    ...(hourly ? { "projection.hour.type": "integer", "projection.hour.range": "0,23", "projection.hour.digits": "2" } : {}),
    "storage.location.template": storageLocationTemplate(bucketName, hourly),
  };
}

/** Throws unless `startDate` is a real calendar date written yyyy-MM-dd. */
export function checkProjectionStartDate(startDate: string): void {
  const day = new Date(`${startDate}T00:00:00Z`);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(startDate) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(startDate);
  if (!valid) throw new Error(`projectionStartDate is ${JSON.stringify(startDate)}; expected a date as yyyy-MM-dd`);
}

export interface StorageFormat {
  inputFormat: string;
  outputFormat: string;
  serializationLibrary: string;
  serDeParameters: Record<string, string>;
  tableParameters: Record<string, string>;
}

/** SerDe and input/output formats for the files Firehose writes in each format. */
export function storageFormat(format: DataFormat): StorageFormat {
  if (format === "parquet") {
    return {
      inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
      outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
      serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
      serDeParameters: { "serialization.format": "1" },
      tableParameters: { classification: "parquet", "parquet.compression": "SNAPPY" },
    };
  }
  return {
    inputFormat: "org.apache.hadoop.mapred.TextInputFormat",
    outputFormat: "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
    serializationLibrary: "org.apache.hive.hcatalog.data.JsonSerDe",
    serDeParameters: { "timestamp.formats": REQUEST_TIME_FORMAT },
    tableParameters: { classification: "json", compressionType: "gzip" },
  };
}

/** Glue and Athena names: lower case letters, digits and underscores. */
export function glueName(value: string): string {
  const name = value.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  if (!name) throw new Error(`cannot derive a Glue name from ${JSON.stringify(value)}; expected letters or digits`);
  return name;
}
