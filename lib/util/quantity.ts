/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource). The type rejects `512MB` at compile
 * time; `parseQuantity` rejects it at run time (for values computed or read from config) and names the fix.
 */

export type QuantitySuffix = '' | 'm' | 'k' | 'M' | 'G' | 'T' | 'P' | 'E' | 'Ki' | 'Mi' | 'Gi' | 'Ti' | 'Pi' | 'Ei';
/** A quantity such as `500m`, `0.5`, `512Mi`, `1Gi`, `2`. */
export type QuantityString = `${number}${QuantitySuffix}`;
/** A quantity as a string, or a plain number (cores, bytes, or a count). */
export type Quantity = QuantityString | number;

const MULTIPLIERS: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

// The apiserver's grammar: sign, digits with optional fraction, then a binary/decimal suffix or an exponent.
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

export const QUANTITY_ALLOWED =
  'a number with an optional suffix: binary Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024), decimal m, k, M, G, T, P, E, or an exponent like 1e3';

/** Explains a quantity that does not parse, with the most likely intended spelling. */
export function quantityFix(text: string): string {
  const m = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]+)$/.exec(text.trim());
  if (m) {
    const [, num, unit] = m;
    const u = unit.toLowerCase();
    const binary: Record<string, string> = { kb: 'Ki', kib: 'Ki', mb: 'Mi', mib: 'Mi', gb: 'Gi', gib: 'Gi', tb: 'Ti', tib: 'Ti', pb: 'Pi', pib: 'Pi' };
    if (binary[u]) {
      const dec = binary[u][0].toUpperCase() === 'K' ? 'k' : binary[u][0];
      return `write "${num}${binary[u]}" (${binary[u]} = 1024-based, what memory and disk sizes usually mean) or "${num}${dec}" (1000-based)`;
    }
    if (u === 'cpu' || u === 'cores' || u === 'core') return `write "${num}" for ${num} cores, or millicores like "${Number(num) * 1000}m"`;
    if (u === 'b' || u === 'bytes') return `write "${num}" (plain bytes, no unit)`;
  }
  return 'use a Kubernetes quantity such as "500m", "1", "512Mi" or "10Gi"';
}

/** The numeric value of a quantity (cores, bytes, or a count), or undefined when it does not parse. */
export function quantityValue(q: Quantity | string): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  const m = QUANTITY.exec(q);
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix[0] === 'e' || suffix[0] === 'E') return n * 10 ** Number(suffix.slice(1));
  return n * MULTIPLIERS[suffix];
}

export function isQuantity(q: unknown): q is Quantity {
  return (typeof q === 'number' && Number.isFinite(q)) || (typeof q === 'string' && QUANTITY.test(q));
}

/** Kubernetes compares quantities by value: 1Gi == 1024Mi. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return (quantityValue(a) ?? NaN) - (quantityValue(b) ?? NaN);
}
