// The parts of @pulumi/aws-native the QuickSight component uses, under the names the package's root
// gives them (`awsNative.quicksight.Dashboard`); the root would bring every service's declarations
// into each program that type-checks this code. See ./aws.ts.
export * as quicksight from "@pulumi/aws-native/quicksight";
export * as types from "@pulumi/aws-native/types";
export { Region } from "@pulumi/aws-native/types/enums";
export { Provider, type ProviderArgs } from "./aws-native-provider";
