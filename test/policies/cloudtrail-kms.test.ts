import assert from "node:assert/strict";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as kms from "@pulumi/aws/kms";
import * as sqs from "@pulumi/aws/sqs";
import { cloudtrailCloudWatchLogs, cloudtrailKmsEncryption, cloudtrailLogFileValidation, cloudtrailMultiRegion } from "../../policies/cloudtrail";
import { kmsKeyRotation } from "../../policies/kms";
import { resultsOf, violations } from "./check";

const COMPLIANT: cloudtrail.TrailArgs = {
  s3BucketName: "trail-bucket",
  isMultiRegionTrail: true,
  enableLogFileValidation: true,
  kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k",
  cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:trail:*",
  cloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/trail-to-logs",
};
const trail = (args: Partial<cloudtrail.TrailArgs>) => () => new cloudtrail.Trail("t", { ...COMPLIANT, ...args });
const queueOnly = () => new sqs.Queue("q", {});

describe("CloudTrail policies", () => {
  const cases = [
    { policy: cloudtrailMultiRegion, off: { isMultiRegionTrail: false }, missing: { isMultiRegionTrail: undefined }, message: "trail t records one region only; set isMultiRegionTrail to true" },
    { policy: cloudtrailLogFileValidation, off: { enableLogFileValidation: false }, missing: { enableLogFileValidation: undefined }, message: "trail t does not validate its log files; set enableLogFileValidation to true" },
    { policy: cloudtrailKmsEncryption, off: { kmsKeyId: "" }, missing: { kmsKeyId: undefined }, message: "trail t does not encrypt its logs with a KMS key; set kmsKeyId" },
    {
      policy: cloudtrailCloudWatchLogs,
      off: { cloudWatchLogsGroupArn: undefined, cloudWatchLogsRoleArn: undefined },
      missing: { cloudWatchLogsRoleArn: undefined },
      message: "trail t does not deliver to CloudWatch Logs; set cloudWatchLogsGroupArn and cloudWatchLogsRoleArn",
      missingMessage: "trail t does not deliver to CloudWatch Logs; set cloudWatchLogsRoleArn",
    },
  ];

  for (const c of cases) {
    describe(c.policy.name, () => {
      it("passes a fully configured trail", async () => {
        assert.deepEqual(await violations(c.policy, trail({})), []);
      });

      it("reports a trail with the setting turned off, naming the trail and the fix", async () => {
        assert.deepEqual(await violations(c.policy, trail(c.off)), [c.message]);
      });

      it("reports a trail that leaves the setting out", async () => {
        assert.deepEqual(await violations(c.policy, trail(c.missing)), [c.missingMessage ?? c.message]);
      });

      it("takes its enforcement level from config", async () => {
        const results = await resultsOf(c.policy, trail(c.off), "advisory");
        assert.deepEqual(results.map((r) => [r.outcome, r.enforcementLevel]), [["violation", "advisory"]]);
      });

      it("does not apply to other resource types", async () => {
        assert.deepEqual(await resultsOf(c.policy, queueOnly), []);
      });
    });
  }
});

describe("KMS policies", () => {
  describe("kms-key-rotation", () => {
    it("passes a symmetric key that rotates yearly", async () => {
      assert.deepEqual(await violations(kmsKeyRotation, () => new kms.Key("k", { enableKeyRotation: true })), []);
    });

    it("reports a symmetric key with rotation off or unset", async () => {
      const message = "KMS key k does not rotate its key material; set enableKeyRotation to true";
      assert.deepEqual(await violations(kmsKeyRotation, () => new kms.Key("k", { enableKeyRotation: false })), [message]);
      assert.deepEqual(await violations(kmsKeyRotation, () => new kms.Key("k", {})), [message]);
    });

    it("checks the rotation period against maxRotationPeriodInDays", async () => {
      const slow = () => new kms.Key("k", { enableKeyRotation: true, rotationPeriodInDays: 730 });
      assert.deepEqual(await violations(kmsKeyRotation, slow), ["KMS key k rotates every 730 days; expected at most 365"]);
      assert.deepEqual(await violations(kmsKeyRotation, slow, { maxRotationPeriodInDays: 730 }), []);
      const yearly = () => new kms.Key("k", { enableKeyRotation: true });
      assert.deepEqual(await violations(kmsKeyRotation, yearly, { maxRotationPeriodInDays: 180 }), ["KMS key k rotates every 365 days; expected at most 180"]);
    });

    it("does not apply to asymmetric or HMAC keys, which cannot rotate", async () => {
      assert.deepEqual(await resultsOf(kmsKeyRotation, () => new kms.Key("k", { customerMasterKeySpec: "RSA_3072", keyUsage: "SIGN_VERIFY" })), []);
      assert.deepEqual(await resultsOf(kmsKeyRotation, () => new kms.Key("k", { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" })), []);
    });

    it("does not apply to other resource types", async () => {
      assert.deepEqual(await resultsOf(kmsKeyRotation, queueOnly), []);
    });
  });
});
