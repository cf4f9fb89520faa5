/**
 * The doctor tests talk to the loopback fake through the real SDK. Other test files call
 * aws-sdk-client-mock's `mockClient(SomeClient)` at module load, which stubs `SomeClient.prototype.send`
 * for the whole mocha run; while a doctor run lasts, this puts the real `send` back and then the stub.
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

const CLIENTS = [APIGatewayClient, ApiGatewayV2Client, AthenaClient, CloudTrailClient, CloudWatchClient, CloudWatchLogsClient, FirehoseClient, LambdaClient, QuickSightClient, S3Client, SQSClient, STSClient];

type Send = ((...args: unknown[]) => unknown) & { wrappedMethod?: (...args: unknown[]) => unknown };

export async function withRealSend<T>(run: () => Promise<T>): Promise<T> {
  const stubbed: Array<{ proto: { send: Send }; stub: Send }> = [];
  for (const Client of CLIENTS) {
    const proto = Client.prototype as unknown as { send: Send };
    // A sinon stub keeps the method it replaced (the smithy Client's send) as wrappedMethod.
    if (proto.send.wrappedMethod) {
      stubbed.push({ proto, stub: proto.send });
      proto.send = proto.send.wrappedMethod as Send;
    }
  }
  try {
    return await run();
  } finally {
    for (const { proto, stub } of stubbed) proto.send = stub;
  }
}
