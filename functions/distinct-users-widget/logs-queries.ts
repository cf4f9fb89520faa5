/**
 * The Logs Insights query strings of the exact count. All of them share one base (user field,
 * optional filter, drop missing users) and differ only in the key-space part they look at:
 *
 * - total:    `stats count(*) as events`                         → matching events, one row
 * - discover: `stats count(*) as events by substr(user, 0, d+1)` → exact events per child prefix
 * - count:    `stats count(*) as n by user
 *              | stats count(*) as users, sum(n) as events by substr(user, 0, d)`
 *             → per part: distinct users and the sum of per-user counts that survived
 *
 * A part is the set of users whose first d characters equal a prefix; parts of one depth are
 * disjoint, and the children of a part (one more character) cover it.
 */
import { logsIdentityPresent } from "../../contracts/identity";

export interface QueryBase {
  userField: string;
  filter?: string;
}

/** Logs Insights string literal: double quotes, backslash escapes. */
export function quoteLiteral(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function baseCommands(base: QueryBase): string[] {
  const commands = [`fields ${base.userField} as user`];
  if (base.filter !== undefined) commands.push(`filter ${base.filter}`);
  // "-" (API Gateway's missing value), "" and blanks are no user: the rule of contracts/identity.ts.
  commands.push(`filter ${logsIdentityPresent("user")}`);
  return commands;
}

function partFilter(depth: number, prefixes: readonly string[] | undefined): string[] {
  if (prefixes === undefined) return [];
  return [`filter substr(user, 0, ${depth}) in [${prefixes.map(quoteLiteral).join(", ")}]`];
}

export function totalQuery(base: QueryBase): string {
  return [...baseCommands(base), "stats count(*) as events"].join("\n| ");
}

/** Exact events per child (depth + 1 characters) of the given parts (all users when undefined). */
export function discoverQuery(base: QueryBase, depth: number, parents: readonly string[] | undefined): string {
  return [
    ...baseCommands(base),
    ...partFilter(depth, parents),
    `stats count(*) as events by substr(user, 0, ${depth + 1}) as prefix`,
  ].join("\n| ");
}

/**
 * Distinct users and surviving per-user counts for each part of `depth` characters, restricted to
 * `parts` (all users when undefined).
 */
export function countQuery(base: QueryBase, depth: number, parts: readonly string[] | undefined): string {
  return [
    ...baseCommands(base),
    ...partFilter(depth, parts),
    "stats count(*) as n by user",
    `stats count(*) as users, sum(n) as events by substr(user, 0, ${depth}) as prefix`,
  ].join("\n| ");
}

/** StartQuery accepts query strings up to 10,000 characters; stay well below. */
export const MAX_QUERY_LENGTH = 9_000;
