/**
 * Firehose processor for API Gateway access logs: decodes each record (JSON, NDJSON or a
 * CloudWatch Logs envelope), normalises and enriches it, and returns one result per record with
 * the request date (and hour) as dynamic-partitioning keys.
 */
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import type { FirehoseTransformationEvent, FirehoseTransformationResult } from "aws-lambda";
import { boundedClientConfig, Deadline, type RemainingTime } from "../shared/bounded-calls";
import { createLogger } from "../shared/logger";
import { readConfig } from "./config";
import { transformBatch, type TransformDependencies } from "./transform";
import { UsagePlanCatalog } from "./usage-plans";

const logger = createLogger("access-log-enricher");
let dependencies: TransformDependencies | undefined;

/** Built on first use so that a configuration error fails the invocation with its message. */
function getDependencies(): TransformDependencies {
  if (dependencies === undefined) {
    const config = readConfig(process.env);
    const usagePlans = config.usagePlanLookup
      ? new UsagePlanCatalog({
          client: new APIGatewayClient(boundedClientConfig(config.calls)),
          ttlMs: config.usagePlanCacheTtlMs,
          lookupTimeoutMs: config.usagePlanLookupTimeoutMs,
          keysConcurrency: config.usagePlanKeysConcurrency,
          logger,
        })
      : undefined;
    dependencies = { config, usagePlans, logger };
  }
  return dependencies;
}

export async function handler(event: FirehoseTransformationEvent, context?: RemainingTime): Promise<FirehoseTransformationResult> {
  const deps = getDependencies();
  return transformBatch(event, { ...deps, deadline: Deadline.fromContext(context, deps.config.calls.deadlineMarginMs) });
}

/** For tests: forget the configuration and the usage plan cache. */
export function resetForTests(): void {
  dependencies = undefined;
}
