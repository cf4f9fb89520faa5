// @pulumi/aws-native's provider, restated: its provider.d.ts imports the package's root (for `Region`),
// which would put every service's declarations back into each program that type-checks this code. The
// class comes through a require TypeScript does not follow, typed here;
// test/components/quicksight/native-definition.test.ts holds these types to the package's own.
import type * as pulumi from "@pulumi/pulumi";
import type { Region } from "@pulumi/aws-native/types/enums";
import type * as inputs from "@pulumi/aws-native/types/input";

/** The members of @pulumi/aws-native's ProviderArgs this project sets, typed as the package types them. */
export interface ProviderArgs {
  region: pulumi.Input<Region>;
  allowedAccountIds?: pulumi.Input<pulumi.Input<string>[] | undefined>;
  assumeRole?: pulumi.Input<inputs.ProviderAssumeRoleArgs | undefined>;
  defaultTags?: pulumi.Input<inputs.ProviderDefaultTagsArgs | undefined>;
  profile?: pulumi.Input<string | undefined>;
  sharedCredentialsFile?: pulumi.Input<string | undefined>;
  skipCredentialsValidation?: pulumi.Input<boolean | undefined>;
}

/** An aws-native provider (type `pulumi:providers:aws-native`). */
export type Provider = pulumi.ProviderResource;

interface ProviderClass {
  new (name: string, args: ProviderArgs, opts?: pulumi.ResourceOptions): Provider;
  isInstance(obj: unknown): obj is Provider;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const Provider = (require("@pulumi/aws-native/provider") as { Provider: ProviderClass }).Provider;
