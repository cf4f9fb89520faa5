/** Helpers for component tests: build inside the offline engine, then find what was declared. */
import { RecordedResource, SynthOptions, SynthResult, synthesize } from "../../synth/engine";

export type { RecordedResource, SynthResult } from "../../synth/engine";

/** What every stack file sets: a region and the four default tags the required-tags policy asks for. */
export const TEST_STACK_CONFIG: Readonly<Record<string, string>> = {
  "aws:region": "us-east-1",
  "aws:defaultTags": JSON.stringify({ tags: { project: "api-usage-insights", stack: "test", owner: "platform-team", "cost-centre": "CC-0000" } }),
};

export async function declare(build: () => unknown, opts: Partial<SynthOptions> = {}): Promise<Plan> {
  const result = await synthesize(
    async () => {
      const value = build();
      return value && typeof value === "object" && "then" in (value as object) ? await value : undefined;
    },
    { project: "api-usage-insights", stack: "test", config: TEST_STACK_CONFIG, ...opts },
  );
  return new Plan(result);
}

export class Plan {
  constructor(readonly result: SynthResult) {}

  get resources(): RecordedResource[] {
    return this.result.resources;
  }

  ofType(type: string): RecordedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The one resource of a type; fails when there are none or several. */
  one(type: string, name?: string): RecordedResource {
    const found = this.ofType(type).filter((r) => name === undefined || r.name === name);
    if (found.length !== 1) {
      throw new Error(`expected exactly one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    }
    return found[0];
  }

  byUrn(urn: string): RecordedResource {
    const r = this.resources.find((x) => x.urn === urn);
    if (!r) throw new Error(`no resource with urn ${urn}`);
    return r;
  }

  /** Resources whose parent is the given one. */
  childrenOf(parent: RecordedResource): RecordedResource[] {
    return this.resources.filter((r) => r.parent === parent.urn);
  }

  /** A JSON-string input parsed (policies, dashboard bodies). */
  json(resource: RecordedResource, input: string): unknown {
    const value = resource.inputs[input];
    if (typeof value !== "string") throw new Error(`${resource.name}.${input} is not a JSON string: ${JSON.stringify(value)}`);
    return JSON.parse(value);
  }
}
