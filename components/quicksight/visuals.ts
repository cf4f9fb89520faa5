import type {
  DimensionField,
  FieldSortOptions,
  MeasureField,
  UnaggregatedField,
  Visual,
  VisualSubtitleLabelOptions,
  VisualTitleLabelOptions,
} from "@aws-sdk/client-quicksight";
import { FieldFactory, fieldIdOf, type FieldName } from "./fields";

/** What every visual has: an id unique in the definition, a title that names what it shows. */
export interface VisualHeader {
  readonly id: string;
  readonly title: string;
  readonly subtitle?: string;
}

/** A visual and the grid width it wants (QuickSight sheets are 36 columns wide). */
export interface PlacedVisual {
  readonly visual: Visual;
  readonly columnSpan: number;
  readonly rowSpan: number;
}

type Fields<T> = (f: FieldFactory) => T;

function title(header: VisualHeader): { Title: VisualTitleLabelOptions; Subtitle?: VisualSubtitleLabelOptions } {
  const t: { Title: VisualTitleLabelOptions; Subtitle?: VisualSubtitleLabelOptions } = {
    Title: { Visibility: "VISIBLE", FormatText: { PlainText: header.title } },
  };
  if (header.subtitle !== undefined) t.Subtitle = { Visibility: "VISIBLE", FormatText: { PlainText: header.subtitle } };
  return t;
}

function descending(field: MeasureField): FieldSortOptions[] {
  return [{ FieldSort: { FieldId: fieldIdOf(field), Direction: "DESC" } }];
}

function ascending(field: DimensionField): FieldSortOptions[] {
  return [{ FieldSort: { FieldId: fieldIdOf(field), Direction: "ASC" } }];
}

export class VisualFactory {
  constructor(private readonly dataSetIdentifier: string) {}

  private fields(id: string): FieldFactory {
    return new FieldFactory(this.dataSetIdentifier, id);
  }

  kpi(header: VisualHeader, value: Fields<MeasureField>): PlacedVisual {
    const f = this.fields(header.id);
    return {
      visual: {
        KPIVisual: {
          VisualId: header.id,
          ...title(header),
          ChartConfiguration: { FieldWells: { Values: [value(f)] } },
        },
      },
      columnSpan: 6,
      rowSpan: 4,
    };
  }

  pie(header: VisualHeader, spec: Fields<{ category: DimensionField; value: MeasureField }>): PlacedVisual {
    const { category, value } = spec(this.fields(header.id));
    return {
      visual: {
        PieChartVisual: {
          VisualId: header.id,
          ...title(header),
          ChartConfiguration: {
            FieldWells: { PieChartAggregatedFieldWells: { Category: [category], Values: [value] } },
            SortConfiguration: { CategorySort: ascending(category) },
          },
        },
      },
      columnSpan: 12,
      rowSpan: 10,
    };
  }

  /** Bars sorted by the first value, largest first, keeping the top `limit` categories. */
  bar(
    header: VisualHeader,
    spec: Fields<{ category: DimensionField; values: MeasureField[]; colors?: DimensionField }>,
    limit: number,
  ): PlacedVisual {
    const { category, values, colors } = spec(this.fields(header.id));
    const [first] = values;
    if (first === undefined) throw new Error(`visual ${header.id}: a bar chart needs at least one value`);
    return {
      visual: {
        BarChartVisual: {
          VisualId: header.id,
          ...title(header),
          ChartConfiguration: {
            Orientation: "HORIZONTAL",
            BarsArrangement: colors === undefined ? "CLUSTERED" : "STACKED",
            FieldWells: {
              BarChartAggregatedFieldWells: { Category: [category], Values: values, ...(colors === undefined ? {} : { Colors: [colors] }) },
            },
            SortConfiguration: {
              CategorySort: descending(first),
              CategoryItemsLimit: { ItemsLimit: limit, OtherCategories: "INCLUDE" },
            },
          },
        },
      },
      columnSpan: 18,
      rowSpan: 10,
    };
  }

  /** A time series: the x axis is a date dimension, sorted ascending. */
  line(header: VisualHeader, spec: Fields<{ x: DimensionField; values: MeasureField[]; colors?: DimensionField }>, colorLimit?: number): PlacedVisual {
    const { x, values, colors } = spec(this.fields(header.id));
    if (colors !== undefined && colorLimit === undefined) throw new Error(`visual ${header.id}: a line chart with colors needs a series limit`);
    return {
      visual: {
        LineChartVisual: {
          VisualId: header.id,
          ...title(header),
          ChartConfiguration: {
            Type: "LINE",
            FieldWells: {
              LineChartAggregatedFieldWells: { Category: [x], Values: values, ...(colors === undefined ? {} : { Colors: [colors] }) },
            },
            SortConfiguration: {
              CategorySort: ascending(x),
              ...(colors === undefined ? {} : { ColorItemsLimitConfiguration: { ItemsLimit: colorLimit, OtherCategories: "INCLUDE" } }),
            },
          },
        },
      },
      columnSpan: 18,
      rowSpan: 10,
    };
  }

  /** An aggregated table, sorted by its first value, largest first. */
  table(header: VisualHeader, spec: Fields<{ groupBy: DimensionField[]; values: MeasureField[] }>): PlacedVisual {
    const { groupBy, values } = spec(this.fields(header.id));
    const [first] = values;
    if (first === undefined) throw new Error(`visual ${header.id}: an aggregated table needs at least one value`);
    return {
      visual: {
        TableVisual: {
          VisualId: header.id,
          ...title(header),
          ChartConfiguration: {
            FieldWells: { TableAggregatedFieldWells: { GroupBy: groupBy, Values: values } },
            SortConfiguration: { RowSort: descending(first), PaginationConfiguration: { PageSize: 50, PageNumber: 1 } },
          },
        },
      },
      columnSpan: 36,
      rowSpan: 12,
    };
  }

  /** One row per request, newest first. */
  rawTable(header: VisualHeader, columns: readonly FieldName[], newestFirstBy: FieldName): PlacedVisual {
    if (!columns.includes(newestFirstBy)) throw new Error(`visual ${header.id}: sorts by ${newestFirstBy}, which is not one of its columns`);
    const f = this.fields(header.id);
    const values: UnaggregatedField[] = columns.map((name) => ({ FieldId: f.id("raw", name), Column: f.column(name) }));
    return {
      visual: {
        TableVisual: {
          VisualId: header.id,
          ...title(header),
          ChartConfiguration: {
            FieldWells: { TableUnaggregatedFieldWells: { Values: values } },
            SortConfiguration: {
              RowSort: [{ FieldSort: { FieldId: f.id("raw", newestFirstBy), Direction: "DESC" } }],
              PaginationConfiguration: { PageSize: 100, PageNumber: 1 },
            },
          },
        },
      },
      columnSpan: 36,
      rowSpan: 18,
    };
  }
}
