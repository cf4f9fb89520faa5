import * as pulumi from "@pulumi/pulumi";
import { ObservabilityLink as Link, ObservabilitySink as Sink } from "../components/monitoring";

/** Who may link to the monitoring account's sink, and which API-call metrics its dashboard shows. */
export interface ObservabilitySinkArgs {
  /** Accounts allowed to link to the sink (12-digit ids). */
  accountIds?: string[];
  /** Or every account of this AWS Organizations organization (o-…). */
  organizationId?: string;
  /** Namespace of the API-call metrics in the source accounts. */
  apiCallNamespace: string;
  /** Metric name of the API-call metrics (default CallCount). */
  apiCallMetricName?: string;
}

/** The monitoring account's OAM sink and cross-account dashboard, for programs in other languages. */
export class ObservabilitySink extends pulumi.ComponentResource {
  /** The sink's ARN: what the source accounts' links attach to (in this Region only). */
  public readonly sinkArn: pulumi.Output<string>;
  /** The cross-account dashboard's name. */
  public readonly dashboardName: pulumi.Output<string>;
  /** The cross-account dashboard's console URL. */
  public readonly dashboardUrl: pulumi.Output<string>;

  constructor(name: string, args: ObservabilitySinkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("api-usage-insights:index:ObservabilitySink", name, args, opts);
    const sink = new Sink(name, args, { parent: this });
    this.sinkArn = sink.sinkArn;
    this.dashboardName = sink.dashboardName;
    this.dashboardUrl = sink.dashboardUrl;
    this.registerOutputs({ sinkArn: this.sinkArn, dashboardName: this.dashboardName, dashboardUrl: this.dashboardUrl });
  }
}

/** The sink a source account links to. */
export interface ObservabilityLinkArgs {
  /** The monitoring account's sink ARN, in this stack's Region. */
  sinkArn: pulumi.Input<string>;
}

/** A source account's link to the monitoring sink, for programs in other languages. */
export class ObservabilityLink extends pulumi.ComponentResource {
  /** The link's ARN. */
  public readonly linkArn: pulumi.Output<string>;

  constructor(name: string, args: ObservabilityLinkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("api-usage-insights:index:ObservabilityLink", name, args, opts);
    const link = new Link(name, args, { parent: this });
    this.linkArn = link.linkArn;
    this.registerOutputs({ linkArn: this.linkArn });
  }
}
