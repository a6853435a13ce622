/**
 * Quantity values for the rules. A set repeats the same few quantities ("100m", "128Mi") thousands of times:
 * exactQuantity remembers each parsed string, and the resource-list value (rounded up to milli units) of each
 * string is remembered here (the map is emptied when it grows large, to bound memory).
 */
import { ExactQuantity, RESOURCE_LIST_SCALE, exactQuantity } from '../util/quantity';

/** The exact value of `q` when the API server accepts it as a quantity (isQuantity), else undefined. */
export function quantityOf(q: unknown): ExactQuantity | undefined {
  return exactQuantity(q); // exactQuantity remembers each string it parsed
}

const MAX_REMEMBERED = 10000;
const resourceValues = new Map<string, ExactQuantity | undefined>();

/**
 * The value of `q` as an entry of a v1 ResourceList (container requests and limits, quota, LimitRange, PVC
 * requests): parsed and rounded up to milli units, as the server defaults it before validating. Undefined when
 * `q` is not a quantity.
 */
export function resourceQuantityOf(q: unknown): ExactQuantity | undefined {
  if (typeof q !== 'string') return quantityOf(q)?.roundUp(RESOURCE_LIST_SCALE);
  const hit = resourceValues.get(q);
  if (hit !== undefined || resourceValues.has(q)) return hit;
  const v = quantityOf(q)?.roundUp(RESOURCE_LIST_SCALE);
  if (resourceValues.size >= MAX_REMEMBERED) resourceValues.clear();
  resourceValues.set(q, v);
  return v;
}
