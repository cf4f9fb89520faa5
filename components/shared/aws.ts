// The parts of @pulumi/aws the components use, under the names the package's root gives them, so
// code reads `aws.s3.Bucket` as usual. The root itself is not imported: it would make every program
// that type-checks this code (npm run typecheck, the CLI's ts-node on each preview, the component
// package) parse and bind the declarations of every AWS service. Add a service here when a component
// needs it; eslint refuses the root.
export * as athena from "@pulumi/aws/athena";
export * as cloudtrail from "@pulumi/aws/cloudtrail";
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as glue from "@pulumi/aws/glue";
export * as iam from "@pulumi/aws/iam";
export * as kinesis from "@pulumi/aws/kinesis";
export * as kms from "@pulumi/aws/kms";
export * as lambda from "@pulumi/aws/lambda";
export * as oam from "@pulumi/aws/oam";
export * as quicksight from "@pulumi/aws/quicksight";
export * as s3 from "@pulumi/aws/s3";
export * as sqs from "@pulumi/aws/sqs";
export * as types from "@pulumi/aws/types";
export { Region } from "@pulumi/aws/types/enums";
export { Provider, type ProviderArgs } from "@pulumi/aws/provider";
export { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
export { getPartitionOutput } from "@pulumi/aws/getPartition";
export { getRegionOutput } from "@pulumi/aws/getRegion";
