/**
 * The alarm thresholds one watched API may set for itself in the `apis` list, overriding the
 * stack-wide ones. Their limits live here, once: the dashboard's schema uses the same kinds for
 * the stack-wide defaults, and the API list's entries accept them under `alarms`.
 */
import { integerKind, objectKind } from "./kinds";

export const API_ALARM_KINDS = {
  serverErrorRatePercent: integerKind({ min: 1, max: 100 }),
  clientErrorRatePercent: integerKind({ min: 1, max: 100 }),
  latencyP90Ms: integerKind({ min: 1, max: 60_000 }),
  quotaExceededPerPeriod: integerKind({ min: 1, max: 1_000_000 }),
  /** 0 turns the alarm off; at most one day of 5-minute periods (CloudWatch evaluates at most 24 h). */
  trafficStoppedPeriods: integerKind({ min: 0, max: 288, because: "0 turns it off; at most a day of 5-minute periods" }),
} as const;

export type ApiAlarmThresholds = { [K in keyof typeof API_ALARM_KINDS]: number };
export type ApiAlarmOverrides = Partial<ApiAlarmThresholds>;

export const apiAlarmsKind = objectKind<ApiAlarmOverrides>(
  "alarm thresholds",
  {
    serverErrorRatePercent: { kind: API_ALARM_KINDS.serverErrorRatePercent, required: false },
    clientErrorRatePercent: { kind: API_ALARM_KINDS.clientErrorRatePercent, required: false },
    latencyP90Ms: { kind: API_ALARM_KINDS.latencyP90Ms, required: false },
    quotaExceededPerPeriod: { kind: API_ALARM_KINDS.quotaExceededPerPeriod, required: false },
    trafficStoppedPeriods: { kind: API_ALARM_KINDS.trafficStoppedPeriods, required: false },
  },
  { valid: [{}, { latencyP90Ms: 500, trafficStoppedPeriods: 6 }], invalid: [{ latencyP90Ms: 0 }, { trafficStoppedPeriods: 289 }] },
);
