/**
 * Tags: every taggable resource carries the keys cost allocation and ownership need (AWS Tagging
 * Best Practices; AWS Config required-tags). Checked on `tagsAll`, the provider's default tags
 * (`aws:defaultTags`) merged with the resource's own, which a preview already knows.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isRecord, isUnknown, known } from "./lib";

export const DEFAULT_REQUIRED_TAG_KEYS = ["project", "stack", "owner", "cost-centre"];

/** This project's own resources: children (at any depth) of its `api-usage:` components. */
export const isProjectResource = (r: PolicyResource): boolean => /::(api-usage:[^$:]+:[^$:]+)[$:]/.test(r.urn);

const tagKeysSchema = {
  properties: {
    keys: { type: "array" as const, items: { type: "string" as const }, default: DEFAULT_REQUIRED_TAG_KEYS, description: "Tag keys every taggable resource must carry (with a non-empty value)." },
  },
};

function checkTags(resources: readonly PolicyResource[], keys: readonly string[], report: (message: string, urn: string) => void): void {
  for (const r of resources) {
    // Only taggable AWS resources have tagsAll; one a preview does not know is checked at `up`.
    if (!r.type.startsWith("aws:") || !("tagsAll" in r.props) || isUnknown(r.props, "tagsAll")) continue;
    const tags = known(r.props, "tagsAll") ?? known(r.props, "tags");
    const present = isRecord(tags) ? tags : {};
    const missing = keys.filter((k) => typeof present[k] !== "string" || present[k] === "");
    if (missing.length > 0) {
      report(`${r.type.split(":").pop()} ${r.name} lacks the tag${missing.length === 1 ? "" : "s"} ${missing.join(", ")}; set them in aws:defaultTags or on the resource`, r.urn);
    }
  }
}

export const requiredTags: StackValidationPolicy = {
  name: "required-tags",
  description:
    "Every taggable resource of this project (inside an api-usage: component) carries the configured tag keys in tagsAll: the stack's aws:defaultTags merged with its own tags.",
  enforcementLevel: "mandatory",
  configSchema: tagKeysSchema,
  validateStack: (args, report) => {
    const { keys } = args.getConfig<{ keys: string[] }>();
    checkTags(args.resources.filter(isProjectResource), keys, report);
  },
};

export const requiredTagsAppResources: StackValidationPolicy = {
  name: "required-tags-app-resources",
  description:
    "Every other taggable resource (an app stack's own) carries the configured tag keys too; advisory, so an app stack adopts the tags without being blocked. Raise it to mandatory in the pack config once it does.",
  enforcementLevel: "advisory",
  configSchema: tagKeysSchema,
  validateStack: (args, report) => {
    const { keys } = args.getConfig<{ keys: string[] }>();
    checkTags(args.resources.filter((r) => !isProjectResource(r)), keys, report);
  },
};

export const TAG_POLICIES = [requiredTags, requiredTagsAppResources];
