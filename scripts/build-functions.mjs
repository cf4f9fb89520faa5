// Bundles every functions/<name>/index.ts into dist/functions/<name>/index.js with esbuild.
// AWS SDK v3 stays external: the Lambda Node.js runtimes ship it.
import { build } from "esbuild";
import { readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const functionsDir = join(root, "functions");
const names = readdirSync(functionsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== "shared" && existsSync(join(functionsDir, d.name, "index.ts")))
  .map((d) => d.name)
  .sort();

await Promise.all(
  names.map((name) =>
    build({
      entryPoints: [join(functionsDir, name, "index.ts")],
      outfile: join(root, "dist", "functions", name, "index.js"),
      bundle: true,
      platform: "node",
      target: "node22",
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
if (!process.argv.includes("--quiet")) console.log(`built ${names.length} function bundle(s): ${names.join(", ")}`);
