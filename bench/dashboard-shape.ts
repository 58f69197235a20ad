/** The size of the dashboard benchmark's data set and the shape of its load steps. */
export interface DashboardDataShape {
  readonly scale: number;
  /** The benchmark's "now": every generated instant lies in the year before it. */
  readonly referenceTime: Date;
  readonly merchants: number;
  readonly suppliers: number;
  readonly productsPerSupplier: number;
  /** Shop guides (each with a card) spread over the merchants by their weight, two at least each. */
  readonly guides: number;
  readonly buyers: number;
  readonly orders: number;
  readonly trackingEvents: number;
}

export function dashboardDataShape(scale: number, referenceTime: Date): DashboardDataShape {
  return {
    scale,
    referenceTime,
    merchants: 100,
    suppliers: 20,
    productsPerSupplier: 100,
    guides: Math.max(300, Math.round(2_000 * Math.min(1, scale * 4))),
    buyers: Math.max(2_000, Math.round(300_000 * scale)),
    orders: Math.round(1_000_000 * scale),
    trackingEvents: Math.round(10_000_000 * scale),
  };
}

export interface LoadStep {
  readonly label: string;
  readonly sql: string;
  readonly values?: unknown[];
}

/** `prefix_` + 26 characters, like the app's ids (`[a-z]{2,4}_[0-9a-z]{26}`). */
export const idOf = (prefix: string, numberSql: string) => `'${prefix}_' || lpad((${numberSql})::text, 26, '0')`;

