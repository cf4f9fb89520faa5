/**
 * UsageDashboard: one CloudWatch dashboard for the watched APIs, the access-log pipeline and the
 * AWS API-call metrics, with its alarms, its two custom-widget functions and a managed policy for
 * the people who view it. The body is built by pure functions from resolved values.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../shared/aws";
import { BundledFunction } from "../shared/bundled-function";
import { toJson } from "../shared/iam";
import { compositeRule, planAlarms, planComposites, watchesQuota } from "./alarms";
import { buildDashboardBody } from "./body";
import { DASHBOARD_DEFAULTS } from "./defaults";
import { DISTINCT_USERS_ENVIRONMENT, DISTINCT_USERS_FAILURE_DEFAULTS, DISTINCT_USERS_PERMISSIONS } from "../../contracts/functions/distinct-users-widget";
import { PERIOD_COMPARISON_ENVIRONMENT, PERIOD_COMPARISON_FAILURE_DEFAULTS, PERIOD_COMPARISON_PERMISSIONS } from "../../contracts/functions/period-comparison-widget";
import { arnOf, placeOf, type DeployedPlace } from "../shared/arns";
import { statementsFor } from "../shared/iam";
import { viewerPolicyDocument } from "./iam";
import { DASHBOARD_SCHEMA, type DashboardSettings } from "./settings";
import { checkModel, thresholdsOf, type DashboardModel, type UsageDashboardArgs } from "./inputs";
import { QUOTA_EXCEEDED_PATTERN } from "./logs-queries";
import { DEFAULT_API_CALL_METRIC_NAME } from "./metrics/api-calls";
import type { AlarmSpec } from "./model";
import { planSegments } from "./plan";
import { forUser, userError } from "../shared/user-error";

export type { UsageDashboardArgs, WatchedApiArgs, AlarmArgs, AthenaArgs } from "./inputs";
export { buildDashboardBody } from "./body";
export { DASHBOARD_DEFAULTS } from "./defaults";

const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:([.\-_/#A-Za-z0-9]{1,512})$/;

/** The value when it is already a plain string, else a valid stand-in of the same shape. */
function known(value: pulumi.Input<string> | undefined, standIn: string): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : standIn;
}

function logGroupNameOf(name: string | undefined, arn: string | undefined): string | undefined {
  if (name !== undefined) return name;
  if (arn === undefined) return undefined;
  const match = LOG_GROUP_ARN.exec(arn);
  if (!match) throw userError(`UsageDashboard logGroupArn = ${JSON.stringify(arn)}: expected arn:aws:logs:<region>:<account>:log-group:<name> without :*`);
  return match[1];
}

/** The model with inputs as given; `resolve` chooses plain stand-ins or resolved values. */
function modelOf(name: string, args: UsageDashboardArgs, region: string, value: (v: pulumi.Input<string> | undefined, standIn: string) => string | undefined): DashboardModel {
  const d = DASHBOARD_DEFAULTS;
  return {
    componentName: args.nameScope ? `${name}-${args.nameScope}` : name,
    region,
    apis: args.apis.map((api) => ({
      name: api.name,
      type: api.type,
      apiId: value(api.apiId, "a000000000")!,
      apiName: value(api.apiName ?? api.name, api.name)!,
      stage: value(api.stage, "stage")!,
      logGroupName: logGroupNameOf(value(api.logGroupName, "/stand-in"), value(api.logGroupArn, "arn:aws:logs:us-east-1:000000000000:log-group:/stand-in")),
      userField: api.userField ?? d.userField[api.type],
      customerField: api.customerField ?? d.customerField[api.type],
      ...(api.alarms !== undefined ? { alarms: api.alarms } : {}),
    })),
    firehoseStreamName: value(args.firehoseStreamName, "amazon-apigateway-stand-in"),
    cloudWatchLogsStreamName: value(args.cloudWatchLogsStreamName, "apigateway-stand-in-cwlogs"),
    enricherFunctionName: value(args.enricherFunctionName, "stand-in"),
    enricherLogGroupName: value(args.enricherLogGroupName, "/stand-in"),
    functionNames: (args.functionNames ?? []).map((fn, i) => value(fn, `function-${i}`)!),
    apiCalls: args.apiCallMetrics && {
      namespace: value(args.apiCallMetrics.namespace, "Stand/In")!,
      metricName: value(args.apiCallMetrics.metricName ?? DEFAULT_API_CALL_METRIC_NAME, DEFAULT_API_CALL_METRIC_NAME)!,
    },
    athena: args.athena && {
      workgroup: value(args.athena.workgroup, "stand-in")!,
      database: value(args.athena.database, "stand_in")!,
      table: value(args.athena.table, "stand_in")!,
    },
    thresholds: thresholdsOf(args.alarms),
    periodSeconds: d.periodSeconds,
    quotaMetricNamespace: d.quotaMetricNamespace,
  };
}

/** Every non-plain string input of the args, to be resolved together and looked up by identity. */
function pendingStrings(args: UsageDashboardArgs): pulumi.Input<string>[] {
  const inputs: pulumi.Input<string>[] = [];
  const add = (v: pulumi.Input<string> | undefined) => {
    if (v !== undefined && typeof v !== "string") inputs.push(v);
  };
  for (const api of args.apis) [api.apiId, api.apiName, api.stage, api.logGroupName, api.logGroupArn].forEach(add);
  [args.firehoseStreamName, args.cloudWatchLogsStreamName, args.enricherFunctionName, args.enricherLogGroupName, args.apiCallMetrics?.namespace, args.apiCallMetrics?.metricName].forEach(add);
  (args.functionNames ?? []).forEach(add);
  if (args.athena) [args.athena.workgroup, args.athena.database, args.athena.table].forEach(add);
  return inputs;
}

function alarmArgs(spec: pulumi.Output<AlarmSpec>, topicArn: pulumi.Input<string> | undefined): aws.cloudwatch.MetricAlarmArgs {
  const actions = topicArn !== undefined ? [topicArn] : [];
  return {
    name: spec.alarmName,
    alarmDescription: spec.description,
    comparisonOperator: spec.comparisonOperator,
    threshold: spec.threshold,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm,
    treatMissingData: spec.treatMissingData,
    metricQueries: spec.queries.apply((queries) =>
      queries.map((q) => ({
        id: q.id,
        label: q.label,
        returnData: q.returnData,
        ...(q.expression !== undefined ? { expression: q.expression } : {}),
        ...(q.metric !== undefined
          ? { metric: { namespace: q.metric.namespace, metricName: q.metric.metricName, dimensions: q.metric.dimensions, stat: q.metric.stat, period: q.metric.periodSeconds } }
          : {}),
      })),
    ),
    alarmActions: actions,
    okActions: actions,
  };
}

function thresholdArgs({ topicArn: _topicArn, ...thresholds }: NonNullable<UsageDashboardArgs["alarms"]>) {
  return thresholds;
}

/** The dashboard's name: given, or the component's (with the name scope). */
function dashboardNameOf(name: string, args: UsageDashboardArgs): string {
  const dashboardName = args.dashboardName ?? (args.nameScope ? `${name}-${args.nameScope}` : name);
  if (!DASHBOARD_NAME.test(dashboardName)) {
    throw new Error(`UsageDashboard dashboardName = ${JSON.stringify(dashboardName)}: expected 1-255 of letters, digits, - and _`);
  }
  return dashboardName;
}

/** Thresholds, widget and log settings with their defaults, every value checked. */
function resolveSettings(name: string, args: UsageDashboardArgs): DashboardSettings {
  return DASHBOARD_SCHEMA.resolve(`UsageDashboard ${name}`, {
    alarms: args.alarms && thresholdArgs(args.alarms),
    widgetReservedConcurrency: args.widgetReservedConcurrency,
    distinctUsers: args.distinctUsers,
    periodComparison: args.periodComparison,
    logRetentionDays: args.logRetentionDays,
  });
}

/** The model with every input resolved, checked again: what the body and the alarms are built from. */
function resolvedModel(name: string, args: UsageDashboardArgs, region: pulumi.Output<string>): pulumi.Output<DashboardModel> {
  const pending = pendingStrings(args);
  return pulumi
    .all([pulumi.all(pending), region])
    .apply(([values, r]) => forUser(() => checkModel(modelOf(name, args, r, (v) => (v === undefined || typeof v === "string" ? v : values[pending.indexOf(v)])))));
}

export class UsageDashboard extends pulumi.ComponentResource {
  readonly dashboard: aws.cloudwatch.Dashboard;
  readonly distinctUsersFunction: BundledFunction;
  readonly periodComparisonFunction: BundledFunction;
  readonly viewerPolicy: aws.iam.Policy;
  readonly alarms: aws.cloudwatch.MetricAlarm[];
  /** One per API, in ALARM while any of the API's alarms is; the API's alarms notify through it. */
  readonly compositeAlarms: aws.cloudwatch.CompositeAlarm[];
  readonly quotaExceededFilters: aws.cloudwatch.LogMetricFilter[];
  readonly dashboardName: pulumi.Output<string>;
  readonly dashboardUrl: pulumi.Output<string>;
  readonly widgetFunctionArns: pulumi.Output<string[]>;
  readonly viewerPolicyArn: pulumi.Output<string>;
  readonly alarmArns: pulumi.Output<string[]>;

  constructor(name: string, args: UsageDashboardArgs, opts?: pulumi.ComponentResourceOptions) {
    super("api-usage:dashboard:UsageDashboard", name, {}, opts);
    const dashboardName = dashboardNameOf(name, args);
    const settings = resolveSettings(name, args);
    // Everything that decides which resources exist is checked now, with stand-ins for values
    // that are not known yet; the resolved values are checked again before the body is built.
    const structure = checkModel(modelOf(name, args, "us-east-1", known));
    const plannedAlarms = planAlarms(structure);
    const alarmKeys = plannedAlarms.map((spec) => spec.key);
    const composites = planComposites(structure, plannedAlarms);
    const account = placeOf({ parent: this });
    const model = resolvedModel(name, args, account.region);
    const specs = model.apply(planAlarms);

    // In order: the metrics the logs feed, the alarms on them, the widgets' functions, who may view, the dashboard.
    const filters = this.createQuotaFilters(name, args, structure, model);
    this.quotaExceededFilters = [...filters.values()];
    this.alarms = this.createAlarms(name, alarmKeys, specs, filters, new Set(composites.flatMap((c) => c.memberKeys)), args.alarms?.topicArn);
    this.compositeAlarms = this.createCompositeAlarms(name, composites, new Map(alarmKeys.map((key, i) => [key, this.alarms[i]])), args.alarms?.topicArn);
    const functions = this.createWidgetFunctions(name, args, settings, structure, account);
    this.distinctUsersFunction = functions.distinctUsers;
    this.periodComparisonFunction = functions.periodComparison;
    const functionArns = [this.distinctUsersFunction.arn, this.periodComparisonFunction.arn];
    this.viewerPolicy = new aws.iam.Policy(
      `${name}-viewer`,
      { description: `Invoke the custom widgets of the ${dashboardName} dashboard`, policy: toJson(viewerPolicyDocument(functionArns)) },
      { parent: this },
    );
    this.alarmArns = pulumi.all(this.alarms.map((a) => a.arn));
    this.dashboard = this.createDashboard(name, dashboardName, model, specs, alarmKeys);

    this.dashboardName = this.dashboard.dashboardName;
    this.dashboardUrl = pulumi.interpolate`https://${account.region}.console.aws.amazon.com/cloudwatch/home?region=${account.region}#dashboards/dashboard/${this.dashboard.dashboardName}`;
    this.widgetFunctionArns = pulumi.all(functionArns);
    this.viewerPolicyArn = this.viewerPolicy.arn;
    this.registerOutputs({
      dashboardName: this.dashboardName,
      dashboardUrl: this.dashboardUrl,
      widgetFunctionArns: this.widgetFunctionArns,
      viewerPolicyArn: this.viewerPolicyArn,
      alarmArns: this.alarmArns,
    });
  }

  /** A metric filter per API that can be throttled by a usage plan, counting its QUOTA_EXCEEDED lines; by alarm key. */
  private createQuotaFilters(name: string, args: UsageDashboardArgs, structure: DashboardModel, model: pulumi.Output<DashboardModel>): Map<string, aws.cloudwatch.LogMetricFilter> {
    const quotaApis = args.apis.filter((_, i) => watchesQuota(structure.apis[i]));
    return new Map(
      quotaApis.map((api) => [
        `${api.name}-quota-exceeded`,
        new aws.cloudwatch.LogMetricFilter(
          `${name}-${api.name}-quota-filter`,
          {
            name: `${name}-${api.name}-quota-exceeded`,
            logGroupName: model.apply((m) => m.apis.find((a) => a.name === api.name)!.logGroupName!),
            pattern: QUOTA_EXCEEDED_PATTERN,
            metricTransformation: {
              name: DASHBOARD_DEFAULTS.quotaMetricName,
              namespace: DASHBOARD_DEFAULTS.quotaMetricNamespace,
              value: "1",
              unit: "Count",
              // From each log line; they equal the API's id and stage, so alarms can select them.
              dimensions: { ApiId: "$.apiId", Stage: "$.stage" },
            },
          },
          { parent: this },
        ),
      ]),
    );
  }

  /** One metric alarm per planned key; the specs come from the resolved model and must plan the same keys. */
  private createAlarms(
    name: string,
    alarmKeys: readonly string[],
    specs: pulumi.Output<AlarmSpec[]>,
    filters: ReadonlyMap<string, aws.cloudwatch.LogMetricFilter>,
    paged: ReadonlySet<string>,
    topicArn: pulumi.Input<string> | undefined,
  ): aws.cloudwatch.MetricAlarm[] {
    return alarmKeys.map((key) => {
      const spec = specs.apply((all) => {
        const found = all.find((candidate) => candidate.key === key);
        if (found === undefined) throw new Error(`UsageDashboard: alarm ${key} was planned before the values resolved but not after`);
        return found;
      });
      // A quota alarm reads the metric its filter writes.
      const filter = filters.get(key);
      // An API's own alarms notify through its composite alarm, so one incident pages once.
      const topic = paged.has(key) ? undefined : topicArn;
      return new aws.cloudwatch.MetricAlarm(`${name}-${key}`, alarmArgs(spec, topic), filter ? { parent: this, dependsOn: [filter] } : { parent: this });
    });
  }

  /** One composite alarm per API, in ALARM while any of its members is. */
  private createCompositeAlarms(
    name: string,
    composites: ReturnType<typeof planComposites>,
    alarmByKey: ReadonlyMap<string, aws.cloudwatch.MetricAlarm>,
    topicArn: pulumi.Input<string> | undefined,
  ): aws.cloudwatch.CompositeAlarm[] {
    const topicActions = topicArn !== undefined ? [topicArn] : [];
    return composites.map((c) => {
      const members = c.memberKeys.map((key) => alarmByKey.get(key)!);
      return new aws.cloudwatch.CompositeAlarm(
        `${name}-${c.key}`,
        {
          alarmName: c.alarmName,
          alarmDescription: c.description,
          alarmRule: pulumi.all(members.map((m) => m.name)).apply(compositeRule),
          alarmActions: topicActions,
          okActions: topicActions,
        },
        // The rule reads the members' names, so they exist before it.
        { parent: this },
      );
    });
  }

  /** The two custom widgets' functions, each granted only what its calls need. */
  private createWidgetFunctions(name: string, args: UsageDashboardArgs, settings: DashboardSettings, structure: DashboardModel, account: DeployedPlace) {
    const parent = { parent: this };
    const common = {
      runtime: args.runtime,
      architecture: args.architecture,
      logRetentionDays: settings.logRetentionDays,
      kmsKeyArn: args.kmsKeyArn,
      rootDir: args.rootDir,
      timeoutSeconds: DASHBOARD_DEFAULTS.widgetTimeoutSeconds,
      memorySizeMb: DASHBOARD_DEFAULTS.widgetMemorySizeMb,
      reservedConcurrency: settings.widgetReservedConcurrency,
    };
    const loggedApis = args.apis.filter((_, i) => structure.apis[i].logGroupName !== undefined);
    // From the name when there is one: a first preview knows a new group's name, not its arn.
    const logGroupArns = loggedApis.map((api) => (api.logGroupName !== undefined ? arnOf.logGroup(account, api.logGroupName) : api.logGroupArn!));
    const { partition, region, accountId } = account;
    const glue = (path: pulumi.Input<string>) => pulumi.interpolate`arn:${partition}:glue:${region}:${accountId}:${path}`;
    const athena = args.athena;
    const slots = {
      logGroups: logGroupArns,
      ...(athena && {
        workgroup: [pulumi.interpolate`arn:${partition}:athena:${region}:${accountId}:workgroup/${athena.workgroup}`],
        glueTable: [glue("catalog"), glue(pulumi.interpolate`database/${athena.database}`), glue(pulumi.interpolate`table/${athena.database}/${athena.table}`)],
        dataLakeBucket: [athena.dataLakeBucketArn],
        resultsBucket: [athena.resultsBucketArn],
      }),
    };
    const environment = DISTINCT_USERS_ENVIRONMENT.toEnvironment<pulumi.Input<string>>({
      ...settings.distinctUsers,
      athenaWorkgroup: athena?.workgroup,
      athenaDatabase: athena?.database,
      athenaTable: athena?.table,
      ...DISTINCT_USERS_FAILURE_DEFAULTS,
    });
    const distinctUsers = new BundledFunction(
      `${name}-distinct-users`,
      {
        bundle: "distinct-users-widget",
        description: "CloudWatch custom widget: exact distinct users (Logs Insights or Athena)",
        statements: statementsFor(DISTINCT_USERS_PERMISSIONS, slots, args.kmsKeyArn || undefined),
        environment,
        ...common,
      },
      parent,
    );
    const periodComparison = new BundledFunction(
      `${name}-period-comparison`,
      {
        bundle: "period-comparison-widget",
        description: "CloudWatch custom widget: this range vs 1 and 7 days earlier (GetMetricData)",
        statements: statementsFor(PERIOD_COMPARISON_PERMISSIONS, {}),
        environment: PERIOD_COMPARISON_ENVIRONMENT.toEnvironment({ ...settings.periodComparison, ...PERIOD_COMPARISON_FAILURE_DEFAULTS }),
        ...common,
      },
      parent,
    );
    return { distinctUsers, periodComparison };
  }

  /** The dashboard, its body built from the resolved model, the alarms' specs and ARNs and the widget functions. */
  private createDashboard(
    name: string,
    dashboardName: string,
    model: pulumi.Output<DashboardModel>,
    specs: pulumi.Output<AlarmSpec[]>,
    alarmKeys: readonly string[],
  ): aws.cloudwatch.Dashboard {
    const compositeArns = pulumi.all(this.compositeAlarms.map((a) => a.arn));
    const body = pulumi
      .all([model, specs, this.distinctUsersFunction.arn, this.periodComparisonFunction.arn, this.alarmArns, compositeArns])
      .apply(([m, alarms, distinctUsersArn, periodComparisonArn, arns, apiHealth]) => {
        const byKey = new Map(alarmKeys.map((key, i) => [key, arns[i]]));
        const segments = planSegments(m, {
          functions: { distinctUsersArn, periodComparisonArn },
          alarms,
          // The per-API composites first: the status a person reads before the causes.
          alarmArns: [...apiHealth, ...alarms.map((a) => byKey.get(a.key)!)],
        });
        return JSON.stringify(buildDashboardBody(segments, { region: m.region, start: DASHBOARD_DEFAULTS.start, periodSeconds: m.periodSeconds }));
      });
    return new aws.cloudwatch.Dashboard(name, { dashboardName, dashboardBody: body }, { parent: this });
  }
}
