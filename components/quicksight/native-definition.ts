import type { AnalysisDefinition, DashboardVersionDefinition } from "@aws-sdk/client-quicksight";
import type { types } from "@pulumi/aws-native";

/**
 * The definitions in the shape @pulumi/aws-native takes them. The builders speak the QuickSight
 * API's own types (PascalCase, from the SDK); aws-native names every CloudFormation property in
 * lowerCamelCase and, when it converts back for Cloud Control, keeps only the names its schema
 * knows: a key named any other way would be dropped without a word. So the names must be exactly
 * aws-native's, and test/components/quicksight/native-definition.test.ts compiles the converted
 * definitions against aws-native's own types (a key it does not know fails the compile).
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
