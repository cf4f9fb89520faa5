/** The distinct-users widget's contract: its environment and the AWS calls it makes. */
import { defineEnvironment, envVar } from "../environment";
import { integerKind, stringKind } from "../kinds";
import { declarePermissions } from "../permissions";
import { callBudgetVars } from "./call-budget";

const athenaName = (what: string, pattern: RegExp) =>
  stringKind({ pattern, expected: `an Athena ${what}`, examples: { valid: ["a"], invalid: ["bad name!"] } });

/** The failure-handling variables the component leaves at their defaults (spread into toEnvironment). */
export const DISTINCT_USERS_FAILURE_DEFAULTS = { connectTimeoutMs: 2_000, requestTimeoutMs: 10_000, callMaxAttempts: 3, deadlineMarginMs: 3_000 };

export const DISTINCT_USERS_ENVIRONMENT = defineEnvironment(
  {
    deadlineSeconds: envVar("DEADLINE_SECONDS", integerKind({ min: 1, max: 900 }), {
      default: 50,
      description: "Give up, and stop running queries, this long after an invocation starts (CloudWatch waits about 60 s for a custom widget).",
    }),
    cacheTtlSeconds: envVar("CACHE_TTL_SECONDS", integerKind({ min: 0, max: 86_400 }), { default: 60, description: "How long a counted range is reused; 0 disables the cache." }),
    maxConcurrentQueries: envVar("MAX_CONCURRENT_QUERIES", integerKind({ min: 1, max: 100 }), {
      default: 4,
      description: "Logs Insights queries in flight at once; the account's concurrent-query quota is shared with every dashboard.",
    }),
    maxQueries: envVar("MAX_QUERIES", integerKind({ min: 1, max: 100_000 }), { default: 1000, description: "Upper bound on Logs Insights queries per widget refresh." }),
    pollInitialMs: envVar("POLL_INITIAL_MS", integerKind({ min: 10, max: 60_000 }), { default: 250, description: "First wait between query status polls, in ms." }),
    pollMaxMs: envVar("POLL_MAX_MS", integerKind({ min: 10, max: 60_000 }), { default: 3_000, description: "Longest wait between query status polls, in ms." }),
    athenaWorkgroup: envVar("DEFAULT_ATHENA_WORKGROUP", athenaName("workgroup", /^[A-Za-z0-9._-]{1,128}$/), {
      optional: true,
      late: true,
      description: "Workgroup used when the widget's params name none.",
    }),
    athenaDatabase: envVar("DEFAULT_ATHENA_DATABASE", athenaName("database", /^[A-Za-z0-9_]{1,255}$/), { optional: true, late: true, description: "Database used when the widget's params name none." }),
    athenaTable: envVar("DEFAULT_ATHENA_TABLE", athenaName("table", /^[A-Za-z0-9_]{1,255}$/), { optional: true, late: true, description: "Table used when the widget's params name none." }),
    ...callBudgetVars(DISTINCT_USERS_FAILURE_DEFAULTS),
  },
  [(v, vars) => (v.pollMaxMs < v.pollInitialMs ? [`${vars.pollMaxMs.name} must be at least ${vars.pollInitialMs.name} (${v.pollInitialMs}), got ${v.pollMaxMs}`] : [])],
);

export const DISTINCT_USERS_PERMISSIONS = declarePermissions({
  functionName: "distinct-users-widget",
  resources: {
    logGroups: "the access-log groups the widget may query (ARNs without :*)",
    workgroup: "the Athena workgroup",
    glueTable: "the Glue catalog, database and table ARNs (Glue checks all three for a table read)",
    dataLakeBucket: "the data-lake bucket the table reads",
    resultsBucket: "the workgroup's query-result bucket",
  },
  calls: [
    { command: "StartQueryCommand", client: "@aws-sdk/client-cloudwatch-logs", grants: [{ sid: "QueryApiLogGroups", actions: ["logs:StartQuery"], resource: "logGroups", suffixes: ["", ":*"] }] },
    // GetQueryResults and StopQuery take a query id and support no resource-level permissions.
    { command: "GetQueryResultsCommand", client: "@aws-sdk/client-cloudwatch-logs", grants: [{ sid: "ReadAndStopOwnQueries", actions: ["logs:GetQueryResults"], resource: "*" }] },
    { command: "StopQueryCommand", client: "@aws-sdk/client-cloudwatch-logs", grants: [{ sid: "ReadAndStopOwnQueries", actions: ["logs:StopQuery"], resource: "*" }] },
    {
      command: "StartQueryExecutionCommand",
      client: "@aws-sdk/client-athena",
      // Athena reads the table's metadata and data, and writes results, with the caller's permissions.
      grants: [
        { sid: "RunAthenaQueries", actions: ["athena:StartQueryExecution"], resource: "workgroup" },
        { sid: "ReadTableMetadata", actions: ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"], resource: "glueTable" },
        { sid: "ListDataLake", actions: ["s3:ListBucket", "s3:GetBucketLocation"], resource: "dataLakeBucket" },
        { sid: "ReadDataLake", actions: ["s3:GetObject"], resource: "dataLakeBucket", suffixes: ["/*"], kms: ["kms:Decrypt"] },
        { sid: "ListQueryResults", actions: ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"], resource: "resultsBucket" },
        {
          sid: "WriteQueryResults",
          actions: ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
          resource: "resultsBucket",
          suffixes: ["/*"],
          kms: ["kms:Decrypt", "kms:GenerateDataKey"],
        },
      ],
    },
    { command: "GetQueryExecutionCommand", client: "@aws-sdk/client-athena", grants: [{ sid: "RunAthenaQueries", actions: ["athena:GetQueryExecution"], resource: "workgroup" }] },
    { command: "GetQueryResultsCommand", client: "@aws-sdk/client-athena", grants: [{ sid: "RunAthenaQueries", actions: ["athena:GetQueryResults"], resource: "workgroup" }] },
    { command: "StopQueryExecutionCommand", client: "@aws-sdk/client-athena", grants: [{ sid: "RunAthenaQueries", actions: ["athena:StopQueryExecution"], resource: "workgroup" }] },
  ],
});
