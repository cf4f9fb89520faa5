import type {
  AnalysisDefinition,
  DashboardVersionDefinition,
  FilterGroup,
  GridLayoutElement,
  SheetDefinition,
  Visual,
} from "@aws-sdk/client-quicksight";
import { calculatedFields, type FieldName } from "./fields";
import {
  DATE_FILTER_COLUMN,
  dateRangeFilter,
  LIST_FILTERS,
  listFilter,
  sheetControls,
  sliceFilter,
  TEXT_FILTERS,
  textFilter,
  type SliceName,
} from "./filters";
import { usageSheets, type SheetSpec } from "./sheets";
import { VisualFactory } from "./visuals";

/**
 * The API usage analysis and dashboard as a QuickSight `Definition`, typed with the SDK's own
 * types so a wrong field fails `tsc`. Pure: same options, same JSON.
 */

export const DEFAULT_DATA_SET_IDENTIFIER = "access_logs";
export const DEFAULT_DATE_RANGE_DAYS = 30;
export const DEFAULT_TOP_N = 10;

export interface UsageDefinitionOptions {
  /** ARN of the access-log dataset (a placeholder string is fine for offline synth). */
  readonly dataSetArn: string;
  /** Name the definition uses for the dataset; default `access_logs`. */
  readonly dataSetIdentifier?: string;
  /** Days the date filter covers by default, today included; default 30. */
  readonly dateRangeDays?: number;
  /** Categories kept by bar charts and series kept by line charts before "Other"; default 10. */
  readonly topN?: number;
}

const GRID_COLUMNS = 36;

/** Lays visuals left to right, wrapping at the grid width. */
function gridElements(sheet: SheetSpec): GridLayoutElement[] {
  const elements: GridLayoutElement[] = [];
  let column = 0;
  let row = 0;
  let rowHeight = 0;
  for (const { placed } of sheet.visuals) {
    if (column + placed.columnSpan > GRID_COLUMNS) {
      column = 0;
      row += rowHeight;
      rowHeight = 0;
    }
    elements.push({
      ElementId: visualIdOf(placed.visual),
      ElementType: "VISUAL",
      ColumnIndex: column,
      ColumnSpan: placed.columnSpan,
      RowIndex: row,
      RowSpan: placed.rowSpan,
    });
    column += placed.columnSpan;
    rowHeight = Math.max(rowHeight, placed.rowSpan);
  }
  return elements;
}

/** The id of a visual, whatever its kind. */
export function visualIdOf(visual: Visual): string {
  for (const inner of Object.values(visual) as unknown[]) {
    if (typeof inner === "object" && inner !== null && "VisualId" in inner && typeof inner.VisualId === "string") return inner.VisualId;
  }
  throw new Error(`visual has no VisualId: ${JSON.stringify(visual)}`);
}

function sheetDefinition(sheet: SheetSpec): SheetDefinition {
  return {
    SheetId: sheet.id,
    Name: sheet.name,
    Title: sheet.name,
    Description: sheet.description,
    ContentType: "INTERACTIVE",
    Visuals: sheet.visuals.map((v) => v.placed.visual),
    FilterControls: sheetControls(sheet.id),
    Layouts: [{ Configuration: { GridLayout: { Elements: gridElements(sheet) } } }],
  };
}

function filterGroups(sheets: readonly SheetSpec[], dataSetIdentifier: string, dateRangeDays: number): FilterGroup[] {
  const column = (name: FieldName) => ({ DataSetIdentifier: dataSetIdentifier, ColumnName: name });
  // Viewer filters apply to every visual of every sheet, so no visual escapes the date range.
  const everywhere = {
    SelectedSheets: { SheetVisualScopingConfigurations: sheets.map((s) => ({ SheetId: s.id, Scope: "ALL_VISUALS" as const })) },
  };
  const viewerFilters = [
    { FilterGroupId: "group-date-range", filter: dateRangeFilter(column(DATE_FILTER_COLUMN), dateRangeDays) },
    ...LIST_FILTERS.map((f) => ({ FilterGroupId: `group-${f.id.replace(/^filter-/, "")}`, filter: listFilter(f.id, column(f.column)) })),
    ...TEXT_FILTERS.map((f) => ({ FilterGroupId: `group-${f.id.replace(/^filter-/, "")}`, filter: textFilter(f.id, column(f.column)) })),
  ];
  const groups: FilterGroup[] = viewerFilters.map(({ FilterGroupId, filter }) => ({
    FilterGroupId,
    Filters: [filter],
    ScopeConfiguration: everywhere,
    Status: "ENABLED",
    CrossDataset: "SINGLE_DATASET",
  }));

  const slices = new Map<SliceName, Map<string, string[]>>();
  for (const sheet of sheets) {
    for (const { placed, slice } of sheet.visuals) {
      if (slice === undefined) continue;
      const bySheet = slices.get(slice) ?? new Map<string, string[]>();
      bySheet.set(sheet.id, [...(bySheet.get(sheet.id) ?? []), visualIdOf(placed.visual)]);
      slices.set(slice, bySheet);
    }
  }
  for (const [slice, bySheet] of slices) {
    groups.push({
      FilterGroupId: `group-slice-${slice}`,
      Filters: [sliceFilter(slice, column)],
      ScopeConfiguration: {
        SelectedSheets: {
          SheetVisualScopingConfigurations: [...bySheet].map(([SheetId, VisualIds]) => ({ SheetId, Scope: "SELECTED_VISUALS", VisualIds })),
        },
      },
      Status: "ENABLED",
      CrossDataset: "SINGLE_DATASET",
    });
  }
  return groups;
}

function buildDefinitionBody(options: UsageDefinitionOptions): DashboardVersionDefinition & AnalysisDefinition {
  const dataSetIdentifier = options.dataSetIdentifier ?? DEFAULT_DATA_SET_IDENTIFIER;
  const topN = options.topN ?? DEFAULT_TOP_N;
  if (options.dataSetArn.length === 0) throw new Error(`dataSetArn is ""; expected the dataset's ARN (or a placeholder)`);
  if (!/^[\w-]{1,2048}$/.test(dataSetIdentifier)) {
    throw new Error(`dataSetIdentifier is ${JSON.stringify(dataSetIdentifier)}; expected letters, digits, '_' or '-'`);
  }
  if (!Number.isInteger(topN) || topN < 1 || topN > 100) throw new Error(`topN is ${JSON.stringify(topN)}; expected an integer from 1 to 100`);
  const sheets = usageSheets(new VisualFactory(dataSetIdentifier), { topN });
  return {
    DataSetIdentifierDeclarations: [{ Identifier: dataSetIdentifier, DataSetArn: options.dataSetArn }],
    CalculatedFields: calculatedFields(dataSetIdentifier),
    Sheets: sheets.map(sheetDefinition),
    FilterGroups: filterGroups(sheets, dataSetIdentifier, options.dateRangeDays ?? DEFAULT_DATE_RANGE_DAYS),
    AnalysisDefaults: {
      DefaultNewSheetConfiguration: {
        InteractiveLayoutConfiguration: { Grid: { CanvasSizeOptions: { ScreenCanvasSizeOptions: { ResizeOption: "RESPONSIVE" } } } },
        SheetContentType: "INTERACTIVE",
      },
    },
  };
}

export function buildAnalysisDefinition(options: UsageDefinitionOptions): AnalysisDefinition {
  return buildDefinitionBody(options);
}

export function buildDashboardDefinition(options: UsageDefinitionOptions): DashboardVersionDefinition {
  return buildDefinitionBody(options);
}
