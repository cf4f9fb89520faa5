/** Runs one policy over what `build` declares under the mock engine. */
import type { EnforcementLevel, Policy } from "@pulumi/policy";
import { declare } from "../engine/harness";
import { PolicyResult, runPolicies } from "../../synth/policy-runner";

export type PolicyConfig = Record<string, unknown> | EnforcementLevel;

export async function resultsOf(policy: Policy, build: () => unknown, config?: PolicyConfig): Promise<PolicyResult[]> {
  const plan = await declare(build);
  const report = await runPolicies([policy], plan.resources, config === undefined ? {} : { config: { [policy.name]: config } });
  return report.results;
}

/** The violation messages, in report order. */
export async function violations(policy: Policy, build: () => unknown, config?: PolicyConfig): Promise<string[]> {
  return (await resultsOf(policy, build, config)).filter((r) => r.outcome === "violation").map((r) => r.message ?? "");
}

export const LAMBDA_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

export const policyJson = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
