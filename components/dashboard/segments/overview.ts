/** The top of the dashboard: what it shows, the alarm status, and data-lake-wide distinct users. */
import type { DashboardModel } from "../inputs";
import type { Segment, Widget } from "../model";
import type { WidgetFunctions } from "./api";

/** The alarm widget shows at most 100 alarms; more go into further widgets. */
export const ALARMS_PER_WIDGET = 100;

export function overviewSegment(model: DashboardModel, alarmArns: readonly string[], functions: WidgetFunctions): Segment {
  const widgets: Widget[] = [];
  for (let i = 0; i < alarmArns.length; i += ALARMS_PER_WIDGET) {
    const part = alarmArns.slice(i, i + ALARMS_PER_WIDGET);
    widgets.push({ type: "alarms", title: alarmArns.length > ALARMS_PER_WIDGET ? `Alarms (${i / ALARMS_PER_WIDGET + 1})` : "Alarms", alarmArns: part, width: 24, height: part.length > 12 ? 6 : 3 });
  }
  const firehoseApis = model.apis.filter((a) => a.logGroupName === undefined).map((a) => a.name);
  if (model.athena !== undefined && firehoseApis.length > 0) {
    widgets.push({
      type: "custom",
      title: `Distinct users in the data lake (${firehoseApis.join(", ")})`,
      functionArn: functions.distinctUsersArn,
      params: { backend: "athena", workgroup: model.athena.workgroup, database: model.athena.database, table: model.athena.table, title: "Distinct users (data lake, all Firehose-delivered APIs)" },
      width: 8,
      height: 6,
    });
  }
  return {
    title: "API usage",
    description: `APIs: ${model.apis.map((a) => `${a.name} (${a.type})`).join(", ")}. Alarms and their thresholds are drawn on the graphs they watch.`,
    widgets,
  };
}
