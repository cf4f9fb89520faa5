/**
 * This widget's error kinds and the errors only it throws. WidgetError is the shared class with
 * `kind` limited to these kinds, so `instanceof` also holds for the shared event parser's errors.
 */
import { isWidgetErrorOf, WidgetError as AnyWidgetError } from "../shared/widget/errors";

export const WIDGET_ERROR_KINDS = ["bad-param", "config", "query-failed", "deadline", "not-exact", "aws-error"] as const;
export type WidgetErrorKind = (typeof WIDGET_ERROR_KINDS)[number];

export const WidgetError = AnyWidgetError<WidgetErrorKind>;
export type WidgetError = AnyWidgetError<WidgetErrorKind>;

export function isWidgetError(error: unknown): error is WidgetError {
  return isWidgetErrorOf(error, WIDGET_ERROR_KINDS);
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
