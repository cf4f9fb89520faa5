/** Every policy of the pack, by service. Tests and the offline runner import this, never index.ts. */
import type { Policy } from "@pulumi/policy";
import { APIGATEWAY_POLICIES } from "./apigateway";
import { ATHENA_POLICIES } from "./athena";
import { CLOUDTRAIL_POLICIES } from "./cloudtrail";
import { CLOUDWATCH_LOGS_POLICIES } from "./cloudwatch-logs";
import { FIREHOSE_POLICIES } from "./firehose";
import { IAM_POLICIES } from "./iam";
import { KMS_POLICIES } from "./kms";
import { LAMBDA_POLICIES } from "./lambda";
import { QUICKSIGHT_POLICIES } from "./quicksight";
import { S3_POLICIES } from "./s3";
import { TAG_POLICIES } from "./tags";

export const PACK_NAME = "api-usage-insights";

export const ALL_POLICIES: Policy[] = [
  ...S3_POLICIES,
  ...CLOUDTRAIL_POLICIES,
  ...KMS_POLICIES,
  ...CLOUDWATCH_LOGS_POLICIES,
  ...LAMBDA_POLICIES,
  ...FIREHOSE_POLICIES,
  ...ATHENA_POLICIES,
  ...APIGATEWAY_POLICIES,
  ...IAM_POLICIES,
  ...QUICKSIGHT_POLICIES,
  ...TAG_POLICIES,
];
