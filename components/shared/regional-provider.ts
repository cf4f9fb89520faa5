import * as pulumi from "@pulumi/pulumi";
import * as aws from "./aws";

/**
 * An explicit AWS provider for another Region. An explicit provider reads none of the stack's `aws:`
 * config, so the settings that say who deploys where, and how resources are tagged, are copied:
 * without them a second Region would deploy with other credentials, to any account, untagged.
 */
export function regionalProvider(name: string, region: string, opts?: pulumi.CustomResourceOptions): aws.Provider {
  const config = new pulumi.Config("aws");
  const args: aws.ProviderArgs = {
    region: region as aws.Region,
    profile: config.get("profile"),
    sharedCredentialsFiles: config.getObject<string[]>("sharedCredentialsFiles"),
    sharedConfigFiles: config.getObject<string[]>("sharedConfigFiles"),
    assumeRoles: config.getObject<aws.types.input.ProviderAssumeRole[]>("assumeRoles"),
    allowedAccountIds: config.getObject<string[]>("allowedAccountIds"),
    defaultTags: config.getObject<aws.types.input.ProviderDefaultTags>("defaultTags"),
  };
  const defined = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as aws.ProviderArgs;
  return new aws.Provider(name, defined, opts);
}
