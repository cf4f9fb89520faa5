/**
 * A loopback fake of the AWS APIs the doctor calls, spoken in each service's own wire protocol
 * (query XML, JSON 1.0/1.1, REST-JSON, REST-XML) so the real SDK clients talk to it over HTTP
 * through AWS_ENDPOINT_URL_<SERVICE>. The account starts healthy; a test changes one field to
 * plant one failure.
 */
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;

export interface FakeFunction {
  env: Record<string, string>;
  failureDestination?: string;
  errorsLastHour: number;
  invocationsLastHour: number;
  /** What `Invoke` returns: the payload text and, for a failed invocation, X-Amz-Function-Error. */
  invoke: { payload: string; functionError?: string };
}

export interface FakeState {
  now: Date;
  trail: { arn: string; isLogging: boolean; lastDeliveryMinutesAgo: number | null; deliveryError?: string; logGroupArn: string };
  subscriptionDestinations: string[];
  functions: Record<string, FakeFunction>;
  activeMetrics: number;
  /** Queue URL path (`/<account>/<name>`) → visible messages. */
  queues: Record<string, number>;
  stages: Record<string, { destinationArn: string; format: string } | null>;
  stream: { name: string; status: string; bucket: string; prefix: string; errorPrefix: string; intervalSeconds: number; deliveredRecords: number };
  /** The CloudWatch Logs path's stream and the processors it runs, in order. */
  cloudWatchStream: { name: string; status: string; processors: string[]; deliveredRecords: number };
  /** Access-log group name → the destinations of its subscription filters. */
  accessLogSubscriptions: Record<string, string[]>;
  objects: string[];
  athena: { state: "SUCCEEDED" | "FAILED" | "RUNNING"; reason?: string; count: number };
  quicksight: { dashboardId: string; versionStatus: string; dataSetArns: string[]; ingestions: Array<{ status: string; minutesAgo: number; error?: string }> };
  /** Requests to this signing service (optionally one operation) never get an answer. */
  hang?: { service: string; operation?: string };
  /** ListMetrics answers only when IncludeLinkedAccounts is this (a monitoring account must ask for its sources' metrics). */
  expectLinkedAccounts?: boolean;
  /** Every request seen, as `service:Operation`. */
  calls: string[];
}

export const FORMATS = { rest: '{"requestId":"$context.requestId","api":"rest"}', http: '{"requestId":"$context.requestId","api":"http"}', webSocket: '{"requestId":"$context.requestId","api":"ws"}' };

export const COUNTER = "api-calls-counter-1a2b3c";
export const WIDGET = "usage-distinct-users-4d5e6f";
export const STREAM = "amazon-apigateway-access-logs";
export const CLOUDWATCH_STREAM = "apigateway-access-logs-cwlogs";
export const BUCKET = "access-logs-lake-123456789012";
export const CATALOG_GROUP_ARN = arn("logs", "log-group:/aws/apigateway/catalog:*");

/** The outputs `pulumi stack output --json` would print for the healthy account. */
export function healthyOutputs() {
  return {
    restAccessLogDestinationArn: arn("firehose", `deliverystream/${STREAM}`),
    restAccessLogFormat: FORMATS.rest,
    accessLogGroupArns: { catalog: CATALOG_GROUP_ARN },
    httpAccessLogGroupArns: { catalog: CATALOG_GROUP_ARN },
    httpAccessLogFormat: FORMATS.http,
    webSocketAccessLogFormat: FORMATS.webSocket,
    dataLakeBucket: BUCKET,
    glueDatabase: "access_logs",
    glueTable: "requests",
    athenaWorkgroup: "access-logs",
    metricNamespace: "ApiUsage/CloudTrail",
    dashboardName: "usage",
    dashboardUrl: "https://console.aws.amazon.com/cloudwatch/home#dashboards:name=usage",
    quicksightDashboardId: "usage-analytics-dashboard",
    widgetFunctionArns: [arn("lambda", `function:${WIDGET}`)],
    dashboardViewerPolicyArn: `arn:aws:iam::${ACCOUNT}:policy/usage-viewer`,
    oamSinkArn: null,
    quicksightDashboardUrl: "https://us-east-1.quicksight.aws.amazon.com/sn/dashboards/usage-analytics-dashboard",
    apiCallTrailArn: arn("cloudtrail", "trail/api-calls"),
  };
}

export function healthyState(now: Date): FakeState {
  const day = now.toISOString().slice(0, 10);
  return {
    now,
    trail: { arn: arn("cloudtrail", "trail/api-calls"), isLogging: true, lastDeliveryMinutesAgo: 3, logGroupArn: arn("logs", "log-group:api-calls-trail-7g8h:*") },
    subscriptionDestinations: [arn("lambda", `function:${COUNTER}`)],
    functions: {
      [COUNTER]: {
        env: { METRIC_NAMESPACE: "ApiUsage/CloudTrail", DEAD_LETTER_QUEUE_URL: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/api-calls-dead-letters` },
        failureDestination: arn("sqs", "api-calls-failed-events"),
        errorsLastHour: 0,
        invocationsLastHour: 60,
        invoke: { payload: '""' },
      },
      [WIDGET]: { env: {}, errorsLastHour: 0, invocationsLastHour: 0, invoke: { payload: JSON.stringify("## Distinct users\nExact count of users.") } },
    },
    activeMetrics: 12,
    queues: { [`/${ACCOUNT}/api-calls-dead-letters`]: 0, [`/${ACCOUNT}/api-calls-failed-events`]: 0 },
    stages: {
      "a1b2c3d4e5/dev": { destinationArn: arn("firehose", `deliverystream/${STREAM}`), format: FORMATS.rest },
      "f6g7h8i9j0/$default": { destinationArn: CATALOG_GROUP_ARN.replace(/:\*$/, ""), format: FORMATS.http },
    },
    stream: { name: STREAM, status: "ACTIVE", bucket: BUCKET, prefix: "data/dt=!{partitionKeyFromLambda:dt}/", errorPrefix: "errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/", intervalSeconds: 300, deliveredRecords: 420 },
    cloudWatchStream: { name: CLOUDWATCH_STREAM, status: "ACTIVE", processors: ["Decompression", "Lambda"], deliveredRecords: 97 },
    accessLogSubscriptions: { "/aws/apigateway/catalog": [arn("firehose", `deliverystream/${CLOUDWATCH_STREAM}`)] },
    objects: [`data/dt=${day}/access-logs-1-${day}-00-00-00-abc.parquet`],
    athena: { state: "SUCCEEDED", count: 1234 },
    quicksight: { dashboardId: "usage-analytics-dashboard", versionStatus: "CREATION_SUCCESSFUL", dataSetArns: [`arn:aws:quicksight:${REGION}:${ACCOUNT}:dataset/usage-analytics-dataset`], ingestions: [{ status: "COMPLETED", minutesAgo: 30 }] },
    calls: [],
  };
}

interface Answer {
  status?: number;
  json?: unknown;
  xml?: string;
  body?: string;
  headers?: Record<string, string>;
}

type Request = { method: string; path: string; query: URLSearchParams; body: string; target: string };

const secondsAgo = (s: FakeState, minutes: number) => (s.now.getTime() - minutes * 60_000) / 1000;
const jsonError = (type: string, message: string, status = 400): Answer => ({ status, json: { __type: type, message } });

const HANDLERS: Record<string, (s: FakeState, r: Request, op: string) => Answer> = {
  sts: () => ({
    xml: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/doctor</Arn><UserId>AIDDOCTOR</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  }),
  cloudtrail: (s, _r, op): Answer => {
    if (op === "GetTrail") return { json: { Trail: { Name: "api-calls", TrailARN: s.trail.arn, CloudWatchLogsLogGroupArn: s.trail.logGroupArn } } };
    return {
      json: {
        IsLogging: s.trail.isLogging,
        LatestCloudWatchLogsDeliveryTime: s.trail.lastDeliveryMinutesAgo === null ? undefined : secondsAgo(s, s.trail.lastDeliveryMinutesAgo),
        LatestCloudWatchLogsDeliveryError: s.trail.deliveryError,
      },
    };
  },
  logs: (s, r) => {
    const group = String(JSON.parse(r.body || "{}").logGroupName ?? "");
    const destinations = s.accessLogSubscriptions[group] ?? s.subscriptionDestinations;
    return { json: { subscriptionFilters: destinations.map((destinationArn, i) => ({ filterName: `f${i}`, logGroupName: group, destinationArn })) } };
  },
  monitoring: (s, r, op): Answer => {
    const input = JSON.parse(r.body || "{}");
    if (op === "ListMetrics" && input.IncludeLinkedAccounts !== s.expectLinkedAccounts) return { json: { Metrics: [] } };
    if (op === "ListMetrics") return { json: { Metrics: Array.from({ length: s.activeMetrics }, (_, i) => ({ Namespace: input.Namespace, MetricName: "CallCount", Dimensions: [{ Name: "Region", Value: `r${i}` }] })) } };
    const dimension = input.Dimensions?.[0]?.Value as string;
    let sum = 0;
    if (input.Namespace === "AWS/Lambda") sum = (input.MetricName === "Errors" ? s.functions[dimension]?.errorsLastHour : s.functions[dimension]?.invocationsLastHour) ?? 0;
    if (input.Namespace === "AWS/Firehose" && dimension === s.stream.name) sum = s.stream.deliveredRecords;
    if (input.Namespace === "AWS/Firehose" && dimension === s.cloudWatchStream.name) sum = s.cloudWatchStream.deliveredRecords;
    return { json: { Label: input.MetricName, Datapoints: sum ? [{ Timestamp: s.now.getTime() / 1000 - 60, Sum: sum }] : [] } };
  },
  sqs: (s, r, op): Answer => {
    const input = JSON.parse(r.body || "{}");
    if (op === "GetQueueUrl") return { json: { QueueUrl: `https://sqs.${REGION}.amazonaws.com/${input.QueueOwnerAWSAccountId}/${input.QueueName}` } };
    const path = new URL(input.QueueUrl).pathname;
    if (!(path in s.queues)) return jsonError("AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
    return { json: { Attributes: { ApproximateNumberOfMessages: String(s.queues[path]), ApproximateNumberOfMessagesNotVisible: "0" } } };
  },
  lambda: (s, r): Answer => {
    const m = /^\/(\d{4}-\d{2}-\d{2})\/functions\/([^/]+)\/(configuration|event-invoke-config|invocations)$/.exec(r.path);
    const name = m ? decodeURIComponent(m[2]).split(":").pop() ?? "" : "";
    const fn = s.functions[name];
    if (!m || !fn) return { status: 404, json: { Type: "User", message: `Function not found: ${name}` }, headers: { "x-amzn-errortype": "ResourceNotFoundException" } };
    if (m[3] === "configuration") return { json: { FunctionName: name, FunctionArn: arn("lambda", `function:${name}`), Environment: { Variables: fn.env } } };
    if (m[3] === "event-invoke-config") {
      if (!fn.failureDestination) return { status: 404, json: { message: "no config" }, headers: { "x-amzn-errortype": "ResourceNotFoundException" } };
      return { json: { FunctionArn: arn("lambda", `function:${name}`), DestinationConfig: { OnFailure: { Destination: fn.failureDestination } } } };
    }
    return { body: fn.invoke.payload, headers: fn.invoke.functionError ? { "x-amz-function-error": fn.invoke.functionError } : {} };
  },
  apigateway: (s, r): Answer => {
    const rest = /^\/restapis\/([^/]+)\/stages\/([^/]+)$/.exec(r.path);
    const v2 = /^\/v2\/apis\/([^/]+)\/stages\/([^/]+)$/.exec(r.path);
    const m = rest ?? v2;
    const key = m ? `${m[1]}/${decodeURIComponent(m[2])}` : "";
    if (!m || !(key in s.stages)) return { status: 404, json: { message: `Invalid stage identifier specified ${key}` }, headers: { "x-amzn-errortype": "NotFoundException" } };
    const logging = s.stages[key];
    if (rest) return { json: { stageName: m[2], ...(logging ? { accessLogSettings: { destinationArn: logging.destinationArn, format: logging.format } } : {}) } };
    return { json: { stageName: m[2], ...(logging ? { accessLogSettings: { destinationArn: logging.destinationArn, format: logging.format } } : {}) } };
  },
  firehose: (s, r) => {
    const name = String(JSON.parse(r.body || "{}").DeliveryStreamName ?? "");
    const c = s.cloudWatchStream;
    return name === c.name ? streamDescription(s, c.name, c.status, c.processors) : streamDescription(s, s.stream.name, s.stream.status);
  },
  s3: (s, r): Answer => {
    const bucket = r.path.split("/")[1];
    const prefix = r.query.get("prefix") ?? "";
    const max = Number(r.query.get("max-keys") ?? 1000);
    const keys = bucket === s.stream.bucket ? s.objects.filter((k) => k.startsWith(prefix)) : [];
    const shown = keys.slice(0, max);
    const contents = shown.map((k) => `<Contents><Key>${k}</Key><LastModified>${s.now.toISOString()}</LastModified><Size>100</Size></Contents>`).join("");
    return {
      xml: `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><Prefix>${prefix}</Prefix><KeyCount>${shown.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${keys.length > max}</IsTruncated>${contents}</ListBucketResult>`,
    };
  },
  athena: (s, _r, op): Answer => {
    if (op === "StartQueryExecution") return { json: { QueryExecutionId: "q-1" } };
    if (op === "StopQueryExecution") return { json: {} };
    if (op === "GetWorkGroup") return { json: { WorkGroup: { Name: "access-logs", Configuration: { BytesScannedCutoffPerQuery: 10240 * 1048576 } } } };
    if (op === "GetQueryResults") return { json: { ResultSet: { Rows: [{ Data: [{ VarCharValue: "requests" }] }, { Data: [{ VarCharValue: String(s.athena.count) }] }] } } };
    return { json: { QueryExecution: { QueryExecutionId: "q-1", Status: { State: s.athena.state, StateChangeReason: s.athena.reason }, Statistics: { DataScannedInBytes: 10485760 } } } };
  },
  quicksight: (s, r): Answer => {
    const q = s.quicksight;
    if (/\/ingestions$/.test(r.path)) {
      return {
        json: {
          Status: 200,
          Ingestions: q.ingestions.map((i, n) => ({
            Arn: `arn:aws:quicksight:${REGION}:${ACCOUNT}:dataset/x/ingestion/i${n}`,
            IngestionId: `i${n}`,
            IngestionStatus: i.status,
            CreatedTime: secondsAgo(s, i.minutesAgo),
            ...(i.error ? { ErrorInfo: { Type: "PERMISSION_DENIED", Message: i.error } } : {}),
          })),
        },
      };
    }
    return { json: { Status: 200, Dashboard: { DashboardId: q.dashboardId, Name: "Usage", Version: { VersionNumber: 3, Status: q.versionStatus, DataSetArns: q.dataSetArns } } } };
  },
};

/** Both streams deliver to the same data lake; the CloudWatch Logs one also lists its processors. */
function streamDescription(s: FakeState, name: string, status: string, processors?: string[]): Answer {
  return {
    json: {
      DeliveryStreamDescription: {
        DeliveryStreamName: name,
        DeliveryStreamARN: arn("firehose", `deliverystream/${name}`),
        DeliveryStreamStatus: status,
        DeliveryStreamType: "DirectPut",
        VersionId: "1",
        HasMoreDestinations: false,
        Destinations: [
          {
            DestinationId: "destinationId-000000000001",
            ExtendedS3DestinationDescription: {
              RoleARN: `arn:aws:iam::${ACCOUNT}:role/firehose`,
              BucketARN: `arn:aws:s3:::${s.stream.bucket}`,
              Prefix: s.stream.prefix,
              ErrorOutputPrefix: s.stream.errorPrefix,
              BufferingHints: { IntervalInSeconds: s.stream.intervalSeconds, SizeInMBs: 64 },
              CompressionFormat: "UNCOMPRESSED",
              EncryptionConfiguration: { NoEncryptionConfig: "NoEncryption" },
              ...(processors ? { ProcessingConfiguration: { Enabled: true, Processors: processors.map((Type) => ({ Type, Parameters: [] })) } } : {}),
            },
          },
        ],
      },
    },
  };
}

/** The service a request is for: the signing name in its SigV4 credential scope. */
function signingService(headers: http.IncomingHttpHeaders): string {
  return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(String(headers.authorization ?? ""))?.[1] ?? "unknown";
}

function operationOf(service: string, r: Request): string {
  if (r.target) return r.target.split(".").pop() ?? "";
  if (service === "sts") return new URLSearchParams(r.body).get("Action") ?? "";
  return `${r.method} ${r.path}`;
}

export interface RunningFake {
  readonly url: string;
  close(): Promise<void>;
}

export async function startFake(state: FakeState): Promise<RunningFake> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const r: Request = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, body: Buffer.concat(chunks).toString("utf8"), target: String(req.headers["x-amz-target"] ?? "") };
      const service = signingService(req.headers);
      const op = operationOf(service, r);
      state.calls.push(`${service}:${op}`);
      if (state.hang && state.hang.service === service && (!state.hang.operation || state.hang.operation === op)) return; // never answer
      const handler = HANDLERS[service];
      const answer = handler ? handler(state, r, op) : jsonError("UnknownService", `no fake for ${service}`);
      const jsonType = r.target ? (service === "monitoring" || service === "sqs" ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1") : "application/json";
      const body = answer.xml ?? answer.body ?? JSON.stringify(answer.json ?? {});
      res.writeHead(answer.status ?? 200, { "content-type": answer.xml ? "text/xml" : jsonType, "x-amzn-requestid": "req-1", ...(answer.headers ?? {}) });
      res.end(body);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

/** AWS_ENDPOINT_URL_<SERVICE> for every service the doctor calls (the SDK's own variable names). */
export const ENDPOINT_VARIABLES = ["STS", "CLOUDTRAIL", "CLOUDWATCH", "CLOUDWATCH_LOGS", "LAMBDA", "SQS", "API_GATEWAY", "APIGATEWAYV2", "FIREHOSE", "S3", "ATHENA", "QUICKSIGHT"].map(
  (service) => `AWS_ENDPOINT_URL_${service}`,
);
