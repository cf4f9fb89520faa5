/** CloudTrail: multi-region, log file validation, KMS, CloudWatch Logs (AWS FSBP CloudTrail.1, .4, .2, .5; CIS 3.x). */
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "./aws";
import { isProvided } from "./lib";

export const cloudtrailMultiRegion: ResourceValidationPolicy = {
  name: "cloudtrail-multi-region",
  description: "Every CloudTrail trail records all regions (isMultiRegionTrail), so API calls in an unused region are not missed.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.cloudtrail.Trail, (trail, args, report) => {
    if (trail.isMultiRegionTrail !== true) report(`trail ${args.name} records one region only; set isMultiRegionTrail to true`);
  }),
};

export const cloudtrailLogFileValidation: ResourceValidationPolicy = {
  name: "cloudtrail-log-file-validation",
  description: "Every CloudTrail trail writes digest files (enableLogFileValidation), so tampering with delivered logs can be detected.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.cloudtrail.Trail, (trail, args, report) => {
    if (trail.enableLogFileValidation !== true) report(`trail ${args.name} does not validate its log files; set enableLogFileValidation to true`);
  }),
};

export const cloudtrailKmsEncryption: ResourceValidationPolicy = {
  name: "cloudtrail-kms-encryption",
  description: "Every CloudTrail trail encrypts its log files with a KMS key (kmsKeyId) rather than only SSE-S3.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.cloudtrail.Trail, (trail, args, report) => {
    // A key ARN a preview does not know yet is a key that will be set: decided, not skipped.
    if (!isProvided(trail, "kmsKeyId")) report(`trail ${args.name} does not encrypt its logs with a KMS key; set kmsKeyId`);
  }),
};

export const cloudtrailCloudWatchLogs: ResourceValidationPolicy = {
  name: "cloudtrail-cloudwatch-logs",
  description: "Every CloudTrail trail also delivers to a CloudWatch Logs group (cloudWatchLogsGroupArn and cloudWatchLogsRoleArn), where metric filters and subscriptions can act on it.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.cloudtrail.Trail, (trail, args, report) => {
    const missing = ["cloudWatchLogsGroupArn", "cloudWatchLogsRoleArn"].filter((key) => !isProvided(trail, key));
    if (missing.length > 0) report(`trail ${args.name} does not deliver to CloudWatch Logs; set ${missing.join(" and ")}`);
  }),
};

export const CLOUDTRAIL_POLICIES = [cloudtrailMultiRegion, cloudtrailLogFileValidation, cloudtrailKmsEncryption, cloudtrailCloudWatchLogs];
