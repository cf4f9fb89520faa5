/** QuickSight: no asset is shared with everyone (no AWS FSBP control; least privilege for BI assets). */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { asList, isRecord, known } from "./lib";

interface Grant {
  principal: unknown;
  actions: unknown;
}

function grantsOf(permissions: unknown): Grant[] {
  return asList(permissions as unknown[] | undefined)
    .filter(isRecord)
    // A principal a preview does not know yet is another resource's ARN (a group's), never a
    // literal wildcard, which is always known: it is read as "not a wildcard".
    .map((p) => ({ principal: known(p, "principal") ?? known(p, "Principal"), actions: known(p, "actions") ?? known(p, "Actions") }));
}

export const quicksightNoPublicPermissions: ResourceValidationPolicy = {
  name: "quicksight-no-public-permissions",
  description:
    "No QuickSight resource (aws.quicksight.* or a dynamic provider resource with permissions[].principal / Principal) grants permissions to a wildcard principal (\"*\" or a principal ARN containing *).",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    const isQuickSight = args.type.startsWith("aws:quicksight/");
    const isDynamic = args.type.startsWith("pulumi-nodejs:dynamic:") && Array.isArray(args.props.permissions);
    if (!isQuickSight && !isDynamic) args.notApplicable(`${args.type} has no QuickSight permissions`);
    for (const { principal, actions } of grantsOf(args.props.permissions)) {
      if (typeof principal === "string" && principal.includes("*")) {
        report(`QuickSight resource ${args.name} grants ${asList(actions as string[] | undefined).join(", ") || "(no actions)"} to principal "${principal}"; grant to named users or groups`);
      }
    }
  },
};

export const QUICKSIGHT_POLICIES = [quicksightNoPublicPermissions];
