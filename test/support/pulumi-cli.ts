// What `pulumi package add <git repository>/<folder>@v<semver>` does before it starts a Node.js
// component package, replayed as the Pulumi CLI does it (pulumi/pulumi):
// - sdk/go/common/workspace/plugins.go, gitSource.Download: a shallow clone of the whole repository
//   at the tag `v<semver>`, unpacked into ~/.pulumi/plugins/resource-<host>_<org>_<repo>.git_<folder>-v<semver>/;
//   nothing is built.
// - sdk/nodejs/cmd/pulumi-language-nodejs, InstallDependencies: one `npm install --loglevel=error`
//   in the workspace root npm.FindWorkspaceRoot finds for the plugin folder (sdk/nodejs/npm/workspaces.go),
//   else in the plugin folder itself.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

const MANIFESTS = ["package.json", "package.yaml"] as const;

function manifestIn(dir: string): string | undefined {
  return MANIFESTS.map((name) => path.join(dir, name)).find((file) => existsSync(file));
}

/** The `workspaces` globs of a manifest: an array, or `{ packages: [...] }` as yarn writes it. */
function workspacesOf(manifest: string): string[] {
  const text = readFileSync(manifest, "utf8");
  const data = (manifest.endsWith(".yaml") ? parse(text) : JSON.parse(text)) as { workspaces?: unknown } | null;
  const workspaces = data?.workspaces;
  if (Array.isArray(workspaces)) return workspaces.filter((glob): glob is string => typeof glob === "string");
  const packages = (workspaces as { packages?: unknown } | undefined)?.packages;
  return Array.isArray(packages) ? packages.filter((glob): glob is string => typeof glob === "string") : [];
}

function pnpmWorkspacesOf(file: string): string[] {
  const packages = (parse(readFileSync(file, "utf8")) as { packages?: unknown } | null)?.packages;
  return Array.isArray(packages) ? packages.filter((glob): glob is string => typeof glob === "string") : [];
}

/** filepath.Glob's pattern language for one path segment: `*`, `?` and character classes. */
function segmentPattern(segment: string): RegExp {
  const source = segment.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
  return new RegExp(`^${source}$`);
}

/** Whether `glob`, relative to `base`, names the folder `candidate` (Go's filepath.Glob over `<glob>/package.json`). */
function globNames(glob: string, base: string, candidate: string): boolean {
  const relative = path.relative(base, candidate);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return false;
  const wanted = path.normalize(glob).split(path.sep).filter((segment) => segment !== "" && segment !== ".");
  const actual = relative.split(path.sep).filter((segment) => segment !== "");
  return wanted.length === actual.length && wanted.every((segment, i) => segmentPattern(segment).test(actual[i]!));
}

/**
 * The workspace root npm.FindWorkspaceRoot returns for `start`, or undefined where the CLI keeps the
 * folder itself (ErrNotInWorkspace): from the first folder with a manifest, every ancestor with a
 * manifest is asked, pnpm-workspace.yaml first, whether its workspace globs name that folder.
 */
export function findWorkspaceRoot(start: string): string | undefined {
  let packageDir: string | undefined;
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (manifestIn(dir)) {
      packageDir = dir;
      break;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
  for (let dir = packageDir; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const manifest = manifestIn(dir);
    if (!manifest) continue;
    const pnpm = path.join(dir, "pnpm-workspace.yaml");
    if (existsSync(pnpm) && pnpmWorkspacesOf(pnpm).some((glob) => globNames(glob, dir, packageDir))) return dir;
    if (workspacesOf(manifest).some((glob) => globNames(glob, dir, packageDir))) return dir;
  }
  return undefined;
}

/** The folder the CLI installs a plugin's dependencies in: its workspace root, else the plugin folder. */
export function installFolder(pluginDir: string): string {
  return findWorkspaceRoot(pluginDir) ?? pluginDir;
}

/** The plugin folder name `pulumi package add` unpacks a git source into (plugins.go, PluginSpec.Dir). */
export function pluginFolderName(repository: string, subfolder: string, version: string): string {
  return `resource-${repository.replace(/\//g, "_")}.git_${subfolder.replace(/\//g, "_")}-v${version}`;
}

export interface Step {
  readonly ms: number;
  readonly output: string;
}

function timed(command: string, args: readonly string[], cwd: string, timeoutMs: number): Step {
  const start = Date.now();
  const run = spawnSync(command, args, { cwd, encoding: "utf8", timeout: timeoutMs, env: Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TS_NODE_"))) });
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} in ${cwd} failed (${run.status ?? run.signal}):\n${output}${run.error ? String(run.error) : ""}`);
  return { ms: Date.now() - start, output };
}

/** A shallow clone of the committed tree of `repository` into `target` (the CLI clones the tag; this is HEAD). */
export function shallowClone(repository: string, target: string): Step {
  return timed("git", ["clone", "--quiet", "--depth", "1", `file://${repository}`, target], path.dirname(target), 120_000);
}

/** The CLI's install: `npm install --loglevel=error` in the folder installFolder() picks. */
export function installAsCli(pluginDir: string): Step & { readonly folder: string } {
  const folder = installFolder(pluginDir);
  return { ...timed("npm", ["install", "--loglevel=error"], folder, 600_000), folder };
}

/** Files and folders directly in `dir` (for asserting what a clone has before install). */
export const entriesOf = (dir: string): string[] => readdirSync(dir).sort();
