/** Errors the widget renders as readable messages; `kind` decides the heading. */
export type WidgetErrorKind = "bad-param" | "config" | "metric-data" | "aws-error";

export class WidgetError extends Error {
  constructor(
    readonly kind: WidgetErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "WidgetError";
  }
}

/** A widget parameter is missing or malformed; `param` names it (e.g. `metrics[1].stat`). */
export class BadParamError extends WidgetError {
  constructor(
    readonly param: string,
    value: unknown,
    expected: string,
  ) {
    super("bad-param", `widget param "${param}" = ${describeValue(value)}: expected ${expected}`);
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  const json = JSON.stringify(value);
  const text = json === undefined ? String(value) : json;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
