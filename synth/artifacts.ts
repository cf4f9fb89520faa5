/**
 * The review artifacts of a plan: pure views of recorded resources and outputs, so a diff of out/
 * shows what a change does (dashboard body, QuickSight definition, IAM documents, log formats).
 */
import type { RecordedResource } from "./engine";

export type Artifacts = Map<string, unknown>;

const parseJson = (value: unknown): unknown => {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

export function collectArtifacts(resources: readonly RecordedResource[], outputs: Record<string, unknown>): Artifacts {
  const artifacts: Artifacts = new Map();

  const dashboards = resources.filter((r) => r.type === "aws:cloudwatch/dashboard:Dashboard");
  dashboards.forEach((d, i) => artifacts.set(i === 0 ? "dashboard.json" : `dashboard.${d.name}.json`, parseJson(d.inputs.dashboardBody)));

  // The definition as the aws-native provider receives it (its lowerCamelCase names of CloudFormation's properties).
  const quicksight = resources.filter((r) => r.type === "aws-native:quicksight:Dashboard" && r.inputs.definition);
  quicksight.forEach((q, i) => artifacts.set(i === 0 ? "quicksight-dashboard.json" : `quicksight-dashboard.${q.name}.json`, q.inputs.definition));

  const roles = resources.filter((r) => r.type === "aws:iam/role:Role");
  for (const role of roles) {
    const inline = resources
      .filter((p) => p.type === "aws:iam/rolePolicy:RolePolicy" && (p.propertyDependencies.role ?? []).includes(role.urn))
      .map((p) => ({ name: p.name, policy: parseJson(p.inputs.policy) }));
    const attached = resources
      .filter((p) => p.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" && (p.propertyDependencies.role ?? []).includes(role.urn))
      .map((p) => p.inputs.policyArn);
    artifacts.set(`iam/${role.name}.json`, { assumeRolePolicy: parseJson(role.inputs.assumeRolePolicy), inlinePolicies: inline, managedPolicyArns: attached });
  }
  for (const policy of resources.filter((r) => r.type === "aws:iam/policy:Policy")) {
    artifacts.set(`iam/${policy.name}.json`, { managedPolicy: parseJson(policy.inputs.policy) });
  }

  if (typeof outputs.restAccessLogFormat === "string") artifacts.set("access-log-format.rest.json", parseJson(outputs.restAccessLogFormat));
  if (typeof outputs.httpAccessLogFormat === "string") artifacts.set("access-log-format.http.json", parseJson(outputs.httpAccessLogFormat));
  return artifacts;
}
