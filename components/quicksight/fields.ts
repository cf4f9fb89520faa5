import type {
  CalculatedField,
  ColumnIdentifier,
  DimensionField,
  InputColumnDataType,
  MeasureField,
  SimpleNumericalAggregationFunction,
  TimeGranularity,
} from "@aws-sdk/client-quicksight";
import type { DatasetColumnName } from "./dataset-sql";

/**
 * Field helpers for the usage definition. Every column reference goes through `FieldName`, so a
 * visual naming a column the dataset does not output fails `tsc`, not QuickSight at deploy time.
 */

/** Calculated fields every sheet may use; expressions refer to dataset columns as `{name}`. */
export const CALCULATED_FIELDS = [
  { name: "requests_2xx", type: "INTEGER", expression: "ifelse({status_class} = '2xx', 1, 0)" },
  { name: "requests_4xx", type: "INTEGER", expression: "ifelse({status_class} = '4xx', 1, 0)" },
  { name: "requests_5xx", type: "INTEGER", expression: "ifelse({status_class} = '5xx', 1, 0)" },
  { name: "endpoint", type: "STRING", expression: "concat({http_method}, ' ', {route})" },
] as const satisfies readonly { name: string; type: InputColumnDataType; expression: string }[];

export type CalculatedFieldName = (typeof CALCULATED_FIELDS)[number]["name"];
export type FieldName = DatasetColumnName | CalculatedFieldName;

export function calculatedFields(dataSetIdentifier: string): CalculatedField[] {
  return CALCULATED_FIELDS.map((f) => ({ DataSetIdentifier: dataSetIdentifier, Name: f.name, Expression: f.expression }));
}

/** Builds fields of one visual; field ids are prefixed with the visual id so they are unique. */
export class FieldFactory {
  constructor(
    private readonly dataSetIdentifier: string,
    private readonly visualId: string,
  ) {}

  column(name: FieldName): ColumnIdentifier {
    return { DataSetIdentifier: this.dataSetIdentifier, ColumnName: name };
  }

  id(role: string, name: FieldName): string {
    return `${this.visualId}-${role}-${name.replace(/_/g, "-")}`;
  }

  category(name: FieldName): DimensionField {
    return { CategoricalDimensionField: { FieldId: this.id("dim", name), Column: this.column(name) } };
  }

  number(name: FieldName): DimensionField {
    return { NumericalDimensionField: { FieldId: this.id("dim", name), Column: this.column(name) } };
  }

  date(name: FieldName, granularity: TimeGranularity): DimensionField {
    return { DateDimensionField: { FieldId: this.id("dim", name), Column: this.column(name), DateGranularity: granularity } };
  }

  /** Plain row count: COUNT of a column that is never null (request_id), not a DISTINCT_COUNT. */
  count(name: FieldName = "request_id"): MeasureField {
    return { CategoricalMeasureField: { FieldId: this.id("count", name), Column: this.column(name), AggregationFunction: "COUNT" } };
  }

  distinctCount(name: FieldName): MeasureField {
    return { CategoricalMeasureField: { FieldId: this.id("distinct", name), Column: this.column(name), AggregationFunction: "DISTINCT_COUNT" } };
  }

  numeric(name: FieldName, aggregation: SimpleNumericalAggregationFunction): MeasureField {
    return {
      NumericalMeasureField: {
        FieldId: this.id(aggregation.toLowerCase(), name),
        Column: this.column(name),
        AggregationFunction: { SimpleNumericalAggregation: aggregation },
      },
    };
  }

  percentile(name: FieldName, percentile: number): MeasureField {
    return {
      NumericalMeasureField: {
        FieldId: this.id(`p${percentile}`, name),
        Column: this.column(name),
        AggregationFunction: { PercentileAggregation: { PercentileValue: percentile } },
      },
    };
  }

  firstSeen(name: FieldName = "request_time"): MeasureField {
    return { DateMeasureField: { FieldId: this.id("first", name), Column: this.column(name), AggregationFunction: "MIN" } };
  }

  lastSeen(name: FieldName = "request_time"): MeasureField {
    return { DateMeasureField: { FieldId: this.id("last", name), Column: this.column(name), AggregationFunction: "MAX" } };
  }
}

/** The field id a measure or dimension carries, whatever its kind. */
export function fieldIdOf(field: MeasureField | DimensionField): string {
  const inner =
    ("NumericalMeasureField" in field && field.NumericalMeasureField) ||
    ("CategoricalMeasureField" in field && field.CategoricalMeasureField) ||
    ("DateMeasureField" in field && field.DateMeasureField) ||
    ("CalculatedMeasureField" in field && field.CalculatedMeasureField) ||
    ("NumericalDimensionField" in field && field.NumericalDimensionField) ||
    ("CategoricalDimensionField" in field && field.CategoricalDimensionField) ||
    ("DateDimensionField" in field && field.DateDimensionField) ||
    undefined;
  if (inner === undefined || inner.FieldId === undefined) throw new Error(`field has no FieldId: ${JSON.stringify(field)}`);
  return inner.FieldId;
}
