/** IAM: no "*" on "*" (AWS FSBP IAM.1; CIS 1.16 v1.4), no iam:PassRole on every role (privilege escalation). */
import { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { actionMatches, allowStatements, asList } from "./lib";

/** Identity policy documents per resource type: [label, document] pairs. */
function documentsOf(args: ResourceValidationArgs): Array<[string, unknown]> {
  const props = args.props as { policy?: unknown; inlinePolicies?: Array<{ name?: string; policy?: unknown }> };
  switch (args.type) {
    case "aws:iam/policy:Policy":
      return [[`IAM policy ${args.name}`, props.policy]];
    case "aws:iam/rolePolicy:RolePolicy":
    case "aws:iam/userPolicy:UserPolicy":
    case "aws:iam/groupPolicy:GroupPolicy":
      return [[`inline policy ${args.name}`, props.policy]];
    case "aws:iam/role:Role":
      return asList(props.inlinePolicies).map((p) => [`inline policy ${p.name ?? "(unnamed)"} of role ${args.name}`, p.policy]);
    default:
      return args.notApplicable(`${args.type} holds no identity policy`);
  }
}

const exemptionSchema = {
  properties: {
    exemptResources: { type: "array" as const, items: { type: "string" as const }, default: [] as string[], description: "Logical names of resources (e.g. a break-glass role) exempt from this policy." },
  },
};

function grantsOn(args: ResourceValidationArgs, report: (m: string) => void, matches: (actions: string[]) => string | undefined, what: string): void {
  const documents = documentsOf(args);
  if (args.getConfig<{ exemptResources: string[] }>().exemptResources.includes(args.name)) return;
  for (const [label, document] of documents) {
    for (const { statement, label: where } of allowStatements(document)) {
      if (!asList(statement.Resource).includes("*")) continue;
      const action = matches(asList(statement.Action));
      if (action !== undefined) report(`${label} allows ${action} on Resource "*" (${where}); ${what}`);
    }
  }
}

export const iamNoStarOnStar: ResourceValidationPolicy = {
  name: "iam-no-star-on-star",
  description: "No identity policy (aws.iam.Policy, RolePolicy, UserPolicy, GroupPolicy, a role's inlinePolicies) allows Action \"*\" on Resource \"*\" — full administrator access. A document built from outputs a preview does not know yet (ARNs of resources it would create) can only be read at `up`; a preview reports it as advisory \"can't run during preview\".",
  enforcementLevel: "mandatory",
  configSchema: exemptionSchema,
  validateResource: (args, report) =>
    grantsOn(args, report, (actions) => (actions.some((a) => a === "*" || a === "*:*") ? `"*"` : undefined), "grant only the actions and resources needed"),
};

export const iamNoPassRoleOnStar: ResourceValidationPolicy = {
  name: "iam-no-passrole-on-star",
  description: "No identity policy allows iam:PassRole (directly or through a wildcard such as iam:* or iam:Pass*) on Resource \"*\": passing any role to any service is privilege escalation. A document built from outputs a preview does not know yet (ARNs of resources it would create) can only be read at `up`; a preview reports it as advisory \"can't run during preview\".",
  enforcementLevel: "mandatory",
  configSchema: exemptionSchema,
  validateResource: (args, report) =>
    grantsOn(
      args,
      report,
      (actions) => {
        const match = actions.find((a) => actionMatches(a, "iam:PassRole"));
        return match === undefined ? undefined : match === "iam:PassRole" ? "iam:PassRole" : `iam:PassRole (through "${match}")`;
      },
      "list the role ARNs that may be passed, ideally with an iam:PassedToService condition",
    ),
};

export const IAM_POLICIES = [iamNoStarOnStar, iamNoPassRoleOnStar];
