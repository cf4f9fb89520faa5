import assert from "node:assert/strict";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import * as kinesis from "@pulumi/aws/kinesis";
import * as lambda from "@pulumi/aws/lambda";
import * as s3 from "@pulumi/aws/s3";
import * as sns from "@pulumi/aws/sns";
import * as sqs from "@pulumi/aws/sqs";
import * as pulumi from "@pulumi/pulumi";
import { lambdaAsyncFailureDestination, lambdaRoleNoWildcards, lambdaSupportedRuntime, lambdaWidgetReservedConcurrency } from "../../policies/lambda";
import { LAMBDA_TRUST, policyJson, resultsOf, violations } from "./check";

const queueOnly = () => new sqs.Queue("q", {});
const ROLE_ARN = "arn:aws:iam::123456789012:role/r";
const fn = (name: string, args: Partial<lambda.FunctionArgs> = {}) =>
  new lambda.Function(name, { role: ROLE_ARN, runtime: "nodejs24.x", handler: "index.handler", ...args });

describe("Lambda policies", () => {
  describe("lambda-supported-runtime", () => {
    it("reports a function that declares no runtime", async () => {
      const noRuntime = () => new lambda.Function("f", { role: ROLE_ARN, handler: "index.handler" });
      assert.match((await violations(lambdaSupportedRuntime, noRuntime))[0] ?? "", /^function f uses runtime \(none\); expected one of nodejs24.x/);
    });

    it("does not check container image functions, which carry their own runtime", async () => {
      const image = () => new lambda.Function("f", { role: ROLE_ARN, packageType: "Image", imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/f:1" });
      assert.deepEqual(await violations(lambdaSupportedRuntime, image), []);
    });
  });

  describe("lambda-role-no-wildcards", () => {
    const withPolicy = (...statements: object[]) => () => {
      const role = new iam.Role("fn-role", { assumeRolePolicy: LAMBDA_TRUST });
      new iam.RolePolicy("fn-policy", { role: role.name, policy: policyJson(...statements) });
    };
    const logs = { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:logs:us-east-1:123456789012:log-group:f:*" };
    const metrics = { Sid: "Metrics", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "ApiUsage" } } };

    it("passes scoped actions, star-only actions and an allow-listed conditioned grant", async () => {
      const queries = { Effect: "Allow", Action: ["logs:GetQueryResults", "logs:StopQuery"], Resource: "*" };
      assert.deepEqual(await violations(lambdaRoleNoWildcards, withPolicy(logs, metrics, queries)), []);
    });

    it("reports wildcard actions, naming the policy, the role and the statement", async () => {
      assert.deepEqual(await violations(lambdaRoleNoWildcards, withPolicy(logs, { Sid: "Lake", Effect: "Allow", Action: ["s3:*", "*"], Resource: "arn:aws:s3:::lake/*" })), [
        'inline policy fn-policy of Lambda role fn-role: statement Lake allows the wildcard action "s3:*"; name the actions the function calls',
        'inline policy fn-policy of Lambda role fn-role: statement Lake allows the wildcard action "*"; name the actions the function calls',
      ]);
    });

    it("reports an action on every resource that is neither star-only nor allow-listed", async () => {
      assert.deepEqual(await violations(lambdaRoleNoWildcards, withPolicy({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" })), [
        'inline policy fn-policy of Lambda role fn-role: statement 1 allows sqs:SendMessage on every resource ("*"); scope it to ARNs',
      ]);
    });

    it("reports an allow-listed grant whose required condition is missing", async () => {
      assert.deepEqual(await violations(lambdaRoleNoWildcards, withPolicy({ ...metrics, Condition: undefined })), [
        'inline policy fn-policy of Lambda role fn-role: statement Metrics allows cloudwatch:PutMetricData on "*" without a condition on cloudwatch:namespace',
      ]);
    });

    it("reports NotAction, which grants everything else", async () => {
      assert.deepEqual(await violations(lambdaRoleNoWildcards, withPolicy({ Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::lake" })), [
        'inline policy fn-policy of Lambda role fn-role: statement 1 allows everything except "iam:*" (NotAction); list the actions instead',
      ]);
    });

    it("also checks the role's own inlinePolicies", async () => {
      const build = () => new iam.Role("fn-role", { assumeRolePolicy: LAMBDA_TRUST, inlinePolicies: [{ name: "inline", policy: policyJson({ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }) }] });
      assert.deepEqual(await violations(lambdaRoleNoWildcards, build), [
        'inline policy inline of Lambda role fn-role: statement 1 allows the wildcard action "dynamodb:*"; name the actions the function calls',
      ]);
    });

    it("passes a Lambda role without any inline policy", async () => {
      assert.deepEqual(await violations(lambdaRoleNoWildcards, () => new iam.Role("fn-role", { assumeRolePolicy: LAMBDA_TRUST })), []);
    });

    it("reads its lists and partial-wildcard switch from config", async () => {
      const partial = withPolicy({ Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::lake/*" });
      assert.deepEqual(await violations(lambdaRoleNoWildcards, partial), []);
      assert.deepEqual(await violations(lambdaRoleNoWildcards, partial, { forbidPartialWildcards: true }), [
        'inline policy fn-policy of Lambda role fn-role: statement 1 allows the wildcard action "s3:Get*"; name the actions the function calls',
      ]);
      const listTables = withPolicy({ Effect: "Allow", Action: "dynamodb:ListTables", Resource: "*" });
      assert.equal((await violations(lambdaRoleNoWildcards, listTables)).length, 1);
      assert.deepEqual(await violations(lambdaRoleNoWildcards, listTables, { actionsOnlyOnAnyResource: ["dynamodb:ListTables"] }), []);
      assert.deepEqual(await violations(lambdaRoleNoWildcards, withPolicy(metrics), { allowedOnAnyResource: [] }), [
        'inline policy fn-policy of Lambda role fn-role: statement Metrics allows cloudwatch:PutMetricData on every resource ("*"); scope it to ARNs',
      ]);
    });

    it("does not look at roles that Lambda does not assume, nor at stacks without roles", async () => {
      const firehoseRole = () => {
        const trust = policyJson({ Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: "sts:AssumeRole" });
        const role = new iam.Role("delivery", { assumeRolePolicy: trust });
        new iam.RolePolicy("delivery", { role: role.name, policy: policyJson({ Effect: "Allow", Action: "s3:*", Resource: "*" }) });
      };
      assert.deepEqual(await violations(lambdaRoleNoWildcards, firehoseRole), []);
      assert.deepEqual((await resultsOf(lambdaRoleNoWildcards, queueOnly)).map((r) => r.outcome), ["pass"]);
    });
  });

  describe("lambda-widget-reserved-concurrency", () => {
    const dashboardOver = (reserved?: number) => () => {
      const widget = fn("widget", reserved === undefined ? {} : { reservedConcurrentExecutions: reserved });
      fn("unrelated");
      const body = pulumi.jsonStringify({
        widgets: [
          { type: "metric", properties: { metrics: [["AWS/Lambda", "Invocations"]] } },
          { type: "custom", properties: { endpoint: widget.arn, title: "Distinct users" } },
        ],
      });
      new cloudwatch.Dashboard("usage", { dashboardName: "usage", dashboardBody: body });
    };

    it("passes a widget function that reserves concurrency", async () => {
      assert.deepEqual(await violations(lambdaWidgetReservedConcurrency, dashboardOver(2)), []);
    });

    it("reports a widget function without reserved concurrency, naming the dashboard", async () => {
      const message = "function widget backs a custom widget on dashboard usage and reserves no concurrency; set reservedConcurrentExecutions to at least 1";
      assert.deepEqual(await violations(lambdaWidgetReservedConcurrency, dashboardOver()), [message]);
      assert.deepEqual(await violations(lambdaWidgetReservedConcurrency, dashboardOver(-1)), [message]);
    });

    it("reads the minimum from config", async () => {
      assert.deepEqual(await violations(lambdaWidgetReservedConcurrency, dashboardOver(2), { minReservedConcurrency: 5 }), [
        "function widget backs a custom widget on dashboard usage and reserves 2; expected at least 5",
      ]);
    });

    it("reports a dashboard body it cannot read", async () => {
      const broken = () => new cloudwatch.Dashboard("usage", { dashboardName: "usage", dashboardBody: "{not json" });
      assert.deepEqual(await violations(lambdaWidgetReservedConcurrency, broken), [
        "dashboard usage has a dashboardBody that is not a JSON object; its custom widgets cannot be checked",
      ]);
    });

    it("passes a stack without dashboards", async () => {
      assert.deepEqual((await resultsOf(lambdaWidgetReservedConcurrency, () => fn("f"))).map((r) => r.outcome), ["pass"]);
    });
  });

  describe("lambda-async-failure-destination", () => {
    const subscribed = (extra: (f: lambda.Function) => void = () => undefined, args: Partial<lambda.FunctionArgs> = {}) => () => {
      const counter = fn("counter", args);
      new cloudwatch.LogSubscriptionFilter("sub", { logGroup: "trail-logs", filterPattern: "", destinationArn: counter.arn });
      extra(counter);
    };
    const onFailure = (f: lambda.Function) => {
      new lambda.FunctionEventInvokeConfig("counter-async", { functionName: f.name, destinationConfig: { onFailure: { destination: "arn:aws:sqs:us-east-1:123456789012:failed" } } });
    };
    const DLQ = { deadLetterConfig: { targetArn: "arn:aws:sqs:us-east-1:123456789012:dlq" } };

    it("passes a subscribed function with an on-failure destination", async () => {
      assert.deepEqual(await violations(lambdaAsyncFailureDestination, subscribed(onFailure)), []);
    });

    it("reports a subscribed function that keeps no failed events, naming its async invoker", async () => {
      assert.deepEqual(await violations(lambdaAsyncFailureDestination, subscribed()), [
        "function counter is invoked asynchronously by log subscription filter sub and keeps no failed events; add a FunctionEventInvokeConfig with destinationConfig.onFailure.destination or a deadLetterConfig",
      ]);
    });

    it("reports an invoke config that has no onFailure destination", async () => {
      const retriesOnly = (f: lambda.Function) => new lambda.FunctionEventInvokeConfig("counter-async", { functionName: f.name, maximumRetryAttempts: 2 });
      assert.equal((await violations(lambdaAsyncFailureDestination, subscribed(retriesOnly))).length, 1);
    });

    it("finds SNS, S3 and EventBridge invokers", async () => {
      const build = () => {
        const target = fn("target");
        new sns.TopicSubscription("topic-sub", { topic: "arn:aws:sns:us-east-1:123456789012:t", protocol: "lambda", endpoint: target.arn });
        new s3.BucketNotification("uploads", { bucket: "uploads", lambdaFunctions: [{ lambdaFunctionArn: target.arn, events: ["s3:ObjectCreated:*"] }] });
        new cloudwatch.EventTarget("nightly", { rule: "nightly", arn: target.arn });
      };
      assert.deepEqual(await violations(lambdaAsyncFailureDestination, build), [
        "function target is invoked asynchronously by EventBridge target nightly, S3 bucket notification uploads, SNS subscription topic-sub and keeps no failed events; add a FunctionEventInvokeConfig with destinationConfig.onFailure.destination or a deadLetterConfig",
      ]);
    });

    it("accepts a dead-letter queue unless config asks for an on-failure destination", async () => {
      assert.deepEqual(await violations(lambdaAsyncFailureDestination, subscribed(undefined, DLQ)), []);
      assert.deepEqual(await violations(lambdaAsyncFailureDestination, subscribed(undefined, DLQ), { acceptDeadLetterQueue: false }), [
        "function counter is invoked asynchronously by log subscription filter sub and keeps no failed events; add a FunctionEventInvokeConfig with destinationConfig.onFailure.destination",
      ]);
    });

    it("leaves synchronously invoked functions alone, e.g. a Firehose processor", async () => {
      const processor = () => {
        const enricher = fn("enricher");
        new kinesis.FirehoseDeliveryStream("stream", {
          destination: "extended_s3",
          extendedS3Configuration: {
            bucketArn: "arn:aws:s3:::lake",
            roleArn: ROLE_ARN,
            processingConfiguration: { enabled: true, processors: [{ type: "Lambda", parameters: [{ parameterName: "LambdaArn", parameterValue: enricher.arn }] }] },
          },
        });
      };
      assert.deepEqual(await violations(lambdaAsyncFailureDestination, processor), []);
    });

    it("passes a stack without functions", async () => {
      assert.deepEqual((await resultsOf(lambdaAsyncFailureDestination, queueOnly)).map((r) => r.outcome), ["pass"]);
    });
  });
});
