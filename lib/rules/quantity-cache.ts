/**
 * Quantity parsing for the rules. A set repeats the same few quantities ("100m", "128Mi") thousands of times,
 * so the exact value of each string is remembered (the map is emptied when it grows large, to bound memory).
 */
import { ExactQuantity, exactQuantity } from '../util/quantity';

const values = new Map<string, ExactQuantity | undefined>();
const MAX_REMEMBERED = 10000;

/** The exact value of `q` when the API server accepts it as a quantity (isQuantity), else undefined. */
export function quantityOf(q: unknown): ExactQuantity | undefined {
  if (typeof q === 'number') return exactQuantity(q);
  if (typeof q !== 'string') return undefined;
  const hit = values.get(q);
  if (hit !== undefined || values.has(q)) return hit;
  const v = exactQuantity(q);
  if (values.size >= MAX_REMEMBERED) values.clear();
  values.set(q, v);
  return v;
}
