import assert from "node:assert/strict";
import { arnFitsFormat, checkPolicyNames, simulateCall, unusedStatements, type PolicyDocumentJson, type PolicyStatementJson } from "./reference";

const doc = (...Statement: PolicyStatementJson[]): PolicyDocumentJson => ({ Version: "2012-10-17", Statement });
const LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/x";
const OTHER_LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/y";
const startQuery: PolicyStatementJson = { Sid: "Query", Effect: "Allow", Action: "logs:StartQuery", Resource: LOG_GROUP };
const putMetrics: PolicyStatementJson = {
  Sid: "Metrics",
  Effect: "Allow",
  Action: "cloudwatch:PutMetricData",
  Resource: "*",
  Condition: { StringEquals: { "cloudwatch:namespace": "A" } },
};

describe("IAM reference helper", () => {
  describe("checkPolicyNames", () => {
    it("accepts logs:StartQuery on an API Gateway log group ARN", async () => {
      assert.deepEqual(await checkPolicyNames(doc(startQuery)), []);
    });

    it("reports the misspelled action logs:StartQuerys as unknown", async () => {
      assert.deepEqual(await checkPolicyNames(doc({ ...startQuery, Action: "logs:StartQuerys" })), [
        'Statement "Query": Action "logs:StartQuerys" matches no action of service "logs" in the IAM reference',
      ]);
    });

    it("accepts the pattern logs:Get* but reports a pattern, a service and a name that match nothing", async () => {
      const problems = await checkPolicyNames(doc({ ...startQuery, Action: ["logs:Get*", "logs:Nope*", "nosuchservice:Get", "StartQuery"], Resource: "*" }));
      assert.deepEqual(problems, [
        'Statement "Query": Action "logs:Nope*" matches no action of service "logs" in the IAM reference',
        'Statement "Query": Action "nosuchservice:Get" names service "nosuchservice", which is not in the IAM reference',
        'Statement "Query": Action "StartQuery" is not of the form service:action',
      ]);
    });

    it("reports s3:GetObject on a bucket ARN without /key as fitting no resource type", async () => {
      const problems = await checkPolicyNames(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket" }));
      assert.equal(problems.length, 1, problems.join("\n"));
      assert.match(problems[0]!, /^Statement\[0\]: Resource "arn:aws:s3:::bucket" fits no resource type of its actions \(s3:GetObject needs .*arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}\)$/);
    });

    it("reports s3:ListBucket on an object ARN, because a bucket name cannot contain a slash", async () => {
      const problems = await checkPolicyNames(doc({ Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket/key" }));
      assert.equal(problems.length, 1, problems.join("\n"));
      assert.match(problems[0]!, /Resource "arn:aws:s3:::bucket\/key" fits no resource type/);
    });

    it("accepts object and bucket actions sharing a statement with an object and a bucket ARN", async () => {
      const statement: PolicyStatementJson = { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"] };
      assert.deepEqual(await checkPolicyNames(doc(statement)), []);
    });

    it("reports an action none of whose resource types the statement's resources fit while another action's do", async () => {
      const problems = await checkPolicyNames(doc({ Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "arn:aws:s3:::bucket" }));
      assert.equal(problems.length, 1, problems.join("\n"));
      assert.match(problems[0]!, /^Statement "Read": action s3:GetObject needs .*; none of the statement's resources fits$/);
    });

    it("reports an action that only supports Resource * in a statement without *, and accepts it once * is listed", async () => {
      const statement: PolicyStatementJson = { Sid: "Logs", Effect: "Allow", Action: ["logs:StartQuery", "logs:DescribeLogGroups"], Resource: LOG_GROUP };
      assert.deepEqual(await checkPolicyNames(doc(statement)), [
        `Statement "Logs": action logs:DescribeLogGroups only supports Resource "*"; none of the statement's resources fits`,
      ]);
      assert.deepEqual(await checkPolicyNames(doc({ ...statement, Resource: [LOG_GROUP, "*"] })), []);
    });

    it("accepts ARN wildcards that fit a resource type, and reports one that fits none", async () => {
      const statement: PolicyStatementJson = {
        Effect: "Allow",
        Action: "logs:PutLogEvents",
        Resource: ["arn:aws:logs:*:*:*", "arn:aws:logs:us-east-1:123456789012:log-group:f:*", "arn:aws:s3:::bucket/*"],
      };
      const problems = await checkPolicyNames(doc(statement));
      assert.equal(problems.length, 1, problems.join("\n"));
      assert.match(problems[0]!, /Resource "arn:aws:s3:::bucket\/\*" fits no resource type/);
    });

    it("matches ARN formats component by component: placeholders are non-empty and * in the ARN is anything", () => {
      const logGroup = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}";
      assert.equal(arnFitsFormat(LOG_GROUP, logGroup), true);
      assert.equal(arnFitsFormat("arn:aws:logs:*:*:log-group:*", logGroup), true);
      assert.equal(arnFitsFormat("arn:aws:logs:us-east-1::log-group:x", logGroup), false, "an empty account is not ${Account}");
      assert.equal(arnFitsFormat("arn:aws:logs:us-east-1:123456789012:log-group:", logGroup), false, "an empty name is not ${LogGroupName}");
      assert.equal(arnFitsFormat("arn:aws:s3:::bucket", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"), false);
      assert.equal(arnFitsFormat("arn:aws:s3:::bucket/a/b.json", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"), true);
    });

    it("reports cloudwatch:namespaces as an unknown condition key and accepts cloudwatch:namespace", async () => {
      assert.deepEqual(await checkPolicyNames(doc(putMetrics)), []);
      const typo = { ...putMetrics, Condition: { StringEquals: { "cloudwatch:namespaces": "A" } } };
      assert.deepEqual(await checkPolicyNames(doc(typo)), [
        'Statement "Metrics", StringEquals: condition key "cloudwatch:namespaces" is not in the IAM reference',
      ]);
    });

    it("reports a misspelled global condition key but accepts global keys, including tag keys, in any operator block", async () => {
      const statement: PolicyStatementJson = {
        ...startQuery,
        Condition: {
          StringEquals: { "aws:SourceAcount": "123456789012", "aws:PrincipalTag/team": "api" },
          Bool: { "aws:SecureTransport": true },
        },
      };
      assert.deepEqual(await checkPolicyNames(doc(statement)), [
        'Statement "Query", StringEquals: condition key "aws:SourceAcount" is not a global condition key in the IAM reference',
      ]);
    });

    it("reports a real condition key that applies to none of the statement's actions", async () => {
      const statement = { ...putMetrics, Condition: { StringLike: { "s3:prefix": "logs/*" } } };
      assert.deepEqual(await checkPolicyNames(doc(statement)), [
        'Statement "Metrics", StringLike: condition key "s3:prefix" applies to none of cloudwatch:PutMetricData',
      ]);
    });

    it("names a statement without a Sid by its index and reports a statement without Resource", async () => {
      assert.deepEqual(await checkPolicyNames(doc(startQuery, { Effect: "Allow", Action: "logs:StopQuery" })), [
        "Statement[1] has no Resource; identity policy statements need one",
      ]);
    });
  });

  describe("simulateCall", () => {
    it("allows logs:StartQuery on the log group the policy names and denies it on another", async () => {
      const allowed = await simulateCall(doc(startQuery), { action: "logs:StartQuery", resource: LOG_GROUP });
      assert.equal(allowed.allowed, true, allowed.explain);
      assert.match(allowed.explain, /^Allowed: logs:StartQuery on .*\/x, granted by "Query"$/);
      const denied = await simulateCall(doc(startQuery), { action: "logs:StartQuery", resource: OTHER_LOG_GROUP });
      assert.equal(denied.allowed, false, denied.explain);
      assert.match(denied.explain, /^ImplicitlyDenied: .*"Query": Resource ".*\/x" does not match$/);
    });

    it("allows cloudwatch:PutMetricData with namespace A and denies it with namespace B", async () => {
      const a = await simulateCall(doc(putMetrics), { action: "cloudwatch:PutMetricData", resource: "*", context: { "cloudwatch:namespace": "A" } });
      assert.equal(a.allowed, true, a.explain);
      const b = await simulateCall(doc(putMetrics), { action: "cloudwatch:PutMetricData", resource: "*", context: { "cloudwatch:namespace": "B" } });
      assert.equal(b.allowed, false, b.explain);
      assert.match(b.explain, /^ImplicitlyDenied: cloudwatch:PutMetricData on \* with \{"cloudwatch:namespace":"B"\}; "Metrics"/);
    });

    it("explains a failed condition on a specific resource with the request's value", async () => {
      const secure: PolicyStatementJson = { ...startQuery, Condition: { Bool: { "aws:SecureTransport": true } } };
      const result = await simulateCall(doc(secure), { action: "logs:StartQuery", resource: LOG_GROUP, context: { "aws:SecureTransport": "false" } });
      assert.equal(result.allowed, false, result.explain);
      assert.match(result.explain, /"Query": Bool aws:SecureTransport \["true"\] fails \(request: "false"\)$/);
    });

    it("lets a Deny statement win over an Allow statement", async () => {
      const deny: PolicyStatementJson = { Sid: "NoLogs", Effect: "Deny", Action: "logs:*", Resource: "*" };
      const result = await simulateCall(doc(startQuery, deny), { action: "logs:StartQuery", resource: LOG_GROUP });
      assert.equal(result.allowed, false, result.explain);
      assert.match(result.explain, /^ExplicitlyDenied: .*, denied by "NoLogs"$/);
    });

    it("treats a policy's log-group:name:* as not covering a request for log-group:name (the ARNs are matched literally)", async () => {
      const streams = doc({ ...startQuery, Resource: `${LOG_GROUP}:*` });
      assert.equal((await simulateCall(streams, { action: "logs:StartQuery", resource: LOG_GROUP })).allowed, false);
      assert.equal((await simulateCall(streams, { action: "logs:StartQuery", resource: `${LOG_GROUP}:*` })).allowed, true);
    });

    it("denies a cross-account caller that only an identity policy grants", async () => {
      const result = await simulateCall(doc(startQuery), { action: "logs:StartQuery", resource: LOG_GROUP, principal: "arn:aws:iam::111111111111:role/other" });
      assert.equal(result.allowed, false, result.explain);
      assert.match(result.explain, /"Query": allows it, but the account boundary/);
    });

    it("throws rather than answering denied when the request itself is invalid", async () => {
      await assert.rejects(simulateCall(doc(startQuery), { action: "logs:StartQuerys", resource: LOG_GROUP }), /matches no action of service "logs"/);
      await assert.rejects(simulateCall(doc(startQuery), { action: "s3:GetObject", resource: "arn:aws:s3:::bucket" }), /fits none of the action's resource types/);
      await assert.rejects(simulateCall(doc(startQuery), { action: "logs:DescribeLogGroups", resource: LOG_GROUP }), /only supports Resource "\*"/);
      await assert.rejects(
        simulateCall(doc(startQuery), { action: "logs:StartQuery", resource: LOG_GROUP, context: { "cloudwatch:namespace": "A" } }),
        /context key "cloudwatch:namespace" does not apply to logs:StartQuery/,
      );
      // S3 ignores resource tags unless bucket ABAC is on, which the simulator models by dropping the key.
      await assert.rejects(
        simulateCall(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }), { action: "s3:GetObject", resource: "arn:aws:s3:::bucket/k", context: { "aws:ResourceTag/env": "prod" } }),
        /the simulator ignores context keys aws:ResourceTag\/env/,
      );
      await assert.rejects(simulateCall(doc({ Effect: "Allow", Action: "logs:StartQuery" }), { action: "logs:StartQuery", resource: LOG_GROUP }), /the policy document is invalid/);
    });
  });

  describe("unusedStatements", () => {
    const policy = doc(
      { Sid: "Query", Effect: "Allow", Action: ["logs:StartQuery", "logs:GetLogGroupFields"], Resource: LOG_GROUP },
      putMetrics,
      { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" },
      { Sid: "Guard", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" },
    );

    it("works on a policy that passes checkPolicyNames", async () => {
      assert.deepEqual(await checkPolicyNames(policy), []);
    });

    it("reports an Allow statement no request uses and an action no request uses, but never a Deny statement", async () => {
      const requests = [
        { action: "logs:StartQuery", resource: LOG_GROUP },
        { action: "cloudwatch:PutMetricData", resource: "*", context: { "cloudwatch:namespace": "A" } },
      ];
      assert.deepEqual(await unusedStatements(policy, requests), ["Query: logs:GetLogGroupFields", "Statement[2]"]);
    });

    it("reports nothing when every statement and action serves a request", async () => {
      const requests = [
        { action: "logs:StartQuery", resource: LOG_GROUP },
        { action: "logs:GetLogGroupFields", resource: LOG_GROUP },
        { action: "cloudwatch:PutMetricData", resource: "*", context: { "cloudwatch:namespace": "A" } },
        { action: "s3:GetObject", resource: "arn:aws:s3:::bucket/report.csv" },
      ];
      assert.deepEqual(await unusedStatements(policy, requests), []);
    });

    it("counts a statement whose condition no request meets as unused", async () => {
      const requests = [{ action: "cloudwatch:PutMetricData", resource: "*", context: { "cloudwatch:namespace": "B" } }];
      assert.deepEqual(await unusedStatements(doc(putMetrics), requests), ["Metrics"]);
    });
  });
});
