// The parts of @pulumi/aws the policies name, under the names the package's root gives them, so a rule
// reads `validateResourceOfType(aws.s3.Bucket, …)` as usual. The root itself is not imported: it would
// make the CLI's type-check of this pack parse and bind the declarations of every AWS service. Add a
// service here when a policy needs it; eslint refuses the root.
export * as apigateway from "@pulumi/aws/apigateway";
export * as apigatewayv2 from "@pulumi/aws/apigatewayv2";
export * as athena from "@pulumi/aws/athena";
export * as cloudtrail from "@pulumi/aws/cloudtrail";
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as kinesis from "@pulumi/aws/kinesis";
export * as kms from "@pulumi/aws/kms";
export * as lambda from "@pulumi/aws/lambda";
export * as s3 from "@pulumi/aws/s3";
export * as sns from "@pulumi/aws/sns";
