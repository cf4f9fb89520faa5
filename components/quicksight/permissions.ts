import type { DataPermission } from "./data-permissions";

export type QuickSightAssetKind = "analysis" | "dashboard";

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

/**
 * Owners get full control; readers may only view (dashboards; an analysis has no readers). In
 * aws-native's shape (`{ principal, actions }`), as the data source's and dataset's are in @pulumi/aws's.
 */
export function assetPermissions(kind: QuickSightAssetKind, owners: readonly string[], readers: readonly string[] = []): DataPermission<string>[] {
  if (kind === "analysis") return owners.map((principal) => ({ principal, actions: [...ANALYSIS_OWNER_ACTIONS] }));
  return [
    ...owners.map((principal) => ({ principal, actions: [...DASHBOARD_OWNER_ACTIONS] })),
    ...readers.filter((r) => !owners.includes(r)).map((principal) => ({ principal, actions: [...DASHBOARD_READER_ACTIONS] })),
  ];
}
