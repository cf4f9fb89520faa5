/** A short, indented resource tree: components with their children, custom resources as leaves. */
import type { RecordedResource } from "./engine";

export function renderTree(resources: readonly RecordedResource[], maxLeavesPerNode = 12): string {
  const children = new Map<string | null, RecordedResource[]>();
  for (const r of resources) {
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const lines: string[] = [];
  const walk = (parent: string | null, depth: number) => {
    const list = children.get(parent) ?? [];
    const leaves = list.filter((r) => !children.has(r.urn));
    for (const r of list.filter((x) => children.has(x.urn))) {
      lines.push(`${"  ".repeat(depth)}${r.name} (${r.type})`);
      walk(r.urn, depth + 1);
    }
    for (const r of leaves.slice(0, maxLeavesPerNode)) lines.push(`${"  ".repeat(depth)}- ${r.name} (${r.type})`);
    if (leaves.length > maxLeavesPerNode) lines.push(`${"  ".repeat(depth)}- … ${leaves.length - maxLeavesPerNode} more`);
  };
  walk(null, 0);
  return lines.join("\n");
}
