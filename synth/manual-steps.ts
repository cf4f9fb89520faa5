/**
 * What a stack cannot grant itself, as concrete statements: a customer KMS key that the stack does
 * not own (another account's, or one created outside it) needs its key policy to let in every
 * principal that uses it. Read off the plan: roles whose policies name the key, log groups and the
 * Firehose stream it encrypts, and QuickSight's service role when QuickSight reads the encrypted
 * lake. Written as out/<stack>/manual-steps.md.
 */
import type { RecordedResource } from "./engine";

export interface KeyPolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal: { AWS?: string[]; Service?: string };
  readonly Action: string[];
  readonly Resource: "*";
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface ManualSteps {
  readonly keyArn: string;
  readonly keyAccount: string;
  readonly stackAccount: string;
  readonly statements: KeyPolicyStatement[];
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

function policyActionsOnKey(policyText: string, keyArn: string): string[] {
  let doc: { Statement?: Array<{ Action?: string | string[]; Resource?: string | string[] }> };
  try {
    doc = JSON.parse(policyText) as typeof doc;
  } catch {
    return [];
  }
  return (doc.Statement ?? []).flatMap((s) => ([s.Resource ?? []].flat().includes(keyArn) ? [s.Action ?? []].flat() : []));
}

/** The key-policy statements a stack's customer key needs, or undefined when the stack owns its key (or has none). */
export function manualSteps(resources: readonly RecordedResource[], config: Readonly<Record<string, string>>, stackAccount: string): ManualSteps | undefined {
  const keyArn = config["api-usage-insights:kmsKeyArn"];
  if (!keyArn) return undefined;
  if (resources.some((r) => r.type === "aws:kms/key:Key" && r.outputs.arn === keyArn)) return undefined;
  const [, , , region = "", keyAccount = ""] = keyArn.split(":");

  const roleActions = new Map<string, Set<string>>();
  for (const policy of resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy")) {
    const actions = policyActionsOnKey(str(policy.inputs.policy), keyArn);
    if (actions.length === 0) continue;
    const role = resources.find((r) => r.type === "aws:iam/role:Role" && (policy.propertyDependencies.role ?? []).includes(r.urn));
    if (!role) continue;
    // The physical name gets a random suffix at deploy: match every role the stack can name so.
    const arn = typeof role.inputs.name === "string" ? str(role.outputs.arn) : `arn:aws:iam::${stackAccount}:role/${role.name}-*`;
    const set = roleActions.get(arn) ?? new Set<string>();
    actions.forEach((a) => set.add(a));
    roleActions.set(arn, set);
  }

  const statements: KeyPolicyStatement[] = [];
  const byActions = new Map<string, string[]>();
  for (const [role, actions] of [...roleActions].sort(([a], [b]) => a.localeCompare(b))) {
    const key = [...actions].sort().join(",");
    byActions.set(key, [...(byActions.get(key) ?? []), role]);
  }
  [...byActions].forEach(([actions, roles], i) => {
    statements.push({
      Sid: `ApiUsageInsightsRoles${i + 1}`,
      Effect: "Allow",
      Principal: { AWS: [`arn:aws:iam::${stackAccount}:root`] },
      Action: actions.split(","),
      Resource: "*",
      Condition: { ArnLike: { "aws:PrincipalArn": roles } },
    });
  });

  const logGroups = resources.filter((r) => r.type === "aws:cloudwatch/logGroup:LogGroup" && r.inputs.kmsKeyId === keyArn);
  if (logGroups.length > 0) {
    statements.push({
      Sid: "ApiUsageInsightsLogGroups",
      Effect: "Allow",
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${stackAccount}:log-group:*` } },
    });
  }

  const quicksight = resources.some((r) => r.type === "aws:quicksight/dataSource:DataSource");
  if (quicksight) {
    statements.push({
      Sid: "ApiUsageInsightsQuickSight",
      Effect: "Allow",
      Principal: { AWS: [`arn:aws:iam::${stackAccount}:role/service-role/aws-quicksight-service-role-v0`] },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
    });
  }
  return { keyArn, keyAccount, stackAccount, statements };
}

export function renderManualSteps(stack: string, steps: ManualSteps): string {
  const owner = steps.keyAccount === steps.stackAccount ? "this account" : `account ${steps.keyAccount}`;
  return [
    `# Manual steps for stack ${stack}`,
    "",
    `The stack encrypts with the customer key \`${steps.keyArn}\`, which it does not manage. Add these`,
    `statements to that key's policy (in ${owner}); until then the functions, Firehose, CloudWatch Logs,`,
    "Athena queries and QuickSight that use the key fail with AccessDenied. The stack's roles are",
    "matched by name (`aws:PrincipalArn` like `…:role/<name>-*`), since each gets a random suffix",
    "when it is created.",
    "",
    "```json",
    JSON.stringify(steps.statements, null, 2),
    "```",
    "",
    "QuickSight also needs, in *Manage QuickSight → Security & permissions → AWS resources*, access to",
    "Athena, the data-lake bucket and the Athena results bucket (docs/deploy.md, \"The QuickSight manual step\").",
    "",
  ].join("\n");
}
