/**
 * Segments of the monitoring account's dashboard: the fleet as a whole (every linked account
 * together, no account filter), then one row per linked source account, each search narrowed to
 * that account inside its search term.
 */
import type { ApiCallMetricsRef } from "../metrics/api-calls";
import { fleetMetrics } from "../metrics/fleet";
import type { GraphWidget, Segment, Series } from "../model";

export interface CrossAccountSegmentInput {
  accountIds: readonly string[];
  apiCalls: ApiCallMetricsRef;
  periodSeconds: number;
}

function graph(title: string, series: Series[], width: number): GraphWidget {
  return { type: "graph", title, series, width, height: 6, yMin: 0 };
}

/** Two rows of three: traffic, client and server errors, slowest stages, AWS API calls, log delivery. */
export function fleetSegment(input: CrossAccountSegmentInput): Segment {
  const m = fleetMetrics({ periodSeconds: input.periodSeconds });
  const w = 8;
  const linked = input.accountIds.length > 0 ? `${input.accountIds.length} listed account(s)` : "every account of the organization";
  return {
    title: "All linked accounts",
    description: `Totals over ${linked} through CloudWatch cross-account observability. Open a source account's own dashboard for routes, users and alarms.`,
    widgets: [
      graph("Requests and messages (all accounts)", [m.rest.requests, m.http.requests, m.webSocket.messages], w),
      graph("Client errors (all accounts)", [m.rest.clientErrors, m.http.clientErrors, m.webSocket.clientErrors], w),
      graph("Server errors (all accounts)", [m.rest.serverErrors, m.http.serverErrors, m.webSocket.executionErrors, m.webSocket.integrationErrors], w),
      graph("Slowest stages, p90 latency (ms)", [m.rest.slowestStages("p90", 5), m.http.slowestStages("p90", 5)], w),
      graph("AWS API calls (all accounts)", [m.apiCalls(input.apiCalls)], w),
      graph("Access-log delivery success, worst stream (1 = all)", [m.worstDeliverySuccess], w),
    ],
  };
}

/** One row of four for one source account. */
export function accountSegment(accountId: string, input: CrossAccountSegmentInput): Segment {
  const m = fleetMetrics({ accountId, periodSeconds: input.periodSeconds });
  const w = 6;
  return {
    title: `Account ${accountId}`,
    widgets: [
      graph(`${accountId}: requests and messages`, [m.rest.requests, m.http.requests, m.webSocket.messages], w),
      graph(`${accountId}: server errors`, [m.rest.serverErrors, m.http.serverErrors, m.webSocket.executionErrors, m.webSocket.integrationErrors], w),
      graph(`${accountId}: AWS API calls`, [m.apiCalls(input.apiCalls)], w),
      graph(`${accountId}: access-log delivery success (1 = all)`, [m.deliverySuccessByStream], w),
    ],
  };
}

export function crossAccountSegments(input: CrossAccountSegmentInput): Segment[] {
  return [fleetSegment(input), ...input.accountIds.map((id) => accountSegment(id, input))];
}
