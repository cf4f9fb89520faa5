/**
 * ARNs built from a resource's name, in the formats AWS documents, for IAM documents. A first
 * `pulumi preview` knows a new resource's name (the provider picks an auto-name in Check) but not
 * its `arn`, so a document built from names is known in preview and the policy pack can check it
 * before the resources exist.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "./aws";

/** Where the resources are: the partition, Region and account their ARNs name. */
export interface ArnPlace {
  readonly partition: pulumi.Input<string>;
  readonly region: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
}

/** A place as the provider sees it: what `placeOf` gives, each part an output. */
export interface DeployedPlace extends ArnPlace {
  readonly partition: pulumi.Output<string>;
  readonly region: pulumi.Output<string>;
  readonly accountId: pulumi.Output<string>;
}

/** The place of resources declared with `opts` (its parent's provider decides the Region). */
export function placeOf(opts: pulumi.InvokeOptions): DeployedPlace {
  return {
    partition: aws.getPartitionOutput({}, opts).partition,
    region: aws.getRegionOutput({}, opts).region,
    accountId: aws.getCallerIdentityOutput({}, opts).accountId,
  };
}

type Name = pulumi.Input<string>;

export const arnOf = {
  logGroup: (at: ArnPlace, name: Name) => pulumi.interpolate`arn:${at.partition}:logs:${at.region}:${at.accountId}:log-group:${name}`,
  lambdaFunction: (at: ArnPlace, name: Name) => pulumi.interpolate`arn:${at.partition}:lambda:${at.region}:${at.accountId}:function:${name}`,
  queue: (at: ArnPlace, name: Name) => pulumi.interpolate`arn:${at.partition}:sqs:${at.region}:${at.accountId}:${name}`,
  deliveryStream: (at: ArnPlace, name: Name) => pulumi.interpolate`arn:${at.partition}:firehose:${at.region}:${at.accountId}:deliverystream/${name}`,
};
