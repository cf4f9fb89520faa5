/**
 * The unified dashboard of the monitoring account, built like the source account's dashboard:
 * fleet metric factory (components/dashboard/metrics/fleet.ts) → segments
 * (components/dashboard/segments/cross-account.ts) → `buildDashboardBody`. First the totals of
 * every linked account, then one row per listed source account. Every metric is a SEARCH; a
 * per-account search names its account inside the search term (`:aws.AccountId="…"`), which is
 * how CloudWatch cross-account observability narrows a search. Pure: plain JSON.
 */
import { buildDashboardBody, type DashboardBody } from "../dashboard/body";
import { DEFAULT_PERIOD_SECONDS } from "../dashboard/metrics/metric";
import type { Segment } from "../dashboard/model";
import { crossAccountSegments } from "../dashboard/segments/cross-account";

export interface CrossAccountDashboardInput {
  readonly region: string;
  /** Source accounts that get a row of their own; empty when only an organization is allowed. */
  readonly accountIds: readonly string[];
  readonly apiCallNamespace: string;
  readonly apiCallMetricName: string;
  /** ISO 8601 duration relative to now; default -PT24H. */
  readonly start?: string;
  /** Period of every search; default 300. */
  readonly periodSeconds?: number;
}

const ACCOUNT_ID = /^\d{12}$/;

/** The segments, after checking the account ids (they go into search terms). */
export function planCrossAccountSegments(input: Omit<CrossAccountDashboardInput, "region" | "start">): Segment[] {
  const seen = new Set<string>();
  for (const id of input.accountIds) {
    if (!ACCOUNT_ID.test(id)) throw new Error(`cross-account dashboard: account id ${JSON.stringify(id)} is not 12 digits`);
    if (seen.has(id)) throw new Error(`cross-account dashboard: account id ${id} is listed twice`);
    seen.add(id);
  }
  return crossAccountSegments({
    accountIds: input.accountIds,
    apiCalls: { namespace: input.apiCallNamespace, metricName: input.apiCallMetricName },
    periodSeconds: input.periodSeconds ?? DEFAULT_PERIOD_SECONDS,
  });
}

export function buildCrossAccountDashboardBody(input: CrossAccountDashboardInput): DashboardBody {
  const periodSeconds = input.periodSeconds ?? DEFAULT_PERIOD_SECONDS;
  return buildDashboardBody(planCrossAccountSegments(input), { region: input.region, start: input.start ?? "-PT24H", periodSeconds });
}
