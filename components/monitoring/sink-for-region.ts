import { regionOfArn } from "../../contracts/regions";

/** What a monitoring stack publishes about its sinks (oamSinkArns since contract 1.2.0). */
export interface PublishedSinks {
  readonly oamSinkArns?: Readonly<Record<string, string>> | null;
  readonly oamSinkArn?: string | null;
}

/**
 * The sink a source stack in `region` links to: the monitoring stack's sink for that Region. An OAM
 * link attaches only to a sink in its own Region, so any other answer is an error naming both.
 */
export function sinkForRegion(monitoringStack: string, region: string, published: PublishedSinks): string {
  const byRegion = { ...(published.oamSinkArns ?? {}) };
  const home = published.oamSinkArn ?? undefined;
  const homeRegion = home ? regionOfArn(home) : undefined;
  if (home && homeRegion && !(homeRegion in byRegion)) byRegion[homeRegion] = home;
  const sink = byRegion[region];
  if (sink) return sink;
  const served = Object.keys(byRegion).sort();
  throw new Error(
    `monitoring stack ${monitoringStack} has no sink in ${region}, the Region of this stack (it serves ${served.join(", ") || "no Region"}); ` +
      `add ${region} to its api-usage-insights:monitoringRegions and deploy it first`,
  );
}
