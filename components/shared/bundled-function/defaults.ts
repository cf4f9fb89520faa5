import type { LambdaArchitecture, LambdaRuntime } from "../../../contracts/runtimes";

export type { LambdaArchitecture, LambdaRuntime } from "../../../contracts/runtimes";

export const FUNCTION_DEFAULTS = {
  runtime: "nodejs24.x" as LambdaRuntime,
  architecture: "arm64" as LambdaArchitecture,
  timeoutSeconds: 30,
  memorySizeMb: 256,
  logRetentionDays: 30,
  /** Where `npm run build` puts bundles, relative to the project root. */
  distDir: "dist/functions",
};
