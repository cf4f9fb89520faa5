/** Lambda: supported runtimes (AWS FSBP Lambda.2). */
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";

/** Node.js runtimes Lambda still supports; nodejs20.x is past its deprecation date. */
export const SUPPORTED_RUNTIMES = ["nodejs24.x", "nodejs22.x", "python3.13", "python3.12", "java21", "dotnet8", "provided.al2023"];

export const lambdaSupportedRuntime: ResourceValidationPolicy = {
  name: "lambda-supported-runtime",
  description: "Every Lambda function uses a runtime Lambda still supports.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: { allowedRuntimes: { type: "array", items: { type: "string" }, default: SUPPORTED_RUNTIMES } },
  },
  validateResource: validateResourceOfType(aws.lambda.Function, (fn, args, report) => {
    const { allowedRuntimes } = args.getConfig<{ allowedRuntimes: string[] }>();
    if (fn.packageType === "Image") return;
    if (!fn.runtime || !allowedRuntimes.includes(fn.runtime)) {
      report(`function ${args.name} uses runtime ${fn.runtime ?? "(none)"}; expected one of ${allowedRuntimes.join(", ")}`);
    }
  }),
};

export const LAMBDA_POLICIES = [lambdaSupportedRuntime];
