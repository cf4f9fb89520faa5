/** Builds custom-widget events shaped like the ones CloudWatch sends. */
export const START_MS = 1_700_000_000_123;
export const END_MS = 1_700_086_400_999;

export interface EventOptions {
  startMs?: number;
  endMs?: number;
  zoom?: { start: number; end: number };
  theme?: "light" | "dark";
}

export function widgetEvent(params: Record<string, unknown>, options: EventOptions = {}): Record<string, unknown> {
  const start = options.startMs ?? START_MS;
  const end = options.endMs ?? END_MS;
  return {
    ...params,
    widgetContext: {
      dashboardName: "api-usage-dev",
      widgetId: "widget-7",
      domain: "https://console.aws.amazon.com",
      accountId: "123456789012",
      locale: "en",
      timezone: { label: "UTC", offsetISO: "+00:00", offsetInMinutes: 0 },
      period: 300,
      isAutoPeriod: true,
      timeRange: { mode: "relative", start, end, relativeStart: end - start, ...(options.zoom ? { zoom: options.zoom } : {}) },
      theme: options.theme ?? "light",
      linkCharts: true,
      title: "Distinct users",
      forms: { all: {} },
      params,
      width: 600,
      height: 300,
    },
  };
}

/** The number shown in the widget, as text. */
export function shownNumber(html: string): string | undefined {
  return /id="distinct-users"[^>]*>([^<]*)</.exec(html)?.[1];
}
