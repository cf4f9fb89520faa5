/**
 * The parts of @pulumi/pulumi the offline engine relies on that are not its public API, named in one
 * place. `pulumiInternals()` finds each one or fails loudly, naming what is missing and the installed
 * version, so an upgrade that moves them stops the synth with a sentence instead of a hang or a plan
 * that silently lacks resources. Checked against @pulumi/pulumi 3.276.0.
 */
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as stack from "@pulumi/pulumi/runtime/stack";

/** The version the engine was last checked against; docs/architecture.md, "Dependencies, and why", pins it. */
export const CHECKED_PULUMI_VERSION = "3.276.0";

/** The methods of the mock monitor (`runtime/mocks.js` MockMonitor) the engine wraps. */
export const MOCK_MONITOR_METHODS = ["newUrn", "registerResource", "readResource"] as const;

export interface PulumiInternals {
  /** The mock resource monitor `setMocks` installed (settings.getMonitor()). */
  readonly monitor: () => Record<(typeof MOCK_MONITOR_METHODS)[number], unknown>;
  /** Runs a program as the stack resource's body, as the language host does (runtime/stack). */
  readonly runInPulumiStack: (program: () => Promise<unknown>) => Promise<unknown>;
  /** Waits for every outstanding resource registration (runtime/settings). */
  readonly waitForRPCs: () => Promise<void>;
}

function installedVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return String((require("@pulumi/pulumi/package.json") as { version?: unknown }).version);
  } catch {
    return "unknown";
  }
}

function missing(what: string): Error {
  return new Error(
    `the offline engine needs ${what} from @pulumi/pulumi, which version ${installedVersion()} does not have ` +
      `(checked against ${CHECKED_PULUMI_VERSION}); see synth/pulumi-internals.ts`,
  );
}

/** Every internal the engine uses, each checked; throws naming the first that is missing. */
export function pulumiInternals(): PulumiInternals {
  const settingsModule = settings as unknown as Record<string, unknown>;
  const stackModule = stack as unknown as Record<string, unknown>;
  const getMonitor = settingsModule.getMonitor;
  const waitForRPCs = settingsModule.waitForRPCs;
  const runInPulumiStack = stackModule.runInPulumiStack;
  if (typeof getMonitor !== "function") throw missing("runtime/settings getMonitor()");
  if (typeof waitForRPCs !== "function") throw missing("runtime/settings waitForRPCs()");
  if (typeof runInPulumiStack !== "function") throw missing("runtime/stack runInPulumiStack()");
  return {
    monitor: () => {
      const monitor = getMonitor() as Record<string, unknown> | undefined;
      if (!monitor) throw missing("a mock monitor from settings.getMonitor() after setMocks");
      for (const method of MOCK_MONITOR_METHODS) {
        if (typeof monitor[method] !== "function") throw missing(`the mock monitor's ${method}()`);
      }
      return monitor as Record<(typeof MOCK_MONITOR_METHODS)[number], unknown>;
    },
    runInPulumiStack: runInPulumiStack as PulumiInternals["runInPulumiStack"],
    waitForRPCs: waitForRPCs as PulumiInternals["waitForRPCs"],
  };
}

/** What the engine reads off a RegisterResourceRequest (proto/resource_pb.js); optional reads would otherwise drop silently. */
export const REGISTER_REQUEST_READS = [
  "getType", "getName", "getParent", "getCustom", "getObject", "getDependenciesList", "getPropertydependenciesMap",
  "hasProtect", "getProtect", "hasRetainondelete", "getRetainondelete", "getDeletebeforereplace",
  "getIgnorechangesList", "getReplaceonchangesList", "getAliasesList", "getAliasurnsList", "getProvider",
] as const;

/** What the engine reads off an alias spec (proto/alias_pb.js Alias.Spec). */
export const ALIAS_SPEC_READS = ["getName", "getType", "getStack", "getProject", "getParenturn", "hasParenturn", "getNoparent"] as const;
