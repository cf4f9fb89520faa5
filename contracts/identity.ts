/**
 * When an identity value counts as a user: the one rule the enricher, the Logs Insights queries and
 * the Athena SQL apply. API Gateway writes "-" for a missing `$context` value and an authorizer
 * may pass an empty or blank claim; none of them is a user, and a blank value never wins over the
 * next identity in the configured order. A present value is kept exactly as logged (not trimmed),
 * so every engine counts the same strings.
 */

/** What API Gateway writes for a `$context` variable that has no value. */
export const MISSING_CONTEXT_VALUE = "-";

/** Space, tab, line feed and carriage return: what JavaScript's, Trino's and Logs Insights' trim() all remove. */
const BLANK = /^[ \t\n\r]*$/;

/** The value when it names someone; null for null, "-", "" and whitespace only. */
export function presentIdentity(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === MISSING_CONTEXT_VALUE || BLANK.test(value)) return null;
  return value;
}

/** The rule as a Trino/Athena predicate over a column or expression (already quoted by the caller). */
export function sqlIdentityPresent(column: string): string {
  return `${column} IS NOT NULL AND ${column} <> '${MISSING_CONTEXT_VALUE}' AND trim(${column}) <> ''`;
}

/** The rule as a Logs Insights filter expression over a field or alias. */
export function logsIdentityPresent(field: string): string {
  return `ispresent(${field}) and ${field} != "${MISSING_CONTEXT_VALUE}" and trim(${field}) != ""`;
}

/** The column's value where the rule holds, else NULL: `count(DISTINCT …)` of it counts users only. */
export function sqlPresentIdentity(column: string): string {
  return `CASE WHEN ${sqlIdentityPresent(column)} THEN ${column} END`;
}
