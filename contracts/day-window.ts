/**
 * How every query selects days of the data lake so that midnight cannot move a request to another
 * day. Firehose gives one record one set of partition keys, and a CloudWatch Logs envelope is one
 * record even when its events cross midnight, so its rows land in the first row's `dt` partition.
 * A record cannot be split into two results (one result per recordId), so the queries adapt:
 * they prune on a `dt` range widened by PARTITION_SLACK_DAYS on each side and select rows on
 * `request_time`, the request's own UTC time.
 */

/** Days a row's `dt` partition may lie before or after its request's day. */
export const PARTITION_SLACK_DAYS = 1;

const DAY_MS = 86_400_000;

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The `dt` partitions (yyyy-MM-dd) that can hold requests of [startMs, endMs]. */
export function partitionDaysOf(startMs: number, endMs: number): { first: string; last: string } {
  return { first: utcDay(startMs - PARTITION_SLACK_DAYS * DAY_MS), last: utcDay(endMs + PARTITION_SLACK_DAYS * DAY_MS) };
}

/**
 * Trino: the `dt` predicate for requests from day `first` to day `last` (SQL date expressions),
 * widened so that partition projection still prunes to a few partitions.
 */
export function sqlPartitionRange(dtColumn: string, first: string, last: string): string {
  const shift = (days: number, date: string) => `date_format(date_add('day', ${days}, ${date}), '%Y-%m-%d')`;
  return `${dtColumn} BETWEEN ${shift(-PARTITION_SLACK_DAYS, first)} AND ${shift(PARTITION_SLACK_DAYS, last)}`;
}
