/**
 * Firehose stream metrics (namespace AWS/Firehose, dimension DeliveryStreamName), from the Amazon
 * Data Firehose Developer Guide, "Data delivery CloudWatch metrics" and "Data transformation
 * CloudWatch metrics".
 */
import { DEFAULT_PERIOD_SECONDS, metric } from "./metric";

export const FIREHOSE_NAMESPACE = "AWS/Firehose";

export function firehoseMetrics(deliveryStreamName: string, periodSeconds = DEFAULT_PERIOD_SECONDS) {
  const dims = { DeliveryStreamName: deliveryStreamName };
  return {
    incomingRecords: metric(FIREHOSE_NAMESPACE, "IncomingRecords", dims, "Sum", "incoming", "Incoming records", periodSeconds),
    deliveredRecords: metric(FIREHOSE_NAMESPACE, "DeliveryToS3.Records", dims, "Sum", "delivered", "Records delivered to S3", periodSeconds),
    /** Successful S3 puts over all S3 puts: 1 is healthy. */
    deliverySuccess: metric(FIREHOSE_NAMESPACE, "DeliveryToS3.Success", dims, "Minimum", "delivery_success", "S3 delivery success (min)", periodSeconds),
    /** Age in seconds of the oldest record not yet in S3. */
    dataFreshness: metric(FIREHOSE_NAMESPACE, "DeliveryToS3.DataFreshness", dims, "Maximum", "freshness", "Data freshness (s, max)", periodSeconds),
    /** Successful processor (enricher) invocations over all invocations. */
    processingSuccess: metric(FIREHOSE_NAMESPACE, "ExecuteProcessing.Success", dims, "Average", "processing_success", "Enricher invocation success", periodSeconds),
    /** Records the processor returned Ok or Dropped. */
    processedRecords: metric(FIREHOSE_NAMESPACE, "SucceedProcessing.Records", dims, "Sum", "processed", "Records processed OK", periodSeconds),
  };
}
