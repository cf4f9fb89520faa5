/** Lambda function metrics (namespace AWS/Lambda, dimension FunctionName). */
import { DEFAULT_PERIOD_SECONDS, metric } from "./metric";

export const LAMBDA_NAMESPACE = "AWS/Lambda";

/** `index` keeps ids unique when several functions share a graph. */
export function lambdaMetrics(functionName: string, index: number, periodSeconds = DEFAULT_PERIOD_SECONDS) {
  const dims = { FunctionName: functionName };
  return {
    invocations: metric(LAMBDA_NAMESPACE, "Invocations", dims, "Sum", `invocations_${index}`, `${functionName} invocations`, periodSeconds),
    errors: metric(LAMBDA_NAMESPACE, "Errors", dims, "Sum", `errors_${index}`, `${functionName} errors`, periodSeconds),
    throttles: metric(LAMBDA_NAMESPACE, "Throttles", dims, "Sum", `throttles_${index}`, `${functionName} throttles`, periodSeconds),
    durationP90: metric(LAMBDA_NAMESPACE, "Duration", dims, "p90", `duration_p90_${index}`, `${functionName} duration p90`, periodSeconds),
    durationMax: metric(LAMBDA_NAMESPACE, "Duration", dims, "Maximum", `duration_max_${index}`, `${functionName} duration max`, periodSeconds),
  };
}
