/**
 * A widget error as HTML: the widget's own title when its params give one (the dashboard already
 * shows the widget's title above it), then the kind's heading and the escaped message.
 */
import { escapeHtml, FONT } from "./html";

/** The colours of the dashboard's theme an error box uses. */
export interface ErrorColors {
  text: string;
  muted: string;
  error: string;
}

export function renderWidgetError<K extends string>(headings: Readonly<Record<K, string>>, kind: K, message: string, c: ErrorColors, title?: string): string {
  return [
    `<div style="${FONT};color:${c.text};padding:4px 8px">`,
    ...(title ? [`<div style="font-size:13px;color:${c.muted}">${escapeHtml(title)}</div>`] : []),
    `<div role="alert" style="border-left:4px solid ${c.error};padding:4px 8px;margin-top:6px">`,
    `<div style="font-weight:700;color:${c.error}">${escapeHtml(headings[kind])}</div>`,
    `<div style="font-size:13px;white-space:pre-wrap">${escapeHtml(message)}</div>`,
    `</div></div>`,
  ].join("");
}
