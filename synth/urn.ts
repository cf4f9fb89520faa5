/**
 * URNs as the Pulumi engine builds them (sdk/go/common/resource/urn.go `NewURN`, and
 * pkg/resource/deploy/step_generator.go `inheritedChildAlias`): the type part is the parent's whole
 * type chain joined by `$`, except that the root stack's type is left out.
 */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** The `a$b$c` type chain of a URN. */
export function qualifiedTypeOf(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/** The URN of a resource of `type` named `name` under `parent` (a URN, or null for none). */
export function urnOf(stack: string, project: string, parent: string | null, type: string, name: string): string {
  const parentType = parent ? qualifiedTypeOf(parent) : "";
  const chain = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${chain}::${name}`;
}

/**
 * The alias a child gets from one of its parent's aliases: same type under the aliased parent, and
 * when the child's name starts with the parent's name, that prefix swapped for the alias's name.
 */
export function inheritedChildAlias(childType: string, childName: string, parentName: string, parentAlias: string): string {
  const [, stack = "", project = ""] = /^urn:pulumi:([^:]*)::([^:]*)::/.exec(parentAlias) ?? [];
  const aliasParentName = parentAlias.split("::").pop() ?? "";
  const name = childName.startsWith(parentName) ? aliasParentName + childName.slice(parentName.length) : childName;
  return urnOf(stack, project, parentAlias, childType, name);
}
