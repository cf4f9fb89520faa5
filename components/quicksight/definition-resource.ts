import type { AnalysisDefinition, DashboardPublishOptions, DashboardVersionDefinition, ResourcePermission } from "@aws-sdk/client-quicksight";
import * as pulumi from "@pulumi/pulumi";
import type { QuickSightConnection } from "./connection";
import { createQuickSightDefinitionProvider, type QuickSightAssetKind } from "./definition-provider";

export type { QuickSightAssetKind, QuickSightDefinitionInputs, QuickSightDefinitionOutputs, ProviderOptions } from "./definition-provider";
export { createQuickSightDefinitionProvider } from "./definition-provider";

/**
 * A QuickSight analysis or dashboard deployed from a full `Definition`. @pulumi/aws cannot express
 * definitions (pulumi-aws#2525), so this is a dynamic resource backed by @aws-sdk/client-quicksight.
 * A change of kind, account, region or id replaces the asset; any other change updates it in
 * place (dashboards: a new version, then published), and only when the canonical JSON of name,
 * definition, options or permissions actually changed.
 */
export interface QuickSightDefinitionArgs {
  readonly kind: pulumi.Input<QuickSightAssetKind>;
  readonly awsAccountId: pulumi.Input<string>;
  readonly region: pulumi.Input<string>;
  readonly assetId: pulumi.Input<string>;
  readonly name: pulumi.Input<string>;
  readonly definition: pulumi.Input<AnalysisDefinition | DashboardVersionDefinition>;
  readonly permissions: pulumi.Input<pulumi.Input<ResourcePermission>[]>;
  readonly themeArn?: pulumi.Input<string>;
  readonly dashboardPublishOptions?: pulumi.Input<DashboardPublishOptions>;
  readonly versionDescription?: pulumi.Input<string>;
  /** The stack's AWS settings for the provider's QuickSight client (see connection.ts). */
  readonly connection?: pulumi.Input<QuickSightConnection>;
}

const provider = createQuickSightDefinitionProvider();

/** Type token: `pulumi-nodejs:dynamic/quicksight:QuickSightDefinition`. */
export class QuickSightDefinition extends pulumi.dynamic.Resource {
  declare public readonly arn: pulumi.Output<string>;
  /** Dashboards: the published version number. */
  declare public readonly versionNumber: pulumi.Output<number | undefined>;
  declare public readonly contentHash: pulumi.Output<string>;
  declare public readonly assetId: pulumi.Output<string>;

  constructor(name: string, args: QuickSightDefinitionArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      { ...args, arn: undefined, versionNumber: undefined, contentHash: undefined, permissionsHash: undefined },
      opts,
      "quicksight",
      "QuickSightDefinition",
    );
  }
}
