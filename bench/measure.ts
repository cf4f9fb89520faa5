/** Small timing helpers shared by the benchmarks: median of repeated runs, peak RSS, a table. */
import { performance } from "node:perf_hooks";

export async function medianMs(runs: number, fn: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Peak resident set size of this process so far, in MiB (Linux `maxRSS` is in KiB). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function printTable(rows: Array<Record<string, string | number>>): void {
  console.table(rows);
}

/** A seeded PRNG (mulberry32) so every run of a benchmark measures the same payload. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
