/**
 * API key name, customer id and usage plan per API key id, read from the API Gateway management
 * API and cached in memory for a TTL. One refresh runs at a time: concurrent callers await the
 * same promise. The catalog fails open: when the API fails, callers get the previous snapshot (or
 * an empty one) marked `degraded`, a warning is logged once for that refresh, and the next attempt
 * waits a while. Every call is bounded by the caller's deadline (capped at `lookupTimeoutMs`): a
 * refresh that has not finished by then is abandoned and fails open the same way.
 */
import {
  APIGatewayClient,
  GetApiKeysCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
} from "@aws-sdk/client-api-gateway";
import { callBefore, Deadline } from "../shared/bounded-calls";

export interface ApiKeyUsage {
  readonly apiKeyName: string | null;
  readonly customerId: string | null;
  readonly usagePlanId: string | null;
  readonly usagePlanName: string | null;
}

interface PlanInfo {
  readonly id: string;
  readonly name: string | null;
  /** "apiId/stage" pairs the plan covers. */
  readonly stages: ReadonlySet<string>;
}

interface KeyInfo {
  readonly name: string | null;
  readonly customerId: string | null;
}

export class UsagePlanSnapshot {
  static readonly EMPTY = new UsagePlanSnapshot(new Map(), new Map());

  constructor(
    private readonly keys: ReadonlyMap<string, KeyInfo>,
    private readonly plansByKey: ReadonlyMap<string, readonly PlanInfo[]>,
    /** Why this is an older (or the empty) snapshot: the refresh that should have replaced it failed. */
    readonly degraded?: string,
  ) {}

  /** This snapshot's data, marked as what is left after a failed refresh. */
  degradedBy(reason: string): UsagePlanSnapshot {
    return new UsagePlanSnapshot(this.keys, this.plansByKey, reason);
  }

  get keyCount(): number {
    return this.keys.size;
  }

  /**
   * A key may be in several plans (for different stages); the plan covering this API stage wins,
   * else the first plan listing the key.
   */
  lookup(apiKeyId: string, apiId: string | null, stage: string | null): ApiKeyUsage | undefined {
    const key = this.keys.get(apiKeyId);
    const plans = this.plansByKey.get(apiKeyId);
    if (key === undefined && plans === undefined) return undefined;
    let plan = plans?.[0];
    if (plans !== undefined && plans.length > 1 && apiId !== null && stage !== null) {
      plan = plans.find((p) => p.stages.has(`${apiId}/${stage}`)) ?? plan;
    }
    return {
      apiKeyName: key?.name ?? null,
      customerId: key?.customerId ?? null,
      usagePlanId: plan?.id ?? null,
      usagePlanName: plan?.name ?? null,
    };
  }
}

export interface WarningLogger {
  warn(message: string, extra: Record<string, unknown>): void;
}

export interface UsagePlanCatalogOptions {
  readonly client: APIGatewayClient;
  readonly ttlMs: number;
  /** How many GetUsagePlanKeys requests run at once. */
  readonly keysConcurrency: number;
  readonly logger: WarningLogger;
  /** Wait before retrying after a failed refresh; defaults to min(ttl, 60 s). */
  readonly retryAfterFailureMs?: number;
  /** Longest a refresh may take, whatever the caller's deadline; default: no cap. */
  readonly lookupTimeoutMs?: number;
  readonly now?: () => number;
}

const PAGE_LIMIT = 500;
const MAX_PAGES = 10_000;

export class UsagePlanCatalog {
  private snapshot: UsagePlanSnapshot = UsagePlanSnapshot.EMPTY;
  private validUntil = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<UsagePlanSnapshot> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: UsagePlanCatalogOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * The current snapshot, refreshed first when the TTL has passed; settles by `deadline` (or
   * `lookupTimeoutMs`, whichever is first). Never rejects.
   */
  current(deadline: Deadline = new Deadline(Number.POSITIVE_INFINITY)): Promise<UsagePlanSnapshot> {
    if (this.now() < this.validUntil) return Promise.resolve(this.snapshot);
    const bounded = this.options.lookupTimeoutMs === undefined ? deadline : deadline.within(this.options.lookupTimeoutMs);
    this.inFlight ??= this.refresh(bounded).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async refresh(deadline: Deadline): Promise<UsagePlanSnapshot> {
    const started = this.now();
    try {
      this.snapshot = await loadSnapshot(this.options.client, this.options.keysConcurrency, deadline);
      this.validUntil = started + this.options.ttlMs;
      return this.snapshot;
    } catch (error) {
      const retryMs = this.options.retryAfterFailureMs ?? Math.min(this.options.ttlMs, 60_000);
      this.validUntil = this.now() + retryMs;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.options.logger.warn("Usage plan lookup failed; records are enriched without usage plan data until the next refresh", {
        error: reason,
        retryInSeconds: Math.round(retryMs / 1000),
        keptPreviousSnapshotKeys: this.snapshot.keyCount,
      });
      this.snapshot = this.snapshot.degradedBy(reason);
      return this.snapshot;
    }
  }
}

async function loadSnapshot(client: APIGatewayClient, keysConcurrency: number, deadline: Deadline): Promise<UsagePlanSnapshot> {
  const [plans, apiKeys] = await Promise.all([
    allPages(async (position) => {
      const page = await callBefore(deadline, "GetUsagePlans", (abortSignal) => client.send(new GetUsagePlansCommand({ position, limit: PAGE_LIMIT }), { abortSignal }));
      return { items: page.items, position: page.position };
    }),
    allPages(async (position) => {
      const page = await callBefore(deadline, "GetApiKeys", (abortSignal) =>
        client.send(new GetApiKeysCommand({ position, limit: PAGE_LIMIT, includeValues: false }), { abortSignal }),
      );
      return { items: page.items, position: page.position };
    }),
  ]);

  const keys = new Map<string, KeyInfo>();
  for (const key of apiKeys) {
    if (key.id !== undefined) keys.set(key.id, { name: key.name ?? null, customerId: key.customerId ?? null });
  }

  const planInfos: PlanInfo[] = plans
    .filter((p) => p.id !== undefined)
    .map((p) => ({
      id: p.id as string,
      name: p.name ?? null,
      stages: new Set((p.apiStages ?? []).map((s) => `${s.apiId ?? ""}/${s.stage ?? ""}`)),
    }));

  const plansByKey = new Map<string, PlanInfo[]>();
  await forEachWithConcurrency(planInfos, keysConcurrency, async (plan) => {
    const planKeys = await allPages(async (position) => {
      const page = await callBefore(deadline, "GetUsagePlanKeys", (abortSignal) =>
        client.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id, position, limit: PAGE_LIMIT }), { abortSignal }),
      );
      return { items: page.items, position: page.position };
    });
    for (const key of planKeys) {
      if (key.id === undefined) continue;
      const list = plansByKey.get(key.id);
      if (list === undefined) plansByKey.set(key.id, [plan]);
      else list.push(plan);
    }
  });
  // Plans were fetched concurrently; order each key's plans as GetUsagePlans listed them.
  const order = new Map(planInfos.map((p, i) => [p.id, i]));
  for (const list of plansByKey.values()) list.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return new UsagePlanSnapshot(keys, plansByKey);
}

interface Page<T> {
  readonly items: T[] | undefined;
  readonly position: string | undefined;
}

/** Follows `position` until the API stops returning one. */
export async function allPages<T>(fetchPage: (position: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let position: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await fetchPage(position);
    if (page.items !== undefined) all.push(...page.items);
    if (page.position === undefined || page.position === "") return all;
    if (seen.has(page.position)) throw new Error(`pagination repeated position ${JSON.stringify(page.position)}`);
    seen.add(page.position);
    position = page.position;
  }
  throw new Error(`pagination did not end after ${MAX_PAGES} pages`);
}

export async function forEachWithConcurrency<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (error) {
        failed = true; // stop the other workers from spending the shared request budget
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
