import * as pulumi from "@pulumi/pulumi";
import * as aws from "./aws";

export const LOG_GROUP_DEFAULTS = {
  retentionInDays: 30,
};

export interface SecureLogGroupArgs {
  /** Physical name; auto-named when omitted. */
  logGroupName?: pulumi.Input<string>;
  retentionInDays?: number;
  /** Customer-managed KMS key; the key policy must allow the CloudWatch Logs service principal. */
  kmsKeyArn?: pulumi.Input<string>;
}

/** A log group that never keeps logs forever: retention defaults to 30 days, KMS optional. */
export function secureLogGroup(name: string, args: SecureLogGroupArgs, opts: pulumi.CustomResourceOptions): aws.cloudwatch.LogGroup {
  return new aws.cloudwatch.LogGroup(
    name,
    {
      name: args.logGroupName,
      retentionInDays: args.retentionInDays ?? LOG_GROUP_DEFAULTS.retentionInDays,
      kmsKeyId: args.kmsKeyArn || undefined,
    },
    opts,
  );
}
