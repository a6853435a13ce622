/**
 * Quantity parsing for the rules. A set repeats the same few quantities ("100m", "128Mi") thousands of times,
 * so the value of each string is remembered (the map is emptied when it grows large, to bound memory).
 */
import { isQuantity, quantityValue } from '../util/quantity';

const values = new Map<string, number | undefined>();
const MAX_REMEMBERED = 10000;

/** The value of `q` when it is a valid quantity (isQuantity), else undefined. */
export function quantityOf(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const hit = values.get(q);
  if (hit !== undefined || values.has(q)) return hit;
  const v = isQuantity(q) ? quantityValue(q) : undefined;
  if (values.size >= MAX_REMEMBERED) values.clear();
  values.set(q, v);
  return v;
}
