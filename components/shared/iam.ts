/**
 * IAM policy documents as plain data. Builders here are pure: they return JSON-ready objects whose
 * leaves may be Pulumi inputs; wiring code turns them into strings with `pulumi.jsonStringify`.
 */
import * as pulumi from "@pulumi/pulumi";

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
