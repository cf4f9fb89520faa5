/**
 * Pipeline health: the Firehose stream (delivery success, freshness, enricher processing), the
 * enricher's failed records, and errors, throttles and duration of every function of the stack.
 */
import type { DashboardModel } from "../inputs";
import { enricherFailuresQuery } from "../logs-queries";
import { CLOUDWATCH_LOGS_PATH, firehoseMetrics } from "../metrics/firehose";
import { lambdaMetrics } from "../metrics/lambda";
import type { AlarmSpec, GraphWidget, Segment, Series, Widget } from "../model";
import { thresholdLine } from "./annotations";
import { fillLastRow } from "./fill";

function graph(title: string, series: Series[], extra: Partial<GraphWidget> = {}): GraphWidget {
  return { type: "graph", title, series, width: 8, height: 6, yMin: 0, ...extra };
}

export function pipelineSegment(model: DashboardModel, alarms: readonly AlarmSpec[]): Segment | undefined {
  const widgets: Widget[] = [];
  const period = model.periodSeconds;
  const streams = [
    ...(model.firehoseStreamName !== undefined ? [firehoseMetrics(model.firehoseStreamName, period)] : []),
    ...(model.cloudWatchLogsStreamName !== undefined ? [firehoseMetrics(model.cloudWatchLogsStreamName, period, CLOUDWATCH_LOGS_PATH)] : []),
  ];
  if (streams.length > 0) {
    widgets.push(
      graph("Firehose: records in and delivered", streams.flatMap((f) => [f.incomingRecords, f.deliveredRecords])),
      graph("Firehose: S3 delivery success (1 = all)", streams.map((f) => f.deliverySuccess), { annotations: thresholdLine(alarms, "firehose-delivery") }),
      graph("Firehose: data freshness (s)", streams.map((f) => f.dataFreshness), { annotations: thresholdLine(alarms, "firehose-freshness") }),
      graph(
        "Enricher: records processed and invocation success",
        streams.flatMap((f) => [f.processedRecords, { ...f.processingSuccess, yAxis: "right" as const }]),
      ),
    );
  }
  if (model.enricherLogGroupName !== undefined) {
    widgets.push({
      type: "logs",
      title: "Enricher: failed and dropped records",
      logGroupNames: [model.enricherLogGroupName],
      query: enricherFailuresQuery(),
      view: "timeSeries",
      width: 8,
      height: 6,
    });
  }
  if (model.functionNames.length > 0) {
    const fns = model.functionNames.map((fn, i) => lambdaMetrics(fn, i, period));
    const errorLine = thresholdLine(alarms, "function-0-errors").map((a) => ({ ...a, label: `Alarm threshold (${model.componentName}-<function>-errors)` }));
    widgets.push(
      graph("Functions: errors", fns.map((m) => m.errors), { annotations: errorLine }),
      graph("Functions: throttles", fns.map((m) => m.throttles)),
      graph("Functions: duration p90 (ms)", fns.map((m) => m.durationP90)),
    );
  }
  if (widgets.length === 0) return undefined;
  return {
    title: "Pipeline health",
    description: model.enricherFunctionName !== undefined ? `Firehose stream, enricher \`${model.enricherFunctionName}\` and the stack's functions.` : "The stack's functions.",
    widgets: fillLastRow(widgets),
  };
}
