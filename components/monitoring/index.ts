import * as pulumi from "@pulumi/pulumi";
import * as aws from "../shared/aws";
import { DEFAULT_API_CALL_METRIC_NAME } from "../dashboard/metrics/api-calls";
import { toJson } from "../shared/iam";
import { buildCrossAccountDashboardBody, planCrossAccountSegments } from "./cross-account-body";
import { SHARED_RESOURCE_TYPES, SinkAudience, sinkPolicy } from "./sink-policy";

export { buildCrossAccountDashboardBody, planCrossAccountSegments, type CrossAccountDashboardInput } from "./cross-account-body";
export { SHARED_RESOURCE_TYPES, sinkPolicy } from "./sink-policy";
export { sinkForRegion, type PublishedSinks } from "./sink-for-region";

export interface ObservabilitySinkArgs extends SinkAudience {
  /** Namespace and metric name of the API-call metrics in the source accounts (name default CallCount). */
  apiCallNamespace: string;
  apiCallMetricName?: string;
}

/**
 * The monitoring account's side of CloudWatch cross-account observability: an OAM sink that the
 * listed accounts (or the organization) may link to, and a dashboard over every linked account.
 */
export class ObservabilitySink extends pulumi.ComponentResource {
  readonly sinkArn: pulumi.Output<string>;
  readonly dashboardName: pulumi.Output<string>;
  readonly dashboardUrl: pulumi.Output<string>;

  constructor(name: string, args: ObservabilitySinkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("api-usage:monitoring:ObservabilitySink", name, {}, opts);
    const parent = { parent: this };
    const policy = sinkPolicy(args);

    const sink = new aws.oam.Sink(name, { name: `${name}-${pulumi.getStack()}` }, parent);
    new aws.oam.SinkPolicy(`${name}-policy`, { sinkIdentifier: sink.arn, policy: toJson(policy) }, parent);

    const region = aws.getRegionOutput({}, parent).region;
    const bodyInput = {
      accountIds: args.accountIds ?? [],
      apiCallNamespace: args.apiCallNamespace,
      apiCallMetricName: args.apiCallMetricName ?? DEFAULT_API_CALL_METRIC_NAME,
    };
    // Bad account ids or metric names fail here, at declaration, rather than inside the apply.
    planCrossAccountSegments(bodyInput);
    const dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      {
        dashboardName: `${name}-${pulumi.getStack()}`,
        dashboardBody: region.apply((r) => JSON.stringify(buildCrossAccountDashboardBody({ region: r, ...bodyInput }))),
      },
      parent,
    );

    this.sinkArn = sink.arn;
    this.dashboardName = dashboard.dashboardName;
    this.dashboardUrl = pulumi.interpolate`https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${dashboard.dashboardName}`;
    this.registerOutputs({ sinkArn: this.sinkArn, dashboardName: this.dashboardName, dashboardUrl: this.dashboardUrl });
  }
}

export interface ObservabilityLinkArgs {
  /** The monitoring account's sink ARN (from its stack's `oamSinkArn` output or config). */
  sinkArn: pulumi.Input<string>;
}

/** A source account's link to the monitoring sink, sharing metrics and log groups. */
export class ObservabilityLink extends pulumi.ComponentResource {
  readonly linkArn: pulumi.Output<string>;

  constructor(name: string, args: ObservabilityLinkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("api-usage:monitoring:ObservabilityLink", name, {}, opts);
    const link = new aws.oam.Link(
      name,
      { sinkIdentifier: args.sinkArn, labelTemplate: "$AccountName", resourceTypes: [...SHARED_RESOURCE_TYPES] },
      { parent: this },
    );
    this.linkArn = link.arn;
    this.registerOutputs({ linkArn: this.linkArn });
  }
}
