/**
 * A loopback fake of the AWS APIs the functions call, for the real AWS SDK: an HTTP server on
 * 127.0.0.1 (port 0) that speaks the wire protocols the SDK uses (JSON 1.0/1.1 with X-Amz-Target,
 * API Gateway's REST-JSON), keeps a little state per service, and plays scripted faults.
 *
 *   const aws = await startLoopbackAws();
 *   Object.assign(process.env, aws.env());        // AWS_ENDPOINT_URL_<SERVICE>, dummy credentials, AWS_REGION
 *   aws.fault({ service: "cloudwatch", operation: "PutMetricData", kind: "hang", times: 1 });
 *   ... run the function with SDK clients built after env() was applied ...
 *   aws.state.cloudwatch.datums                   // what PutMetricData received
 *   aws.calls                                     // every request: { service, operation, input, fault? }
 *   await aws.close();                            // also ends hanging requests
 *
 * Services and operations (anything else answers 400 UnknownOperationException):
 *   cloudwatch  PutMetricData (records datums), GetMetricData (from `state.cloudwatch.series`)
 *   sqs         SendMessage, SendMessageBatch, ReceiveMessage, DeleteMessage, DeleteMessageBatch (one queue of bodies)
 *   apigateway  GetUsagePlans, GetApiKeys, GetUsagePlanKeys (from `state.apigateway`, paged by `position`/`limit`)
 *   logs        StartQuery, GetQueryResults (`state.logs.answer(queryString)`), StopQuery
 *   athena      StartQueryExecution, GetQueryExecution (SUCCEEDED), GetQueryResults (`state.athena.rows`), StopQueryExecution
 *
 * Fault kinds (a rule applies to `times` matching requests, default every one; rules are tried in
 * the order added; `when` narrows a rule to requests whose parsed input it accepts):
 *   hang       never answers (the client must give up)
 *   slow       answers normally after `delayMs`
 *   500        HTTP 500 InternalFailure
 *   throttle   HTTP 400 with the service's throttling error
 *   reset      destroys the connection without an answer
 *   malformed  HTTP 200 with a body that is not the protocol's JSON
 *   endless    paginated operations answer with an empty page and a fresh next token, forever
 */
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gunzipSync } from "node:zlib";

export type ServiceName = "cloudwatch" | "sqs" | "apigateway" | "logs" | "athena";
export type FaultKind = "hang" | "slow" | "500" | "throttle" | "reset" | "malformed" | "endless";

export interface FaultRule {
  readonly service: ServiceName;
  /** Every operation of the service when omitted. */
  readonly operation?: string;
  readonly kind: FaultKind;
  /** How many matching requests the rule applies to; default: all. */
  times?: number;
  /** For `slow`. */
  readonly delayMs?: number;
  readonly when?: (input: Record<string, unknown>) => boolean;
}

export interface RecordedCall {
  readonly service: ServiceName;
  readonly operation: string;
  readonly input: Record<string, unknown>;
  readonly fault?: FaultKind;
}

export interface JsonDatum {
  MetricName?: string;
  Dimensions?: Array<{ Name?: string; Value?: string }>;
  Timestamp?: number | string;
  Value?: number;
  [key: string]: unknown;
}

export interface LoopbackState {
  cloudwatch: {
    datums: JsonDatum[];
    /** GetMetricData answers: per query Id and the request's time range (epoch s), its timestamps (epoch s) and values. */
    series: (queryId: string, range: { startS: number; endS: number }) => { timestamps: number[]; values: number[] };
  };
  sqs: { messages: Array<{ id: string; body: string; attributes?: unknown; inFlight?: boolean }>; deleted: number };
  apigateway: {
    usagePlans: Array<Record<string, unknown>>;
    apiKeys: Array<Record<string, unknown>>;
    usagePlanKeys: Record<string, Array<Record<string, unknown>>>;
  };
  logs: { answer: (queryString: string) => Array<Array<{ field: string; value: string }>>; stopped: string[] };
  athena: { rows: string[][]; stopped: string[] };
}

export interface LoopbackAws {
  readonly url: string;
  readonly state: LoopbackState;
  readonly calls: RecordedCall[];
  /** Environment for SDK clients: every AWS_ENDPOINT_URL_<SERVICE>, dummy credentials, AWS_REGION. */
  env(): Record<string, string>;
  fault(rule: FaultRule): void;
  clearFaults(): void;
  /** Forgets calls and state (not faults). */
  reset(): void;
  callsOf(service: ServiceName, operation?: string): RecordedCall[];
  close(): Promise<void>;
}

const TARGETS: Record<string, ServiceName> = {
  GraniteServiceVersion20100801: "cloudwatch",
  AmazonSQS: "sqs",
  Logs_20140328: "logs",
  AmazonAthena: "athena",
};

const THROTTLING: Record<ServiceName, { status: number; type: string }> = {
  cloudwatch: { status: 400, type: "Throttling" },
  sqs: { status: 400, type: "RequestThrottled" },
  apigateway: { status: 429, type: "TooManyRequestsException" },
  logs: { status: 400, type: "ThrottlingException" },
  athena: { status: 400, type: "TooManyRequestsException" },
};

const PAGED: Record<string, string> = {
  "apigateway.GetUsagePlans": "position",
  "apigateway.GetApiKeys": "position",
  "apigateway.GetUsagePlanKeys": "position",
  "cloudwatch.GetMetricData": "NextToken",
};

function freshState(): LoopbackState {
  return {
    cloudwatch: { datums: [], series: () => ({ timestamps: [], values: [] }) },
    sqs: { messages: [], deleted: 0 },
    apigateway: { usagePlans: [], apiKeys: [], usagePlanKeys: {} },
    logs: { answer: () => [], stopped: [] },
    athena: { rows: [["users", "events"], ["0", "0"]], stopped: [] },
  };
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function startLoopbackAws(): Promise<LoopbackAws> {
  let state = freshState();
  const calls: RecordedCall[] = [];
  let rules: FaultRule[] = [];
  const sockets = new Set<Socket>();
  let nextPage = 0;
  let resets = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      // PutMetricData bodies above 10 KiB arrive gzipped (the SDK's request compression).
      const raw = Buffer.concat(chunks);
      const text = (req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
      const route = routeOf(req, text);
      if (route === undefined) return send(res, { status: 404, body: { __type: "UnknownOperationException", message: `no fake for ${req.method} ${req.url}` } });
      const { service, operation, input } = route;
      const rule = rules.find((r) => r.service === service && (r.operation === undefined || r.operation === operation) && (r.times ?? 1) > 0 && (r.when?.(input) ?? true));
      if (rule !== undefined && rule.times !== undefined) rule.times--;
      calls.push({ service, operation, input, ...(rule ? { fault: rule.kind } : {}) });
      const answer = () => send(res, answerFor(service, operation, input));
      switch (rule?.kind) {
        case undefined:
          return answer();
        case "hang":
          return;
        case "slow": {
          // An answer that arrives after reset() must not land in the next test's state.
          const generation = resets;
          setTimeout(() => (generation === resets ? answer() : res.destroy()), rule.delayMs ?? 1000).unref();
          return;
        }
        case "500":
          return send(res, { status: 500, body: { __type: "InternalFailure", message: "scripted 500" }, headers: errorHeaders(service, "InternalFailure", "Receiver") });
        case "throttle": {
          const t = THROTTLING[service];
          return send(res, { status: t.status, body: { __type: t.type, message: "Rate exceeded (scripted)" }, headers: errorHeaders(service, t.type, "Sender") });
        }
        case "reset":
          req.socket.destroy();
          return;
        case "malformed":
          res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
          res.end("<html>not json{");
          return;
        case "endless": {
          const key = PAGED[`${service}.${operation}`];
          if (key === undefined) return answer();
          const page = { ...(answerFor(service, operation, input).body as Record<string, unknown>) };
          for (const list of ["item", "MetricDataResults"]) if (list in page) page[list] = [];
          page[key] = `page-${++nextPage}`;
          return send(res, { status: 200, body: page });
        }
      }
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function answerFor(service: ServiceName, operation: string, input: Record<string, unknown>): Answer {
    const ok = (body: unknown): Answer => ({ status: 200, body });
    switch (`${service}.${operation}`) {
      case "cloudwatch.PutMetricData":
        state.cloudwatch.datums.push(...((input.MetricData as JsonDatum[]) ?? []));
        return ok({});
      case "cloudwatch.GetMetricData": {
        const queries = (input.MetricDataQueries as Array<{ Id: string }>) ?? [];
        const range = { startS: Number(input.StartTime), endS: Number(input.EndTime) };
        return ok({
          MetricDataResults: queries.map((q) => {
            const { timestamps, values } = state.cloudwatch.series(q.Id, range);
            return { Id: q.Id, StatusCode: "Complete", Label: q.Id, Timestamps: timestamps, Values: values };
          }),
        });
      }
      case "sqs.SendMessage": {
        const id = randomUUID();
        state.sqs.messages.push({ id, body: String(input.MessageBody), attributes: input.MessageAttributes });
        return ok({ MessageId: id, MD5OfMessageBody: md5(String(input.MessageBody)) });
      }
      case "sqs.SendMessageBatch": {
        const entries = (input.Entries as Array<{ Id: string; MessageBody: string }>) ?? [];
        for (const e of entries) state.sqs.messages.push({ id: randomUUID(), body: e.MessageBody });
        return ok({ Successful: entries.map((e) => ({ Id: e.Id, MessageId: randomUUID(), MD5OfMessageBody: md5(e.MessageBody) })), Failed: [] });
      }
      case "sqs.ReceiveMessage": {
        // A received message stays invisible (in flight) until deleted, as with a long visibility timeout.
        const max = Number(input.MaxNumberOfMessages ?? 1);
        const received = state.sqs.messages.filter((m) => !m.inFlight).slice(0, max);
        for (const m of received) m.inFlight = true;
        return ok({ Messages: received.map((m) => ({ MessageId: m.id, ReceiptHandle: m.id, Body: m.body, MD5OfBody: md5(m.body) })) });
      }
      case "sqs.DeleteMessage":
        deleteMessages([String(input.ReceiptHandle)]);
        return ok({});
      case "sqs.DeleteMessageBatch": {
        const entries = (input.Entries as Array<{ Id: string; ReceiptHandle: string }>) ?? [];
        deleteMessages(entries.map((e) => e.ReceiptHandle));
        return ok({ Successful: entries.map((e) => ({ Id: e.Id })), Failed: [] });
      }
      case "apigateway.GetUsagePlans":
        return ok(page(state.apigateway.usagePlans, input));
      case "apigateway.GetApiKeys":
        return ok(page(state.apigateway.apiKeys, input));
      case "apigateway.GetUsagePlanKeys":
        return ok(page(state.apigateway.usagePlanKeys[String(input.usagePlanId)] ?? [], input));
      case "logs.StartQuery":
        return ok({ queryId: `q-${randomUUID()}:${Buffer.from(String(input.queryString)).toString("base64url")}` });
      case "logs.GetQueryResults": {
        const query = Buffer.from(String(input.queryId).split(":")[1] ?? "", "base64url").toString("utf8");
        const results = state.logs.answer(query);
        return ok({ status: "Complete", results, statistics: { recordsMatched: results.length, recordsScanned: results.length, bytesScanned: 0 } });
      }
      case "logs.StopQuery":
        state.logs.stopped.push(String(input.queryId));
        return ok({ success: true });
      case "athena.StartQueryExecution":
        return ok({ QueryExecutionId: randomUUID() });
      case "athena.GetQueryExecution":
        return ok({ QueryExecution: { QueryExecutionId: input.QueryExecutionId, Status: { State: "SUCCEEDED" }, Statistics: { DataScannedInBytes: 0, EngineExecutionTimeInMillis: 1 } } });
      case "athena.GetQueryResults":
        return ok({ ResultSet: { Rows: state.athena.rows.map((r) => ({ Data: r.map((v) => ({ VarCharValue: v })) })) } });
      case "athena.StopQueryExecution":
        state.athena.stopped.push(String(input.QueryExecutionId));
        return ok({});
      default:
        return { status: 400, body: { __type: "UnknownOperationException", message: `the loopback fake has no ${service}.${operation}` } };
    }
  }

  function deleteMessages(handles: string[]): void {
    const before = state.sqs.messages.length;
    state.sqs.messages = state.sqs.messages.filter((m) => !handles.includes(m.id));
    state.sqs.deleted += before - state.sqs.messages.length;
  }

  return {
    url,
    get state() {
      return state;
    },
    calls,
    env: () => ({
      AWS_ACCESS_KEY_ID: "AKIDLOOPBACK",
      AWS_SECRET_ACCESS_KEY: "loopback-secret",
      AWS_SESSION_TOKEN: "",
      AWS_REGION: "us-east-1",
      AWS_ENDPOINT_URL_CLOUDWATCH: url,
      AWS_ENDPOINT_URL_SQS: url,
      AWS_ENDPOINT_URL_API_GATEWAY: url,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: url,
      AWS_ENDPOINT_URL_ATHENA: url,
    }),
    fault: (rule) => {
      rules.push({ ...rule });
    },
    clearFaults: () => {
      rules = [];
    },
    reset: () => {
      resets++;
      state = freshState();
      calls.length = 0;
    },
    callsOf: (service, operation) => calls.filter((c) => c.service === service && (operation === undefined || c.operation === operation)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function routeOf(req: http.IncomingMessage, text: string): { service: ServiceName; operation: string; input: Record<string, unknown> } | undefined {
  const target = req.headers["x-amz-target"];
  if (typeof target === "string") {
    const [prefix, operation] = target.split(".");
    const service = TARGETS[prefix];
    if (service === undefined || operation === undefined) return undefined;
    let input: Record<string, unknown>;
    try {
      input = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      input = { unparsed: text };
    }
    return { service, operation, input };
  }
  const url = new URL(req.url ?? "/", "http://loopback");
  const query = Object.fromEntries(url.searchParams.entries());
  if (req.method === "GET" && url.pathname === "/usageplans") return { service: "apigateway", operation: "GetUsagePlans", input: query };
  if (req.method === "GET" && url.pathname === "/apikeys") return { service: "apigateway", operation: "GetApiKeys", input: query };
  const keys = /^\/usageplans\/([^/]+)\/keys$/.exec(url.pathname);
  if (req.method === "GET" && keys) return { service: "apigateway", operation: "GetUsagePlanKeys", input: { ...query, usagePlanId: decodeURIComponent(keys[1]) } };
  return undefined;
}

/** SQS clients check the MD5 of every body they send or receive. */
function md5(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex");
}

function page(items: Array<Record<string, unknown>>, input: Record<string, unknown>): Record<string, unknown> {
  const start = input.position === undefined ? 0 : Number(input.position);
  const limit = Number(input.limit ?? 25);
  const end = start + limit;
  return { item: items.slice(start, end), ...(end < items.length ? { position: String(end) } : {}) };
}

function errorHeaders(service: ServiceName, type: string, fault: "Sender" | "Receiver"): Record<string, string> {
  const headers: Record<string, string> = { "x-amzn-errortype": type };
  // CloudWatch and SQS speak JSON but keep their query-protocol error codes in this header.
  if (service === "cloudwatch" || service === "sqs") headers["x-amzn-query-error"] = `${type};${fault}`;
  return headers;
}

function send(res: http.ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  res.writeHead(answer.status, { "content-type": "application/x-amz-json-1.1", ...answer.headers });
  res.end(JSON.stringify(answer.body));
}
