/**
 * The route a request took: the template API Gateway logged (REST `resourcePath`, HTTP/WebSocket
 * `routeKey`), else the request path with id-like segments replaced by `:id`.
 *
 * An HTTP route key "GET /pets/{id}" becomes "/pets/{id}" (the method is in http_method), so REST
 * and HTTP routes read alike; "$default" on an HTTP API matches everything and says nothing, so
 * the path is templated instead. WebSocket route keys ($connect, sendMessage, ...) are kept whole.
 */
import type { ApiType } from "../../contracts/log-fields";

export type RouteSource = "template" | "inferred";

export interface ResolvedRoute {
  readonly route: string | null;
  readonly routeSource: RouteSource | null;
}

export interface RouteInput {
  readonly resourcePath: string | null;
  readonly routeKey: string | null;
  readonly path: string | null;
  readonly stage: string | null;
}

const NO_ROUTE: ResolvedRoute = { route: null, routeSource: null };
const LONG_HEX_MIN = 16;

export function resolveRoute(apiType: ApiType | null, input: RouteInput): ResolvedRoute {
  if (input.resourcePath !== null && apiType !== "HTTP" && apiType !== "WEBSOCKET") {
    return { route: input.resourcePath, routeSource: "template" };
  }
  const routeKey = input.routeKey;
  if (routeKey !== null && apiType !== "REST") {
    if (apiType === "WEBSOCKET") return { route: routeKey, routeSource: "template" };
    if (routeKey !== "$default") {
      const space = routeKey.indexOf(" ");
      return { route: space === -1 ? routeKey : routeKey.slice(space + 1), routeSource: "template" };
    }
  }
  if (input.path === null) return NO_ROUTE;
  return { route: templatePath(withoutStage(input.path, input.stage)), routeSource: "inferred" };
}

/** `$context.path` starts with "/{stage}" on execute-api hostnames; templates do not. */
function withoutStage(path: string, stage: string | null): string {
  if (stage === null || stage === "$default" || stage === "") return path;
  const prefixEnd = stage.length + 1;
  if (path.charCodeAt(0) !== 47 || !path.startsWith(stage, 1)) return path;
  if (path.length === prefixEnd) return "/";
  return path.charCodeAt(prefixEnd) === 47 ? path.slice(prefixEnd) : path;
}

/** "/users/42/orders/9f1c…" → "/users/:id/orders/:id": numeric, UUID and long hex segments. */
export function templatePath(path: string): string {
  let out: string | undefined;
  let start = 0;
  while (start <= path.length) {
    let end = path.indexOf("/", start);
    if (end === -1) end = path.length;
    if (isIdLike(path, start, end)) {
      out = (out ?? path.slice(0, start)) + ":id";
    } else if (out !== undefined) {
      out += path.slice(start, end);
    }
    if (end < path.length && out !== undefined) out += "/";
    start = end + 1;
  }
  return out ?? path;
}

function isIdLike(s: string, start: number, end: number): boolean {
  const length = end - start;
  if (length === 0) return false;
  let digits = true;
  let hex = true;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    const isDigit = c >= 48 && c <= 57;
    if (!isDigit) digits = false;
    if (!isDigit && !((c >= 97 && c <= 102) || (c >= 65 && c <= 70))) hex = false;
    if (!digits && !hex) break;
  }
  if (digits || (hex && length >= LONG_HEX_MIN)) return true;
  return length === 36 && isUuid(s, start);
}

function isUuid(s: string, start: number): boolean {
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(start + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) {
      return false;
    }
  }
  return true;
}
