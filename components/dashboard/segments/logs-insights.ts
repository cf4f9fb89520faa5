/** Logs Insights over one API's access-log group: routes, latency by route, errors, customers, users. */
import type { DashboardApi } from "../inputs";
import {
  bytesPerCustomerQuery,
  errorsByResponseTypeQuery,
  p90LatencyByRouteQuery,
  topRoutesQuery,
  topUsersQuery,
} from "../logs-queries";
import type { LogsWidget, Segment } from "../model";

export function logsInsightsSegment(api: DashboardApi & { logGroupName: string }): Segment {
  const logs = (title: string, query: string, width: number): LogsWidget => ({
    type: "logs",
    title: `${api.name}: ${title}`,
    logGroupNames: [api.logGroupName],
    query,
    view: "table",
    width,
    height: 6,
  });
  const widgets: LogsWidget[] = [
    logs("top routes", topRoutesQuery(api), 12),
    logs("p90 latency by route (ms)", p90LatencyByRouteQuery(api), 12),
    logs("errors by response type", errorsByResponseTypeQuery(), 8),
    ...(api.type === "WEBSOCKET" ? [] : [logs(`bytes downloaded per customer (${api.customerField})`, bytesPerCustomerQuery(api), 8)]),
    logs(`top users (${api.userField})`, topUsersQuery(api), api.type === "WEBSOCKET" ? 16 : 8),
  ];
  return { title: `Access logs of ${api.name}`, description: `Logs Insights over \`${api.logGroupName}\`.`, widgets };
}
