/**
 * Configuration from environment variables; every bad value fails with the variable, the value and
 * what was expected.
 */
export const MAX_METRICS = "MAX_METRICS";
export const MAX_POINTS = "MAX_POINTS";

export interface WidgetConfig {
  /** Metrics one widget may compare (each costs three series in GetMetricData). */
  maxMetrics: number;
  /** Upper bound on datapoints per series; the period grows to stay below it. */
  maxPoints: number;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name}=${JSON.stringify(raw)}: expected an integer from ${min} to ${max}`);
  }
  return value;
}

export function readConfig(env: Env): WidgetConfig {
  return {
    maxMetrics: integer(env, MAX_METRICS, 10, 1, 100),
    maxPoints: integer(env, MAX_POINTS, 288, 10, 1440),
  };
}
