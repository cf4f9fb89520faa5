// Bundles every functions/<name>/index.ts into dist/functions/<name>/index.js with esbuild.
// AWS SDK v3 stays external: the Lambda Node.js runtimes ship it. One bundle serves every stack,
// whatever lambdaRuntime it sets, so it targets every Node major that setting accepts.
import { build } from "esbuild";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { LAMBDA_RUNTIMES } from "../contracts/runtimes";

/** esbuild targets for the Lambda runtimes (`nodejs24.x` → `node24`). */
export const BUNDLE_TARGETS = LAMBDA_RUNTIMES.map((runtime) => runtime.replace(/^nodejs(\d+)\.x$/, "node$1"));

const root = join(__dirname, "..");
const functionsDir = join(root, "functions");

/** The functions with a handler: every folder of functions/ but shared/ that has an index.ts. */
export function functionNames(): string[] {
  return readdirSync(functionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "shared" && existsSync(join(functionsDir, entry.name, "index.ts")))
    .map((entry) => entry.name)
    .sort();
}

async function main(): Promise<void> {
  const names = functionNames();
  await Promise.all(
    names.map((name) =>
      build({
        entryPoints: [join(functionsDir, name, "index.ts")],
        outfile: join(root, "dist", "functions", name, "index.js"),
        bundle: true,
        platform: "node",
        target: BUNDLE_TARGETS,
        format: "cjs",
        minify: true,
        sourcemap: true,
        sourcesContent: false,
        external: ["@aws-sdk/*", "@smithy/*"],
        legalComments: "none",
        logLevel: "warning",
      }),
    ),
  );
  if (!process.argv.includes("--quiet")) console.log(`built ${names.length} function bundle(s) for ${BUNDLE_TARGETS.join(", ")}: ${names.join(", ")}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
