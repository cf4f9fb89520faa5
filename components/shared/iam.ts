/**
 * IAM policy documents as plain data. Builders here are pure: they return JSON-ready objects whose
 * leaves may be Pulumi inputs; wiring code turns them into strings with `pulumi.jsonStringify`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Grant, Permissions } from "../../contracts/permissions";

export type Condition = Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[] | boolean>>;

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource?: pulumi.Input<string> | pulumi.Input<string>[];
  Principal?: "*" | { Service?: string | string[]; AWS?: pulumi.Input<string> | pulumi.Input<string>[] };
  Condition?: Condition;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** Trust policy for a role assumed by an AWS service, optionally pinned to this account. */
export function assumeRolePolicy(service: string, sourceAccount?: pulumi.Input<string>): PolicyDocument {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sts:AssumeRole",
      ...(sourceAccount ? { Condition: { StringEquals: { "aws:SourceAccount": sourceAccount } } } : {}),
    },
  ]);
}

/** A document as the JSON string IAM and S3 take. */
export function toJson(doc: PolicyDocument): pulumi.Output<string> {
  return pulumi.jsonStringify(doc);
}

/** Concrete values for a permissions declaration's slots; an absent or empty slot grants nothing. */
export type Slots<R extends string> = { readonly [K in R]?: readonly pulumi.Input<string>[] };

/**
 * A function's role statements, built from its permissions declaration (contracts/functions/*):
 * one statement per Sid, its actions merged; plus one statement for the stack's KMS key with every
 * KMS action a granted call needs on encrypted data.
 */
export function statementsFor<R extends string>(permissions: Permissions<R>, slots: Slots<R>, kmsKeyArn?: pulumi.Input<string>): PolicyStatement[] {
  const bySid = new Map<string, { actions: Set<string>; grant: Grant<R> }>();
  const kmsActions = new Set<string>();
  for (const call of permissions.calls) {
    for (const grant of call.grants) {
      if (grant.resource !== "*" && !(slots[grant.resource as R]?.length)) continue;
      if (grant.condition && !(slots[grant.condition.valuesFrom]?.length)) continue;
      const entry = bySid.get(grant.sid) ?? { actions: new Set<string>(), grant };
      grant.actions.forEach((a) => entry.actions.add(a));
      bySid.set(grant.sid, entry);
      if (kmsKeyArn) grant.kms?.forEach((a) => kmsActions.add(a));
    }
  }
  const statements: PolicyStatement[] = [...bySid.entries()].map(([sid, { actions, grant }]) => {
    const list = [...actions];
    const resource =
      grant.resource === "*"
        ? "*"
        : (slots[grant.resource as R] ?? []).flatMap((arn) => (grant.suffixes ?? [""]).map((suffix) => (suffix ? pulumi.interpolate`${arn}${suffix}` : arn)));
    return {
      Sid: sid,
      Effect: "Allow" as const,
      Action: list.length === 1 ? list[0] : list,
      Resource: Array.isArray(resource) && resource.length === 1 ? resource[0] : resource,
      ...(grant.condition
        ? { Condition: { [grant.condition.operator]: { [grant.condition.key]: singleOrList(slots[grant.condition.valuesFrom] ?? []) } } }
        : {}),
    };
  });
  if (kmsKeyArn && kmsActions.size) {
    statements.push({ Sid: "UseStackKey", Effect: "Allow", Action: [...kmsActions].sort(), Resource: kmsKeyArn });
  }
  return statements;
}

function singleOrList(values: readonly pulumi.Input<string>[]): pulumi.Input<string> | pulumi.Input<string>[] {
  return values.length === 1 ? values[0] : [...values];
}
