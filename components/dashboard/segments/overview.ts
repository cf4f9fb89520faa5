/**
 * The top of the dashboard, read first: one row for all watched APIs together and one per API,
 * each with requests, 4xx and 5xx rates and p90 latency over the selected range (single values),
 * and distinct users of that range; then the alarm status. Every row fills the 24 columns.
 */
import { clientErrorsOf, p90LatencyMetric, requestsAndServerErrors } from "../alarms";
import type { DashboardApi, DashboardModel } from "../inputs";
import type { ExpressionRef, GraphWidget, MetricRef, Segment, Widget } from "../model";
import type { WidgetFunctions } from "./api";

/** The alarm widget shows at most 100 alarms; more go into further widgets. */
export const ALARMS_PER_WIDGET = 100;

/** Height of an overview row: room for the distinct-users number and its details table (about 230 px). */
export const OVERVIEW_ROW_HEIGHT = 5;
const USERS_WIDTH = 6;

interface ApiSeries {
  requests: MetricRef;
  clientErrors: MetricRef[];
  serverErrors: MetricRef[];
  p90: MetricRef;
}

function seriesOf(api: DashboardApi, period: number, suffix: string): ApiSeries {
  const rename = (m: MetricRef): MetricRef => ({ ...m, id: `${m.id}${suffix}`, visible: false });
  const { requests, serverErrors } = requestsAndServerErrors(api, period);
  return {
    requests: rename(requests),
    clientErrors: clientErrorsOf(api, period).map(rename),
    serverErrors: serverErrors.map(rename),
    p90: rename(p90LatencyMetric(api, period)),
  };
}

const filled = (ms: readonly MetricRef[]) => ms.map((m) => `FILL(${m.id}, 0)`).join(" + ");
const expression = (id: string, text: string, label: string): ExpressionRef => ({ kind: "expression", id, expression: text, label });

/** Requests, error rates and worst p90 over one or more APIs, as one single-value widget. */
function summary(title: string, apis: readonly ApiSeries[], width: number): GraphWidget {
  const requests = apis.map((a) => a.requests);
  const total = filled(requests);
  const rate = (errors: MetricRef[]) => `IF((${total}) > 0, 100 * (${filled(errors)}) / (${total}), 0)`;
  const p90s = apis.map((a) => a.p90);
  return {
    type: "graph",
    title,
    view: "singleValue",
    periodToTimeRange: true,
    series: [
      ...apis.flatMap((a) => [a.requests, ...a.clientErrors, ...a.serverErrors, a.p90]),
      expression("total_requests", total, "Requests"),
      expression("rate_4xx", rate(apis.flatMap((a) => a.clientErrors)), "4xx rate (%)"),
      expression("rate_5xx", rate(apis.flatMap((a) => a.serverErrors)), "5xx rate (%)"),
      expression("worst_p90", p90s.length === 1 ? p90s[0].id : `MAX([${p90s.map((m) => m.id).join(", ")}])`, p90s.length === 1 ? "p90 latency (ms)" : "Worst p90 latency (ms)"),
    ],
    width,
    height: OVERVIEW_ROW_HEIGHT,
  };
}

function distinctUsers(title: string, params: Record<string, unknown>, functions: WidgetFunctions): Widget {
  return { type: "custom", title, functionArn: functions.distinctUsersArn, params, width: USERS_WIDTH, height: OVERVIEW_ROW_HEIGHT };
}

export function overviewSegment(model: DashboardModel, alarmArns: readonly string[], functions: WidgetFunctions): Segment {
  const period = model.periodSeconds;
  const perApi = model.apis.map((api, i) => seriesOf(api, period, `_${i}`));
  const widgets: Widget[] = [];

  // All APIs: the data lake holds every API's logs (CloudWatch-delivered ones arrive by subscription).
  const lake = model.athena;
  widgets.push(summary("All APIs: selected range", perApi, lake !== undefined ? 24 - USERS_WIDTH : 24));
  if (lake !== undefined) {
    widgets.push(distinctUsers("All APIs: distinct users (exact, data lake)", { backend: "athena", workgroup: lake.workgroup, database: lake.database, table: lake.table }, functions));
  }

  model.apis.forEach((api, i) => {
    // Logs Insights where the API logs to CloudWatch Logs, else its rows of the data lake.
    const logGroup = api.logGroupName;
    const params =
      logGroup !== undefined
        ? { backend: "logs", logGroupNames: [logGroup], userField: api.userField }
        : lake !== undefined
          ? { backend: "athena", workgroup: lake.workgroup, database: lake.database, table: lake.table, apiId: api.apiId, stage: api.stage }
          : undefined;
    widgets.push(summary(`${api.name} (${api.type}): selected range`, [perApi[i]], params !== undefined ? 24 - USERS_WIDTH : 24));
    if (params !== undefined) widgets.push(distinctUsers(`${api.name}: distinct users (exact${logGroup !== undefined ? "" : ", data lake"})`, params, functions));
  });

  for (let i = 0; i < alarmArns.length; i += ALARMS_PER_WIDGET) {
    const part = alarmArns.slice(i, i + ALARMS_PER_WIDGET);
    widgets.push({ type: "alarms", title: alarmArns.length > ALARMS_PER_WIDGET ? `Alarms (${i / ALARMS_PER_WIDGET + 1})` : "Alarms", alarmArns: part, width: 24, height: part.length > 12 ? 6 : 3 });
  }
  return {
    title: "Overview",
    description: `APIs: ${model.apis.map((a) => `${a.name} (${a.type})`).join(", ")}. Each value covers the selected time range. Alarm thresholds are drawn on the graphs they watch.`,
    widgets,
  };
}
