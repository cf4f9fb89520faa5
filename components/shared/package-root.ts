import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

export const PACKAGE_NAME = "api-usage-insights";

/**
 * The folder of this package's package.json, found from this file's own location, so the function
 * bundles (dist/functions/) are found whether the components run from source (this repository) or
 * compiled from node_modules/api-usage-insights/lib/ in an app's repository, whatever the working
 * directory.
 */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      const name: unknown = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name;
      if (name === PACKAGE_NAME) return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package above ${from}; its function bundles live in its dist/functions/`);
  }
}
