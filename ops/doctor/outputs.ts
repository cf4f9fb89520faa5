/**
 * The stack outputs the doctor starts from, as `pulumi stack output --json` prints them, checked
 * against the output contract: a missing or mistyped key is named with its value.
 */
import { problem } from "../../contracts/kinds";
import { OUTPUTS, OUTPUT_NAMES, UNVERSIONED_CONTRACT, contractProblem, publishedIn, type OutputShape, type UsageInsightsOutputs } from "../../contracts/outputs";

export class OutputsError extends Error {
  override name = "OutputsError";
}

const EXPECTED: Record<OutputShape, string> = {
  string: "a string",
  nullableString: "a string or null (the stack's output contract)",
  stringList: "a list of ARNs",
  stringMap: "a map of names to ARNs",
};

function fits(shape: OutputShape, value: unknown): boolean {
  switch (shape) {
    case "string":
      return typeof value === "string";
    case "nullableString":
      return value === null || typeof value === "string";
    case "stringList":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "stringMap":
      return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string");
  }
}

export function parseOutputs(text: string, source: string): UsageInsightsOutputs {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new OutputsError(`${source} is not JSON (${(e as Error).message}); expected the output of \`pulumi stack output --json\``);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new OutputsError(problem(source, "a JSON object of stack outputs", doc));
  const raw = doc as Record<string, unknown>;
  const problems: string[] = [];
  // A stack publishes the outputs of its own contract version: later additions may be absent.
  const published = typeof raw.contractVersion === "string" ? raw.contractVersion : UNVERSIONED_CONTRACT;
  const contract = contractProblem(source, raw.contractVersion);
  if (contract) problems.push(contract);
  for (const name of OUTPUT_NAMES) {
    const value = raw[name];
    const spec = OUTPUTS[name];
    if (value === undefined && !publishedIn(name, published)) continue;
    if (!fits(spec.shape, value)) problems.push(problem(`${source}: ${name}`, EXPECTED[spec.shape], value));
    else if (value === "[secret]") problems.push(problem(`${source}: ${name}`, "its value (run pulumi stack output --json --show-secrets)", value));
  }
  if (problems.length > 0) throw new OutputsError(problems.length === 1 ? problems[0] : `${problems.length} problems with the stack outputs:\n- ${problems.join("\n- ")}`);
  return raw as unknown as UsageInsightsOutputs;
}
