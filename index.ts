/**
 * Composition root: read and validate the stack's config, build the components, export outputs.
 * Bad config throws before any resource is declared.
 */
import * as pulumi from "@pulumi/pulumi";
import { readStackConfig } from "./components/shared/config";

export = async () => {
  const config = readStackConfig(pulumi.runtime.allConfig(), pulumi.getStack());

  return {
    role: config.role,
    region: config.region,
  };
};
