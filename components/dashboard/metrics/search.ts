/**
 * SEARCH expressions written once: metric schema, exact metric name, extra terms and, in a
 * CloudWatch cross-account observability monitoring account, the source account.
 *
 * From the CloudWatch User Guide, "CloudWatch search expression syntax":
 * - `{Namespace, DimensionName, ...}` is the metric schema; names with characters other than
 *   letters and digits go in double quotes. A schema matches metrics with exactly those dimension
 *   names, so `{Namespace}` alone reads the dimensionless metric ("Search expression examples":
 *   `{AWS/EC2}` gives the one aggregated line).
 * - `MetricName="X"` is an exact match on the metric name, not a token match (so "Count" does not
 *   also find ConnectCount or MessageCount).
 * - "Using an account ID in a SearchTerm works only in accounts that are set up as monitoring
 *   accounts for CloudWatch cross-account observability. The syntax for an account ID in
 *   SearchTerm is `:aws.AccountId = "444455556666"`." The account belongs in the search term: a
 *   metric row's `accountId` names the account of a single metric, not of a SEARCH.
 */
import type { Stat } from "../model";

const ACCOUNT_ID = /^\d{12}$/;

export interface SearchQuery {
  namespace: string;
  /** The exact dimension set of the metrics to find, in the order API docs list it. */
  dimensionNames: readonly string[];
  metricName: string;
  stat: Stat;
  periodSeconds: number;
  /** Further search terms, ANDed (partial-match tokens or `Name="value"` exact matches). */
  terms?: readonly string[];
  /** Only metrics of this source account; none means every linked account and the monitoring account. */
  accountId?: string;
}

/** Schema term: quoted unless it is letters, digits and `/` only. */
export function schemaName(name: string): string {
  return /^[A-Za-z0-9/]+$/.test(name) ? name : `"${name}"`;
}

/** The search term that keeps one source account: `:aws.AccountId="123456789012"`. */
export function accountTerm(accountId: string): string {
  if (!ACCOUNT_ID.test(accountId)) throw new Error(`account id ${JSON.stringify(accountId)}: expected 12 digits`);
  return `:aws.AccountId="${accountId}"`;
}

export function searchExpression(q: SearchQuery): string {
  const schema = `{${[q.namespace, ...q.dimensionNames].map(schemaName).join(",")}}`;
  const terms = [`MetricName="${q.metricName}"`, ...(q.terms ?? []), ...(q.accountId !== undefined ? [accountTerm(q.accountId)] : [])];
  return `SEARCH('${schema} ${terms.join(" ")}', '${q.stat}', ${q.periodSeconds})`;
}
