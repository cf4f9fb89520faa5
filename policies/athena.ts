/** Athena: workgroups enforce their configuration and encrypt query results (AWS FSBP Athena.1, retired April 2024; Config athena-workgroup-encrypted-at-rest). */
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import * as aws from "./aws";

export const athenaWorkgroupEnforceConfiguration: ResourceValidationPolicy = {
  name: "athena-workgroup-enforce-configuration",
  description:
    "Every Athena workgroup enforces its configuration (configuration.enforceWorkgroupConfiguration), so clients cannot override the result location or turn encryption off. Unset counts as the AWS default, true, unless requireExplicit is on.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: { requireExplicit: { type: "boolean", default: false, description: "Require enforceWorkgroupConfiguration to be written as true rather than left to the default." } },
  },
  validateResource: validateResourceOfType(aws.athena.Workgroup, (workgroup, args, report) => {
    const { requireExplicit } = args.getConfig<{ requireExplicit: boolean }>();
    const enforce = workgroup.configuration?.enforceWorkgroupConfiguration;
    if (enforce === false) {
      report(`Athena workgroup ${args.name} lets clients override its configuration; set configuration.enforceWorkgroupConfiguration to true`);
    } else if (enforce === undefined && requireExplicit) {
      report(`Athena workgroup ${args.name} leaves configuration.enforceWorkgroupConfiguration unset; this pack is configured to require it written as true`);
    }
  }),
};

export const athenaWorkgroupEncryptedResults: ResourceValidationPolicy = {
  name: "athena-workgroup-encrypted-results",
  description: "Every Athena workgroup encrypts query results (configuration.resultConfiguration.encryptionConfiguration).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: { requireKms: { type: "boolean", default: false, description: "Require SSE_KMS or CSE_KMS instead of accepting SSE_S3." } },
  },
  validateResource: validateResourceOfType(aws.athena.Workgroup, (workgroup, args, report) => {
    const { requireKms } = args.getConfig<{ requireKms: boolean }>();
    const option = workgroup.configuration?.resultConfiguration?.encryptionConfiguration?.encryptionOption;
    if (!option) {
      report(`Athena workgroup ${args.name} does not encrypt query results; set configuration.resultConfiguration.encryptionConfiguration`);
    } else if (requireKms && option !== "SSE_KMS" && option !== "CSE_KMS") {
      report(`Athena workgroup ${args.name} encrypts query results with ${option}; this pack is configured to require SSE_KMS or CSE_KMS`);
    }
  }),
};

export const ATHENA_POLICIES = [athenaWorkgroupEnforceConfiguration, athenaWorkgroupEncryptedResults];
