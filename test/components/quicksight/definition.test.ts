import assert from "node:assert/strict";
import type { DashboardVersionDefinition, FilterControl, InputColumnDataType } from "@aws-sdk/client-quicksight";
import { DATASET_COLUMNS } from "../../../components/quicksight/dataset-sql";
import { buildAnalysisDefinition, buildDashboardDefinition, visualIdOf } from "../../../components/quicksight/definition";
import { CALCULATED_FIELDS } from "../../../components/quicksight/fields";
import { DATE_FILTER_ID } from "../../../components/quicksight/filters";

const OPTIONS = { dataSetArn: "arn:aws:quicksight:eu-west-1:123456789012:dataset/usage-access-logs" };
const definition: DashboardVersionDefinition = buildDashboardDefinition(OPTIONS);
const sheets = definition.Sheets ?? [];
const filterGroups = definition.FilterGroups ?? [];
const visuals = sheets.flatMap((s) => s.Visuals ?? []);

/** Every object anywhere in the definition that has `key`, with the path to it. */
function objectsWith(key: string, node: unknown = definition, path = "$"): { path: string; value: Record<string, unknown> }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => objectsWith(key, item, `${path}[${i}]`));
  if (typeof node !== "object" || node === null) return [];
  const record = node as Record<string, unknown>;
  const here = key in record ? [{ path, value: record }] : [];
  return [...here, ...Object.entries(record).flatMap(([k, v]) => objectsWith(key, v, `${path}.${k}`))];
}

function stringsAt(key: string, node: unknown = definition): string[] {
  return objectsWith(key, node).map(({ value }) => {
    const v = value[key];
    assert.equal(typeof v, "string");
    return v as string;
  });
}

function duplicates(values: readonly string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

const typeOf = new Map<string, InputColumnDataType>([
  ...DATASET_COLUMNS.map((c) => [c.name, c.type] as const),
  ...CALCULATED_FIELDS.map((c) => [c.name, c.type] as const),
]);

/** The column type of the ColumnIdentifier inside a field, filter or sort. */
function columnTypeOf(holder: Record<string, unknown>): InputColumnDataType | undefined {
  const column = holder.Column as { ColumnName?: string } | undefined;
  return column?.ColumnName === undefined ? undefined : typeOf.get(column.ColumnName);
}

function controlSourceIds(controls: readonly FilterControl[]): string[] {
  return controls.map((c) => {
    const inner = c.DateTimePicker ?? c.Dropdown ?? c.TextField;
    assert.ok(inner, `unexpected control kind: ${JSON.stringify(c)}`);
    return inner.SourceFilterId!;
  });
}

describe("the QuickSight usage definition", () => {
  it("refers only to columns the dataset outputs or calculated fields it declares", () => {
    const missing = objectsWith("ColumnName")
      .filter(({ value }) => !typeOf.has(value.ColumnName as string))
      .map(({ path, value }) => `${path}: ${String(value.ColumnName)}`);
    assert.deepEqual(missing, []);
  });

  it("refers only to dataset columns inside calculated field expressions", () => {
    const referenced = stringsAt("Expression").flatMap((e) => [...e.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!));
    assert.ok(referenced.length > 0);
    assert.deepEqual(
      referenced.filter((name) => !DATASET_COLUMNS.some((c) => c.name === name)),
      [],
    );
  });

  it("refers to the one declared dataset everywhere", () => {
    assert.deepEqual(definition.DataSetIdentifierDeclarations, [{ Identifier: "access_logs", DataSetArn: OPTIONS.dataSetArn }]);
    const identifiers = new Set(stringsAt("DataSetIdentifier"));
    assert.deepEqual([...identifiers], ["access_logs"]);
  });

  it("uses numeric aggregations only on numeric columns and date fields only on date columns", () => {
    const wrong = [
      ...objectsWith("NumericalMeasureField").map(({ path, value }) => ({ path, field: value.NumericalMeasureField, want: ["INTEGER", "DECIMAL"] })),
      ...objectsWith("NumericalDimensionField").map(({ path, value }) => ({ path, field: value.NumericalDimensionField, want: ["INTEGER", "DECIMAL"] })),
      ...objectsWith("DateDimensionField").map(({ path, value }) => ({ path, field: value.DateDimensionField, want: ["DATETIME"] })),
      ...objectsWith("DateMeasureField").map(({ path, value }) => ({ path, field: value.DateMeasureField, want: ["DATETIME"] })),
      ...objectsWith("TimeRangeFilter").map(({ path, value }) => ({ path, field: value.TimeRangeFilter, want: ["DATETIME"] })),
      ...objectsWith("NumericRangeFilter").map(({ path, value }) => ({ path, field: value.NumericRangeFilter, want: ["INTEGER", "DECIMAL"] })),
      ...objectsWith("CategoryFilter").map(({ path, value }) => ({ path, field: value.CategoryFilter, want: ["STRING"] })),
    ].filter(({ field, want }) => !want.includes(columnTypeOf(field as Record<string, unknown>) ?? "missing"));
    assert.deepEqual(wrong.map((w) => w.path), []);
  });

  it("counts requests plainly, never as a DISTINCT_COUNT of request ids", () => {
    const distinct = objectsWith("CategoricalMeasureField")
      .map(({ value }) => value.CategoricalMeasureField as { Column: { ColumnName: string }; AggregationFunction: string })
      .filter((f) => f.AggregationFunction === "DISTINCT_COUNT")
      .map((f) => f.Column.ColumnName);
    assert.ok(distinct.length > 0, "distinct users are counted");
    assert.ok(!distinct.includes("request_id"));
  });

  it("hard-codes no domain, API or stage: fixed filter values only select error types and auth methods", () => {
    const fixed = objectsWith("CategoryValues").map(({ path }) => path);
    const filters = objectsWith("CategoryFilter")
      .map(({ value }) => value.CategoryFilter as { Column: { ColumnName: string }; Configuration: { FilterListConfiguration?: { CategoryValues?: string[] } } })
      .filter((f) => f.Configuration.FilterListConfiguration?.CategoryValues !== undefined);
    assert.equal(filters.length, fixed.length);
    assert.deepEqual([...new Set(filters.map((f) => f.Column.ColumnName))].sort(), ["auth_method", "error_response_type"]);
  });

  it("gives every sheet, visual, field, filter, filter group and control a unique id", () => {
    assert.deepEqual(duplicates(sheets.map((s) => s.SheetId!)), []);
    assert.deepEqual(duplicates(visuals.map(visualIdOf)), []);
    const fieldIds = objectsWith("FieldId").filter(({ path }) => !path.endsWith(".FieldSort")).map(({ value }) => value.FieldId as string);
    assert.ok(fieldIds.length > visuals.length);
    assert.deepEqual(duplicates(fieldIds), []);
    assert.deepEqual(duplicates(stringsAt("FilterId")), []);
    assert.deepEqual(duplicates(filterGroups.map((g) => g.FilterGroupId!)), []);
    assert.deepEqual(duplicates(stringsAt("FilterControlId")), []);
    assert.deepEqual(duplicates(visuals.map((v) => JSON.stringify(Object.values(v)[0].Title))), [], "titles are unique");
  });

  it("uses ids QuickSight accepts (letters, digits, '_' and '-')", () => {
    const ids = [...stringsAt("SheetId"), ...stringsAt("VisualId"), ...stringsAt("FieldId"), ...stringsAt("FilterId"), ...stringsAt("FilterGroupId"), ...stringsAt("FilterControlId")];
    assert.deepEqual(ids.filter((id) => !/^[\w-]{1,512}$/.test(id)), []);
  });

  it("sorts every visual by one of its own fields", () => {
    for (const visual of visuals) {
      const own = new Set(stringsAt("FieldId", visual));
      const sortedBy = objectsWith("FieldSort", visual).map(({ value }) => (value.FieldSort as { FieldId: string }).FieldId);
      assert.deepEqual(sortedBy.filter((id) => !own.has(id)), [], visualIdOf(visual));
    }
  });

  it("puts every visual of every sheet under the date filter, which runs on the partition date", () => {
    const dateGroups = filterGroups.filter((g) => g.Filters?.some((f) => f.TimeRangeFilter?.FilterId === DATE_FILTER_ID));
    assert.equal(dateGroups.length, 1);
    const [group] = dateGroups;
    assert.equal(group!.Status, "ENABLED");
    assert.equal(group!.Filters![0]!.TimeRangeFilter!.Column!.ColumnName, "request_date");
    const scopes = group!.ScopeConfiguration!.SelectedSheets!.SheetVisualScopingConfigurations!;
    assert.deepEqual(
      scopes.map((s) => [s.SheetId, s.Scope]),
      sheets.map((s) => [s.SheetId, "ALL_VISUALS"]),
    );
  });

  it("defaults the date range to the last 30 days, today included", () => {
    const filter = objectsWith("TimeRangeFilter")[0]!.value.TimeRangeFilter as { RangeMinimumValue: { RollingDate: { Expression: string } } };
    assert.equal(filter.RangeMinimumValue.RollingDate.Expression, "addDateTime(-29, 'DD', truncDate('DD', now()))");
    const week = objectsWith("TimeRangeFilter", buildDashboardDefinition({ ...OPTIONS, dateRangeDays: 7 }))[0]!.value.TimeRangeFilter as typeof filter;
    assert.equal(week.RangeMinimumValue.RollingDate.Expression, "addDateTime(-6, 'DD', truncDate('DD', now()))");
  });

  it("shows on every sheet a date range control and a control per viewer filter, each bound to a filter in scope there", () => {
    const viewerFilterIds = filterGroups
      .filter((g) => !g.FilterGroupId!.startsWith("group-slice-"))
      .flatMap((g) => g.Filters!.map((f) => Object.values(f)[0].FilterId as string));
    assert.deepEqual(
      viewerFilterIds,
      ["filter-date-range", "filter-domain", "filter-api", "filter-stage", "filter-status", "filter-usage-plan", "filter-api-key", "filter-customer", "filter-ip", "filter-user"],
    );
    for (const sheet of sheets) {
      const controls = sheet.FilterControls ?? [];
      assert.equal(controls[0]?.DateTimePicker?.SourceFilterId, DATE_FILTER_ID, sheet.SheetId);
      assert.equal(controls[0]?.DateTimePicker?.Type, "DATE_RANGE");
      assert.deepEqual(controlSourceIds(controls), viewerFilterIds, sheet.SheetId);
    }
  });

  it("applies every viewer filter group to all visuals of all sheets", () => {
    for (const group of filterGroups.filter((g) => !g.FilterGroupId!.startsWith("group-slice-"))) {
      const scopes = group.ScopeConfiguration!.SelectedSheets!.SheetVisualScopingConfigurations!;
      assert.deepEqual(scopes.map((s) => [s.SheetId, s.Scope]), sheets.map((s) => [s.SheetId, "ALL_VISUALS"]), group.FilterGroupId);
    }
  });

  it("narrows slice filters to visuals that exist on the sheets they name", () => {
    const slices = filterGroups.filter((g) => g.FilterGroupId!.startsWith("group-slice-"));
    assert.ok(slices.length > 0);
    for (const group of slices) {
      for (const scope of group.ScopeConfiguration!.SelectedSheets!.SheetVisualScopingConfigurations!) {
        assert.equal(scope.Scope, "SELECTED_VISUALS");
        const onSheet = (sheets.find((s) => s.SheetId === scope.SheetId)?.Visuals ?? []).map(visualIdOf);
        assert.deepEqual(scope.VisualIds!.filter((id) => !onSheet.includes(id)), [], group.FilterGroupId);
      }
    }
  });

  it("narrows the authentication failure table to statuses 401 to 403", () => {
    const group = filterGroups.find((g) => g.ScopeConfiguration?.SelectedSheets?.SheetVisualScopingConfigurations?.some((s) => s.VisualIds?.includes("table-auth-failures")));
    const range = group?.Filters?.[0]?.NumericRangeFilter;
    assert.deepEqual([range?.Column?.ColumnName, range?.RangeMinimum?.StaticValue, range?.RangeMaximum?.StaticValue], ["status", 401, 403]);
  });

  it("lays out every visual of a sheet once, inside the 36-column grid, without overlaps", () => {
    for (const sheet of sheets) {
      const elements = sheet.Layouts![0]!.Configuration!.GridLayout!.Elements!;
      assert.deepEqual(elements.map((e) => e.ElementId).sort(), (sheet.Visuals ?? []).map(visualIdOf).sort(), sheet.SheetId);
      const taken = new Set<string>();
      for (const e of elements) {
        assert.ok(e.ColumnIndex! + e.ColumnSpan! <= 36, `${e.ElementId} overflows the grid`);
        for (let c = e.ColumnIndex!; c < e.ColumnIndex! + e.ColumnSpan!; c++) {
          for (let r = e.RowIndex!; r < e.RowIndex! + e.RowSpan!; r++) {
            assert.ok(!taken.has(`${c},${r}`), `${e.ElementId} overlaps at ${c},${r}`);
            taken.add(`${c},${r}`);
          }
        }
      }
    }
  });

  it("organises the visuals in Overview, Traffic, Errors & quotas, Latency, Users and Raw sheets", () => {
    assert.deepEqual(sheets.map((s) => s.Name), ["Overview", "Traffic", "Errors & quotas", "Latency", "Users", "Raw"]);
  });

  it("has every visual the issue lists", () => {
    const expected = [
      "kpi-requests", "kpi-2xx", "kpi-4xx", "kpi-5xx", "kpi-response-latency", "kpi-integration-latency", "kpi-authorizer-latency",
      "kpi-distinct-users", "pie-status-class", "bar-top-domains", "line-daily-requests-by-domain", "bar-requests-by-route",
      "table-4xx", "bar-4xx-by-endpoint", "bar-requests-by-usage-plan", "bar-requests-by-api-key", "table-quota-exceeded",
      "bar-quota-usage-by-domain", "bar-requests-by-user-agent", "table-cognito-users", "table-iam-users", "table-auth-failures",
      "line-latency-over-time", "line-authorizer-latency-over-time", "table-latency-by-route-plan", "table-raw-requests",
      "line-daily-distinct-users", "bar-p90-latency-by-route", "bar-bytes-by-customer", "bar-top-users", "line-error-types-over-time",
    ];
    const ids = visuals.map(visualIdOf);
    assert.deepEqual(expected.filter((id) => !ids.includes(id)), []);
  });

  it("shows first and last seen on the quota, authentication failure and identity tables", () => {
    for (const id of ["table-quota-exceeded", "table-auth-failures", "table-cognito-users", "table-iam-users"]) {
      const visual = visuals.find((v) => visualIdOf(v) === id);
      const aggregations = objectsWith("DateMeasureField", visual).map(({ value }) => (value.DateMeasureField as { AggregationFunction: string }).AggregationFunction);
      assert.deepEqual(aggregations, ["MIN", "MAX"], id);
    }
  });

  it("computes the p90 latency with a percentile aggregation", () => {
    const visual = visuals.find((v) => visualIdOf(v) === "bar-p90-latency-by-route");
    assert.deepEqual(objectsWith("PercentileAggregation", visual).map(({ value }) => value.PercentileAggregation), [{ PercentileValue: 90 }]);
  });

  it("builds the same sheets, filters and fields for the analysis and the dashboard, byte for byte on every build", () => {
    assert.equal(JSON.stringify(buildAnalysisDefinition(OPTIONS)), JSON.stringify(definition));
    assert.equal(JSON.stringify(buildDashboardDefinition(OPTIONS)), JSON.stringify(definition));
  });

  it("uses the given dataset identifier and top N", () => {
    const custom = buildDashboardDefinition({ ...OPTIONS, dataSetIdentifier: "logs", topN: 5 });
    assert.deepEqual([...new Set(stringsAt("DataSetIdentifier", custom))], ["logs"]);
    assert.deepEqual([...new Set(objectsWith("ItemsLimit", custom).map(({ value }) => value.ItemsLimit))], [5]);
  });

  it("rejects bad options, naming the key and the value", () => {
    assert.throws(() => buildDashboardDefinition({ ...OPTIONS, topN: 0 }), /topN is 0; expected an integer from 1 to 100/);
    assert.throws(() => buildDashboardDefinition({ ...OPTIONS, dateRangeDays: 0 }), /defaultDays is 0; expected a positive integer/);
    assert.throws(() => buildDashboardDefinition({ ...OPTIONS, dataSetIdentifier: "a b" }), /dataSetIdentifier is "a b"/);
    assert.throws(() => buildDashboardDefinition({ dataSetArn: "" }), /dataSetArn is ""/);
  });
});
