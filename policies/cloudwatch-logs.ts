/** CloudWatch Logs: retention set and within a range (AWS FSBP CloudWatch.16; CIS 3.x log retention). */
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "./aws";
import { LOG_RETENTION_LIMITS } from "../contracts/runtimes";

export const logGroupRetention: ResourceValidationPolicy = {
  name: "cloudwatch-log-group-retention",
  description: "Every log group sets retentionInDays, within the configured range (never 'keep forever').",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      // The project's own limits: stack config refuses what this policy would refuse.
      minDays: { type: "integer", default: LOG_RETENTION_LIMITS.minDays, description: "Shortest retention allowed." },
      maxDays: { type: "integer", default: LOG_RETENTION_LIMITS.maxDays, description: "Longest retention allowed." },
    },
  },
  validateResource: validateResourceOfType(aws.cloudwatch.LogGroup, (group, args, report) => {
    const { minDays, maxDays } = args.getConfig<{ minDays: number; maxDays: number }>();
    const days = group.retentionInDays;
    if (days === undefined || days === null || days === 0) {
      report(`log group ${args.name} keeps logs forever; set retentionInDays between ${minDays} and ${maxDays}`);
    } else if (days < minDays || days > maxDays) {
      report(`log group ${args.name} retains logs for ${days} days; expected between ${minDays} and ${maxDays}`);
    }
  }),
};

export const CLOUDWATCH_LOGS_POLICIES = [logGroupRetention];
