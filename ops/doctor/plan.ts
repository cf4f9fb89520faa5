/** The checklist for a stack, in the order the issue reads: API-call metrics, access logs, QuickSight, dashboard. */
import type { Check, DoctorInput } from "./check";
import { athenaCount } from "./checks/athena-count";
import { cloudWatchLogsDelivery } from "./checks/cloudwatch-logs-delivery";
import { counterErrors } from "./checks/counter-errors";
import { deadLetterQueues } from "./checks/dead-letter-queues";
import { firehoseDelivery } from "./checks/firehose-delivery";
import { metricDatapoints } from "./checks/metric-datapoints";
import { processingFailures } from "./checks/processing-failures";
import { quicksightDashboardVersion } from "./checks/quicksight-dashboard";
import { quicksightIngestion } from "./checks/quicksight-ingestion";
import { stageLogging } from "./checks/stage-logging";
import { todayPartition } from "./checks/today-partition";
import { trailDelivery } from "./checks/trail-delivery";
import { widgetDescribe } from "./checks/widget-describe";

export function planChecks(input: Pick<DoctorInput, "apis" | "outputs">): Check[] {
  return [
    trailDelivery,
    counterErrors,
    metricDatapoints,
    deadLetterQueues,
    ...input.apis.map(stageLogging),
    firehoseDelivery,
    cloudWatchLogsDelivery,
    todayPartition,
    processingFailures,
    athenaCount,
    quicksightIngestion,
    quicksightDashboardVersion,
    ...input.outputs.widgetFunctionArns.map(widgetDescribe),
  ];
}
