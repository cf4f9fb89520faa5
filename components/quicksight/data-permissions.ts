/**
 * Permissions on the data source and the dataset, in @pulumi/aws's shape. Only owners get any:
 * dashboard viewers need no permission on the data behind a dashboard, and leaving them out keeps
 * readers from building their own analyses on the raw access logs.
 */

/** What the QuickSight console grants a co-owner of a data source. */
export const DATA_SOURCE_OWNER_ACTIONS = [
  "quicksight:DescribeDataSource",
  "quicksight:DescribeDataSourcePermissions",
  "quicksight:PassDataSource",
  "quicksight:UpdateDataSource",
  "quicksight:DeleteDataSource",
  "quicksight:UpdateDataSourcePermissions",
] as const;

/** What the QuickSight console grants a co-owner of a dataset. */
export const DATA_SET_OWNER_ACTIONS = [
  "quicksight:DescribeDataSet",
  "quicksight:DescribeDataSetPermissions",
  "quicksight:PassDataSet",
  "quicksight:DescribeIngestion",
  "quicksight:ListIngestions",
  "quicksight:UpdateDataSet",
  "quicksight:DeleteDataSet",
  "quicksight:CreateIngestion",
  "quicksight:CancelIngestion",
  "quicksight:UpdateDataSetPermissions",
] as const;

export interface DataPermission<P> {
  readonly principal: P;
  readonly actions: string[];
}

export function dataSourcePermissions<P>(owners: readonly P[]): DataPermission<P>[] {
  return owners.map((principal) => ({ principal, actions: [...DATA_SOURCE_OWNER_ACTIONS] }));
}

export function dataSetPermissions<P>(owners: readonly P[]): DataPermission<P>[] {
  return owners.map((principal) => ({ principal, actions: [...DATA_SET_OWNER_ACTIONS] }));
}
