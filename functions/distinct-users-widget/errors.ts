/**
 * Errors the widget renders as readable messages instead of throwing to the dashboard.
 * `kind` decides the heading; `message` is shown escaped.
 */
export type WidgetErrorKind = "bad-param" | "config" | "query-failed" | "deadline" | "not-exact" | "aws-error";

export class WidgetError extends Error {
  constructor(
    readonly kind: WidgetErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "WidgetError";
  }
}

/** A widget parameter is missing or malformed; `param` names it. */
export class BadParamError extends WidgetError {
  constructor(
    readonly param: string,
    value: unknown,
    expected: string,
  ) {
    super("bad-param", `widget param "${param}" = ${describeValue(value)}: expected ${expected}`);
  }
}

/** The deadline below the function timeout was reached; running queries were stopped. */
export class DeadlineError extends WidgetError {
  constructor(message: string) {
    super("deadline", message);
  }
}

/** A query ended in a terminal status other than success (Failed, Cancelled, Timeout, Unknown...). */
export class QueryFailedError extends WidgetError {
  constructor(
    readonly status: string,
    message: string,
  ) {
    super("query-failed", message);
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  const json = JSON.stringify(value);
  const text = json === undefined ? String(value) : json;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
