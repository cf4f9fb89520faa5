/**
 * The stack outputs the doctor starts from, as `pulumi stack output --json` prints them, checked
 * against the output contract: a missing or mistyped key is named with its value.
 */
import { problem } from "../../contracts/kinds";
import { OUTPUT_NAMES, type OutputName, type UsageInsightsOutputs } from "../../contracts/outputs";

export class OutputsError extends Error {
  override name = "OutputsError";
}

const MAPS: readonly OutputName[] = ["accessLogGroupArns", "httpAccessLogGroupArns"];
const LISTS: readonly OutputName[] = ["widgetFunctionArns"];

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
  for (const name of OUTPUT_NAMES) {
    const value = raw[name];
    if (MAPS.includes(name)) {
      const ok = typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string");
      if (!ok) problems.push(problem(`${source}: ${name}`, "a map of API name to ARN", value));
    } else if (LISTS.includes(name)) {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) problems.push(problem(`${source}: ${name}`, "a list of ARNs", value));
    } else if (value !== null && typeof value !== "string") {
      problems.push(problem(`${source}: ${name}`, "a string or null (the stack's output contract)", value));
    } else if (value === "[secret]") {
      problems.push(problem(`${source}: ${name}`, "its value (run pulumi stack output --json --show-secrets)", value));
    }
  }
  if (problems.length > 0) throw new OutputsError(problems.length === 1 ? problems[0] : `${problems.length} problems with the stack outputs:\n- ${problems.join("\n- ")}`);
  return raw as unknown as UsageInsightsOutputs;
}
