/**
 * The change summary: what applying the new plan would do to a stack planned as the baseline.
 * Resources are matched by URN or by one of the new resource's aliases, as the engine matches them;
 * a matched resource whose replace-forcing input changed is replaced. A resource deleted while one
 * of the same type chain is added (a rename without an alias) is reported as replaced by it.
 */
import type { RecordedOptions } from "./engine";
import type { PlanFile, PlannedResource } from "./plan";
import { REPLACE_FORCING_INPUTS, STATEFUL_TYPES } from "./replace-forcing";
import { qualifiedTypeOf } from "./urn";

export type { PlanFile, PlannedResource } from "./plan";

export type ChangeKind = "replaced" | "deleted" | "updated" | "added";

export interface Change {
  readonly kind: ChangeKind;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly stateful: boolean;
  /** Protected (protect or retainOnDelete) in the baseline or the new plan. */
  readonly protected: boolean;
  /** Inputs whose value changed (updated, replaced). */
  readonly inputs?: string[];
  /** Why a replacement happens: the inputs that force it, or the URN change. */
  readonly reason?: string;
  /** The baseline's URN, when it differs (aliased or renamed). */
  readonly previousUrn?: string;
}

export interface ChangeSummary {
  readonly changes: Change[];
  readonly counts: Record<ChangeKind, number>;
  /** Replaced or deleted resources that the baseline protects: the change is refused without --allow-replace. */
  readonly protectedLosses: Change[];
}

const isProtected = (r: PlannedResource): boolean => r.options?.protect === true || r.options?.retainOnDelete === true;

const canonical = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));

/**
 * Changed inputs (and `tagsAll`, which default tags change without touching inputs), minus
 * ignoreChanges. Recorded outputs and property dependencies follow from the inputs and are not
 * compared: a fake ARN is no change, and a baseline written before they were recorded compares the same.
 */
function changedInputs(before: PlannedResource, after: PlannedResource): string[] {
  const ignored = new Set(after.options?.ignoreChanges ?? []);
  const a: Record<string, unknown> = { ...before.inputs, tagsAll: before.tagsAll };
  const b: Record<string, unknown> = { ...after.inputs, tagsAll: after.tagsAll };
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !ignored.has(k) && canonical(a[k]) !== canonical(b[k])).sort();
}

const COMPARED_OPTIONS = ["protect", "retainOnDelete", "deleteBeforeReplace", "ignoreChanges", "replaceOnChanges", "provider"] as const;

/** Resource options that changed, named `options.<name>` (aliases are how resources match, not a change). */
function changedOptions(before: PlannedResource, after: PlannedResource): string[] {
  return COMPARED_OPTIONS.filter((k) => canonical(before.options?.[k]) !== canonical(after.options?.[k])).map((k) => `options.${k}`);
}

function forcing(type: string, changed: readonly string[], options: RecordedOptions | undefined): string[] {
  const forced = new Set([...(REPLACE_FORCING_INPUTS[type] ?? []), ...(options?.replaceOnChanges ?? [])]);
  return options?.replaceOnChanges?.includes("*") ? [...changed] : changed.filter((k) => forced.has(k));
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** Compares two plans of one stack; `before` is the baseline. */
export function comparePlans(before: PlanFile, after: PlanFile): ChangeSummary {
  const old = new Map(before.resources.map((r) => [r.urn, r]));
  const matched = new Set<string>();
  const changes: Change[] = [];
  const added: PlannedResource[] = [];
  const base = (r: PlannedResource, prev: PlannedResource | undefined) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    stateful: STATEFUL_TYPES.has(r.type),
    // Either side: a change that adds protect while it replaces is refused too.
    protected: prev ? isProtected(prev) || isProtected(r) : false,
    ...(prev && prev.urn !== r.urn ? { previousUrn: prev.urn } : {}),
  });

  for (const r of after.resources) {
    const prevUrn = [r.urn, ...(r.options?.aliases ?? [])].find((u) => old.has(u) && !matched.has(u));
    if (!prevUrn) {
      added.push(r);
      continue;
    }
    matched.add(prevUrn);
    const prev = old.get(prevUrn)!;
    const changedIn = changedInputs(prev, r);
    const inputs = [...changedIn, ...changedOptions(prev, r)];
    if (inputs.length === 0) continue;
    const forcedBy = forcing(r.type, changedIn, r.options);
    const unknownRules = !(r.type in REPLACE_FORCING_INPUTS) && r.type.startsWith("aws:");
    // A type from another package is served by another provider, and the engine replaces a resource
    // whose provider changes (pulumi/pulumi pkg/resource/deploy/step_generator.go, providerChanged).
    const providerChanged = packageOf(prev.type) !== packageOf(r.type);
    changes.push(
      providerChanged
        ? { ...base(r, prev), kind: "replaced", inputs, reason: `its provider changed (it was a ${prev.type} of the ${packageOf(prev.type)} provider), and Pulumi replaces a resource whose provider changes` }
        : forcedBy.length > 0
        ? { ...base(r, prev), kind: "replaced", inputs, reason: `${forcedBy.join(", ")} ${forcedBy.length === 1 ? "forces" : "force"} a replacement` }
        : { ...base(r, prev), kind: "updated", inputs, ...(unknownRules ? { reason: "replace rules of this type are not in synth/replace-forcing.ts" } : {}) },
    );
  }

  const deleted = before.resources.filter((r) => !matched.has(r.urn));
  const unpairedAdds = new Set(added);
  for (const prev of deleted) {
    const chain = qualifiedTypeOf(prev.urn).split("$").slice(-2).join("$");
    const candidates = [...unpairedAdds].filter((a) => a.type === prev.type && qualifiedTypeOf(a.urn).split("$").slice(-2).join("$") === chain);
    const best = candidates.sort((a, b) => commonSuffix(b.name, prev.name) - commonSuffix(a.name, prev.name) || (a.urn < b.urn ? -1 : 1))[0];
    if (best && commonSuffix(best.name, prev.name) > 0) {
      unpairedAdds.delete(best);
      changes.push({ ...base(best, prev), kind: "replaced", inputs: changedInputs(prev, best), reason: `its URN changed (was ${prev.urn}) and no alias names the old one, so Pulumi creates a new one and deletes the old` });
    } else {
      changes.push({ ...base(prev, prev), kind: "deleted" });
    }
  }
  for (const r of unpairedAdds) changes.push({ ...base(r, undefined), kind: "added" });

  const order: Record<ChangeKind, number> = { replaced: 0, deleted: 1, updated: 2, added: 3 };
  changes.sort((a, b) => Number(b.stateful) - Number(a.stateful) || order[a.kind] - order[b.kind] || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  const counts: Record<ChangeKind, number> = { replaced: 0, deleted: 0, updated: 0, added: 0 };
  for (const c of changes) counts[c.kind]++;
  return { changes, counts, protectedLosses: changes.filter((c) => (c.kind === "replaced" || c.kind === "deleted") && c.protected) };
}

const shortType = (type: string): string => type.split(":").pop() ?? type;

function line(c: Change): string {
  const flags = [c.protected ? "protected" : "", c.stateful ? "stateful" : ""].filter(Boolean).join(", ");
  const what = `\`${c.name}\` (${shortType(c.type)}${flags ? `, ${flags}` : ""})`;
  switch (c.kind) {
    case "replaced":
      return `- **replaced** ${what}: ${c.reason}${c.inputs?.length ? `; changed: ${c.inputs.join(", ")}` : ""}`;
    case "deleted":
      return `- **deleted** ${what}`;
    case "updated":
      return `- updated ${what}: ${c.inputs?.join(", ")}${c.reason ? ` (${c.reason})` : ""}${c.previousUrn ? " (kept through an alias)" : ""}`;
    case "added":
      return `- added ${what}`;
  }
}

/** The one-line summary the CLI prints. */
export function summaryLine(stack: string, summary: ChangeSummary): string {
  const { counts } = summary;
  const total = counts.added + counts.updated + counts.replaced + counts.deleted;
  if (total === 0) return `${stack}: no changes against the baseline`;
  const losses = summary.protectedLosses.length ? `; ${summary.protectedLosses.length} PROTECTED resource(s) replaced or deleted` : "";
  return `${stack}: ${counts.added} added, ${counts.updated} updated, ${counts.replaced} replaced, ${counts.deleted} deleted against the baseline${losses}`;
}

/** changes.md: what a reviewer reads in a pull request, stateful resources first. */
export function renderChanges(stack: string, baseline: string, summary: ChangeSummary, allowReplace: boolean): string {
  const out = [`# Changes to stack \`${stack}\``, "", `Compared with \`${baseline}\`.`, ""];
  const { counts } = summary;
  out.push(`| added | updated | replaced | deleted |`, `| ---: | ---: | ---: | ---: |`, `| ${counts.added} | ${counts.updated} | ${counts.replaced} | ${counts.deleted} |`, "");
  if (summary.protectedLosses.length) {
    out.push(
      allowReplace
        ? `> **Allowed with --allow-replace:** ${summary.protectedLosses.length} protected resource(s) will be replaced or deleted.`
        : `> **Refused:** ${summary.protectedLosses.length} protected resource(s) would be replaced or deleted. Add an alias for a renamed resource, or pass --allow-replace if losing them is intended.`,
      "",
    );
  }
  if (summary.changes.length === 0) {
    out.push("No changes.");
    return `${out.join("\n")}\n`;
  }
  const stateful = summary.changes.filter((c) => c.stateful);
  const rest = summary.changes.filter((c) => !c.stateful);
  if (stateful.length) out.push("## Stateful resources", "", ...stateful.map(line), "");
  for (const kind of ["replaced", "deleted", "updated", "added"] as const) {
    const of = rest.filter((c) => c.kind === kind);
    if (of.length) out.push(`## ${kind[0].toUpperCase()}${kind.slice(1)}`, "", ...of.map(line), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** The package a type token belongs to (`aws-native:quicksight:Dashboard` → `aws-native`; `pulumi-nodejs:dynamic/…` → `pulumi-nodejs`). */
function packageOf(type: string): string {
  return type.split(":")[0] ?? type;
}
