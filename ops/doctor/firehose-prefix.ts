/**
 * Firehose S3 prefixes (`data/dt=!{partitionKeyFromLambda:dt}/`, `errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/`)
 * made concrete for one UTC day, so the doctor lists exactly the folder Firehose writes to today.
 * The prefix is cut before the first expression the day does not determine (an hour, a random id).
 */
export interface PrefixValues {
  readonly day: Date;
  /** Values of `!{partitionKeyFromLambda:<key>}` other than `dt`. */
  readonly partitionKeys?: Readonly<Record<string, string>>;
  readonly errorOutputType?: string;
}

const EXPRESSION = /!\{([a-zA-Z]+):([^}]*)\}/g;

export function prefixForDay(template: string, values: PrefixValues): string {
  let out = "";
  let last = 0;
  for (const match of template.matchAll(EXPRESSION)) {
    const value = expressionValue(match[1], match[2], values);
    out += template.slice(last, match.index);
    if (value === undefined) return out;
    out += value;
    last = (match.index ?? 0) + match[0].length;
  }
  return out + template.slice(last);
}

/** `yyyy-MM-dd` in UTC: the `dt` partition value the enricher writes. */
export function utcDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

function expressionValue(namespace: string, key: string, values: PrefixValues): string | undefined {
  if (namespace === "partitionKeyFromLambda" || namespace === "partitionKeyFromQuery") {
    return key === "dt" ? utcDay(values.day) : values.partitionKeys?.[key];
  }
  if (namespace === "firehose" && key === "error-output-type") return values.errorOutputType;
  if (namespace === "timestamp") return formatTimestamp(key, values.day);
  return undefined;
}

/** Firehose's Java-style date pattern for the day's date parts; an hour or finer is not fixed by a day. */
function formatTimestamp(pattern: string, day: Date): string | undefined {
  if (/[HhmsS]/.test(pattern)) return undefined;
  const parts: Record<string, string> = {
    yyyy: String(day.getUTCFullYear()),
    MM: String(day.getUTCMonth() + 1).padStart(2, "0"),
    dd: String(day.getUTCDate()).padStart(2, "0"),
  };
  return pattern.replace(/yyyy|MM|dd/g, (token) => parts[token]);
}
