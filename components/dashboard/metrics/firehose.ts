/**
 * Firehose stream metrics (namespace AWS/Firehose, dimension DeliveryStreamName), from the Amazon
 * Data Firehose Developer Guide, "Data delivery CloudWatch metrics" and "Data transformation
 * CloudWatch metrics".
 */
import { DEFAULT_PERIOD_SECONDS, metric } from "./metric";

export const FIREHOSE_NAMESPACE = "AWS/Firehose";

/** Which of the pipeline's streams: its metric ids and labels carry the path so both fit one graph. */
export interface StreamPath {
  readonly idSuffix: string;
  readonly labelSuffix: string;
}

export const REST_PATH: StreamPath = { idSuffix: "", labelSuffix: "" };
export const CLOUDWATCH_LOGS_PATH: StreamPath = { idSuffix: "_cwlogs", labelSuffix: " (CloudWatch Logs path)" };

export function firehoseMetrics(deliveryStreamName: string, periodSeconds = DEFAULT_PERIOD_SECONDS, path: StreamPath = REST_PATH) {
  const dims = { DeliveryStreamName: deliveryStreamName };
  const m = (metricName: string, stat: Parameters<typeof metric>[3], id: string, label: string) =>
    metric(FIREHOSE_NAMESPACE, metricName, dims, stat, id + path.idSuffix, label + path.labelSuffix, periodSeconds);
  return {
    incomingRecords: m("IncomingRecords", "Sum", "incoming", "Incoming records"),
    deliveredRecords: m("DeliveryToS3.Records", "Sum", "delivered", "Records delivered to S3"),
    /** Successful S3 puts over all S3 puts: 1 is healthy. */
    deliverySuccess: m("DeliveryToS3.Success", "Minimum", "delivery_success", "S3 delivery success (min)"),
    /** Age in seconds of the oldest record not yet in S3. */
    dataFreshness: m("DeliveryToS3.DataFreshness", "Maximum", "freshness", "Data freshness (s, max)"),
    /** Successful processor (enricher) invocations over all invocations. */
    processingSuccess: m("ExecuteProcessing.Success", "Average", "processing_success", "Enricher invocation success"),
    /** Records the processor returned Ok or Dropped. */
    processedRecords: m("SucceedProcessing.Records", "Sum", "processed", "Records processed OK"),
  };
}
