/** Firehose: encryption at rest (AWS FSBP DataFirehose.1), error output prefix, calendar-year prefixes. */
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "./aws";
import { isRecord } from "./lib";

export const ERROR_OUTPUT_TYPE = "!{firehose:error-output-type}";

export const firehoseServerSideEncryption: ResourceValidationPolicy = {
  name: "firehose-server-side-encryption",
  description:
    "Every Direct PUT Firehose stream encrypts buffered data at rest (serverSideEncryption.enabled). Streams reading from Kinesis Data Streams or MSK rely on their source's encryption and are not checked.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: { requireCustomerManagedKey: { type: "boolean", default: false, description: "Require keyType CUSTOMER_MANAGED_CMK instead of accepting the AWS owned key." } },
  },
  validateResource: validateResourceOfType(aws.kinesis.FirehoseDeliveryStream, (stream, args, report) => {
    if (stream.kinesisSourceConfiguration || stream.mskSourceConfiguration) {
      args.notApplicable(`stream ${args.name} reads from a Kinesis or MSK source, whose encryption applies`);
    }
    const { requireCustomerManagedKey } = args.getConfig<{ requireCustomerManagedKey: boolean }>();
    const sse = stream.serverSideEncryption;
    if (sse?.enabled !== true) {
      report(`Firehose stream ${args.name} (Direct PUT) does not encrypt at rest; set serverSideEncryption.enabled to true`);
    } else if (requireCustomerManagedKey && sse.keyType !== "CUSTOMER_MANAGED_CMK") {
      report(`Firehose stream ${args.name} encrypts with ${sse.keyType ?? "AWS_OWNED_CMK"}; this pack is configured to require CUSTOMER_MANAGED_CMK`);
    }
  }),
};

export const firehoseErrorOutputPrefix: ResourceValidationPolicy = {
  name: "firehose-error-output-prefix",
  description: `Every Firehose stream with an extended S3 destination sets an errorOutputPrefix containing ${ERROR_OUTPUT_TYPE}, so failed records land apart from data, split by failure kind.`,
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      requiredExpressions: { type: "array", items: { type: "string" }, default: [ERROR_OUTPUT_TYPE], description: "Expressions the errorOutputPrefix must contain." },
    },
  },
  validateResource: validateResourceOfType(aws.kinesis.FirehoseDeliveryStream, (stream, args, report) => {
    if (stream.destination !== "extended_s3") args.notApplicable(`stream ${args.name} has no extended S3 destination`);
    const { requiredExpressions } = args.getConfig<{ requiredExpressions: string[] }>();
    const prefix = stream.extendedS3Configuration?.errorOutputPrefix;
    if (!prefix) {
      report(`Firehose stream ${args.name} has no errorOutputPrefix; set one containing ${requiredExpressions.join(", ")}`);
      return;
    }
    const missing = requiredExpressions.filter((e) => !prefix.includes(e));
    if (missing.length > 0) report(`Firehose stream ${args.name} has errorOutputPrefix "${prefix}" without ${missing.join(", ")}`);
  }),
};

/** `!{timestamp:...}` patterns that use `Y` (Java's week-based year) outside quoted literals. */
export function weekBasedYearPatterns(prefix: string): string[] {
  return [...prefix.matchAll(/!\{timestamp:([^}]*)\}/g)].map((m) => m[1]).filter((pattern) => /Y/.test(pattern.replace(/'[^']*'/g, "")));
}

export const firehoseCalendarYearPrefix: ResourceValidationPolicy = {
  name: "firehose-calendar-year-prefix",
  description:
    "Timestamp expressions in Firehose S3 prefixes use yyyy, not YYYY: Firehose formats with Java DateTimeFormatter, where Y is the week-based year and files written around New Year land under the wrong year.",
  enforcementLevel: "advisory",
  validateResource: validateResourceOfType(aws.kinesis.FirehoseDeliveryStream, (stream, args, report) => {
    const s3 = stream.extendedS3Configuration;
    if (!isRecord(s3)) args.notApplicable(`stream ${args.name} has no extended S3 destination`);
    for (const key of ["prefix", "errorOutputPrefix"] as const) {
      const value = s3?.[key];
      if (typeof value !== "string") continue;
      for (const pattern of weekBasedYearPatterns(value)) {
        report(`Firehose stream ${args.name} ${key} "${value}" formats !{timestamp:${pattern}} with Y (week-based year); use yyyy`);
      }
    }
  }),
};

export const FIREHOSE_POLICIES = [firehoseServerSideEncryption, firehoseErrorOutputPrefix, firehoseCalendarYearPrefix];
