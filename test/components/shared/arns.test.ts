import assert from "node:assert/strict";
import * as ssm from "@pulumi/aws/ssm";
import * as pulumi from "@pulumi/pulumi";
import { arnOf, type ArnPlace } from "../../../components/shared/arns";
import { declare } from "../../engine/harness";

const AT: ArnPlace = { partition: "aws", region: "eu-west-1", accountId: "123456789012" };

describe("ARNs built from names", () => {
  it("follow the formats AWS documents for log groups, functions, queues and delivery streams", async () => {
    const plan = await declare(
      () =>
        new ssm.Parameter("arns", {
          type: "String",
          value: pulumi
            .all([arnOf.logGroup(AT, "/aws/lambda/fn"), arnOf.lambdaFunction(AT, "fn"), arnOf.queue(AT, "dead-letters"), arnOf.deliveryStream(AT, "amazon-apigateway-logs")])
            .apply((arns) => JSON.stringify(arns)),
        }),
    );
    assert.deepEqual(JSON.parse(String(plan.one("aws:ssm/parameter:Parameter").inputs.value)), [
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/fn",
      "arn:aws:lambda:eu-west-1:123456789012:function:fn",
      "arn:aws:sqs:eu-west-1:123456789012:dead-letters",
      "arn:aws:firehose:eu-west-1:123456789012:deliverystream/amazon-apigateway-logs",
    ]);
  });

});
