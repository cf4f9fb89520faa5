/** QuickSight: no asset is shared with everyone (no AWS FSBP control; least privilege for BI assets). */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { asList, isRecord, known } from "./lib";

interface Grant {
  principal: unknown;
  actions: unknown;
}

/** QuickSight types of @pulumi/aws (`aws:quicksight/…`) and of @pulumi/aws-native (`aws-native:quicksight:…`). */
const isQuickSightType = (type: string): boolean => type.startsWith("aws:quicksight/") || type.startsWith("aws-native:quicksight:");

function grantsOf(permissions: unknown): Grant[] {
  return asList(permissions as unknown[] | undefined)
    .filter(isRecord)
    // A principal a preview does not know yet is another resource's ARN (a group's), never a
    // literal wildcard, which is always known: it is read as "not a wildcard".
    .map((p) => ({ principal: known(p, "principal"), actions: known(p, "actions") }));
}

/** Who a principal ARN lets in beyond named users and groups, if anyone. */
function everyoneIn(principal: string): string | undefined {
  if (principal.includes("*")) return "a wildcard";
  if (/^arn:[^:]+:quicksight:[^:]*:\d{12}:namespace\//.test(principal)) return "every user of a namespace";
  return undefined;
}

export const quicksightNoPublicPermissions: ResourceValidationPolicy = {
  name: "quicksight-no-public-permissions",
  description:
    "No QuickSight resource (aws.quicksight.* or aws-native.quicksight.*) grants permissions, or a dashboard's link sharing, to a wildcard principal (\"*\" or an ARN containing *) or to a whole namespace.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (!isQuickSightType(args.type)) args.notApplicable(`${args.type} is not a QuickSight resource`);
    const linkSharing = known(args.props, "linkSharingConfiguration");
    const grants = [
      ...grantsOf(known(args.props, "permissions")).map((g) => ({ ...g, via: "" })),
      ...grantsOf(isRecord(linkSharing) ? known(linkSharing, "permissions") : undefined).map((g) => ({ ...g, via: " through link sharing" })),
    ];
    for (const { principal, actions, via } of grants) {
      const everyone = typeof principal === "string" ? everyoneIn(principal) : undefined;
      if (everyone) {
        report(
          `QuickSight resource ${args.name} grants ${asList(actions as string[] | undefined).join(", ") || "(no actions)"}${via} to principal "${principal}" (${everyone}); grant to named users or groups`,
        );
      }
    }
  },
};

export const QUICKSIGHT_POLICIES = [quicksightNoPublicPermissions];
