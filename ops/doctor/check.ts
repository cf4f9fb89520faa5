/** What a doctor check is and what it can conclude: passed (with what it saw), failed (cause and fix), or skipped (why). */
import type { ApiSpec } from "../../contracts/api-types";
import type { UsageInsightsOutputs } from "../../contracts/outputs";
import type { AwsClients } from "./clients";

export type Outcome =
  | { readonly status: "pass"; readonly detail: string }
  | { readonly status: "fail"; readonly cause: string; readonly fix: string }
  | { readonly status: "skip"; readonly reason: string };

export const pass = (detail: string): Outcome => ({ status: "pass", detail });
export const fail = (cause: string, fix: string): Outcome => ({ status: "fail", cause, fix });
export const skip = (reason: string): Outcome => ({ status: "skip", reason });

/** What the doctor knows about the deployed stack before any check runs. */
export interface DoctorInput {
  readonly stack: string;
  readonly region: string;
  readonly accountId: string;
  readonly outputs: UsageInsightsOutputs;
  /** The APIs the stack's config lists (`api-usage-insights:apis`). */
  readonly apis: readonly ApiSpec[];
  readonly quicksightEnabled: boolean;
  /** A monitoring stack sees its source accounts' metrics through the OAM sink. */
  readonly role: "source" | "monitoring";
}

export interface CheckContext extends DoctorInput {
  readonly aws: AwsClients;
  /** Aborts when the check's time is up; pass it to every call. */
  readonly signal: AbortSignal;
  readonly now: Date;
  /** One lookup shared by the checks that need it (the first caller runs it). */
  memo<T>(key: string, lookup: () => Promise<T>): Promise<T>;
  /** Pause between polls (Athena); short in tests. */
  readonly pollIntervalMs: number;
}

export interface Check {
  /** Stable id, used in the Markdown report and tests. */
  readonly id: string;
  readonly area: "API-call metrics" | "Access logs" | "QuickSight" | "Dashboard";
  readonly title: string;
  run(ctx: CheckContext): Promise<Outcome>;
}

/** Seconds or minutes, for "last delivery 3 min ago". */
export function ago(from: Date, to: Date): string {
  const s = Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
  return s < 120 ? `${s} s ago` : s < 7200 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}

/** The resource name at the end of an ARN (`…:function:name`, `…:deliverystream/name`, `…:log-group:name:*`). */
export function nameInArn(arn: string): string {
  const logGroup = /:log-group:([^:]+)/.exec(arn);
  if (logGroup) return logGroup[1];
  const last = arn.split(":").pop() ?? arn;
  return last.includes("/") ? last.slice(last.indexOf("/") + 1) : last;
}
