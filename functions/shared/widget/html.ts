/** What every widget's HTML shares: escaping of interpolated values and the console's font. */
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

export const FONT = "font-family:'Amazon Ember','Helvetica Neue',Roboto,Arial,sans-serif";
