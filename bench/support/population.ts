/**
 * A synthetic user population that is never materialized: user i's id is i written in a seeded,
 * shuffled alphabet of one-code-point symbols (quotes, backslash, HTML specials, an accented
 * letter and an astral emoji among them), fixed width; its event count is a hash of i. Users
 * with a given prefix are one contiguous range of i, so a query over a part costs the part's size.
 * A few hand-written "extras" (short ids, hostile names, "-" and "" which are not users) sit
 * beside the synthetic ones.
 */

/** A bijective 32-bit mix (murmur3 finalizer): distinct inputs give distinct outputs. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    state = fmix32(state + 0x9e3779b9);
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface ExtraUser {
  id: string;
  events: number;
}

export const HOSTILE_EXTRAS: ExtraUser[] = [
  { id: `<script>alert("x")</script>`, events: 3 },
  { id: `<img src=x onerror=alert(1)>`, events: 1 },
  { id: `"quoted" & 'single'`, events: 2 },
  { id: "back\\slash\\", events: 4 },
  { id: "a", events: 2 },
  { id: "a", events: 5 },
  { id: "😀", events: 1 },
  { id: "-", events: 7 },
  { id: "", events: 3 },
];

const BASE_SYMBOLS = [..."0123456789abcdefghijklmnopqrstuvwxyz", '"', "\\", "<", ">", "&", "'", "é", "😀"];

export class Population {
  readonly alphabet: string[];
  readonly base: number;
  readonly width: number;
  private readonly symbolIndex: Map<string, number>;
  readonly extras: ExtraUser[];

  constructor(
    readonly size: number,
    readonly seed = 42,
    extras: ExtraUser[] = HOSTILE_EXTRAS,
  ) {
    this.alphabet = shuffled(BASE_SYMBOLS, seed);
    this.base = this.alphabet.length;
    let width = 1;
    while (this.base ** width < size) width++;
    this.width = width;
    this.symbolIndex = new Map(this.alphabet.map((s, i) => [s, i]));
    for (const extra of extras) {
      if (this.syntheticIndex(extra.id) !== undefined) throw new Error(`extra ${extra.id} collides with a synthetic id`);
    }
    this.extras = extras;
  }

  idOf(i: number): string {
    const digits: string[] = [];
    let rest = i;
    for (let d = 0; d < this.width; d++) {
      digits.push(this.alphabet[rest % this.base]);
      rest = Math.floor(rest / this.base);
    }
    return digits.reverse().join("");
  }

  eventsOf(i: number): number {
    return 1 + (fmix32(i ^ this.seed) % 5);
  }

  /** Index of a synthetic id, undefined when the string is not one. */
  syntheticIndex(id: string): number | undefined {
    const symbols = Array.from(id);
    if (symbols.length !== this.width) return undefined;
    let value = 0;
    for (const s of symbols) {
      const digit = this.symbolIndex.get(s);
      if (digit === undefined) return undefined;
      value = value * this.base + digit;
    }
    return value < this.size ? value : undefined;
  }

  /**
   * The range of synthetic indexes whose first min(depth, width) symbols equal `prefix`
   * (empty when the prefix cannot be such a prefix).
   */
  rangeOf(prefix: string, depth: number): [number, number] {
    const symbols = Array.from(prefix);
    const length = Math.min(depth, this.width);
    if (symbols.length !== length) return [0, 0];
    let value = 0;
    for (const s of symbols) {
      const digit = this.symbolIndex.get(s);
      if (digit === undefined) return [0, 0];
      value = value * this.base + digit;
    }
    const span = this.base ** (this.width - length);
    return [Math.min(this.size, value * span), Math.min(this.size, (value + 1) * span)];
  }

  /** The first min(depth, width) symbols of synthetic user i, as the index of that prefix. */
  prefixIndex(i: number, depth: number): number {
    return Math.floor(i / this.base ** (this.width - Math.min(depth, this.width)));
  }

  prefixString(index: number, depth: number): string {
    const length = Math.min(depth, this.width);
    const digits: string[] = [];
    let rest = index;
    for (let d = 0; d < length; d++) {
      digits.push(this.alphabet[rest % this.base]);
      rest = Math.floor(rest / this.base);
    }
    return digits.reverse().join("");
  }

  /** What the widget must show: synthetic users plus distinct extras that are real users. */
  expectedDistinctUsers(): number {
    const extras = new Set(this.extras.map((e) => e.id).filter((id) => id !== "" && id !== "-"));
    return this.size + extras.size;
  }
}
