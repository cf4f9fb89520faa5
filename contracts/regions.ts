/** AWS Region names, as the provider's `aws:region` and every ARN spell them. */
import { stringKind } from "./kinds";

export const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

export const regionKind = stringKind({
  pattern: REGION_PATTERN,
  expected: 'an AWS Region name like "eu-west-1"',
  examples: { valid: ["eu-west-1", "us-gov-west-1"], invalid: ["eu-west", "EU-WEST-1"] },
});

/** The Region of an ARN (`arn:partition:service:region:account:resource`), or undefined when it has none. */
export function regionOfArn(arn: string): string | undefined {
  const region = arn.split(":")[3];
  return region && REGION_PATTERN.test(region) ? region : undefined;
}
