/**
 * This widget's error kinds. WidgetError is the shared class with `kind` limited to these kinds,
 * so `instanceof` also holds for the shared event parser's errors.
 */
import { isWidgetErrorOf, WidgetError as AnyWidgetError } from "../shared/widget/errors";

export const WIDGET_ERROR_KINDS = ["bad-param", "config", "metric-data", "aws-error", "timeout"] as const;
export type WidgetErrorKind = (typeof WIDGET_ERROR_KINDS)[number];

export const WidgetError = AnyWidgetError<WidgetErrorKind>;
export type WidgetError = AnyWidgetError<WidgetErrorKind>;

export function isWidgetError(error: unknown): error is WidgetError {
  return isWidgetErrorOf(error, WIDGET_ERROR_KINDS);
}
