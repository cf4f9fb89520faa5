import { Logger } from "@aws-lambda-powertools/logger";

/** A structured JSON logger for one function; level from POWERTOOLS_LOG_LEVEL (default INFO). */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}
