/** Markdown the CloudWatch console shows when it asks the widget to `describe` itself. */
export const DESCRIPTION = `## Compared with 1 and 7 days earlier

Shows each metric over the dashboard's time range (zoom honoured) next to the same range one day
earlier and seven days earlier: a table of totals (Sum, SampleCount) or period means (other
statistics) with the change in percent, and the three series drawn over each other.
CloudWatch metric math has no time shift, so the widget calls GetMetricData once per window.

\`\`\`yaml
title: Requests and errors (orders)           # optional
metrics:                                      # 1 to MAX_METRICS (default 10)
  - namespace: AWS/ApiGateway
    metricName: Count
    dimensions: { ApiId: a1b2c3d4e5, Stage: prod }
    stat: Sum                                 # Sum, Average, Minimum, Maximum, SampleCount or pNN
    label: Requests                           # optional
\`\`\`

The period is the smallest of 1, 5, 15, 60 minutes, 6 hours or 1 day that keeps every series under
MAX_POINTS (default 288) points and that CloudWatch still keeps for the oldest window. A chart draws
at most MAX_POINTS points per series, and the answer stays within Lambda's 6 MB response: when
CloudWatch returns more, the charts are thinned (or left out) and the widget says so; the table
always counts every point.
`;
