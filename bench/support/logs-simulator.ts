/**
 * A simulated CloudWatch Logs Insights for aws-sdk-client-mock. It parses the query strings the
 * widget sends (anything it does not understand fails like a malformed query), evaluates them
 * over a Population without materializing it, and behaves like the service where it matters:
 *
 * - the first `stats ... by` keeps at most `groupCap` groups and silently drops the rest
 *   (which ones is decided by a hash, so drops land anywhere in the key space);
 * - at most `rowCap` (10,000) result rows, and the StartQuery `limit` (default 1,000);
 * - at most two `stats` commands; queries longer than 10,000 characters are rejected;
 * - StartQuery times must be whole epoch seconds and equal the expected range;
 * - queries take `latencyMs` of (virtual) time: Scheduled, Running, then Complete;
 * - more than `concurrencyQuota` running queries → LimitExceededException.
 */
import { logsIdentityPresent, presentIdentity } from "../../contracts/identity";
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  LimitExceededException,
  MalformedQueryException,
  InvalidParameterException,
  ResourceNotFoundException,
  StartQueryCommand,
  StopQueryCommand,
  type GetQueryResultsResponse,
  type StartQueryRequest,
} from "@aws-sdk/client-cloudwatch-logs";
import { mockClient } from "aws-sdk-client-mock";
import { performance } from "node:perf_hooks";
import type { Clock } from "../../functions/distinct-users-widget/clock";
import { fmix32, type Population } from "./population";

export interface SimulatorOptions {
  population: Population;
  clock: Clock;
  userField: string;
  /** The one extra filter expression the simulator accepts (treated as already applied). */
  acceptedFilter?: string;
  logGroupNames?: string[];
  logGroupIdentifiers?: string[];
  startTime: number;
  endTime: number;
  groupCap: number;
  rowCap?: number;
  latencyMs?: number;
  concurrencyQuota?: number;
}

type Kind = { kind: "total" } | { kind: "discover"; depth: number } | { kind: "count"; depth: number };

interface ParsedQuery {
  excludeMissing: boolean;
  part?: { depth: number; prefixes: Set<string> };
  stats: Kind;
}

interface SimQuery {
  completeAt: number;
  polled: number;
  stopped: boolean;
  response: GetQueryResultsResponse;
}

function malformed(message: string): never {
  throw new MalformedQueryException({ message, $metadata: {} });
}

/** Splits on `|` outside double-quoted strings. */
export function splitCommands(query: string): string[] {
  const commands: string[] = [];
  let current = "";
  let inString = false;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i];
    if (inString && ch === "\\") {
      current += ch + (query[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === '"') inString = !inString;
    if (ch === "|" && !inString) {
      commands.push(current.trim());
      current = "";
    } else {
      current += ch;
    }
  }
  if (inString) malformed("unterminated string literal");
  commands.push(current.trim());
  return commands;
}

/** Parses `["a", "b\"c"]` (only \\ and \" escapes). */
export function parseStringList(text: string): string[] {
  const values: string[] = [];
  let i = 0;
  const expect = (ch: string) => {
    if (text[i] !== ch) malformed(`expected ${ch} at ${i} in ${text}`);
    i++;
  };
  expect("[");
  while (text[i] !== "]") {
    expect('"');
    let value = "";
    while (text[i] !== '"') {
      if (i >= text.length) malformed("unterminated literal");
      if (text[i] === "\\") {
        const next = text[i + 1];
        if (next !== "\\" && next !== '"') malformed(`unknown escape \\${next}`);
        value += next;
        i += 2;
      } else {
        value += text[i++];
      }
    }
    i++;
    values.push(value);
    if (text[i] === ",") {
      i++;
      while (text[i] === " ") i++;
    } else if (text[i] !== "]") {
      malformed(`expected , or ] at ${i}`);
    }
  }
  if (i !== text.length - 1) malformed("text after list");
  return values;
}

export class LogsInsightsSimulator {
  readonly queries: string[] = [];
  readonly calls = { StartQuery: 0, GetQueryResults: 0, StopQuery: 0 };
  maxRunning = 0;
  /** Real time spent evaluating queries (the service's work, not the widget's). */
  evaluationMs = 0;
  private readonly running = new Map<string, SimQuery>();
  private nextId = 0;

  constructor(private readonly options: SimulatorOptions) {}

  /** Routes the mocked client's commands here. Returns the mock for further assertions. */
  install(): ReturnType<typeof mockClient> {
    const mock = mockClient(CloudWatchLogsClient);
    mock.on(StartQueryCommand).callsFake((input: StartQueryRequest) => this.startQuery(input));
    mock.on(GetQueryResultsCommand).callsFake((input: { queryId?: string }) => this.getQueryResults(input.queryId ?? ""));
    mock.on(StopQueryCommand).callsFake((input: { queryId?: string }) => this.stopQuery(input.queryId ?? ""));
    return mock;
  }

  parse(query: string): ParsedQuery {
    const o = this.options;
    if (query.length > 10_000) malformed("query longer than 10,000 characters");
    const commands = splitCommands(query);
    const fields = /^fields (.+) as user$/.exec(commands[0] ?? "");
    if (!fields || fields[1] !== o.userField) malformed(`expected 'fields ${o.userField} as user', got '${commands[0]}'`);
    let excludeMissing = false;
    let part: ParsedQuery["part"];
    let i = 1;
    for (; i < commands.length && commands[i].startsWith("filter "); i++) {
      const expression = commands[i].slice("filter ".length);
      const substr = /^substr\(user, 0, (\d+)\) in (\[.*\])$/.exec(expression);
      if (expression === logsIdentityPresent("user")) excludeMissing = true;
      else if (substr) part = { depth: Number(substr[1]), prefixes: new Set(parseStringList(substr[2])) };
      else if (o.acceptedFilter !== undefined && expression === o.acceptedFilter) continue;
      else malformed(`unsupported filter '${expression}'`);
    }
    const stats = commands.slice(i);
    if (stats.length > 2) malformed("a query can have at most two stats commands");
    if (stats.some((s) => !s.startsWith("stats "))) malformed(`unsupported command in '${stats.join(" | ")}'`);
    const discover = /^stats count\(\*\) as events by substr\(user, 0, (\d+)\) as prefix$/.exec(stats[0] ?? "");
    const second = /^stats count\(\*\) as users, sum\(n\) as events by substr\(user, 0, (\d+)\) as prefix$/.exec(stats[1] ?? "");
    let kind: Kind;
    if (stats.length === 1 && stats[0] === "stats count(*) as events") kind = { kind: "total" };
    else if (stats.length === 1 && discover) kind = { kind: "discover", depth: Number(discover[1]) };
    else if (stats.length === 2 && stats[0] === "stats count(*) as n by user" && second) kind = { kind: "count", depth: Number(second[1]) };
    else malformed(`unsupported stats '${stats.join(" | ")}'`);
    return { excludeMissing, part, stats: kind };
  }

  private startQuery(input: StartQueryRequest): { queryId: string } {
    const o = this.options;
    this.calls.StartQuery++;
    const sameList = (a: string[] | undefined, b: string[] | undefined) => JSON.stringify(a) === JSON.stringify(b);
    if (!sameList(input.logGroupNames, o.logGroupNames) || !sameList(input.logGroupIdentifiers, o.logGroupIdentifiers) || input.logGroupName !== undefined) {
      throw new InvalidParameterException({ message: `unexpected log groups ${JSON.stringify(input)}`, $metadata: {} });
    }
    if (!Number.isInteger(input.startTime) || !Number.isInteger(input.endTime) || input.startTime !== o.startTime || input.endTime !== o.endTime) {
      throw new InvalidParameterException({ message: `unexpected time range ${input.startTime}..${input.endTime}, want ${o.startTime}..${o.endTime} (epoch seconds)`, $metadata: {} });
    }
    const now = o.clock.now();
    let running = 0;
    for (const q of this.running.values()) if (!q.stopped && q.completeAt > now) running++;
    if (running >= (o.concurrencyQuota ?? 30)) throw new LimitExceededException({ message: "too many concurrent queries", $metadata: {} });
    this.maxRunning = Math.max(this.maxRunning, running + 1);
    const queryString = input.queryString ?? "";
    this.queries.push(queryString);
    const began = performance.now();
    const parsed = this.parse(queryString);
    const response = this.evaluate(parsed, Math.min(input.limit ?? 1000, o.rowCap ?? 10_000));
    this.evaluationMs += performance.now() - began;
    const queryId = `q-${++this.nextId}`;
    this.running.set(queryId, { completeAt: now + (o.latencyMs ?? 2000), polled: 0, stopped: false, response });
    return { queryId };
  }

  private getQueryResults(queryId: string): GetQueryResultsResponse {
    this.calls.GetQueryResults++;
    const q = this.running.get(queryId);
    if (!q) throw new ResourceNotFoundException({ message: `no query ${queryId}`, $metadata: {} });
    q.polled++;
    if (q.stopped) return { status: "Cancelled", results: [] };
    if (this.options.clock.now() < q.completeAt) return { status: q.polled === 1 ? "Scheduled" : "Running", results: [] };
    return q.response;
  }

  private stopQuery(queryId: string): { success: boolean } {
    this.calls.StopQuery++;
    const q = this.running.get(queryId);
    if (!q || q.completeAt <= this.options.clock.now()) {
      throw new InvalidParameterException({ message: `query ${queryId} is not running`, $metadata: {} });
    }
    q.stopped = true;
    return { success: true };
  }

  /** The users a parsed query looks at: synthetic index ranges plus matching extras (merged by id). */
  private select(parsed: ParsedQuery): { ranges: Array<[number, number]>; extras: Map<string, { events: number; hash: number }> } {
    const pop = this.options.population;
    const ranges: Array<[number, number]> = [];
    if (parsed.part) {
      for (const prefix of parsed.part.prefixes) {
        const [lo, hi] = pop.rangeOf(prefix, parsed.part.depth);
        if (hi > lo) ranges.push([lo, hi]);
      }
    } else {
      ranges.push([0, pop.size]);
    }
    const extras = new Map<string, { events: number; hash: number }>();
    pop.extras.forEach((extra, j) => {
      if (parsed.excludeMissing && presentIdentity(extra.id) === null) return;
      if (parsed.part && !parsed.part.prefixes.has(Array.from(extra.id).slice(0, parsed.part.depth).join(""))) return;
      const seen = extras.get(extra.id);
      extras.set(extra.id, { events: (seen?.events ?? 0) + extra.events, hash: seen?.hash ?? fmix32((pop.size + j) ^ 0x5bd1e995) });
    });
    return { ranges, extras };
  }

  private evaluate(parsed: ParsedQuery, rowLimit: number): GetQueryResultsResponse {
    const pop = this.options.population;
    const { ranges, extras } = this.select(parsed);
    let matched = 0;
    const rows: Array<Record<string, string>> = [];
    const s = parsed.stats;
    if (s.kind === "total") {
      for (const [lo, hi] of ranges) for (let i = lo; i < hi; i++) matched += pop.eventsOf(i);
      for (const e of extras.values()) matched += e.events;
      rows.push({ events: String(matched) });
    } else if (s.kind === "discover") {
      const groups = new Map<string, number>();
      for (const [lo, hi] of ranges) {
        let key = -1;
        let sum = 0;
        for (let i = lo; i < hi; i++) {
          const k = pop.prefixIndex(i, s.depth);
          if (k !== key) {
            if (key >= 0) groups.set(pop.prefixString(key, s.depth), (groups.get(pop.prefixString(key, s.depth)) ?? 0) + sum);
            key = k;
            sum = 0;
          }
          sum += pop.eventsOf(i);
          matched += pop.eventsOf(i);
        }
        if (key >= 0) groups.set(pop.prefixString(key, s.depth), (groups.get(pop.prefixString(key, s.depth)) ?? 0) + sum);
      }
      for (const [id, e] of extras) {
        const key = Array.from(id).slice(0, s.depth).join("");
        groups.set(key, (groups.get(key) ?? 0) + e.events);
        matched += e.events;
      }
      for (const [prefix, events] of [...groups].slice(0, this.options.groupCap)) rows.push({ prefix, events: String(events) });
    } else {
      // First stats: one group per user, at most groupCap of them kept (smallest hashes).
      let users = extras.size;
      for (const [lo, hi] of ranges) users += hi - lo;
      const hashOf = (i: number) => fmix32(i ^ 0x5bd1e995);
      let threshold = Infinity;
      if (users > this.options.groupCap) {
        const hashes = new Uint32Array(users);
        let n = 0;
        for (const [lo, hi] of ranges) for (let i = lo; i < hi; i++) hashes[n++] = hashOf(i);
        for (const e of extras.values()) hashes[n++] = e.hash;
        hashes.sort();
        threshold = hashes[this.options.groupCap];
      }
      const groups = new Map<string, { users: number; events: number }>();
      const add = (key: string, events: number) => {
        const g = groups.get(key) ?? { users: 0, events: 0 };
        g.users++;
        g.events += events;
        groups.set(key, g);
      };
      for (const [lo, hi] of ranges) {
        let key = -1;
        let keyString = "";
        for (let i = lo; i < hi; i++) {
          const events = pop.eventsOf(i);
          matched += events;
          if (hashOf(i) >= threshold) continue;
          const k = pop.prefixIndex(i, s.depth);
          if (k !== key) {
            key = k;
            keyString = pop.prefixString(k, s.depth);
          }
          add(keyString, events);
        }
      }
      for (const [id, e] of extras) {
        matched += e.events;
        if (e.hash < threshold) add(Array.from(id).slice(0, s.depth).join(""), e.events);
      }
      for (const [prefix, g] of groups) rows.push({ prefix, users: String(g.users), events: String(g.events) });
    }
    let scanned = 0;
    for (const e of pop.extras) scanned += e.events;
    scanned += pop.size * 3;
    return {
      status: "Complete",
      results: rows.slice(0, rowLimit).map((row) => Object.entries(row).map(([field, value]) => ({ field, value }))),
      statistics: { recordsMatched: matched, recordsScanned: scanned, bytesScanned: scanned * 180 },
    };
  }
}
