/**
 * Exact distinct users over Logs Insights, proven in the same run.
 *
 * A count query (`stats count(*) as n by user | stats count(*) as users, sum(n) as events by
 * prefix`) is exact for a part of the user key space exactly when the surviving per-user counts
 * add up to the part's matching events: every user has n >= 1, so a dropped user group always
 * shows as a shortfall. The parts' event totals come from single-stats discover queries whose
 * own sums are checked against the parent part (and, at the root, against a total query).
 * Parts that fall short are split by one more leading character and counted again, packed
 * several to a query by their estimated users so each query stays under the observed group cap.
 */
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { DeadlineError, WidgetError } from "./errors";
import { countQuery, discoverQuery, MAX_QUERY_LENGTH, quoteLiteral, totalQuery, type QueryBase } from "./logs-queries";
import { RESULT_ROW_LIMIT, runLogsQuery, type LogsQueryOutcome, type LogsTarget } from "./logs-runner";
import { settleAll, type RunContext } from "./run-context";

export interface LogsCountRequest {
  target: LogsTarget;
  base: QueryBase;
  /** Upper bound on queries for this count; reaching it ends with a not-exact error. */
  maxQueries: number;
}

export interface ExactLogsCount {
  users: number;
  /** Matching events (with a user) in the range. */
  events: number;
  recordsScanned: number;
  bytesScanned: number;
  queries: number;
  /** Disjoint key-space parts whose counts were proven and added. */
  parts: number;
  /** Longest prefix used to split the key space (0: no split needed). */
  depth: number;
}

interface Part {
  prefix: string;
  depth: number;
  events: number;
  failures: number;
  /** The last count attempt had this part alone in its query. */
  alone: boolean;
  /** Its discover query must run for this part alone (a packed one hit the row limit). */
  discoverAlone: boolean;
}

const MAX_DEPTH = 1024;
const MAX_PARTS_PER_COUNT = 200;
const MAX_PARENTS_PER_DISCOVER = 50;
/** Fill a count query to this share of the group cap seen so far. */
const PACK_FILL = 0.7;

function number(row: Record<string, string> | undefined, field: string, query: string): number {
  const raw = row?.[field];
  const value = Number(raw);
  if (raw === undefined || !Number.isSafeInteger(value) || value < 0) {
    throw new WidgetError("not-exact", `a ${query} query returned ${JSON.stringify(raw)} for ${field}; expected a count`);
  }
  return value;
}

function prefixOf(value: string, depth: number): string {
  return Array.from(value).slice(0, depth).join("");
}

class ExactCounter {
  private users = 0;
  private coveredEvents = 0;
  private provenParts = 0;
  private maxDepth = 0;
  private queries = 0;
  private bytesScanned = 0;
  private retainedUsers = 0;
  private retainedEvents = 0;
  /** Smallest number of user groups a truncated count query kept. */
  private capacity = Infinity;
  private pending: Part[] = [];

  constructor(
    private readonly client: CloudWatchLogsClient,
    private readonly request: LogsCountRequest,
    private readonly run: RunContext,
  ) {}

  private async query(queryString: string): Promise<LogsQueryOutcome> {
    if (this.queries >= this.request.maxQueries) {
      throw new WidgetError(
        "not-exact",
        `stopped after ${this.queries} queries (limit ${this.request.maxQueries}); ${this.progress()}`,
      );
    }
    this.queries++;
    const outcome = await runLogsQuery(this.client, this.request.target, queryString, this.run);
    this.bytesScanned += outcome.bytesScanned;
    return outcome;
  }

  progress(): string {
    return `at least ${this.users} distinct users proven so far, in parts holding ${this.coveredEvents} events`;
  }

  async count(): Promise<ExactLogsCount> {
    const base = this.request.base;
    const [total, discovered, counted] = await settleAll(this.run, [
      () => this.query(totalQuery(base)),
      () => this.query(discoverQuery(base, 0, undefined)),
      () => this.query(countQuery(base, 1, undefined)),
    ]);
    const events = total.rows.length === 0 ? 0 : number(total.rows[0], "events", "total");
    if (events > 0) {
      const root: Part = { prefix: "", depth: 0, events, failures: 0, alone: true, discoverAlone: true };
      const children = this.childrenOf([root], discovered);
      this.applyCount(children, counted);
      while (this.pending.length > 0) await this.round();
    }
    if (this.coveredEvents !== events) {
      throw new WidgetError("not-exact", `proven parts hold ${this.coveredEvents} of ${events} events`);
    }
    return {
      users: this.users,
      events,
      recordsScanned: total.recordsScanned,
      bytesScanned: this.bytesScanned,
      queries: this.queries,
      parts: this.provenParts,
      depth: this.maxDepth,
    };
  }

  /** Children of the parents from a discover query, each with its exact events; checks the sums. */
  private childrenOf(parents: Part[], outcome: LogsQueryOutcome): Part[] {
    const depth = parents[0].depth;
    const byParent = new Map<string, Part[]>(parents.map((p) => [p.prefix, []]));
    for (const row of outcome.rows) {
      const prefix = row.prefix ?? "";
      const siblings = byParent.get(prefixOf(prefix, depth));
      if (siblings === undefined) {
        throw new WidgetError("not-exact", `a discover query returned prefix ${quoteLiteral(prefix)} outside the parts it asked about`);
      }
      siblings.push({ prefix, depth: depth + 1, events: number(row, "events", "discover"), failures: 0, alone: false, discoverAlone: false });
    }
    const children: Part[] = [];
    for (const parent of parents) {
      const found = byParent.get(parent.prefix) ?? [];
      const sum = found.reduce((s, c) => s + c.events, 0);
      if (sum === parent.events) {
        children.push(...found);
      } else if (outcome.rows.length >= RESULT_ROW_LIMIT && parents.length > 1) {
        this.pending.push({ ...parent, discoverAlone: true });
      } else {
        const where = parent.depth === 0 ? "all users" : `users starting with ${quoteLiteral(parent.prefix)}`;
        const reason = outcome.rows.length >= RESULT_ROW_LIMIT ? `more than ${RESULT_ROW_LIMIT} distinct next characters` : "the per-prefix counts do not add up";
        throw new WidgetError("not-exact", `cannot split ${where} (${parent.events} events): ${reason}`);
      }
    }
    this.maxDepth = Math.max(this.maxDepth, depth + 1);
    return children;
  }

  /** Accepts every part of the pack whose surviving per-user counts equal its events. */
  private applyCount(pack: Part[], outcome: LogsQueryOutcome): void {
    const rows = new Map(outcome.rows.map((row) => [row.prefix ?? "", row]));
    let keptUsers = 0;
    for (const row of outcome.rows) {
      keptUsers += number(row, "users", "count");
      this.retainedEvents += number(row, "events", "count");
    }
    this.retainedUsers += keptUsers;
    let shortfall = false;
    for (const part of pack) {
      const row = rows.get(part.prefix);
      const partEvents = row === undefined ? 0 : number(row, "events", "count");
      if (partEvents > part.events) {
        throw new WidgetError("not-exact", `part ${quoteLiteral(part.prefix)} counted ${partEvents} events but holds ${part.events}`);
      }
      if (row !== undefined && partEvents === part.events) {
        this.users += number(row, "users", "count");
        this.coveredEvents += part.events;
        this.provenParts++;
      } else {
        shortfall = true;
        this.pending.push({ ...part, failures: part.failures + 1, alone: pack.length === 1 });
      }
    }
    if (shortfall && keptUsers > 0) this.capacity = Math.min(this.capacity, keptUsers);
  }

  private estimatedUsers(part: Part): number {
    const perUser = this.retainedUsers > 0 ? this.retainedEvents / this.retainedUsers : 1;
    return Math.min(part.events, part.events / perUser);
  }

  private async round(): Promise<void> {
    const parts = this.pending;
    this.pending = [];
    const target = this.capacity === Infinity ? Infinity : Math.max(1, Math.floor(this.capacity * PACK_FILL));
    const toSplit: Part[] = [];
    const toCount: Part[] = [];
    for (const part of parts) {
      if (part.events === 1) {
        // One event is one user: proven without a query.
        this.users += 1;
        this.coveredEvents += 1;
        this.provenParts++;
      } else if (part.discoverAlone || part.failures >= 2 || (part.failures >= 1 && part.alone) || this.estimatedUsers(part) > target) {
        toSplit.push(part);
      } else {
        toCount.push(part);
      }
    }
    const tasks: Array<() => Promise<void>> = [];
    for (const pack of this.pack(toCount, (p) => this.estimatedUsers(p), target, MAX_PARTS_PER_COUNT)) {
      const depth = pack[0].depth;
      const qs = countQuery(this.request.base, depth, pack.map((p) => p.prefix));
      tasks.push(async () => this.applyCount(pack, await this.query(qs)));
    }
    const alone = toSplit.filter((p) => p.discoverAlone);
    const packable = toSplit.filter((p) => !p.discoverAlone);
    const discoverPacks = [...alone.map((p) => [p]), ...this.pack(packable, () => 1, MAX_PARENTS_PER_DISCOVER, MAX_PARENTS_PER_DISCOVER)];
    for (const pack of discoverPacks) {
      const depth = pack[0].depth;
      if (depth >= MAX_DEPTH) throw new WidgetError("not-exact", `user keys share prefixes longer than ${MAX_DEPTH} characters`);
      const qs = discoverQuery(this.request.base, depth, pack.map((p) => p.prefix));
      tasks.push(async () => {
        const children = this.childrenOf(pack, await this.query(qs));
        this.pending.push(...children.map((c) => ({ ...c, discoverAlone: false })));
      });
    }
    await settleAll(this.run, tasks);
  }

  /** Greedy packs of parts of one depth, bounded by weight, count and query length. */
  private pack(parts: Part[], weight: (p: Part) => number, maxWeight: number, maxCount: number): Part[][] {
    const byDepth = new Map<number, Part[]>();
    for (const part of parts) byDepth.set(part.depth, [...(byDepth.get(part.depth) ?? []), part]);
    const packs: Part[][] = [];
    for (const group of byDepth.values()) {
      let current: Part[] = [];
      let load = 0;
      let length = 0;
      for (const part of group) {
        const w = weight(part);
        const l = quoteLiteral(part.prefix).length + 2;
        if (current.length > 0 && (load + w > maxWeight || current.length >= maxCount || length + l > MAX_QUERY_LENGTH - 600)) {
          packs.push(current);
          current = [];
          load = 0;
          length = 0;
        }
        current.push(part);
        load += w;
        length += l;
      }
      if (current.length > 0) packs.push(current);
    }
    return packs;
  }
}

export async function countDistinctUsersExactly(
  client: CloudWatchLogsClient,
  request: LogsCountRequest,
  run: RunContext,
): Promise<ExactLogsCount> {
  const counter = new ExactCounter(client, request, run);
  try {
    return await counter.count();
  } catch (error) {
    if (error instanceof DeadlineError) throw new DeadlineError(`${error.message}; ${counter.progress()}`);
    throw error;
  }
}
