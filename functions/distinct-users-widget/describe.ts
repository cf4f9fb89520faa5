/** Markdown the CloudWatch console shows when it asks the widget to `describe` itself. */
export const DESCRIPTION = `## Distinct users (exact)

Counts how many **different users** called the API in the dashboard's time range (zoom honoured),
exactly, and shows the method and the proof.

### Logs Insights backend
Runs \`stats count(*) as n by user | stats count(*) as users, sum(n) as events\` and proves
exactness in the same run: the sum of per-user counts must equal the matching events (from a
companion \`stats count(*)\` query). When a result cap drops user groups, the user key space is split
by leading characters into disjoint parts whose exact counts add up, recursively.

\`\`\`yaml
backend: logs
logGroupNames: [ /aws/apigateway/my-api ]   # or logGroupArns: [ arn:aws:logs:...:log-group:/aws/... ]
userField: userId                          # a field or expression, e.g. coalesce(userId, apiKeyId)
filter: status >= 200                      # optional Logs Insights filter expression (no |)
title: Distinct users (my-api)             # optional
\`\`\`

### Athena backend
Runs \`COUNT(DISTINCT user_id)\` over the data lake table with \`dt\` partition pruning (one day
wider on each side, for batches filed under the day before or after) and the exact range on
\`request_time\`, values passed as execution parameters. "-", empty and blank users are not counted.

\`\`\`yaml
backend: athena
workgroup: api-usage          # defaults from the function's environment when omitted
database: api_usage
table: access_logs
userColumn: user_id           # optional, default user_id
timeColumn: request_time      # optional, default request_time
partitionColumn: dt           # optional, default dt (yyyy-MM-dd, UTC)
apiId: a1b2c3d4e5             # optional: only this API's requests
stage: prod                   # optional: only this stage's
\`\`\`

Queries stop at a deadline below the function timeout; failures are shown here, never as a hang.
Results are cached briefly per range and params.
`;
