/**
 * A function's AWS permissions, declared next to the calls its code makes: each SDK command (or
 * platform action, such as Lambda sending a failed async event to the function's destination) with
 * the IAM actions it needs and the resource slot it touches. The component fills the slots with
 * concrete ARNs and builds the role policy from this declaration (components/shared/iam.ts); tests
 * prove every command in the handler's code is declared and that the policy allows each call.
 */
export interface Grant<R extends string> {
  /** Statement id; grants of one Sid and resource are merged into one statement. */
  readonly sid: string;
  readonly actions: readonly string[];
  /** The slot whose ARNs the actions apply to; "*" for actions without resource-level permissions. */
  readonly resource: R | "*";
  /** Appended to every ARN of the slot (e.g. ":*" for log streams, "/*" for objects); "" keeps it. */
  readonly suffixes?: readonly string[];
  /** A condition the call always satisfies, with its value taken from a slot (e.g. the namespace). */
  readonly condition?: { readonly operator: "StringEquals"; readonly key: string; readonly valuesFrom: R };
  /** KMS actions needed on the stack's key when the slot's data is encrypted with it. */
  readonly kms?: readonly string[];
}

export interface Call<R extends string> {
  /** The SDK command class (`PutMetricDataCommand`), or a platform action (`lambda:OnFailureDestination`). */
  readonly command: string;
  /** The SDK client package, or "platform" for actions AWS takes with the function's role. */
  readonly client: string;
  readonly grants: readonly Grant<R>[];
}

export interface Permissions<R extends string> {
  readonly functionName: string;
  /** Each slot and what it holds. */
  readonly resources: Readonly<Record<R, string>>;
  readonly calls: readonly Call<R>[];
}

export function declarePermissions<R extends string>(permissions: Permissions<R>): Permissions<R> {
  const sids = new Map<string, string>();
  for (const call of permissions.calls) {
    for (const grant of call.grants) {
      const key = `${grant.resource}|${(grant.suffixes ?? [""]).join(",")}|${JSON.stringify(grant.condition ?? null)}`;
      const seen = sids.get(grant.sid);
      if (seen !== undefined && seen !== key) throw new Error(`${permissions.functionName}: grant ${grant.sid} is declared twice with different resources`);
      sids.set(grant.sid, key);
    }
  }
  return permissions;
}

/** Every IAM action the function may need, for a given set of filled slots. */
export function actionsOf<R extends string>(permissions: Permissions<R>): string[] {
  return [...new Set(permissions.calls.flatMap((c) => c.grants.flatMap((g) => g.actions)))].sort();
}

/** The actions every Lambda function needs to write its own log group (the runtime, not its code). */
export const FUNCTION_LOGGING_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents"] as const;
/** What a role needs on the key that encrypts its function's environment. */
export const ENVIRONMENT_KEY_ACTIONS = ["kms:Decrypt"] as const;
