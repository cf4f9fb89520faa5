// Plays the Pulumi CLI's side of a Node.js component package: starts the plugin exactly as the
// Node.js language host's RunPlugin does (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs,
// main.go: `node <@pulumi/pulumi/cmd/run-plugin resolved from the plugin folder> <plugin folder>
// <engine address>`, working directory the consumer's, PULUMI_NODEJS_* in the environment), reads the
// port it prints and talks to it over the gRPC definitions that ship in @pulumi/pulumi/proto: a fake
// engine for its logs, a fake resource monitor for what it registers.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { DEFAULT_ACCOUNT, fakeCall, fakeState } from "../../synth/fake-aws";

/* eslint-disable @typescript-eslint/no-require-imports */
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const resrpc = require("@pulumi/pulumi/proto/resource_grpc_pb");
const resproto = require("@pulumi/pulumi/proto/resource_pb");
const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const engproto = require("@pulumi/pulumi/proto/engine_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

type Callback = (err: grpc.ServiceError | null, value?: unknown) => void;
type Call = { request: { [method: string]: () => unknown } };
export type Response = { [method: string]: () => unknown };

/** One RegisterResource the monitor received. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly inputs: Record<string, unknown>;
  /** The provider reference (`urn::id`) it names; "" for the default provider. */
  readonly provider: string;
}

function listen(server: grpc.Server): Promise<string> {
  return new Promise((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(`127.0.0.1:${port}`))),
  );
}

/** The engine's logging service, which the provider reports diagnostics to. */
export async function fakeEngine(logs: string[]): Promise<{ address: string; server: grpc.Server }> {
  const server = new grpc.Server();
  server.addService(engrpc.EngineService, {
    log: (call: Call, cb: Callback) => {
      logs.push(String(call.request.getMessage!()));
      cb(null, new Empty());
    },
    getRootResource: (_call: Call, cb: Callback) => cb(null, new engproto.GetRootResourceResponse()),
    setRootResource: (_call: Call, cb: Callback) => cb(null, new engproto.SetRootResourceResponse()),
  });
  return { address: await listen(server), server };
}

export interface FakeMonitor {
  readonly address: string;
  readonly server: grpc.Server;
  /** `type name` of every registration, in order. */
  readonly registered: string[];
  /** Every registration with its inputs, in order. */
  readonly registrations: Registration[];
  /** `type id` of every read (StackReference). */
  readonly read: string[];
  /** The URN of every resource looked up through the engine's pulumi:pulumi:getResource. */
  readonly lookedUp: string[];
}

/** A resource monitor that records registrations and answers StackReference reads with `outputs`. */
export async function fakeMonitor(outputs: Record<string, unknown>): Promise<FakeMonitor> {
  const registered: string[] = [];
  const registrations: Registration[] = [];
  const read: string[] = [];
  const lookedUp: string[] = [];
  const server = new grpc.Server();
  const urnOf = (type: string, name: string) => `urn:pulumi:dev::app::${type}::${name}`;
  server.addService(resrpc.ResourceMonitorService, {
    supportsFeature: (_call: Call, cb: Callback) => {
      const response = new resproto.SupportsFeatureResponse();
      response.setHassupport(false);
      cb(null, response);
    },
    registerResource: (call: Call, cb: Callback) => {
      const type = String(call.request.getType!());
      const name = String(call.request.getName!());
      const custom = Boolean(call.request.getCustom!());
      const inputs = (call.request.getObject!() as { toJavaScript(): Record<string, unknown> } | undefined)?.toJavaScript() ?? {};
      registered.push(`${type} ${name}`);
      registrations.push({ type, name, custom, inputs, provider: String(call.request.getProvider!()) });
      const response = new resproto.RegisterResourceResponse();
      response.setUrn(urnOf(type, name));
      // A custom resource answers with the offline engine's fake AWS state (ids, ARNs, names).
      if (custom) {
        const fake = fakeState(type, name, inputs, DEFAULT_ACCOUNT);
        response.setId(fake.id);
        response.setObject(Struct.fromJavaScript(JSON.parse(JSON.stringify({ ...inputs, ...fake.state }))));
      } else response.setObject(Struct.fromJavaScript({}));
      cb(null, response);
    },
    invoke: (call: Call, cb: Callback) => {
      const token = String(call.request.getTok!());
      const args = (call.request.getArgs!() as { toJavaScript(): Record<string, unknown> } | undefined)?.toJavaScript() ?? {};
      // The monitor's own answer type (ResourceInvokeResponse since pulumi 3.27x, InvokeResponse before).
      const response = new resrpc.ResourceMonitorService.invoke.responseType();
      if (token === "pulumi:pulumi:getResource") {
        // The engine's answer for a resource it knows by URN (a provider the program passed in): its id and state.
        lookedUp.push(String(args.urn));
        response.setReturn(Struct.fromJavaScript({ urn: String(args.urn), id: "known-id", state: {} }));
        return cb(null, response);
      }
      response.setReturn(Struct.fromJavaScript(JSON.parse(JSON.stringify(fakeCall(token, args, DEFAULT_ACCOUNT)))));
      cb(null, response);
    },
    readResource: (call: Call, cb: Callback) => {
      const type = String(call.request.getType!());
      const id = String(call.request.getId!());
      read.push(`${type} ${id}`);
      const response = new resproto.ReadResourceResponse();
      response.setUrn(urnOf(type, String(call.request.getName!())));
      response.setProperties(Struct.fromJavaScript({ name: id, outputs, secretOutputNames: [] }));
      cb(null, response);
    },
    registerResourceOutputs: (_call: Call, cb: Callback) => cb(null, new Empty()),
  });
  return { address: await listen(server), server, registered, registrations, read, lookedUp };
}

export interface Plugin {
  readonly client: grpc.Client & Record<string, (request: unknown, cb: (err: grpc.ServiceError | null, response: Response) => void) => void>;
  readonly child: ChildProcess;
  readonly stderr: () => string;
  /** The consumer's working directory the plugin runs in. */
  readonly cwd: string;
}

export interface PluginLaunch {
  /** The plugin folder (the one holding PulumiPlugin.yaml). */
  readonly pluginDir: string;
  /** The consumer's working directory; default a new empty folder, as a Python or YAML project would be. */
  readonly cwd?: string;
}

/**
 * Starts the plugin as RunPlugin does and connects to the port it prints. The run-plugin module is
 * resolved from the plugin folder (the CLI's locateModule), never from this checkout.
 */
export function startPlugin(engineAddress: string, launch: PluginLaunch): Promise<Plugin> {
  const runPlugin = require.resolve("@pulumi/pulumi/cmd/run-plugin", { paths: [launch.pluginDir] });
  const cwd = launch.cwd ?? mkdtempSync(path.join(tmpdir(), "consumer-"));
  // The CLI hands the plugin its own environment plus PULUMI_NODEJS_TYPESCRIPT (the default typescript
  // option); none of this test runner's ts-node settings.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TS_NODE_")));
  env.PULUMI_NODEJS_TYPESCRIPT = "true";
  const child = spawn(process.execPath, [runPlugin, launch.pluginDir, engineAddress], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`the plugin exited with ${code} before printing its port:\n${stderr}${stdout}`)));
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const port = /^(\d+)\s*$/m.exec(stdout)?.[1];
      if (!port) return;
      const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      resolve({ client, child, stderr: () => stderr, cwd });
    });
  });
}

export function stopPlugin(plugin: Plugin | undefined): void {
  plugin?.child.kill();
  plugin?.client.close();
}

export const rpc = <T = Response>(plugin: Plugin, method: string, request: unknown): Promise<T> =>
  new Promise((resolve, reject) => plugin.client[method]!(request, (err, response) => (err ? reject(err) : resolve(response as T))));

/** A Construct request of `type` named `name`, as the engine sends it for program `app`, stack `dev`. */
/** `providers`: the provider references (`urn::id`) by package that the program passes in its resource options. */
export function constructRequest(monitor: string, type: string, name: string, inputs: Record<string, unknown>, providers: Record<string, string> = {}): unknown {
  const request = new provproto.ConstructRequest();
  request.setProject("app");
  request.setStack("dev");
  request.setOrganization("organization");
  request.setDryrun(false);
  request.setParallel(1);
  request.setMonitorendpoint(monitor);
  request.setType(type);
  request.setName(name);
  request.setInputs(Struct.fromJavaScript(inputs));
  for (const [pkg, ref] of Object.entries(providers)) request.getProvidersMap().set(pkg, ref);
  return request;
}

export const getSchemaRequest = (): unknown => new provproto.GetSchemaRequest();

export const stateOf = (response: Response): Record<string, unknown> => (response.getState!() as { toJavaScript(): Record<string, unknown> }).toJavaScript();

/** Arguments a program in another language would give each platform component, shared by the protocol tests. */
export const SAMPLE_ARGS = {
  accessLogPipeline: {
    apis: [
      { name: "orders", type: "REST", apiId: "a1b2c3d4e5", stage: "prod" },
      { name: "catalog", type: "HTTP", apiId: "f6g7h8i9j0", stage: "$default" },
    ],
    protectData: false,
    nameScope: "py",
  },
  usageDashboard: {
    apis: [{ name: "catalog", type: "HTTP", apiId: "f6g7h8i9j0", stage: "$default", logGroupName: "/aws/apigateway/py/catalog/default" }],
    nameScope: "py",
  },
  usageAnalytics: {
    glueDatabase: "access_logs_py",
    glueTable: "access_logs",
    athenaWorkgroup: "access-logs-py",
    dataLakeBucketArn: "arn:aws:s3:::lake",
    athenaResultsBucketArn: "arn:aws:s3:::results",
    adminUserNames: ["platform-admin"],
    nameScope: "py",
  },
  observabilitySink: { accountIds: ["111122223333"], apiCallNamespace: "ApiUsage/CloudTrail" },
} as const;
