/** Segments of the dashboard, in the order they are shown. */
import type { DashboardModel } from "./inputs";
import type { AlarmSpec, Segment } from "./model";
import { apiSegment, type WidgetFunctions } from "./segments/api";
import { apiCallsSegment } from "./segments/api-calls";
import { logsInsightsSegment } from "./segments/logs-insights";
import { overviewSegment } from "./segments/overview";
import { pipelineSegment } from "./segments/pipeline";

export interface DashboardWiring {
  functions: WidgetFunctions;
  alarms: readonly AlarmSpec[];
  /** ARNs of the alarms, in the order of `alarms`. */
  alarmArns: readonly string[];
}

export function planSegments(model: DashboardModel, wiring: DashboardWiring): Segment[] {
  const segments: Segment[] = [overviewSegment(model, wiring.alarmArns, wiring.functions)];
  for (const api of model.apis) {
    segments.push(apiSegment(api, model, wiring.alarms, wiring.functions));
    if (api.logGroupName !== undefined) segments.push(logsInsightsSegment({ ...api, logGroupName: api.logGroupName }));
  }
  if (model.apiCalls !== undefined) segments.push(apiCallsSegment(model.apiCalls, model.periodSeconds));
  const pipeline = pipelineSegment(model, wiring.alarms);
  if (pipeline !== undefined) segments.push(pipeline);
  return segments;
}
