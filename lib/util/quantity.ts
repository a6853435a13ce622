/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource). The type rejects `512MB` at compile
 * time; `isQuantity` rejects it at run time (for values computed or read from config) and `quantityFix` names the
 * fix. Values are exact (see exact-quantity.ts): compare and add them with compareQuantities, exactQuantity and
 * ExactQuantity, never with floats.
 */
import { ExactQuantity, parseQuantityJSON } from './exact-quantity';

export { ExactQuantity, QuantityFormat, parseExactQuantity } from './exact-quantity';

export type QuantitySuffix = '' | 'n' | 'u' | 'm' | 'k' | 'M' | 'G' | 'T' | 'P' | 'E' | 'Ki' | 'Mi' | 'Gi' | 'Ti' | 'Pi' | 'Ei';
/** A quantity such as `500m`, `0.5`, `512Mi`, `1Gi`, `2`. */
export type QuantityString = `${number}${QuantitySuffix}`;
/** A quantity as a string, or a plain number (cores, bytes, or a count). */
export type Quantity = QuantityString | number;

export const QUANTITY_ALLOWED =
  'a number with an optional suffix: binary Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024), decimal n, u, m, k, M, G, T, P, E, or an exponent like 1e3';

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

const parsedStrings = new Map<string, ExactQuantity | undefined>();

/**
 * The exact value of a quantity as the API server reads it from a manifest: a string (surrounding white space is
 * ignored, as the server's JSON decoding does) or a JSON number. Undefined when the server would reject it.
 */
export function exactQuantity(q: unknown): ExactQuantity | undefined {
  if (typeof q !== 'string') {
    const parsed = parseQuantityJSON(q);
    return typeof parsed === 'object' ? parsed : undefined;
  }
  // Files repeat the same few quantities ("100m", "128Mi") thousands of times: each string is parsed once
  // (ExactQuantity is immutable; the map is emptied when it grows large, to bound memory).
  if (parsedStrings.has(q)) return parsedStrings.get(q);
  const parsed = parseQuantityJSON(q);
  const v = typeof parsed === 'object' ? parsed : undefined;
  if (parsedStrings.size >= 10000) parsedStrings.clear();
  parsedStrings.set(q, v);
  return v;
}

/** The milli unit the API server rounds every v1 ResourceList value up to when it defaults an object. */
export const RESOURCE_LIST_SCALE = -3;

/**
 * A value of a v1 ResourceList (container requests and limits, ResourceQuota hard, LimitRange items, PVC requests,
 * PV capacity) as the server validates and stores it: parsed, then rounded up to milli units (`1n` is `1m`,
 * `1000001u` is `1001m`). Compare such values with this, not with exactQuantity.
 */
export function resourceQuantity(q: unknown): ExactQuantity | undefined {
  return exactQuantity(q)?.roundUp(RESOURCE_LIST_SCALE);
}

/** compareQuantities for two values of a v1 ResourceList (both rounded up to milli units first, as the server does). */
export function compareResourceQuantities(a: Quantity, b: Quantity): number {
  const x = resourceQuantity(a);
  const y = resourceQuantity(b);
  return x && y ? x.cmp(y) : NaN;
}

/**
 * The numeric value of a quantity (cores, bytes, or a count) as an approximate float, or undefined when it does
 * not parse. For display and rough arithmetic only: compare with compareQuantities (exact).
 */
export function quantityValue(q: Quantity | string): number | undefined {
  return exactQuantity(q)?.toNumber();
}

export function isQuantity(q: unknown): q is Quantity {
  return exactQuantity(q) !== undefined;
}

/**
 * Compares quantities by exact value (1Gi == 1024Mi, 1150m == 1.15): negative, zero or positive as a is below,
 * equal to or above b; NaN when either is not a quantity.
 */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const x = exactQuantity(a);
  const y = exactQuantity(b);
  return x && y ? x.cmp(y) : NaN;
}

/** The text the API server stores and returns for a quantity (`1.5` -> `1500m`, `1024Mi` -> `1Gi`), or undefined. */
export function canonicalQuantity(q: Quantity | string): string | undefined {
  return exactQuantity(q)?.toString();
}

/** The exact sum of quantities (undefined when one does not parse), in the first one's suffix family. */
export function sumQuantities(qs: readonly (Quantity | string)[]): ExactQuantity | undefined {
  let total = ExactQuantity.of(0n);
  for (const q of qs) {
    const v = exactQuantity(q);
    if (!v) return undefined;
    total = total.add(v);
  }
  return total;
}

/**
 * The API server's LimitRange check that maxLimitRequestRatio can be met by max/min. The server computes it in
 * float64 from Value() or MilliValue() (int64), so it is reproduced step by step, overflow included. Returns the
 * max/min ratio it compares with, and whether the ratio exceeds it.
 */
export function limitRequestRatioCheck(ratio: ExactQuantity, min: ExactQuantity, max: ExactQuantity): { readonly exceeds: boolean; readonly limit: number } {
  const MAX_MILLI = ((1n << 63n) - 1n) / 1000n;
  let ratioValue = Number(ratio.serverValue());
  let minValue = min.serverValue();
  let maxValue = max.serverValue();
  if (ratio.serverValue() < MAX_MILLI && minValue < MAX_MILLI && maxValue < MAX_MILLI) {
    ratioValue = Number(ratio.serverMilliValue()) / 1000;
    minValue = min.serverMilliValue();
    maxValue = max.serverMilliValue();
  }
  const limit = Number(maxValue) / Number(minValue);
  return { exceeds: ratioValue > limit, limit };
}

/** The server's integer check for counted resources (extended resources, object counts): MilliValue() % 1000 == 0. */
export function isServerInteger(q: ExactQuantity): boolean {
  return q.serverMilliValue() % 1000n === 0n;
}
