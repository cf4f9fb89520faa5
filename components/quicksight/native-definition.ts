import type { AnalysisDefinition, DashboardVersionDefinition } from "@aws-sdk/client-quicksight";
import type { types } from "../shared/aws-native";

/**
 * The definitions in the shape @pulumi/aws-native takes them. The builders speak the QuickSight
 * API's own types (PascalCase, from the SDK); aws-native names every CloudFormation property in
 * lowerCamelCase and maps its names back for Cloud Control. Its Check refuses a name it does not know,
 * but checks neither enum values nor lengths and counts: those fail only in Cloud Control, during
 * `pulumi up`. So test/components/quicksight/native-definition.test.ts compiles the converted
 * definitions against aws-native's own types (a key or an enum value it does not know fails), and
 * the definition tests keep the QuickSight API's limits.
 */

export type NativeDashboardDefinition = types.input.quicksight.DashboardVersionDefinitionArgs;
export type NativeAnalysisDefinition = types.input.quicksight.AnalysisDefinitionArgs;

const ACRONYM_CHAR = /[A-Z0-9]/;

/**
 * The lowerCamelCase name aws-native gives a CloudFormation property. A run of two or more capitals
 * or digits is an acronym: its tail is lowered, except its last capital when a lowercase word
 * follows (that capital starts the word: KPIVisual → kpiVisual, PrimaryYAxis → primaryYAxis),
 * unless the word is a lone plural "s" (SizeInMBs → sizeInMbs, VPCs → vpcs).
 */
export function nativePropertyName(name: string): string {
  let result = "";
  let start = 0;
  while (start < name.length) {
    let end = start;
    while (end < name.length && ACRONYM_CHAR.test(name[end]!)) end++;
    if (end - start < 2) {
      result += name[start];
      start++;
      continue;
    }
    const rest = name.slice(end);
    const pluralS = rest[0] === "s" && (rest.length === 1 || ACRONYM_CHAR.test(rest[1]!));
    const wordStart = rest.length > 0 && !pluralS ? end - 1 : end;
    result += name[start] + name.slice(start + 1, wordStart).toLowerCase();
    start = wordStart;
  }
  return result.charAt(0).toLowerCase() + result.slice(1);
}

/** Every object key renamed as aws-native names it; arrays, strings and numbers as they are. */
function withNativeNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withNativeNames);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([key, v]) => [nativePropertyName(key), withNativeNames(v)]),
  );
}

export function nativeDashboardDefinition(definition: DashboardVersionDefinition): NativeDashboardDefinition {
  return withNativeNames(definition) as NativeDashboardDefinition;
}

export function nativeAnalysisDefinition(definition: AnalysisDefinition): NativeAnalysisDefinition {
  return withNativeNames(definition) as NativeAnalysisDefinition;
}
