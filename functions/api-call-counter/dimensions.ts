/**
 * How each dimension (named in the counter's contract) is read from a CloudTrail record.
 * CloudWatch dimension values must be 1–1024 printable ASCII characters with at least one
 * non-whitespace character, so every value goes through `toDimensionValue`.
 */
import { UNKNOWN_VALUE, type DimensionName } from "../../contracts/functions/api-call-counter";

/** The values of every dimension for one call, already valid as CloudWatch dimension values. */
export type CallDimensions = Readonly<Record<DimensionName, string>>;

const MAX_DIMENSION_VALUE_LENGTH = 1024;

/** Turns any record field into a valid dimension value, `fallback` when it has nothing to show. */
export function toDimensionValue(raw: unknown, fallback: string = UNKNOWN_VALUE): string {
  let text: string;
  if (typeof raw === "string") text = raw;
  else if (typeof raw === "boolean" || typeof raw === "number") text = String(raw);
  else return fallback;
  if (isCleanValue(text)) return text;
  // Non-printable or non-ASCII characters would make CloudWatch reject the whole request.
  const printable = text.replace(/[^\x20-\x7e]/g, "?").trim();
  if (printable.length === 0) return fallback;
  return printable.length > MAX_DIMENSION_VALUE_LENGTH ? printable.slice(0, MAX_DIMENSION_VALUE_LENGTH) : printable;
}

/** The common case, checked without allocating: printable ASCII, trimmed, short enough. */
function isCleanValue(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > MAX_DIMENSION_VALUE_LENGTH) return false;
  if (text.charCodeAt(0) === 0x20 || text.charCodeAt(length - 1) === 0x20) return false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}
