/**
 * Errors a CloudWatch custom widget renders as readable messages instead of throwing to the
 * dashboard. `kind` decides the heading; each widget names its own kinds and headings.
 */
export class WidgetError<K extends string = string> extends Error {
  constructor(
    readonly kind: K,
    message: string,
  ) {
    super(message);
    this.name = "WidgetError";
  }
}

/** A widget parameter is missing or malformed; `param` names it (e.g. `metrics[1].stat`). */
export class BadParamError extends WidgetError<"bad-param"> {
  constructor(
    readonly param: string,
    value: unknown,
    expected: string,
  ) {
    super("bad-param", `widget param "${param}" = ${describeValue(value)}: expected ${expected}`);
  }
}

/**
 * Whether `error` is a WidgetError of one of `kinds`. `instanceof` alone types `kind` as `any`
 * (the class is generic), so a widget checks the kind against its own list before trusting it.
 */
export function isWidgetErrorOf<K extends string>(error: unknown, kinds: readonly K[]): error is WidgetError<K> {
  return error instanceof WidgetError && kinds.some((kind) => kind === error.kind);
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  const json = JSON.stringify(value);
  const text = json === undefined ? String(value) : json;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The text of a widget's "timed out" box: `timed out after 12 s while waiting for …`. */
export function timedOutMessage(seconds: number, what: string): string {
  return `timed out after ${seconds} s while ${what}`;
}
