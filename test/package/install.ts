/**
 * The npm package as an app repository gets it: `npm pack`, then the tarball unpacked into a fresh
 * app's node_modules as npm installs it, beside the peers and dependencies (this project's installed
 * copies, linked: no registry in tests).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");

export interface PackedPackage {
  /** The tarball `npm pack` wrote. */
  readonly tarball: string;
  /** Every path in it, relative to the package root, sorted. */
  readonly paths: string[];
}

export interface InstalledApp {
  readonly dir: string;
  readonly modules: string;
  /** node_modules/api-usage-insights, unpacked from the tarball. */
  readonly packageDir: string;
}

/**
 * `npm pack` of this repository as built (`npm run build` first) into a fresh temporary folder.
 * Without lifecycle scripts: `prepare` would rebuild dist/functions/ while other test files, run in
 * parallel, read the bundles or pack them.
 */
export function packPackage(): PackedPackage {
  for (const built of ["lib/components/app/index.js", "lib/policies/index.js", "dist/functions/api-call-counter/index.js"]) {
    assert.ok(existsSync(path.join(ROOT, built)), `${built} is missing: run \`npm run build\` first`);
  }
  const out = mkdtempSync(path.join(tmpdir(), "pack-"));
  const pack = spawnSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", out], { cwd: ROOT, encoding: "utf8" });
  assert.equal(pack.status, 0, pack.stderr);
  const report = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: path.join(out, report[0]!.filename), paths: report[0]!.files.map((f) => f.path).sort() };
}

/**
 * An app folder whose node_modules holds the unpacked tarball and links to this project's installed
 * modules; `leaveOut` names modules (or `@scope/name`) the app did not install.
 */
export function installInto(packed: PackedPackage, leaveOut: readonly string[] = []): InstalledApp {
  const dir = mkdtempSync(path.join(tmpdir(), "app-"));
  const modules = path.join(dir, "node_modules");
  mkdirSync(modules, { recursive: true });
  const untar = spawnSync("tar", ["-xzf", packed.tarball, "-C", modules], { encoding: "utf8" });
  assert.equal(untar.status, 0, untar.stderr);
  const packageDir = path.join(modules, "api-usage-insights");
  renameSync(path.join(modules, "package"), packageDir);
  const link = (name: string) => symlinkSync(path.join(ROOT, "node_modules", name), path.join(modules, name));
  for (const entry of readdirSync(path.join(ROOT, "node_modules"))) {
    if (entry.startsWith(".") || entry === "api-usage-insights") continue;
    if (entry.startsWith("@") && leaveOut.some((name) => name.startsWith(`${entry}/`))) {
      mkdirSync(path.join(modules, entry));
      for (const scoped of readdirSync(path.join(ROOT, "node_modules", entry))) {
        if (!leaveOut.includes(`${entry}/${scoped}`)) link(`${entry}/${scoped}`);
      }
    } else if (!leaveOut.includes(entry)) link(entry);
  }
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true, main: "index.ts" }));
  return { dir, modules, packageDir };
}
