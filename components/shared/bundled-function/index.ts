import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { ENVIRONMENT_KEY_ACTIONS, FUNCTION_LOGGING_ACTIONS } from "../../../contracts/permissions";
import { arnOf, placeOf } from "../arns";
import { PolicyStatement, assumeRolePolicy, policyDocument, toJson } from "../iam";
import { secureLogGroup } from "../log-group";
import { packageRoot } from "../package-root";
import { FUNCTION_DEFAULTS, LambdaArchitecture, LambdaRuntime } from "./defaults";

export { FUNCTION_DEFAULTS } from "./defaults";
export type { LambdaArchitecture, LambdaRuntime } from "./defaults";

export interface BundledFunctionArgs {
  /** The folder under functions/ (and dist/functions/) holding the handler. */
  bundle: string;
  description?: string;
  /** Least-privilege statements for the function's inline policy (logging is added for you). */
  statements: PolicyStatement[];
  environment?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  runtime?: LambdaRuntime;
  architecture?: LambdaArchitecture;
  timeoutSeconds?: number;
  memorySizeMb?: number;
  /** Caps concurrent executions; unset leaves the account's pool. */
  reservedConcurrency?: number;
  logRetentionDays?: number;
  kmsKeyArn?: pulumi.Input<string>;
  /** Folder holding dist/functions/ (default: this package's own folder, wherever it is installed). */
  rootDir?: string;
}

/**
 * A Lambda function from an esbuild bundle in dist/functions/<bundle>/, with its own role, an inline
 * policy of exactly the statements given plus logging to its own log group, and that log group.
 */
export class BundledFunction extends pulumi.ComponentResource {
  readonly function: aws.lambda.Function;
  readonly role: aws.iam.Role;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly arn: pulumi.Output<string>;
  readonly functionName: pulumi.Output<string>;

  constructor(name: string, args: BundledFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("api-usage:shared:BundledFunction", name, {}, opts);
    const parent = { parent: this };
    const place = placeOf(parent);
    const rootDir = args.rootDir ?? packageRoot();
    const bundleDir = path.join(FUNCTION_DEFAULTS.distDir, args.bundle);
    const entry = path.join(rootDir, bundleDir, "index.js");
    if (!existsSync(entry)) {
      throw new Error(`function bundle ${bundleDir}/index.js for "${name}" does not exist; run \`npm run build\` first`);
    }

    this.logGroup = secureLogGroup(
      `${name}-logs`,
      { retentionInDays: args.logRetentionDays ?? FUNCTION_DEFAULTS.logRetentionDays, kmsKeyArn: args.kmsKeyArn },
      parent,
    );

    this.role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: toJson(assumeRolePolicy("lambda.amazonaws.com")) }, parent);

    const logging: PolicyStatement = {
      Sid: "WriteOwnLogs",
      Effect: "Allow",
      Action: [...FUNCTION_LOGGING_ACTIONS],
      Resource: pulumi.interpolate`${arnOf.logGroup(place, this.logGroup.name)}:*`,
    };
    // Lambda decrypts a customer-key-encrypted environment with the function's role on every cold start.
    const environmentKey: PolicyStatement[] =
      args.kmsKeyArn && args.environment
        ? [{ Sid: "DecryptOwnEnvironment", Effect: "Allow", Action: [...ENVIRONMENT_KEY_ACTIONS], Resource: args.kmsKeyArn }]
        : [];
    const rolePolicy = new aws.iam.RolePolicy(
      `${name}-policy`,
      { role: this.role.id, policy: toJson(policyDocument([logging, ...environmentKey, ...args.statements])) },
      parent,
    );

    this.function = new aws.lambda.Function(
      name,
      {
        description: args.description,
        code: new pulumi.asset.FileArchive(path.join(rootDir, bundleDir)),
        sourceCodeHash: createHash("sha256").update(readFileSync(entry)).digest("base64"),
        handler: "index.handler",
        runtime: args.runtime ?? FUNCTION_DEFAULTS.runtime,
        architectures: [args.architecture ?? FUNCTION_DEFAULTS.architecture],
        role: this.role.arn,
        timeout: args.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds,
        memorySize: args.memorySizeMb ?? FUNCTION_DEFAULTS.memorySizeMb,
        reservedConcurrentExecutions: args.reservedConcurrency,
        environment: args.environment ? { variables: args.environment } : undefined,
        kmsKeyArn: args.kmsKeyArn || undefined,
        loggingConfig: { logFormat: "JSON", logGroup: this.logGroup.name },
      },
      // The role's policy must be in place before the first invocation can log.
      { parent: this, dependsOn: [rolePolicy] },
    );

    // Built from the name, so documents that name the function are known in a first preview.
    this.arn = arnOf.lambdaFunction(place, this.function.name);
    this.functionName = this.function.name;
    this.registerOutputs({ arn: this.arn, functionName: this.functionName });
  }
}
