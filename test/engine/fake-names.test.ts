import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { RecordedResource } from "../../synth/engine";
import { OWN_STACKS, ownStackResources } from "../support/own-stacks";

/**
 * The input that holds each type's own physical name, as the providers define it (the Pulumi
 * registry's docs of @pulumi/aws 7 and @pulumi/aws-native), or null for a type that has no name of
 * its own (it is named by what it configures). Every custom type the fleet declares must be here:
 * a new type is a decision to make, not a gap.
 */
const NAME_INPUT: Readonly<Record<string, string | null>> = {
  "aws:athena/namedQuery:NamedQuery": "name",
  "aws:athena/workgroup:Workgroup": "name",
  "aws:cloudtrail/trail:Trail": "name",
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": "alarmName",
  "aws:cloudwatch/dashboard:Dashboard": "dashboardName",
  "aws:cloudwatch/logGroup:LogGroup": "name",
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": "name",
  "aws:cloudwatch/logStream:LogStream": "name",
  "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": "name",
  "aws:cloudwatch/metricAlarm:MetricAlarm": "name",
  "aws:glue/catalogDatabase:CatalogDatabase": "name",
  "aws:glue/catalogTable:CatalogTable": "name",
  "aws:iam/policy:Policy": "name",
  "aws:iam/role:Role": "name",
  "aws:iam/rolePolicy:RolePolicy": "name",
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": "name",
  "aws:kms/key:Key": null,
  "aws:lambda/function:Function": "name",
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": null,
  "aws:lambda/permission:Permission": "statementId",
  "aws:oam/link:Link": null,
  "aws:oam/sink:Sink": "name",
  "aws:oam/sinkPolicy:SinkPolicy": null,
  "aws:quicksight/dataSet:DataSet": "dataSetId",
  "aws:quicksight/dataSource:DataSource": "dataSourceId",
  "aws:quicksight/group:Group": "groupName",
  "aws:quicksight/groupMembership:GroupMembership": "memberName",
  "aws:quicksight/refreshSchedule:RefreshSchedule": "scheduleId",
  "aws:s3/bucket:Bucket": "bucket",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": null,
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": null,
  "aws:s3/bucketPolicy:BucketPolicy": null,
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": null,
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": null,
  "aws:s3/bucketVersioning:BucketVersioning": null,
  "aws:sqs/queue:Queue": "name",
  "aws-native:quicksight:Analysis": "analysisId",
  "aws-native:quicksight:Dashboard": "dashboardId",
};

/** Types whose ARN carries an id AWS generates, not the name (CloudWatch OAM: `sink/<sink-id>`). */
const ARN_BY_GENERATED_ID: ReadonlySet<string> = new Set(["aws:oam/sink:Sink"]);

const root = path.resolve(__dirname, "../..");
const STACKS = OWN_STACKS;
const resourcesOf = ownStackResources;

/** Every custom resource of the fleet's providers (not engine types such as providers or stack references). */
async function fleetResources(): Promise<Array<{ stack: string; resource: RecordedResource }>> {
  const all = [];
  for (const stack of STACKS) {
    for (const resource of await resourcesOf(stack)) {
      if (resource.custom && !resource.type.startsWith("pulumi:")) all.push({ stack, resource });
    }
  }
  return all;
}

/** The output properties a provider's class declares (`readonly x: pulumi.Output<…>`), read from its .d.ts. */
function declaredOutputs(type: string): Set<string> {
  const [pkg, module, member] = type.split(":");
  const file = pkg === "aws" ? path.join("@pulumi/aws", module!.split("/")[0]!, `${module!.split("/")[1]}.d.ts`) : path.join(`@pulumi/${pkg}`, module!, `${member![0]!.toLowerCase()}${member!.slice(1)}.d.ts`);
  const resolved = path.join(root, "node_modules", file);
  assert.ok(existsSync(resolved), `no class declaration for ${type} at ${resolved}`);
  return new Set([...readFileSync(resolved, "utf8").matchAll(/^\s+readonly (\w+): pulumi\.Output</gm)].map((m) => m[1]!));
}

/** The ARN output of a resource, when its type has one. */
function arnOf(resource: RecordedResource): string | undefined {
  const value = resource.outputs.arn ?? resource.outputs.dashboardArn;
  return typeof value === "string" ? value : undefined;
}

describe("the offline engine's fake names and ARNs, over every type the fleet declares", function () {
  this.timeout(120_000);

  it("knows which input names each type the fleet declares", async () => {
    const types = [...new Set((await fleetResources()).map(({ resource }) => resource.type))].sort();
    assert.deepEqual(types.filter((t) => !(t in NAME_INPUT)), []);
    for (const [type, input] of Object.entries(NAME_INPUT)) {
      if (input !== null && types.includes(type)) assert.ok(declaredOutputs(type).has(input), `${type} declares no ${input}`);
    }
  });

  it("names each resource by its name input, given or picked by the provider, and builds its ARN from that name", async () => {
    const wrong: string[] = [];
    for (const { stack, resource } of await fleetResources()) {
      const input = NAME_INPUT[resource.type];
      if (!input) continue;
      const given = resource.inputs[input];
      const name = resource.outputs[input];
      if (typeof name !== "string" || (typeof given === "string" && name !== given)) {
        wrong.push(`${stack} ${resource.name}: ${input} is ${JSON.stringify(name)}, expected ${typeof given === "string" ? JSON.stringify(given) : "an auto-name"}`);
        continue;
      }
      const arn = ARN_BY_GENERATED_ID.has(resource.type) ? undefined : arnOf(resource);
      if (arn !== undefined && !arn.endsWith(`/${name}`) && !arn.endsWith(`:${name}`)) wrong.push(`${stack} ${resource.name}: ARN ${arn} does not end with its ${input} ${name}`);
    }
    assert.deepEqual(wrong, []);
  });

  it("gives each resource only outputs its type declares", async () => {
    const stray = new Set<string>();
    for (const { resource } of await fleetResources()) {
      const declared = declaredOutputs(resource.type);
      for (const key of Object.keys(resource.outputs)) if (!declared.has(key) && !(key in resource.inputs)) stray.add(`${resource.type}: ${key}`);
    }
    assert.deepEqual([...stray].sort(), []);
  });

  it("lists in every dashboard's alarm widgets only alarms the stack declares, by their real names", async () => {
    const unknown: string[] = [];
    let listed = 0;
    for (const stack of STACKS) {
      const resources = await resourcesOf(stack);
      const alarmNames = new Set(resources.filter((r) => r.type.endsWith("Alarm")).map((r) => r.inputs[NAME_INPUT[r.type] ?? ""]));
      for (const dashboard of resources.filter((r) => r.type === "aws:cloudwatch/dashboard:Dashboard")) {
        const body = JSON.parse(String(dashboard.inputs.dashboardBody)) as { widgets: Array<{ type: string; properties: { alarms?: string[] } }> };
        for (const arn of body.widgets.flatMap((w) => (w.type === "alarm" ? (w.properties.alarms ?? []) : []))) {
          listed++;
          if (!alarmNames.has(arn.split(":alarm:")[1])) unknown.push(`${stack} ${dashboard.name}: ${arn}`);
        }
      }
    }
    assert.ok(listed > 0, "some dashboard lists alarms");
    assert.deepEqual(unknown, []);
  });
});
