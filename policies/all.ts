/** Every policy of the pack, by service. Tests and the offline runner import this, never index.ts. */
import type { Policy } from "@pulumi/policy";
import { CLOUDWATCH_LOGS_POLICIES } from "./cloudwatch-logs";
import { LAMBDA_POLICIES } from "./lambda";
import { S3_POLICIES } from "./s3";

export const PACK_NAME = "api-usage-insights";

export const ALL_POLICIES: Policy[] = [...S3_POLICIES, ...CLOUDWATCH_LOGS_POLICIES, ...LAMBDA_POLICIES];
