/** An estimate: components made of priced lines; a component's cost is the sum of its lines, the total the sum of the components. */
import { priceOf, type PriceId, type PricedRegion, type PriceLine, PRICES } from "./prices";

export interface CostLine {
  readonly what: string;
  /** Quantity in the price's unit. */
  readonly quantity: number;
  readonly priceId: PriceId;
  readonly unitUsd: number;
  readonly usd: number;
  readonly verified: boolean;
}

export interface Component {
  readonly name: string;
  readonly lines: readonly CostLine[];
  readonly usd: number;
  /** Said next to the component, e.g. "not in the sample; counted the same so totals compare". */
  readonly note?: string;
}

export interface Estimate {
  readonly design: string;
  readonly components: readonly Component[];
  readonly usd: number;
}

/** Prices lines in one Region with one table. */
export class Pricer {
  constructor(
    readonly region: PricedRegion,
    private readonly table: readonly PriceLine[] = PRICES,
  ) {}

  line(what: string, priceId: PriceId, quantity: number): CostLine {
    const { usd, verified } = priceOf(priceId, this.region, this.table);
    return { what, quantity, priceId, unitUsd: usd, usd: quantity * usd, verified };
  }
}

export function component(name: string, lines: readonly CostLine[], note?: string): Component {
  return { name, lines, usd: lines.reduce((sum, l) => sum + l.usd, 0), note };
}

export function estimate(design: string, components: readonly Component[]): Estimate {
  return { design, components, usd: components.reduce((sum, c) => sum + c.usd, 0) };
}
