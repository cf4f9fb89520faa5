import * as pulumi from "@pulumi/pulumi";
import { logGroupStageAccessLogSettings, restStageAccessLogSettings } from "../components/app";
import { UNVERSIONED_CONTRACT } from "../contracts/outputs";

const API_TYPES = ["REST", "HTTP", "WEBSOCKET"];

/** Which stage to configure, and which api-usage-insights stack it reports to. */
export interface StageAccessLogsArgs {
  /** The api-usage-insights stack, as a StackReference name: organization/api-usage-insights/prod. */
  insightsStack: string;
  /** REST, HTTP or WEBSOCKET. */
  apiType: string;
  /** The API's name in the insights stack's `apis` config; required for HTTP and WebSocket stages and for REST stages delivered through CloudWatch Logs. */
  apiName?: string;
  /** For REST: true when the stage logs to CloudWatch Logs (delivery cloudwatch) instead of Firehose. */
  restViaCloudWatchLogs?: boolean;
}

/**
 * The access-log settings of one API Gateway stage, read from an api-usage-insights stack's
 * outputs: put `destinationArn` and `format` in the stage's access-log settings.
 */
export class StageAccessLogs extends pulumi.ComponentResource {
  /** Where the stage sends its access logs: the Firehose stream (REST) or the API's log group. */
  public readonly destinationArn: pulumi.Output<string>;
  /** The access-log format ($context JSON) the stack's enricher reads. */
  public readonly format: pulumi.Output<string>;
  /** The output-contract version the insights stack publishes. */
  public readonly contractVersion: pulumi.Output<string>;

  constructor(name: string, args: StageAccessLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("api-usage-insights:index:StageAccessLogs", name, args, opts);
    if (!API_TYPES.includes(args.apiType)) throw new Error(`StageAccessLogs ${name}: apiType must be one of ${API_TYPES.join(", ")}, got ${JSON.stringify(args.apiType)}`);
    const logGroup = args.apiType !== "REST" || args.restViaCloudWatchLogs === true;
    if (logGroup && !args.apiName) throw new Error(`StageAccessLogs ${name}: apiName is required for ${args.apiType}${args.apiType === "REST" ? " stages logging to CloudWatch Logs" : " stages"}, got none`);
    const insights = new pulumi.StackReference(`${name}-insights`, { name: args.insightsStack }, { parent: this });
    const settings = logGroup
      ? logGroupStageAccessLogSettings(insights, args.apiName!, args.apiType as "REST" | "HTTP" | "WEBSOCKET")
      : restStageAccessLogSettings(insights);
    this.destinationArn = settings.destinationArn;
    this.format = settings.format;
    this.contractVersion = insights.getOutput("contractVersion").apply((v) => (typeof v === "string" ? v : UNVERSIONED_CONTRACT));
    this.registerOutputs({ destinationArn: this.destinationArn, format: this.format, contractVersion: this.contractVersion });
  }
}
