/**
 * An error for the person running the program, thrown where Pulumi reports it as uncaught (inside
 * an Output's apply): its message says what to change, so it carries no stack frames.
 *
 * Why no frames: Pulumi prints such an error with `util.inspect(err, { colors: true })`, and on
 * Node.js 20.20 that call loops until the string overflows (about 30 s per error, then a
 * RangeError Pulumi falls back from) on any frame under `node_modules/@scope/<file>` with no
 * further `/`: its `markNodeModules` searches again from index -1. @pulumi/pulumi's source maps
 * put its root files there (`node_modules/@pulumi/output.ts`), and an apply's frames pass through
 * them, so every error thrown in an apply would cost half a minute before it is shown.
 */
export function userError(message: string): Error {
  const error = new Error(message);
  Object.defineProperty(error, "stack", { value: `Error: ${message}`, writable: true, configurable: true });
  return error;
}

/** `read()`, with an error it throws re-thrown as a userError of the same message (for checks run inside an apply). */
export function forUser<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw userError(error instanceof Error ? error.message : String(error));
  }
}
