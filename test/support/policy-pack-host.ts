/**
 * A Node.js policy pack started as the Pulumi CLI starts one, and spoken to as the engine speaks to
 * it. pulumi/pulumi, pkg/resource/plugin/analyzer_plugin.go (NewPolicyAnalyzer) reads the pack
 * folder's PulumiPolicy.yaml and runs it through the nodejs language host's RunPlugin
 * (sdk/nodejs/cmd/pulumi-language-nodejs/main.go):
 *  - `@pulumi/pulumi/cmd/run-policy-pack` is resolved by `node -e "require.resolve(...)"` run in the
 *    pack folder (locateModule), so it comes from the node_modules above the pack;
 *  - the language host's policy proxy waits for the engine's ConfigureStack and passes the stack to
 *    the pack as PULUMI_NODEJS_ORGANIZATION, _PROJECT, _STACK, _DRY_RUN and PULUMI_CONFIG;
 *  - it runs `node <run-policy-pack> <engine address> <pack folder>` with the pack folder as the
 *    working directory (run-policy-pack drops the engine address and requires the folder); a
 *    TypeScript pack is type-checked by ts-node on the way;
 *  - the pack prints the port of its Analyzer server on stdout, and the engine dials it.
 * The engine then calls Handshake (@pulumi/policy 1.x answers UNIMPLEMENTED, which the engine
 * accepts), ConfigureStack, GetAnalyzerInfo, then Configure with every policy's schema defaults
 * (pkg/engine/update.go, pkg/resource/analyzer/config.go ReconcilePolicyPackConfig: a policy reads
 * its defaults only from there), Analyze per resource with its inputs and AnalyzeStack at the end
 * with every resource's state, parent, dependencies and property dependencies.
 * What it sends of a resource is its plan.json entry (synth/plan.ts): what the engine knows of it.
 */
import * as grpc from "@grpc/grpc-js";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct, type JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import {
  AnalyzeRequest,
  AnalyzeResponse,
  AnalyzeStackRequest,
  AnalyzerHandshakeRequest,
  AnalyzerHandshakeResponse,
  AnalyzerInfo,
  AnalyzerPropertyDependencies,
  AnalyzerResource,
  AnalyzerResourceOptions,
  AnalyzerStackConfigureRequest,
  AnalyzerStackConfigureResponse,
  ConfigureAnalyzerRequest,
  EnforcementLevel,
  PolicyConfig,
  type AnalyzeDiagnostic,
} from "@pulumi/pulumi/proto/analyzer_pb";
import { UNKNOWN_VALUE } from "../../synth/engine";
import type { PlannedResource } from "../../synth/plan";

/** The wire sentinel of a value a preview does not know (sdk/go/common/resource/plugin/rpc.go). */
export const UNKNOWN_WIRE_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface StackIdentity {
  readonly organization: string;
  readonly project: string;
  readonly stack: string;
  readonly dryRun: boolean;
  readonly config: Readonly<Record<string, string>>;
}

export interface LaunchedPack {
  readonly client: AnalyzerClient;
  readonly child: ChildProcess;
  stderr(): string;
  close(): void;
}

/** run-policy-pack as the language host finds it: resolved from the pack folder. */
export function resolveRunPolicyPack(packDir: string): string {
  const resolved = spawnSync(process.execPath, ["-e", "console.log(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'))"], { cwd: packDir, encoding: "utf8" });
  if (resolved.status !== 0) throw new Error(`@pulumi/pulumi/cmd/run-policy-pack does not resolve from ${packDir}: ${resolved.stderr}`);
  return resolved.stdout.trim();
}

/** Starts the pack in `packDir` and connects to it once it has printed its port. */
export function launchPolicyPack(packDir: string, stack: StackIdentity, timeoutMs = 120_000): Promise<LaunchedPack> {
  const runPolicyPack = resolveRunPolicyPack(packDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_NODEJS_TYPESCRIPT: "true",
    PULUMI_NODEJS_ORGANIZATION: stack.organization,
    PULUMI_NODEJS_PROJECT: stack.project,
    PULUMI_NODEJS_STACK: stack.stack,
    PULUMI_NODEJS_DRY_RUN: String(stack.dryRun),
    PULUMI_CONFIG: JSON.stringify(stack.config),
  };
  // Settings of this test process's own ts-node must not leak into the pack's.
  for (const key of Object.keys(env)) if (key.startsWith("TS_NODE_")) delete env[key];
  // The engine address: run-policy-pack drops it; nothing listens there.
  const child = spawn(process.execPath, [runPolicyPack, "127.0.0.1:1", packDir], { cwd: packDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the pack in ${packDir} printed no port within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the pack in ${packDir} exited with ${code} before printing its port; stderr: ${stderr}`));
    });
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const port = stdout.split("\n").find((line) => /^\d+$/.test(line.trim()));
      if (!port) return;
      clearTimeout(timer);
      const client = new AnalyzerClient(`127.0.0.1:${port.trim()}`, grpc.credentials.createInsecure());
      resolve({
        client,
        child,
        stderr: () => stderr,
        close: () => {
          client.close();
          child.removeAllListeners("exit");
          child.kill();
        },
      });
    });
  });
}

type Callback<Res> = (error: grpc.ServiceError | null, response: Res) => void;

/** One unary call: `unary((done) => client.method(request, done))`. */
export function unary<Res>(start: (done: Callback<Res>) => unknown): Promise<Res> {
  return new Promise((resolve, reject) => start((error, response) => (error ? reject(error) : resolve(response))));
}

/**
 * Handshake, ConfigureStack, GetAnalyzerInfo and Configure with the schema defaults (no config file),
 * as the engine opens every analyzer. Returns the Handshake's status code.
 */
export async function openAsEngine(pack: LaunchedPack, packDir: string, stack: StackIdentity): Promise<grpc.status> {
  let handshake = grpc.status.OK;
  try {
    const request = new AnalyzerHandshakeRequest().setEngineAddress("127.0.0.1:1").setRootDirectory(packDir).setProgramDirectory(packDir);
    await unary<AnalyzerHandshakeResponse>((done) => pack.client.handshake(request, done));
  } catch (e) {
    handshake = (e as grpc.ServiceError).code;
    if (handshake !== grpc.status.UNIMPLEMENTED) throw e;
  }
  const configure = new AnalyzerStackConfigureRequest().setOrganization(stack.organization).setProject(stack.project).setStack(stack.stack).setDryRun(stack.dryRun);
  for (const [key, value] of Object.entries(stack.config)) configure.getConfigMap().set(key, value);
  await unary<AnalyzerStackConfigureResponse>((done) => pack.client.configureStack(configure, done));
  const info = await unary<AnalyzerInfo>((done) => pack.client.getAnalyzerInfo(new Empty(), done));
  if (info.getSupportsconfig()) {
    const request = new ConfigureAnalyzerRequest();
    for (const policy of info.getPoliciesList()) {
      const schema = (policy.getConfigschema()?.getProperties()?.toJavaScript() ?? {}) as Record<string, { default?: JavaScriptValue }>;
      const defaults = Object.fromEntries(Object.entries(schema).flatMap(([key, property]) => ("default" in property ? [[key, property.default!]] : [])));
      request.getPolicyconfigMap().set(policy.getName(), new PolicyConfig().setEnforcementlevel(policy.getEnforcementlevel()).setProperties(Struct.fromJavaScript(defaults)));
    }
    await unary<Empty>((done) => pack.client.configure(request, done));
  }
  return handshake;
}

export interface PolicyInfoSummary {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: string;
  readonly configSchema: unknown;
}

export interface PackInfo {
  readonly name: string;
  readonly version: string;
  readonly policies: PolicyInfoSummary[];
}

const LEVELS = Object.fromEntries(Object.entries(EnforcementLevel).map(([name, value]) => [value, name.toLowerCase()])) as Record<number, string>;

export async function analyzerInfo(pack: LaunchedPack): Promise<PackInfo> {
  const info = await unary<AnalyzerInfo>((done) => pack.client.getAnalyzerInfo(new Empty(), done));
  return {
    name: info.getName(),
    version: info.getVersion(),
    policies: info.getPoliciesList().map((p) => ({
      name: p.getName(),
      description: p.getDescription(),
      enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? String(p.getEnforcementlevel()),
      configSchema: p.getConfigschema()?.getProperties()?.toJavaScript() ?? null,
    })),
  };
}

/** Properties as the engine sends them: plain JSON, an unknown value as the wire sentinel. */
function wireProperties(properties: Record<string, unknown>): Struct {
  const json = JSON.parse(JSON.stringify(properties), (_key, value: unknown) => (value === UNKNOWN_VALUE ? UNKNOWN_WIRE_VALUE : value)) as Record<string, JavaScriptValue>;
  return Struct.fromJavaScript(json);
}

function wireOptions(resource: PlannedResource): AnalyzerResourceOptions {
  const options = new AnalyzerResourceOptions()
    .setProtect(resource.options?.protect === true)
    .setIgnorechangesList(resource.options?.ignoreChanges ?? [])
    .setAliasesList(resource.options?.aliases ?? [])
    .setCustomtimeouts(new AnalyzerResourceOptions.CustomTimeouts());
  if (resource.options?.deleteBeforeReplace) options.setDeletebeforereplace(true).setDeletebeforereplacedefined(true);
  if (resource.parent) options.setParent(resource.parent);
  return options;
}

/** The state AnalyzeStack hands over: what the engine knows of the resource (outputs, tagsAll), its inputs over them. */
const stateOf = (resource: PlannedResource): Record<string, unknown> => ({
  ...(resource.outputs ?? {}),
  ...(resource.tagsAll !== undefined ? { tagsAll: resource.tagsAll } : {}),
  ...resource.inputs,
});

/** Every resource this one depends on: explicit dependsOn plus those its inputs came from. */
const dependenciesOf = (resource: PlannedResource): string[] => [...new Set([...(resource.dependsOn ?? []), ...Object.values(resource.propertyDependencies ?? {}).flat()])].sort();

export function analyzeRequest(resource: PlannedResource): AnalyzeRequest {
  return new AnalyzeRequest().setType(resource.type).setUrn(resource.urn).setName(resource.name).setProperties(wireProperties(resource.inputs)).setOptions(wireOptions(resource));
}

export function analyzeStackRequest(resources: readonly PlannedResource[]): AnalyzeStackRequest {
  return new AnalyzeStackRequest().setResourcesList(
    resources.map((resource) => {
      const wire = new AnalyzerResource()
        .setType(resource.type)
        .setUrn(resource.urn)
        .setName(resource.name)
        .setProperties(wireProperties(stateOf(resource)))
        .setOptions(wireOptions(resource))
        .setDependenciesList(dependenciesOf(resource));
      if (resource.parent) wire.setParent(resource.parent);
      for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
        wire.getPropertydependenciesMap().set(property, new AnalyzerPropertyDependencies().setUrnsList(urns));
      }
      return wire;
    }),
  );
}

export interface Diagnostic {
  readonly policy: string;
  readonly pack: string;
  readonly version: string;
  readonly enforcementLevel: string;
  /** The resource's URN; "" for a stack-wide diagnostic. */
  readonly urn: string;
  /** As the pack sends it: the policy's description, a newline, then the violation's own message. */
  readonly message: string;
  /** The violation's own message, without the description the pack puts before it. */
  readonly violation: string;
  /** The pack could not decide: it read a value a preview does not know ("can't run policy … during preview"). */
  readonly undecided: boolean;
}

function diagnostic(d: AnalyzeDiagnostic): Diagnostic {
  const message = d.getMessage();
  const description = d.getDescription();
  return {
    policy: d.getPolicyname(),
    pack: d.getPolicypackname(),
    version: d.getPolicypackversion(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? String(d.getEnforcementlevel()),
    urn: d.getUrn(),
    message,
    violation: message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message,
    undecided: /^can't run policy '[^']+' from policy pack '[^']+' during preview/.test(message),
  };
}

/**
 * Analyze for every resource (no custom ones skipped, as the engine sends each step), then
 * AnalyzeStack over all of them: every diagnostic, a resource's carrying its URN.
 */
export async function analyzeAsEngine(pack: LaunchedPack, resources: readonly PlannedResource[]): Promise<Diagnostic[]> {
  const found: Diagnostic[] = [];
  for (const resource of resources) {
    const response = await unary<AnalyzeResponse>((done) => pack.client.analyze(analyzeRequest(resource), done));
    found.push(...response.getDiagnosticsList().map(diagnostic).map((d) => (d.urn ? d : { ...d, urn: resource.urn })));
  }
  const stack = await unary<AnalyzeResponse>((done) => pack.client.analyzeStack(analyzeStackRequest(resources), done));
  found.push(...stack.getDiagnosticsList().map(diagnostic));
  return found;
}
