import type * as pulumi from "@pulumi/pulumi";
import type * as awsNative from "../shared/aws-native";
import { ConnectionError, type QuickSightConnection } from "./connection";

/**
 * The aws-native provider settings that reach AWS as the stack's AWS provider does. What the
 * aws-native provider cannot take is refused here, naming the key, rather than dropped: it reads one
 * credentials file and no config file, assumes one role, and takes no endpoint we can pass it safely
 * (its schema types `endpoints` as a list, its Configure reads a map). Pure: the component adds the
 * Region and the account.
 */
export type NativeProviderSettings = Pick<awsNative.ProviderArgs, "profile" | "sharedCredentialsFile" | "assumeRole" | "defaultTags" | "skipCredentialsValidation">;

const INSTEAD = `pass an aws-native provider configured for it in the component's providers ("aws-native")`;

export function nativeProviderSettings(connection: QuickSightConnection): NativeProviderSettings {
  const problems: string[] = [];
  const { profile, sharedCredentialsFiles = [], sharedConfigFiles = [], assumeRoles = [], endpoints = {}, defaultTags } = connection;
  if (sharedCredentialsFiles.length > 1) {
    problems.push(
      `aws:sharedCredentialsFiles lists ${sharedCredentialsFiles.length} files; the aws-native provider of the QuickSight analysis and dashboard reads one: list one, or ${INSTEAD}`,
    );
  }
  if (sharedConfigFiles.length > 0) {
    problems.push(
      `aws:sharedConfigFiles is set (${JSON.stringify(sharedConfigFiles)}); the aws-native provider of the QuickSight analysis and dashboard takes no config file: set AWS_CONFIG_FILE for the deployment instead (both providers read it), or ${INSTEAD}`,
    );
  }
  if (assumeRoles.length > 1) {
    problems.push(
      `aws:assumeRoles chains ${assumeRoles.length} roles; the aws-native provider of the QuickSight analysis and dashboard assumes one: name the first ${assumeRoles.length - 1} in a profile (role_arn and source_profile) set as aws:profile and keep the last here, or ${INSTEAD}`,
    );
  }
  for (const service of ["sts", "cloudcontrol"] as const) {
    if (endpoints[service]) problems.push(`aws:endpoints sets ${service} (${endpoints[service]}); the component cannot hand it to its aws-native provider: ${INSTEAD}`);
  }
  if (problems.length > 0) throw new ConnectionError(problems);

  const [role] = assumeRoles;
  return {
    ...(profile ? { profile } : {}),
    ...(sharedCredentialsFiles[0] ? { sharedCredentialsFile: sharedCredentialsFiles[0] } : {}),
    ...(role
      ? {
          assumeRole: {
            roleArn: role.roleArn,
            ...(role.sessionName ? { sessionName: role.sessionName } : {}),
            ...(role.externalId ? { externalId: role.externalId } : {}),
            ...(role.durationSeconds ? { durationSeconds: role.durationSeconds } : {}),
          },
        }
      : {}),
    ...(defaultTags ? { defaultTags: { tags: { ...defaultTags } } } : {}),
    // The SDK skips the caller-identity check by default, and with it the account pin.
    skipCredentialsValidation: false,
  };
}

/** The whole provider args: the settings, the Region the AWS provider deploys to and the account it deploys into. */
export function nativeProviderArgs(settings: NativeProviderSettings, region: pulumi.Input<string>, awsAccountId: pulumi.Input<string>): awsNative.ProviderArgs {
  return { ...settings, region: region as pulumi.Input<awsNative.Region>, allowedAccountIds: [awsAccountId] };
}
