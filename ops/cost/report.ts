/** The estimate as text: components of both designs side by side, then every line, the unverified prices and the assumptions. */
import type { Estimate } from "./estimate";
import { PRICES, type PriceId, type PricedRegion } from "./prices";

export const usd = (value: number) => `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function sideBySide(ours: Estimate, sample: Estimate): string {
  const names = ours.components.map((c) => c.name);
  const width = Math.max(...names.map((n) => n.length), 5) + 2;
  const row = (a: string, b: string, c: string) => `${a.padEnd(width)}${b.padStart(14)}${c.padStart(14)}`;
  const lines = [row("", ours.design, sample.design)];
  for (const name of names) {
    const a = ours.components.find((c) => c.name === name);
    const b = sample.components.find((c) => c.name === name);
    lines.push(row(name, usd(a?.usd ?? 0), usd(b?.usd ?? 0)));
  }
  lines.push(row("Total a month", usd(ours.usd), usd(sample.usd)));
  return lines.join("\n");
}

export function lineDetail(e: Estimate): string {
  const out = [`${e.design}:`];
  for (const c of e.components) {
    out.push(`  ${c.name}: ${usd(c.usd)}${c.note ? ` (${c.note})` : ""}`);
    for (const l of c.lines) {
      out.push(`    ${l.what}: ${formatQuantity(l.quantity)} × ${usd4(l.unitUsd)} [${l.priceId}${l.verified ? "" : ", UNVERIFIED"}] = ${usd(l.usd)}`);
    }
  }
  return out.join("\n");
}

const formatQuantity = (q: number) => (q === 0 ? "0" : q >= 100 ? Math.round(q).toLocaleString("en-US") : q.toPrecision(3));
const usd4 = (value: number) => `$${value < 0.01 ? value.toPrecision(3) : value.toFixed(3)}`;

/** The prices the estimates used that no page confirmed, with where to read them. */
export function unverifiedPrices(region: PricedRegion, used: readonly Estimate[]): string[] {
  const ids = new Set<PriceId>(used.flatMap((e) => e.components.flatMap((c) => c.lines.filter((l) => !l.verified).map((l) => l.priceId))));
  return PRICES.filter((p) => p.region === region && ids.has(p.id)).map((p) => `${p.id}: ${usd4(p.unverifiedUsd ?? 0)} per ${p.unit} — not read from any page; check ${p.source}`);
}
