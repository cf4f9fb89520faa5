/**
 * The SDK clients the doctor reads with: the standard credential chain, the Region of the stack,
 * `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` (the SDK reads them itself), and every call
 * bounded: a connection timeout, a request timeout and at most two attempts. Created on first use.
 */
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { AthenaClient } from "@aws-sdk/client-athena";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { FirehoseClient } from "@aws-sdk/client-firehose";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { QuickSightClient } from "@aws-sdk/client-quicksight";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { STSClient } from "@aws-sdk/client-sts";

export interface ClientLimits {
  readonly region: string;
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

const CONSTRUCTORS = {
  apiGateway: APIGatewayClient,
  apiGatewayV2: ApiGatewayV2Client,
  athena: AthenaClient,
  cloudTrail: CloudTrailClient,
  cloudWatch: CloudWatchClient,
  logs: CloudWatchLogsClient,
  firehose: FirehoseClient,
  lambda: LambdaClient,
  quickSight: QuickSightClient,
  s3: S3Client,
  sqs: SQSClient,
  sts: STSClient,
} as const;

export type AwsClients = { readonly [K in keyof typeof CONSTRUCTORS]: InstanceType<(typeof CONSTRUCTORS)[K]> };

export function createClients(limits: ClientLimits, env: NodeJS.ProcessEnv = process.env): AwsClients & { destroy(): void } {
  const made = new Map<string, { destroy(): void }>();
  const config = () => ({
    region: limits.region,
    maxAttempts: 2,
    // The SDK builds its Node HTTP handler from these (connectionTimeout / requestTimeout, ms).
    requestHandler: { connectionTimeout: limits.connectionTimeoutMs, requestTimeout: limits.requestTimeoutMs },
  });
  // A custom S3 endpoint (a local fake, a VPC endpoint by IP) has no bucket subdomains.
  const s3Custom = Boolean(env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL);
  // SQS otherwise sends to the host in the queue URL, bypassing a configured endpoint.
  const sqsCustom = Boolean(env.AWS_ENDPOINT_URL_SQS ?? env.AWS_ENDPOINT_URL);
  const own: Partial<Record<string, object>> = { s3: { forcePathStyle: s3Custom }, sqs: { useQueueUrlAsEndpoint: !sqsCustom } };
  const clients = {} as Record<string, unknown>;
  for (const [key, Client] of Object.entries(CONSTRUCTORS)) {
    Object.defineProperty(clients, key, {
      enumerable: true,
      get() {
        let client = made.get(key);
        if (!client) {
          const Ctor = Client as unknown as new (c: object) => { destroy(): void };
          client = new Ctor({ ...config(), ...own[key] });
          made.set(key, client);
        }
        return client;
      },
    });
  }
  return Object.assign(clients as AwsClients, { destroy: () => made.forEach((c) => c.destroy()) });
}
