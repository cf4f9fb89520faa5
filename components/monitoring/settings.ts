/** The observability sink's one schema: who may link to it. */
import { arrayKind, stringKind } from "../../contracts/kinds";
import { defineSchema, field, optionalField, type ArgsOf } from "../../contracts/schema";

export const SINK_SCHEMA = defineSchema({
  accountIds: field(
    arrayKind(stringKind({ pattern: /^\d{12}$/, expected: "a 12-digit AWS account id", examples: { valid: ["123456789012"], invalid: ["12345678901"] } }), { unique: true }),
    [] as string[],
    "role monitoring: accounts allowed to link to the observability sink.",
  ),
  organizationId: optionalField(
    stringKind({ pattern: /^o-[a-z0-9]{10,32}$/, expected: 'an AWS Organizations id like "o-a1b2c3d4e5"', examples: { valid: ["o-a1b2c3d4e5", `o-${"a".repeat(32)}`], invalid: ["o-short", `o-${"a".repeat(33)}`] } }),
    "role monitoring: every account of this organization may link to the sink.",
  ),
});

export type SinkSettingsArgs = ArgsOf<typeof SINK_SCHEMA.spec>;
