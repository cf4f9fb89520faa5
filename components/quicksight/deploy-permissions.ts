/**
 * What the identity that runs `pulumi up` needs for the analysis and dashboard. @pulumi/aws-native
 * creates them through Cloud Control (its API actions are `cloudformation:*Resource`, Resource "*"
 * only), whose handlers call QuickSight with the caller's credentials: the permissions the
 * CloudFormation resource schemas of AWS::QuickSight::Analysis and ::Dashboard declare for their
 * create, read, update and delete handlers, less those for templates, themes and folders (the
 * component sets no SourceEntity, ThemeArn or FolderArns). The AWS provider's own QuickSight
 * resources (groups, data source, dataset, schedule) need their usual actions besides.
 */

export const CLOUD_CONTROL_ACTIONS = [
  "cloudformation:CreateResource",
  "cloudformation:GetResource",
  "cloudformation:GetResourceRequestStatus",
  "cloudformation:UpdateResource",
  "cloudformation:DeleteResource",
] as const;

const TAG_ACTIONS = ["quicksight:TagResource", "quicksight:UntagResource", "quicksight:ListTagsForResource"] as const;

export const ANALYSIS_HANDLER_ACTIONS = [
  "quicksight:CreateAnalysis",
  "quicksight:DescribeAnalysis",
  "quicksight:DescribeAnalysisPermissions",
  "quicksight:UpdateAnalysis",
  "quicksight:UpdateAnalysisPermissions",
  "quicksight:DeleteAnalysis",
  ...TAG_ACTIONS,
] as const;

export const DASHBOARD_HANDLER_ACTIONS = [
  "quicksight:CreateDashboard",
  "quicksight:DescribeDashboard",
  "quicksight:DescribeDashboardPermissions",
  "quicksight:UpdateDashboard",
  "quicksight:UpdateDashboardPermissions",
  "quicksight:UpdateDashboardPublishedVersion",
  "quicksight:DeleteDashboard",
  ...TAG_ACTIONS,
] as const;

export interface DeployedAssets {
  readonly analysisArn: string;
  readonly dashboardArn: string;
  /** The dataset both definitions read: creating or updating them passes it (quicksight:PassDataSet). */
  readonly dataSetArn: string;
}

export interface DeployStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: string[];
  readonly Resource: string | string[];
}

/** The deploying identity's statements for the analysis and dashboard, scoped to their ARNs. */
export function quickSightDeployStatements(assets: DeployedAssets): DeployStatement[] {
  return [
    { Sid: "CloudControl", Effect: "Allow", Action: [...CLOUD_CONTROL_ACTIONS], Resource: "*" },
    { Sid: "QuickSightAnalysis", Effect: "Allow", Action: [...ANALYSIS_HANDLER_ACTIONS], Resource: assets.analysisArn },
    { Sid: "QuickSightDashboard", Effect: "Allow", Action: [...DASHBOARD_HANDLER_ACTIONS], Resource: assets.dashboardArn },
    { Sid: "QuickSightPassDataSet", Effect: "Allow", Action: ["quicksight:PassDataSet"], Resource: assets.dataSetArn },
  ];
}
