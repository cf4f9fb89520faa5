import { strict as assert } from "node:assert";
import { COUNTER, FORMATS, REGION, WIDGET, healthyOutputs } from "./fake-account";
import { entryOf, runDoctor } from "./harness";

const failures = (out: string) => out.split("\n").filter((l) => l.trimStart().startsWith("✘"));

describe("doctor against a loopback account", function () {
  this.timeout(15_000);

  it("reports a healthy account with every check ✔ and exit 0", async () => {
    const run = await runDoctor();
    assert.equal(run.code, 0, run.out);
    const marks = run.out.split("\n").filter((l) => /^\s+[✔✘–] /.test(l));
    assert.equal(marks.length, 14);
    assert.ok(marks.every((l) => l.trimStart().startsWith("✔")), run.out);
    assert.match(entryOf(run.out, "an Athena count"), /1234 requests today; scanned 10\.0 MiB of the workgroup's 10240\.0 MiB cutoff/);
  });

  it("writes the same checklist as a Markdown table with --markdown", async () => {
    const run = await runDoctor({ plant: (s) => (s.stream.deliveredRecords = 0) });
    assert.match(run.markdown, /^## Doctor: stack fake \(123456789012, us-east-1\)/);
    assert.match(run.markdown, /\| ✘ \| Access logs \| Firehose is ACTIVE and delivered in the last buffer interval \| \*\*cause:\*\* stream amazon-apigateway-access-logs delivered no record/);
    assert.equal(run.markdown.split("\n").filter((l) => l.startsWith("| ✔ ")).length, 13);
  });

  it("shows a progress line naming each check as it starts", async () => {
    const run = await runDoctor();
    assert.match(run.err, /\[1\/14\] API-call metrics · trail is logging/);
    assert.match(run.err, /\[14\/14\] Dashboard · widget usage-distinct-users-4d5e6f answers describe/);
  });

  it("skips the QuickSight checks of a stack without QuickSight and stays healthy", async () => {
    const run = await runDoctor({ outputs: { ...healthyOutputs(), quicksightDashboardId: null, quicksightDashboardUrl: null } });
    assert.equal(run.code, 0, run.out);
    assert.match(entryOf(run.out, "the dataset's last ingestion succeeded"), /– .*skipped, QuickSight is off/);
    assert.ok(!run.state.calls.some((c) => c.startsWith("quicksight:")));
  });

  it("reads a monitoring stack's namespace across its linked accounts and skips what it does not deploy", async () => {
    const monitoring = {
      ...Object.fromEntries(Object.entries(healthyOutputs()).map(([k, v]) => [k, Array.isArray(v) ? [] : typeof v === "object" && v !== null ? {} : null])),
      metricNamespace: "ApiUsage/CloudTrail",
      dashboardName: "org-view",
      dashboardUrl: "https://console.aws.amazon.com/cloudwatch/home#dashboards:name=org-view",
      oamSinkArn: "arn:aws:oam:us-east-1:123456789012:sink/abc",
    };
    const run = await runDoctor({
      outputs: monitoring,
      stackFile: "config:\n  aws:region: us-east-1\n  api-usage-insights:role: monitoring\n  api-usage-insights:monitoringSourceAccountIds:\n    - \"210987654321\"\n",
      plant: (s) => (s.expectLinkedAccounts = true),
    });
    assert.equal(run.code, 0, run.out + run.err);
    assert.match(entryOf(run.out, "datapoints exist"), /✔ .*12 metrics active/);
    assert.equal(run.out.split("\n").filter((l) => /^\s+– /.test(l)).length, 10, run.out);
  });

  interface Planted {
    readonly what: string;
    readonly plant: Parameters<typeof runDoctor>[0] extends infer S ? (S extends { plant?: infer P } ? NonNullable<P> : never) : never;
    readonly check: string;
    readonly cause: RegExp;
    readonly fix: RegExp;
    readonly failing?: number;
  }

  const planted: Planted[] = [
    { what: "a stopped trail", plant: (s) => (s.trail.isLogging = false), check: "trail is logging", cause: /trail api-calls is not logging/, fix: /aws cloudtrail start-logging --name arn:aws:cloudtrail:/ },
    { what: "a trail that cannot deliver to CloudWatch Logs", plant: (s) => (s.trail.deliveryError = "AccessDenied"), check: "trail is logging", cause: /cannot deliver to CloudWatch Logs: AccessDenied/, fix: /logs:PutLogEvents/ },
    { what: "a trail whose last delivery is an hour old", plant: (s) => (s.trail.lastDeliveryMinutesAgo = 60), check: "trail is logging", cause: /has not delivered to CloudWatch Logs in 15 min \(last: 60 min ago\)/, fix: /first delivery/ },
    { what: "counter errors in the last hour", plant: (s) => (s.functions[COUNTER].errorsLastHour = 3), check: "the counter ran without errors", cause: new RegExp(`${COUNTER} failed 3 of 60 invocations`), fix: /aws logs tail \/aws\/lambda\/api-calls-counter/ },
    { what: "a counter that was never invoked", plant: (s) => (s.functions[COUNTER].invocationsLastHour = 0), check: "the counter ran without errors", cause: /was not invoked in the last hour/, fix: /subscription filter/ },
    { what: "a trail log group without the counter's subscription", plant: (s) => (s.subscriptionDestinations = []), check: "the counter ran without errors", cause: /no function subscribed to log group api-calls-trail-7g8h publishes into ApiUsage\/CloudTrail/, fix: /pulumi up/, failing: 2 },
    { what: "no datapoints in the namespace", plant: (s) => (s.activeMetrics = 0), check: "datapoints exist", cause: /no metric in ApiUsage\/CloudTrail received a datapoint in the last 3 hours/, fix: /PutMetricData/ },
    { what: "messages in the dead-letter queue", plant: (s) => (s.queues["/123456789012/api-calls-dead-letters"] = 4), check: "dead-letter queues are empty", cause: /api-calls-dead-letters holds 4 messages \(batches the counter could not publish\)/, fix: /put-metric-data --cli-input-json/ },
    { what: "messages in the failed-invocations queue", plant: (s) => (s.queues["/123456789012/api-calls-failed-events"] = 1), check: "dead-letter queues are empty", cause: /api-calls-failed-events holds 1 messages/, fix: /receive-message/ },
    {
      what: "a REST stage logging to another destination",
      plant: (s) => (s.stages["a1b2c3d4e5/dev"] = { destinationArn: `arn:aws:logs:${REGION}:123456789012:log-group:old-logs`, format: FORMATS.rest }),
      check: "orders (REST a1b2c3d4e5/dev)",
      cause: /logs to arn:aws:logs:us-east-1:123456789012:log-group:old-logs, not arn:aws:firehose:/,
      fix: /destination to the output restAccessLogDestinationArn and its format to the output restAccessLogFormat/,
    },
    {
      what: "an HTTP stage logging in another format",
      plant: (s) => (s.stages["f6g7h8i9j0/$default"] = { destinationArn: `arn:aws:logs:${REGION}:123456789012:log-group:/aws/apigateway/catalog`, format: '{"id":"$context.requestId"}' }),
      check: "catalog (HTTP f6g7h8i9j0/$default)",
      cause: /logs in another format than the stack's HTTP format/,
      fix: /accessLogGroupArns\["catalog"\] and its format to the output httpAccessLogFormat/,
    },
    { what: "a stage without access logging", plant: (s) => (s.stages["a1b2c3d4e5/dev"] = null), check: "orders (REST a1b2c3d4e5/dev)", cause: /stage dev of a1b2c3d4e5 has no access logging/, fix: /app stack that owns a1b2c3d4e5/ },
    { what: "a stream that is not ACTIVE", plant: (s) => (s.stream.status = "CREATING_FAILED"), check: "Firehose is ACTIVE", cause: /stream amazon-apigateway-access-logs is CREATING_FAILED/, fix: /KMS key or role/ },
    { what: "a stream that delivered nothing in its buffer interval", plant: (s) => (s.stream.deliveredRecords = 0), check: "Firehose is ACTIVE", cause: /delivered no record to S3 in the last 600 s \(buffer interval 300 s \+ 300 s metric lag\)/, fix: /DestinationDelivery error log/ },
    {
      what: "an access-log group subscribed to a stream that does not decompress (a stack from before this release)",
      plant: (s) => (s.cloudWatchStream.processors = ["Lambda"]),
      check: "access-log groups feed a decompressing Firehose stream",
      cause: /stream apigateway-access-logs-cwlogs hands the enricher CloudWatch Logs envelopes still gzipped \(processors: Lambda\)/,
      fix: /apigateway-<component>-cwlogs stream, which decompresses them first/,
    },
    {
      what: "an access-log group without a subscription into Firehose",
      plant: (s) => (s.accessLogSubscriptions["/aws/apigateway/catalog"] = []),
      check: "access-log groups feed a decompressing Firehose stream",
      cause: /log group \/aws\/apigateway\/catalog \(API catalog\) has no subscription into Firehose/,
      fix: /restore its subscription filter/,
    },
    {
      what: "a CloudWatch Logs stream that delivered nothing in its buffer interval",
      plant: (s) => (s.cloudWatchStream.deliveredRecords = 0),
      check: "access-log groups feed a decompressing Firehose stream",
      cause: /stream apigateway-access-logs-cwlogs delivered no record to S3 in the last 600 s/,
      fix: /CloudWatchLogsDestinationDelivery error log/,
    },
    { what: "an empty partition for today", plant: (s) => (s.objects = []), check: "today's partition has objects", cause: /s3:\/\/access-logs-lake-123456789012\/data\/dt=\d{4}-\d{2}-\d{2}\/ is empty/, fix: /enricher dropped or failed every record/ },
    {
      what: "processing-failed objects today",
      plant: (s) => s.objects.push(`errors/processing-failed/${s.now.toISOString().slice(0, 10).replace(/-/g, "/")}/failed-1.gz`),
      check: "no recent processing-failed objects",
      cause: /1 objects under s3:\/\/access-logs-lake-123456789012\/errors\/processing-failed\/\d{4}\/\d{2}\/\d{2}\/, e\.g\. errors\/processing-failed\//,
      fix: /errorMessage/,
    },
    {
      what: "decompression-failed objects today, from the CloudWatch Logs stream",
      plant: (s) => s.objects.push(`errors/decompression-failed/${s.now.toISOString().slice(0, 10).replace(/-/g, "/")}/failed-1.gz`),
      check: "no recent processing-failed objects",
      cause: /1 objects under s3:\/\/access-logs-lake-123456789012\/errors\/decompression-failed\/\d{4}\/\d{2}\/\d{2}\//,
      fix: /envelopes as CloudWatch Logs sent them/,
    },
    {
      what: "an Athena count stopped by the scan cutoff",
      plant: (s) => (s.athena = { state: "FAILED", reason: "Query exhausted resources: bytes scanned limit was exceeded", count: 0 }),
      check: "an Athena count",
      cause: /query q-1 in workgroup access-logs FAILED: Query exhausted resources: bytes scanned limit/,
      fix: /raise api-usage-insights:bytesScannedCutoffMiB/,
    },
    {
      what: "a failed SPICE ingestion",
      plant: (s) => (s.quicksight.ingestions = [{ status: "FAILED", minutesAgo: 5, error: "Athena access denied" }, { status: "COMPLETED", minutesAgo: 65 }]),
      check: "the dataset's last ingestion succeeded",
      cause: /the last ingestion of dataset usage-analytics-dataset FAILED \(PERMISSION_DENIED: Athena access denied\)/,
      fix: /QuickSight manual step/,
    },
    { what: "a dashboard version that failed to publish", plant: (s) => (s.quicksight.versionStatus = "CREATION_FAILED"), check: "published version is CREATION_SUCCESSFUL", cause: /version 3 is CREATION_FAILED/, fix: /components\/quicksight/ },
    {
      what: "a widget function that fails on describe",
      plant: (s) => (s.functions[WIDGET].invoke = { payload: '{"errorMessage":"Cannot find module"}', functionError: "Unhandled" }),
      check: `widget ${WIDGET} answers describe`,
      cause: /failed on describe \(Unhandled\): \{"errorMessage":"Cannot find module"\}/,
      fix: /aws logs tail \/aws\/lambda\/usage-distinct-users/,
    },
  ];

  for (const p of planted) {
    it(`fails with exit 1, the right ✘ and its fix for ${p.what}`, async () => {
      const run = await runDoctor({ plant: p.plant });
      assert.equal(run.code, 1, run.out);
      const entry = entryOf(run.out, p.check);
      assert.match(entry, /^\s+✘ /, run.out);
      assert.match(entry, new RegExp(`cause: .*${p.cause.source}`));
      assert.match(entry, new RegExp(`fix: .*${p.fix.source}`));
      assert.equal(failures(run.out).length, p.failing ?? 1, run.out);
    });
  }

  it("bounds an endpoint that never answers to the check's timeout and runs the checks after it", async () => {
    const started = Date.now();
    const run = await runDoctor({ plant: (s) => (s.hang = { service: "athena", operation: "GetQueryExecution" }), args: ["--timeout", "0.5"] });
    const elapsed = Date.now() - started;
    assert.equal(run.code, 1);
    assert.match(entryOf(run.out, "an Athena count"), /cause: no answer from AWS within 0\.5 s/);
    assert.match(entryOf(run.out, "the dataset's last ingestion succeeded"), /✔/);
    assert.ok(elapsed < 4000, `took ${elapsed} ms`);
    assert.ok(run.state.calls.includes("athena:StopQueryExecution"), "the abandoned query is stopped");
  });

  it("fails the checks still waiting when a hang has spent the run's budget", async () => {
    const run = await runDoctor({ plant: (s) => (s.hang = { service: "monitoring" }), args: ["--timeout", "1"], budgetMs: 1500 });
    assert.equal(run.code, 1);
    assert.match(entryOf(run.out, "the counter ran without errors"), /cause: no answer from AWS within 1\.0 s/);
    assert.match(entryOf(run.out, "datapoints exist"), /cause: no answer from AWS within 0\.\d s/);
    assert.match(entryOf(run.out, "the dead-letter queues are empty"), /cause: not run: the run's 1\.5 s budget was spent/);
  });

  it("exits 2 without credentials, before calling any service", async () => {
    const run = await runDoctor({ credentials: false });
    assert.equal(run.code, 2);
    assert.match(run.err, /cannot run: no AWS credentials/);
    assert.deepEqual(run.state.calls, []);
  });

  it("exits 2 when an output of the contract is missing, naming it", async () => {
    const { glueTable: _dropped, ...outputs } = healthyOutputs();
    const run = await runDoctor({ outputs });
    assert.equal(run.code, 2);
    assert.match(run.err, /cannot run: .*outputs\.json: glueTable must be a string or null \(the stack's output contract\), got undefined/);
  });

  it("exits 2 when the outputs file does not exist", async () => {
    const run = await runDoctor({ args: ["--outputs", "/nonexistent/outputs.json"] });
    assert.equal(run.code, 2);
    assert.match(run.err, /cannot run: cannot read --outputs \/nonexistent\/outputs\.json/);
  });
});
