// Plays the Pulumi CLI's side of a policy pack over an offline plan: starts policies/ as the CLI
// starts a Node.js pack (`pulumi-analyzer-policy <engine> .` in the pack's folder, which runs
// `node @pulumi/pulumi/cmd/run-policy-pack <engine> .`), reads the port it prints, and talks to it
// over the Analyzer gRPC protocol shipped in @pulumi/pulumi/proto: Analyze for each resource with
// its inputs, then AnalyzeStack with every resource's state, parent, dependencies and property
// dependencies. Everything it sends comes from plan.json alone.
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { fakeEngine } from "../support/component-host";

/* eslint-disable @typescript-eslint/no-require-imports */
const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzerProto = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

const root = path.resolve(__dirname, "../..");
const packDir = path.join(root, "policies");
const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });

/** The wire's unknown sentinel (the CLI marshals properties with KeepUnknowns). */
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** How plan.json writes a value not known yet (synth/engine.ts UNKNOWN_VALUE). */
const PLAN_UNKNOWN = "(unknown)";

/** A resource as plan.json records it; the fields a pack needs besides the inputs are optional in older plans. */
export interface PlanResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly inputs: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
  readonly tagsAll?: unknown;
  readonly propertyDependencies?: Record<string, string[]>;
  readonly options?: { protect?: boolean; deleteBeforeReplace?: boolean; ignoreChanges?: string[]; aliases?: string[] };
  readonly dependsOn?: string[];
}

export interface PackDiagnostic {
  readonly policy: string;
  readonly urn: string | null;
  readonly enforcementLevel: "advisory" | "mandatory" | "disabled" | "remediate";
  /** The violation's own message, without the policy description the pack puts before it. */
  readonly message: string;
  /** The pack could not decide: it read a value a preview does not know ("can't run policy … during preview"). */
  readonly undecided: boolean;
}

type Message = { [method: string]: (...args: never[]) => unknown };
type Client = grpc.Client & Record<string, (request: unknown, cb: (err: grpc.ServiceError | null, response: Message) => void) => void>;

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"] as const;

function withWireUnknowns(value: unknown): unknown {
  if (value === PLAN_UNKNOWN) return UNKNOWN_SENTINEL;
  if (Array.isArray(value)) return value.map(withWireUnknowns);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withWireUnknowns(v)]));
  return value;
}

const struct = (props: Record<string, unknown>): unknown => Struct.fromJavaScript(withWireUnknowns(props));

function resourceOptions(r: PlanResource): unknown {
  const options = new analyzerProto.AnalyzerResourceOptions();
  options.setProtect(r.options?.protect ?? false);
  options.setIgnorechangesList(r.options?.ignoreChanges ?? []);
  options.setAliasesList(r.options?.aliases ?? []);
  options.setAdditionalsecretoutputsList([]);
  if (r.options?.deleteBeforeReplace) {
    options.setDeletebeforereplace(true);
    options.setDeletebeforereplacedefined(true);
  }
  options.setCustomtimeouts(new analyzerProto.AnalyzerResourceOptions.CustomTimeouts());
  if (r.parent) options.setParent(r.parent);
  return options;
}

/** The state AnalyzeStack hands over: what the engine knows of the resource (outputs, tagsAll), its inputs over them. */
const stateOf = (r: PlanResource): Record<string, unknown> => ({
  ...(r.outputs ?? {}),
  ...(r.tagsAll !== undefined ? { tagsAll: r.tagsAll } : {}),
  ...r.inputs,
});

/** Every resource this one depends on: explicit dependsOn plus those its inputs came from. */
const dependenciesOf = (r: PlanResource): string[] => [...new Set([...(r.dependsOn ?? []), ...Object.values(r.propertyDependencies ?? {}).flat()])].sort();

function analyzeRequest(r: PlanResource): unknown {
  const request = new analyzerProto.AnalyzeRequest();
  request.setUrn(r.urn);
  request.setType(r.type);
  request.setName(r.name);
  request.setProperties(struct(r.inputs));
  request.setOptions(resourceOptions(r));
  return request;
}

function analyzeStackRequest(resources: readonly PlanResource[]): unknown {
  const request = new analyzerProto.AnalyzeStackRequest();
  request.setResourcesList(
    resources.map((r) => {
      const resource = new analyzerProto.AnalyzerResource();
      resource.setUrn(r.urn);
      resource.setType(r.type);
      resource.setName(r.name);
      resource.setProperties(struct(stateOf(r)));
      resource.setOptions(resourceOptions(r));
      resource.setParent(r.parent ?? "");
      resource.setDependenciesList(dependenciesOf(r));
      const map = resource.getPropertydependenciesMap();
      for (const [prop, urns] of Object.entries(r.propertyDependencies ?? {})) {
        const deps = new analyzerProto.AnalyzerPropertyDependencies();
        deps.setUrnsList(urns);
        map.set(prop, deps);
      }
      return resource;
    }),
  );
  return request;
}

function diagnosticsOf(response: Message, defaultUrn: string | null): PackDiagnostic[] {
  const list = (response.getDiagnosticsList as () => Message[])();
  return list.map((d) => {
    const description = String(d.getDescription!());
    const full = String(d.getMessage!());
    const message = full.startsWith(`${description}\n`) ? full.slice(description.length + 1) : full;
    return {
      policy: String(d.getPolicyname!()),
      urn: String(d.getUrn!()) || defaultUrn,
      enforcementLevel: LEVELS[Number(d.getEnforcementlevel!())] ?? "advisory",
      message,
      undecided: /^can't run policy '[^']+' from policy pack '[^']+' during preview/.test(full),
    };
  });
}

/**
 * The config the CLI hands the pack before analyzing: every policy's enforcement level and the
 * defaults of its config schema (no stack config adds to them here), as ReconcilePolicyPackConfig does.
 */
async function reconciledConfig(rpc: (method: string, request: unknown) => Promise<Message>): Promise<unknown> {
  const info = await rpc("getAnalyzerInfo", new Empty());
  const request = new analyzerProto.ConfigureAnalyzerRequest();
  const map = request.getPolicyconfigMap();
  for (const policy of (info.getPoliciesList as () => Message[])()) {
    const schema = (policy.getConfigschema as () => Message | undefined)();
    const properties = (schema?.getProperties as (() => { toJavaScript(): Record<string, { default?: unknown }> } | undefined) | undefined)?.()?.toJavaScript() ?? {};
    const defaults = Object.fromEntries(Object.entries(properties).filter(([, p]) => p && "default" in p).map(([key, p]) => [key, p.default]));
    const config = new analyzerProto.PolicyConfig();
    config.setEnforcementlevel(policy.getEnforcementlevel!());
    config.setProperties(Struct.fromJavaScript(defaults));
    map.set(String(policy.getName!()), config);
  }
  return request;
}

export interface RunningPack {
  /** Analyze for every resource, then AnalyzeStack over all of them: every diagnostic the pack reports. */
  analyzePlan(resources: readonly PlanResource[]): Promise<PackDiagnostic[]>;
  stop(): Promise<void>;
}

/** Starts policies/ as the CLI does, with type-checking ts-node, and connects to the port it prints. */
export async function startPolicyPack(): Promise<RunningPack> {
  const logs: string[] = [];
  const engine = await fakeEngine(logs);
  const env = { ...process.env };
  delete env.TS_NODE_TRANSPILE_ONLY;
  delete env.TS_NODE_PROJECT;
  const child: ChildProcess = spawn(process.execPath, [runPolicyPack, engine.address, "."], { cwd: packDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const client = await new Promise<Client>((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`the policy pack exited with ${code} before printing its port:\n${stderr}${stdout}\n${logs.join("\n")}`)));
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const port = /^(\d+)\s*$/m.exec(stdout)?.[1];
      if (port) resolve(new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as Client);
    });
  });
  const rpc = (method: string, request: unknown): Promise<Message> =>
    new Promise((resolve, reject) =>
      client[method]!(request, (err, response) => (err ? reject(new Error(`${method}: ${err.message}\n${stderr}\n${logs.join("\n")}`)) : resolve(response))),
    );
  try {
    await rpc("configure", await reconciledConfig(rpc));
  } catch (error) {
    // A pack that started but could not be configured must not outlive the test.
    client.close();
    child.kill();
    engine.server.forceShutdown();
    throw error;
  }
  return {
    async analyzePlan(resources) {
      const diagnostics: PackDiagnostic[] = [];
      for (const r of resources) diagnostics.push(...diagnosticsOf(await rpc("analyze", analyzeRequest(r)), r.urn));
      diagnostics.push(...diagnosticsOf(await rpc("analyzeStack", analyzeStackRequest(resources)), null));
      return diagnostics;
    },
    async stop() {
      client.close();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill();
        await exited;
      }
      await new Promise((resolve) => engine.server.tryShutdown(resolve));
    },
  };
}
