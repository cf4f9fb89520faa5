import type { ColumnIdentifier, Filter, FilterControl } from "@aws-sdk/client-quicksight";
import type { FieldName } from "./fields";

/** The filters a viewer controls on every sheet, after the date range. */
export const LIST_FILTERS = [
  { id: "filter-domain", column: "domain_name", title: "Domain" },
  { id: "filter-api", column: "api_id", title: "API" },
  { id: "filter-stage", column: "stage", title: "Stage" },
  { id: "filter-status", column: "status_code", title: "Status" },
  { id: "filter-usage-plan", column: "usage_plan_name", title: "Usage plan" },
  { id: "filter-api-key", column: "api_key_name", title: "API key name" },
  { id: "filter-customer", column: "customer_id", title: "Customer" },
] as const satisfies readonly { id: string; column: FieldName; title: string }[];

/** High-cardinality filters get a text field instead of a value list. */
export const TEXT_FILTERS = [
  { id: "filter-ip", column: "source_ip", title: "Source IP" },
  { id: "filter-user", column: "user_id", title: "User" },
] as const satisfies readonly { id: string; column: FieldName; title: string }[];

export const DATE_FILTER_ID = "filter-date-range";
/** The date filter runs on the partition date so Athena prunes partitions in DIRECT_QUERY mode. */
export const DATE_FILTER_COLUMN: FieldName = "request_date";

/** Filters that narrow chosen visuals to a slice (4xx only, quota exceeded, ...); no control. */
export type SliceName = "4xx" | "auth-failures" | "quota-exceeded" | "has-error-type" | "cognito" | "iam";

export function dateRangeFilter(column: ColumnIdentifier, defaultDays: number): Filter {
  if (!Number.isInteger(defaultDays) || defaultDays < 1) {
    throw new Error(`defaultDays is ${JSON.stringify(defaultDays)}; expected a positive integer`);
  }
  return {
    TimeRangeFilter: {
      FilterId: DATE_FILTER_ID,
      Column: column,
      IncludeMinimum: true,
      IncludeMaximum: true,
      // Today and the N-1 days before it, in the dataset's dates (UTC partitions).
      RangeMinimumValue: { RollingDate: { Expression: `addDateTime(-${defaultDays - 1}, 'DD', truncDate('DD', now()))` } },
      RangeMaximumValue: { RollingDate: { Expression: `truncDate('DD', now())` } },
      NullOption: "NON_NULLS_ONLY",
      TimeGranularity: "DAY",
    },
  };
}

export function listFilter(id: string, column: ColumnIdentifier): Filter {
  return {
    CategoryFilter: {
      FilterId: id,
      Column: column,
      Configuration: { FilterListConfiguration: { MatchOperator: "CONTAINS", SelectAllOptions: "FILTER_ALL_VALUES", NullOption: "ALL_VALUES" } },
    },
  };
}

export function textFilter(id: string, column: ColumnIdentifier): Filter {
  return {
    CategoryFilter: {
      FilterId: id,
      Column: column,
      Configuration: { CustomFilterConfiguration: { MatchOperator: "EQUALS", SelectAllOptions: "FILTER_ALL_VALUES", NullOption: "ALL_VALUES" } },
    },
  };
}

export function sliceFilter(slice: SliceName, column: (name: FieldName) => ColumnIdentifier): Filter {
  const id = `slice-${slice}`;
  const statusRange = (min: number, max: number): Filter => ({
    NumericRangeFilter: {
      FilterId: id,
      Column: column("status"),
      IncludeMinimum: true,
      IncludeMaximum: true,
      RangeMinimum: { StaticValue: min },
      RangeMaximum: { StaticValue: max },
      NullOption: "NON_NULLS_ONLY",
    },
  });
  const equals = (name: FieldName, value: string): Filter => ({
    CategoryFilter: {
      FilterId: id,
      Column: column(name),
      Configuration: { FilterListConfiguration: { MatchOperator: "CONTAINS", CategoryValues: [value], NullOption: "NON_NULLS_ONLY" } },
    },
  });
  switch (slice) {
    case "4xx":
      return statusRange(400, 499);
    case "auth-failures":
      return statusRange(401, 403);
    case "quota-exceeded":
      return equals("error_response_type", "QUOTA_EXCEEDED");
    case "has-error-type":
      return {
        CategoryFilter: {
          FilterId: id,
          Column: column("error_response_type"),
          Configuration: { FilterListConfiguration: { MatchOperator: "CONTAINS", SelectAllOptions: "FILTER_ALL_VALUES", NullOption: "NON_NULLS_ONLY" } },
        },
      };
    case "cognito":
      return equals("auth_method", "cognito");
    case "iam":
      return equals("auth_method", "iam");
  }
}

/** The controls shown on one sheet: the date range, then every list and text filter. */
export function sheetControls(sheetId: string): FilterControl[] {
  const controlId = (filterId: string): string => `${sheetId}-control-${filterId.replace(/^filter-/, "")}`;
  return [
    {
      DateTimePicker: {
        FilterControlId: controlId(DATE_FILTER_ID),
        SourceFilterId: DATE_FILTER_ID,
        Title: "Date range (UTC)",
        Type: "DATE_RANGE",
      },
    },
    ...LIST_FILTERS.map(
      (f): FilterControl => ({
        Dropdown: { FilterControlId: controlId(f.id), SourceFilterId: f.id, Title: f.title, Type: "MULTI_SELECT" },
      }),
    ),
    ...TEXT_FILTERS.map((f): FilterControl => ({ TextField: { FilterControlId: controlId(f.id), SourceFilterId: f.id, Title: f.title } })),
  ];
}
