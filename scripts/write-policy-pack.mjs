// Makes lib/policies/ a policy pack the Pulumi CLI can run from an installed package:
// `pulumi preview --policy-pack node_modules/api-usage-insights/lib/policies`. tsc has compiled
// policies/index.ts (the only file that calls `new PolicyPack`) next to the rules; the CLI also needs
// PulumiPolicy.yaml there, and PolicyPack reads its version from the package.json of its working
// directory, which the CLI sets to the pack's folder.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
const pack = new URL("lib/policies/", root);
const { version } = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
copyFileSync(new URL("policies/PulumiPolicy.yaml", root), new URL("PulumiPolicy.yaml", pack));
const manifest = {
  name: "api-usage-insights-policy-pack",
  version,
  private: true,
  description: "The api-usage-insights CrossGuard pack, compiled; its dependencies (@pulumi/policy, @pulumi/aws, @pulumi/pulumi) resolve from the app's node_modules.",
  main: "index.js",
};
writeFileSync(new URL("package.json", pack), `${JSON.stringify(manifest, null, 2)}\n`);
