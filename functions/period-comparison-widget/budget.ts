/**
 * The widget's budgets. A chart draws at most MAX_POINTS points per series, whatever GetMetricData
 * returns; and the HTML, as Lambda returns it (a JSON string), stays within its 6 MB synchronous
 * response limit, past which the dashboard shows a Lambda error instead of the widget. Charts are
 * thinned, then left out, before the response grows past the budget; the table always counts every
 * point, and the widget says what it left out.
 */
import type { Theme } from "../shared/widget/event";
import type { Point } from "./fetch";
import { formatNumber, renderComparison, type ComparisonView } from "./render";

/** Lambda's synchronous response limit is 6 MB; like the enricher, the widget keeps under 6,000,000 bytes. */
export const MAX_RESPONSE_BYTES = 6_000_000;

/** The thinnest chart worth drawing; below it the charts are left out. */
const MIN_DRAWN_POINTS = 10;

/** The bytes Lambda returns for `html`: the handler's string, JSON-encoded. */
export const responseBytes = (html: string): number => Buffer.byteLength(JSON.stringify(html));

/**
 * At most `maxPoints` of `points` (in time order) for a chart: the series cut into maxPoints / 2
 * slices of consecutive points, each keeping its lowest and highest, so peaks and dips stay drawn.
 */
export function thinPoints(points: readonly Point[], maxPoints: number): Point[] {
  if (points.length <= maxPoints) return [...points];
  const slices = Math.max(1, Math.floor(maxPoints / 2));
  const kept: Point[] = [];
  for (let slice = 0; slice < slices; slice++) {
    const from = Math.floor((slice * points.length) / slices);
    const to = Math.floor(((slice + 1) * points.length) / slices);
    let low = from;
    let high = from;
    for (let i = from + 1; i < to; i++) {
      if (points[i].value < points[low].value) low = i;
      if (points[i].value > points[high].value) high = i;
    }
    for (const i of low === high ? [low] : [Math.min(low, high), Math.max(low, high)]) kept.push(points[i]);
  }
  return kept;
}

export interface Budget {
  /** MAX_POINTS: the most points a chart draws per series. */
  readonly maxPoints: number;
  readonly maxResponseBytes: number;
}

/** The comparison as HTML within `budget`, its charts thinned or left out (and the widget saying so) when needed. */
export function renderWithinBudget(view: ComparisonView, theme: Theme, budget: Budget): string {
  let most = 0;
  for (const perMetric of view.series) for (const points of perMetric) most = Math.max(most, points.length);
  const notices: string[] = [];
  if (most > budget.maxPoints) {
    notices.push(
      `CloudWatch returned up to ${formatNumber(most)} points per series, more than MAX_POINTS (${budget.maxPoints}): ` +
        `the charts draw ${budget.maxPoints} of them (the lowest and highest of each slice); the table counts them all.`,
    );
  }
  const render = (drawnPoints: number, notice?: string) =>
    renderComparison(
      {
        ...view,
        drawn: drawnPoints === 0 ? null : view.series.map((perMetric) => perMetric.map((points) => thinPoints(points, drawnPoints))),
        notices: notice ? [...notices, notice] : notices,
      },
      theme,
    );
  const limit = `${formatNumber(budget.maxResponseBytes)} bytes (Lambda returns at most 6 MB)`;
  let drawn = Math.min(most, budget.maxPoints);
  let html = render(drawn);
  while (responseBytes(html) > budget.maxResponseBytes && drawn > MIN_DRAWN_POINTS) {
    drawn = Math.max(MIN_DRAWN_POINTS, Math.floor(drawn / 2));
    html = render(drawn, `The charts are thinned to ${drawn} points per series to keep the response within ${limit}.`);
  }
  // The table alone is small: params allow at most 100 metrics with labels of at most 100 characters.
  if (responseBytes(html) > budget.maxResponseBytes) html = render(0, `The charts are left out to keep the response within ${limit}.`);
  return html;
}
