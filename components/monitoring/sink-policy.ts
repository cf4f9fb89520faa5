/** The OAM sink policy: which accounts may link, and what they may share. Pure. */
import { PolicyDocument, policyDocument } from "../shared/iam";

export const SHARED_RESOURCE_TYPES = ["AWS::CloudWatch::Metric", "AWS::Logs::LogGroup"] as const;

export interface SinkAudience {
  /** Account ids allowed to link (12 digits each). */
  accountIds?: string[];
  /** An AWS Organizations id (o-…): every account in it may link. */
  organizationId?: string;
}

export function sinkPolicy(audience: SinkAudience): PolicyDocument {
  const accounts = audience.accountIds ?? [];
  if (!accounts.length && !audience.organizationId) {
    throw new Error("an observability sink needs sourceAccountIds or organizationId; got neither");
  }
  const actions = ["oam:CreateLink", "oam:UpdateLink"];
  const resourceTypes = { "ForAllValues:StringEquals": { "oam:ResourceTypes": [...SHARED_RESOURCE_TYPES] } };
  return policyDocument([
    ...(accounts.length
      ? [{ Sid: "ListedAccountsLink", Effect: "Allow" as const, Principal: { AWS: accounts }, Action: actions, Resource: "*", Condition: resourceTypes }]
      : []),
    ...(audience.organizationId
      ? [
          {
            Sid: "OrganizationLinks",
            Effect: "Allow" as const,
            Principal: "*" as const,
            Action: actions,
            Resource: "*",
            Condition: { ...resourceTypes, StringEquals: { "aws:PrincipalOrgID": audience.organizationId } },
          },
        ]
      : []),
  ]);
}
