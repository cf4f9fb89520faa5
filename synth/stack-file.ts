/**
 * Reads `Pulumi.<stack>.yaml` the way the Pulumi CLI hands config to a program: a flat map of
 * `namespace:key` → string, where objects and lists are JSON-encoded.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

export function stackFilePath(dir: string, stack: string): string {
  return path.join(dir, `Pulumi.${stack}.yaml`);
}

/** Stack names that have a Pulumi.<stack>.yaml in `dir`, sorted. */
export function listStacks(files: readonly string[]): string[] {
  return files
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => !!s)
    .sort();
}

export function readStackFile(dir: string, stack: string): Record<string, string> {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new StackFileError(`stack name ${JSON.stringify(stack)} must use letters, digits, _, . or -`);
  const file = stackFilePath(dir, stack);
  if (!existsSync(file)) throw new StackFileError(`no stack file ${path.basename(file)} in ${dir} (expected one per stack, e.g. Pulumi.dev.yaml)`);
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, "utf8"));
  } catch (e) {
    const reason = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new StackFileError(`${path.basename(file)} is not readable YAML: ${reason}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== "object" || Array.isArray(doc)) throw new StackFileError(`${path.basename(file)} must be a YAML map with a config: section`);
  const config = (doc as { config?: unknown }).config;
  if (config === undefined || config === null) return {};
  if (typeof config !== "object" || Array.isArray(config)) throw new StackFileError(`${path.basename(file)}: config must be a map of "namespace:key: value"`);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    out[key] = toConfigString(value);
  }
  return out;
}

function toConfigString(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "secure" in (value as object)) return "[secret]";
  return JSON.stringify(value);
}
