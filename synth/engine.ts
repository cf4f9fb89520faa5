/**
 * The offline engine: runs a Pulumi program in-process under `pulumi.runtime.setMocks`, records
 * every resource (urn, type, name, parent, inputs, options, dependencies) and returns them with the
 * stack outputs. No CLI, no AWS, no network. URNs and aliases are built as the Pulumi engine builds
 * them; `preview: true` models a first `pulumi preview`, where outputs of new resources are unknown.
 * Used by the fleet synth (synth/run.ts) and by component tests (test/engine/harness.ts).
 */
import { createHash } from "node:crypto";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_ACCOUNT, FakeAccount, KNOWN_IN_PREVIEW, fakeCall, fakeState, readDefaultTags } from "./fake-aws";
import { pulumiInternals } from "./pulumi-internals";
import { inheritedChildAlias, qualifiedTypeOf, urnOf } from "./urn";

/** How the plan writes a value that is not known yet (an output of a resource a preview would create). */
export const UNKNOWN_VALUE = "(unknown)";

/** The resource options that matter to a reviewer; only those set are present. */
export interface RecordedOptions {
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
  readonly deleteBeforeReplace?: boolean;
  readonly ignoreChanges?: string[];
  readonly replaceOnChanges?: string[];
  /** Every URN this resource was known by, its own aliases and those inherited from its parents. */
  readonly aliases?: string[];
  /** An explicit provider reference (`urn::id`); absent for the default provider. */
  readonly provider?: string;
}

export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly custom: boolean;
  readonly inputs: Record<string, unknown>;
  readonly id: string | null;
  readonly outputs: Record<string, unknown>;
  /** Every resource this one depends on: explicit `dependsOn` plus those its inputs came from. */
  readonly dependencies: string[];
  readonly propertyDependencies: Record<string, string[]>;
  /** `dependsOn` alone: dependencies not explained by any input. */
  readonly dependsOn: string[];
  readonly options: RecordedOptions;
}

export interface SynthOptions {
  readonly project: string;
  readonly stack: string;
  /** What pulumi.getOrganization() returns (default "organization", as on a local backend). */
  readonly organization?: string;
  /** Config as the engine hands it over: `namespace:key` → string (objects JSON-encoded). */
  readonly config: Readonly<Record<string, string>>;
  readonly account?: Partial<FakeAccount>;
  /** Outputs of the stacks a program references, by fully qualified stack name. */
  readonly stackReferences?: Readonly<Record<string, Record<string, unknown>>>;
  /** Directory paths of assets are written relative to this (default: cwd). */
  readonly rootDir?: string;
  /** Model a first `pulumi preview`: new resources have unknown ids and computed outputs. */
  readonly preview?: boolean;
}

export interface SynthResult {
  readonly resources: RecordedResource[];
  readonly outputs: Record<string, unknown>;
}

type Program = () => unknown;

interface AliasSpec {
  getName(): string;
  getType(): string;
  getStack(): string;
  getProject(): string;
  getParenturn(): string;
  hasParenturn(): boolean;
  getNoparent(): boolean;
}
interface AliasMessage {
  hasUrn(): boolean;
  getUrn(): string;
  getSpec(): AliasSpec | undefined;
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom?(): boolean;
  getObject(): unknown;
  getDependenciesList?(): string[];
  getPropertydependenciesMap?(): { forEach(cb: (value: { getUrnsList(): string[] }, key: string) => void): void };
  // RegisterResourceRequest only: the resource options.
  hasProtect?(): boolean;
  getProtect?(): boolean;
  hasRetainondelete?(): boolean;
  getRetainondelete?(): boolean;
  getDeletebeforereplace?(): boolean;
  getIgnorechangesList?(): string[];
  getReplaceonchangesList?(): string[];
  getAliasesList?(): AliasMessage[];
  getAliasurnsList?(): string[];
  getProvider?(): string;
}
interface RegisterResponse {
  getUrn(): string;
  getId?(): string;
  /** RegisterResourceResponse has the state in `object`, ReadResourceResponse in `properties`. */
  getObject?(): { toJavaScript(): unknown } | undefined;
  getProperties?(): { toJavaScript(): unknown } | undefined;
}
type Callback = (err: Error | null, resp: RegisterResponse | undefined) => void;
interface Monitor {
  newUrn(parent: string, type: string, name: string): string;
  registerResource(req: RegisterRequest, cb: Callback): void;
  readResource(req: RegisterRequest & { getProperties(): unknown; getId(): string }, cb: Callback): void;
}

let running = false;

/** Evaluates `program` under mocks and returns what it declared. One synthesis at a time per process. */
export async function synthesize(program: Program, opts: SynthOptions): Promise<SynthResult> {
  if (running) throw new Error("synthesize() is already running in this process; await the previous call first");
  running = true;
  // The Pulumi runtime formats a stack trace for every promise and resource it creates (only to keep
  // them for debugging and source positions, which the offline engine never records). Under ts-node
  // each one is source-mapped frame by frame, which took about half of a synthesis. V8 formats
  // `error.stack` when it is first read, with the Error.prepareStackTrace in force then: errors the
  // program throws are read after this block, so they still point at TypeScript lines.
  const errors = Error as { prepareStackTrace?: ErrorConstructor["prepareStackTrace"] };
  const mapStackTrace = errors.prepareStackTrace;
  errors.prepareStackTrace = undefined;
  try {
    return await run(program, opts);
  } finally {
    errors.prepareStackTrace = mapStackTrace;
    running = false;
  }
}

async function run(program: Program, opts: SynthOptions): Promise<SynthResult> {
  const internals = pulumiInternals();
  const region = opts.config["aws:region"] ?? DEFAULT_ACCOUNT.region;
  const account: FakeAccount = { ...DEFAULT_ACCOUNT, region, ...opts.account };
  const rootDir = opts.rootDir ?? process.cwd();
  const refs = opts.stackReferences ?? {};
  const preview = opts.preview ?? false;
  const defaultTags = readDefaultTags(opts.config["aws:defaultTags"]);
  const recorded = new Map<string, RecordedResource>();
  // The name a new resource's fake physical name is derived from: an aliased resource keeps the
  // name it was created with, as the provider keeps an auto-name when only the URN changes.
  // Set just before the mock monitor calls newResource, which it does synchronously.
  let seedName: string | undefined;

  // An explicit AWS provider of another Region places its resources there: fake ARNs and
  // provider functions answer in that Region, as the real provider would.
  const providerRegions = new Map<string, string>();
  const placed = (provider: string | undefined): FakeAccount => {
    const urn = provider?.split("::").slice(0, 4).join("::");
    const own = urn ? providerRegions.get(urn) : undefined;
    return own ? { ...account, region: own } : account;
  };

  const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
      const seed = seedName;
      seedName = undefined;
      if (args.type === "pulumi:providers:aws" && typeof args.inputs.region === "string") {
        providerRegions.set(`urn:pulumi:${opts.stack}::${opts.project}::pulumi:providers:aws::${args.name}`, args.inputs.region);
      }
      if (args.type === "pulumi:pulumi:StackReference") {
        const name = String(args.inputs.name ?? args.name);
        const outputs = refs[name];
        if (!outputs) throw new Error(`stack reference ${name} is not known to the offline engine; pass it in stackReferences`);
        return { id: name, state: { name, outputs, secretOutputNames: [] } };
      }
      const fake = fakeState(args.type, seed ?? args.name, args.inputs, placed(args.provider), defaultTags);
      // A read (`get`, import) has an id and known state even in preview; a new resource has neither.
      if (preview && !args.id && args.custom) {
        const computed = Object.fromEntries(
          Object.entries(fake.state)
            .filter(([key]) => !(key in args.inputs))
            .map(([key, value]) => [key, KNOWN_IN_PREVIEW.has(key) ? value : pulumi.runtime.unknownValue]),
        );
        return { id: "", state: { ...args.inputs, ...computed } };
      }
      return { id: args.id || fake.id, state: { ...args.inputs, ...fake.state } };
    },
    call(args) {
      return fakeCall(args.token, args.inputs, placed(args.provider));
    },
  };

  pulumi.runtime.setAllConfig({ ...opts.config });
  // A local backend's only organization is "organization"; Pulumi Cloud passes the real one.
  await pulumi.runtime.setMocks(mocks, opts.project, opts.stack, preview, opts.organization ?? "organization");
  const monitor = internals.monitor() as unknown as Monitor;
  // The mock monitor keeps only the parent's last type; the engine keeps the whole chain.
  monitor.newUrn = (parent, type, name) => urnOf(opts.stack, opts.project, parent || null, type, name);

  const aliasesOf = (req: RegisterRequest): string[] => {
    const type = req.getType();
    const name = req.getName();
    const parent = req.getParent() || null;
    const own: string[] = [...(req.getAliasurnsList?.() ?? [])];
    for (const alias of req.getAliasesList?.() ?? []) {
      if (alias.hasUrn()) {
        own.push(alias.getUrn());
        continue;
      }
      const spec = alias.getSpec();
      if (!spec) continue;
      const aliasParent = spec.getNoparent() ? null : spec.hasParenturn() ? spec.getParenturn() || null : parent;
      own.push(urnOf(spec.getStack() || opts.stack, spec.getProject() || opts.project, aliasParent, spec.getType() || type, spec.getName() || name));
    }
    const all = new Set(own);
    const parentAliases = parent ? (recorded.get(parent)?.options.aliases ?? []) : [];
    const parentName = parent ? (parent.split("::").pop() ?? "") : "";
    for (const parentAlias of parentAliases) {
      all.add(inheritedChildAlias(type, name, parentName, parentAlias));
      for (const alias of own) {
        all.add(inheritedChildAlias(qualifiedTypeOf(alias).split("$").pop() ?? type, alias.split("::").pop() ?? name, parentName, parentAlias));
      }
    }
    return [...all].sort();
  };

  const optionsOf = (req: RegisterRequest, aliases: string[]): RecordedOptions => {
    const ignoreChanges = req.getIgnorechangesList?.() ?? [];
    const replaceOnChanges = req.getReplaceonchangesList?.() ?? [];
    const provider = req.getProvider?.() ?? "";
    return {
      ...(req.hasProtect?.() && req.getProtect?.() ? { protect: true } : {}),
      ...(req.hasRetainondelete?.() && req.getRetainondelete?.() ? { retainOnDelete: true } : {}),
      ...(req.getDeletebeforereplace?.() ? { deleteBeforeReplace: true } : {}),
      ...(ignoreChanges.length ? { ignoreChanges: [...ignoreChanges].sort() } : {}),
      ...(replaceOnChanges.length ? { replaceOnChanges: [...replaceOnChanges].sort() } : {}),
      ...(aliases.length ? { aliases } : {}),
      ...(provider ? { provider } : {}),
    };
  };

  const record = (req: RegisterRequest, resp: RegisterResponse | undefined, inputsStruct: unknown) => {
    if (!resp) return;
    // ReadResourceRequest (StackReference, `get`) lacks some of RegisterResourceRequest's fields.
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap?.().forEach((value, key) => {
      const urns = value.getUrnsList();
      if (urns.length) propertyDependencies[key] = [...urns].sort();
    });
    const implied = new Set(Object.values(propertyDependencies).flat());
    const dependencies = [...new Set(req.getDependenciesList?.() ?? [])].sort();
    const inputs = summariseProvider(fromStruct(inputsStruct, rootDir));
    const outputs = summariseProvider(fromStruct(resp.getObject?.() ?? resp.getProperties?.(), rootDir));
    const aliases = aliasesOf(req);
    recorded.set(resp.getUrn(), {
      urn: resp.getUrn(),
      type: req.getType(),
      name: req.getName(),
      parent: req.getParent() || null,
      custom: req.getCustom?.() ?? true,
      inputs,
      id: resp.getId?.() || null,
      outputs,
      dependencies,
      propertyDependencies,
      dependsOn: dependencies.filter((d) => !implied.has(d)),
      options: optionsOf(req, aliases),
    });
  };

  const register = monitor.registerResource.bind(monitor);
  // A recording failure must reach the program as an error, never leave the engine waiting.
  const recording = (req: RegisterRequest, inputs: () => unknown, cb: Callback): Callback => (err, resp) => {
    if (err) return cb(err, resp);
    try {
      record(req, resp, inputs());
    } catch (e) {
      return cb(e instanceof Error ? e : new Error(String(e)), undefined);
    }
    cb(null, resp);
  };
  monitor.registerResource = (req, cb) => {
    const type = req.getType();
    const name = req.getName();
    const first = aliasesOf(req).map((a) => ({ type: qualifiedTypeOf(a).split("$").pop(), name: a.split("::").pop() })).find((a) => a.type === type && a.name !== name);
    seedName = first?.name;
    register(req, recording(req, () => req.getObject(), cb));
  };
  const read = monitor.readResource.bind(monitor);
  monitor.readResource = (req, cb) => read(req, recording(req, () => req.getProperties(), cb));

  // An error thrown inside an apply that feeds a resource surfaces only as an unhandled
  // rejection, while the stack waits forever for that resource: fail fast with it instead.
  const failures: unknown[] = [];
  let fail: (reason: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const onRejection = (reason: unknown) => {
    failures.push(reason);
    fail(reason);
  };
  process.on("unhandledRejection", onRejection);
  let outputs: Record<string, unknown>;
  try {
    const result = await Promise.race([
      internals.runInPulumiStack(async () => {
        const value = await program();
        return typeof value === "function" ? await (value as () => unknown)() : value;
      }),
      failed,
    ]);
    outputs = (plainOutputs(result ?? {}, rootDir) as Record<string, unknown>) ?? {};
    await internals.waitForRPCs();
    // Node reports unhandled rejections after the microtask queue drains: give it two turns.
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("unhandledRejection", onRejection);
  }
  if (failures.length) throw failures[0] instanceof Error ? failures[0] : new Error(String(failures[0]));

  const resources = [...recorded.values()].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  return { resources, outputs };
}

/**
 * A dynamic resource carries its whole serialized provider (tens of KB of code) as `__provider`;
 * the plan keeps a digest instead, so it stays readable and still changes when the code does.
 */
function summariseProvider(props: Record<string, unknown>): Record<string, unknown> {
  const code = props.__provider;
  if (typeof code !== "string") return props;
  return { ...props, __provider: `(serialized dynamic provider, sha256 ${createHash("sha256").update(code).digest("hex").slice(0, 12)})` };
}

const SIG = "4dabf18193072939515e22adb298388d";
const ASSET = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE = "0def7320c3a5731c473e5ecbe6d01bc7";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function fromStruct(struct: unknown, rootDir: string): Record<string, unknown> {
  if (!struct || typeof (struct as { toJavaScript?: unknown }).toJavaScript !== "function") return {};
  return (normalise((struct as { toJavaScript(): unknown }).toJavaScript(), rootDir) as Record<string, unknown>) ?? {};
}

/**
 * Plain JSON from the wire format: secrets unwrapped, assets and archives as paths relative to the
 * project, resource references as their URN, keys sorted so the plan is deterministic.
 */
function normalise(value: unknown, rootDir: string): unknown {
  if (value === null || value === undefined) return null;
  if (value === UNKNOWN) return UNKNOWN_VALUE;
  if (Array.isArray(value)) return value.map((v) => normalise(v, rootDir));
  if (typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  switch (obj[SIG]) {
    case SECRET:
    case OUTPUT:
      return normalise(obj.value, rootDir);
    case RESOURCE:
      return { resource: obj.urn };
    case ASSET:
    case ARCHIVE: {
      const kind = obj[SIG] === ASSET ? "asset" : "archive";
      if (typeof obj.path === "string") return { [`file${kind === "asset" ? "Asset" : "Archive"}`]: path.relative(rootDir, path.resolve(rootDir, obj.path)) };
      if (typeof obj.text === "string") return { stringAsset: obj.text };
      if (obj.assets) return { assetArchive: normalise(obj.assets, rootDir) };
      return { [kind]: normalise(obj.uri ?? null, rootDir) };
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) {
    if (obj[key] !== undefined) out[key] = normalise(obj[key], rootDir);
  }
  return out;
}

/** Stack outputs arrive as JS values (assets as objects); make them plain and sorted too. */
function plainOutputs(value: unknown, rootDir: string): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => plainOutputs(v, rootDir));
  if (pulumi.Resource.isInstance(value)) return { resource: "(resource object)" };
  if (typeof value === "object") return normalise(Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, plainOutputs(v, rootDir)])), rootDir);
  return value;
}
