/** KMS: key rotation (AWS FSBP KMS.4; CIS 3.6 in v1.4 / 3.8 in v1.2). */
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "./aws";

/** KMS rotates key material yearly unless rotationPeriodInDays (90–2560) says otherwise. */
const AWS_DEFAULT_ROTATION_DAYS = 365;

export const kmsKeyRotation: ResourceValidationPolicy = {
  name: "kms-key-rotation",
  description:
    "Every symmetric encryption KMS key (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT) rotates its key material automatically, at most every maxRotationPeriodInDays. Asymmetric and HMAC keys cannot rotate and are not checked.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      maxRotationPeriodInDays: { type: "integer", default: 365, minimum: 90, maximum: 2560, description: "Longest rotationPeriodInDays allowed (an unset period is the AWS default, 365)." },
    },
  },
  validateResource: validateResourceOfType(aws.kms.Key, (key, args, report) => {
    const spec = key.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    const usage = key.keyUsage ?? "ENCRYPT_DECRYPT";
    if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT") {
      args.notApplicable(`key ${args.name} is ${spec}/${usage}; only symmetric encryption keys rotate`);
    }
    const { maxRotationPeriodInDays } = args.getConfig<{ maxRotationPeriodInDays: number }>();
    if (key.enableKeyRotation !== true) {
      report(`KMS key ${args.name} does not rotate its key material; set enableKeyRotation to true`);
      return;
    }
    const period = key.rotationPeriodInDays ?? AWS_DEFAULT_ROTATION_DAYS;
    if (period > maxRotationPeriodInDays) {
      report(`KMS key ${args.name} rotates every ${period} days; expected at most ${maxRotationPeriodInDays}`);
    }
  }),
};

export const KMS_POLICIES = [kmsKeyRotation];
