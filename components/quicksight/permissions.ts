import type { ResourcePermission } from "@aws-sdk/client-quicksight";
import type { QuickSightAssetKind } from "./definition-provider";

/** The action sets the QuickSight console grants to a co-owner and to a viewer of each asset. */
export const DASHBOARD_OWNER_ACTIONS = [
  "quicksight:DescribeDashboard",
  "quicksight:ListDashboardVersions",
  "quicksight:QueryDashboard",
  "quicksight:UpdateDashboard",
  "quicksight:DeleteDashboard",
  "quicksight:UpdateDashboardPermissions",
  "quicksight:DescribeDashboardPermissions",
  "quicksight:UpdateDashboardPublishedVersion",
] as const;

export const DASHBOARD_READER_ACTIONS = ["quicksight:DescribeDashboard", "quicksight:ListDashboardVersions", "quicksight:QueryDashboard"] as const;

export const ANALYSIS_OWNER_ACTIONS = [
  "quicksight:DescribeAnalysis",
  "quicksight:QueryAnalysis",
  "quicksight:UpdateAnalysis",
  "quicksight:DeleteAnalysis",
  "quicksight:RestoreAnalysis",
  "quicksight:UpdateAnalysisPermissions",
  "quicksight:DescribeAnalysisPermissions",
] as const;

/** Owners get full control; readers may only view (dashboards; an analysis has no readers). */
export function assetPermissions(kind: QuickSightAssetKind, owners: readonly string[], readers: readonly string[] = []): ResourcePermission[] {
  if (kind === "analysis") return owners.map((Principal) => ({ Principal, Actions: [...ANALYSIS_OWNER_ACTIONS] }));
  return [
    ...owners.map((Principal) => ({ Principal, Actions: [...DASHBOARD_OWNER_ACTIONS] })),
    ...readers.filter((r) => !owners.includes(r)).map((Principal) => ({ Principal, Actions: [...DASHBOARD_READER_ACTIONS] })),
  ];
}
