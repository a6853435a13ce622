/**
 * LimitRange specs as the API server checks them (ValidateLimitRange): limit types, resource names per type,
 * defaults forbidden for Pod items, a storage bound for PersistentVolumeClaim items, and the order
 * min <= defaultRequest <= default <= max with maxLimitRequestRatio at least 1 and within max/min.
 */
import { Issue } from '../../util/errors';
import { checkLabelKey } from '../../util/names';
import { ExactQuantity, Quantity, compareResourceQuantities, isQuantity, limitRequestRatioCheck, resourceQuantity } from '../../util/quantity';
import { ObjectRule } from '../types';
import { containerResourceNameProblem, overcommitAllowed, resourceNameProblem } from './resource-names';
import { Obj, Sink, isObj, isStr, keys, list, ptr, show, sink } from './support';

const STANDARD_TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'];
const BOUNDS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;
type Bound = typeof BOUNDS[number];

export const limitRangeRule: ObjectRule = {
  id: 'limit-range',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['LimitRange'],
  description: 'LimitRange items have a known type, valid resource names, no defaults on Pod items, and bounds in order: min <= defaultRequest <= default <= max, with a max/request ratio of at least 1.',
  check(obj, path): Issue[] {
    if (obj?.kind !== 'LimitRange' || !isObj(obj.spec)) return [];
    const out = sink('limit-range', path);
    const seen = new Set<string>();
    list(obj.spec.limits).forEach((item, i) => {
      if (isObj(item)) checkItem(item, `/spec/limits/${i}`, seen, out);
    });
    return out.issues;
  },
};

function typeProblem(t: string): string | undefined {
  const syntax = checkLabelKey(t);
  if (syntax) return syntax;
  if (!t.includes('/') && !STANDARD_TYPES.includes(t)) return `allowed: ${STANDARD_TYPES.join(', ')} (or a fully qualified custom type)`;
  return undefined;
}

function checkItem(item: Obj, p: string, seen: Set<string>, out: Sink): void {
  const type = item.type;
  if (isStr(type)) {
    const problem = typeProblem(type);
    if (problem) out.add(`${p}/type`, `limit type ${show(type)} is invalid: ${problem}`, 'use Container, Pod or PersistentVolumeClaim (case matters)');
    if (seen.has(type)) out.add(`${p}/type`, `limit type ${show(type)} is listed twice in this LimitRange`, 'merge the two items into one');
    seen.add(type);
  }
  const isPod = type === 'Pod';
  const values: Record<Bound, Map<string, unknown>> = { max: new Map(), min: new Map(), default: new Map(), defaultRequest: new Map(), maxLimitRequestRatio: new Map() };
  for (const bound of BOUNDS) {
    const map = item[bound];
    if (isPod && (bound === 'default' || bound === 'defaultRequest')) {
      if (keys(map).length > 0) out.add(`${p}/${bound}`, `${bound} may not be set on a LimitRange item of type Pod (pods get no defaults; containers do)`, `remove ${bound}, or move it into an item of type Container`);
      continue;
    }
    for (const k of keys(map)) {
      const problem = type === 'Pod' || type === 'Container' ? containerResourceNameProblem(k) : resourceNameProblem(k);
      if (problem) out.add(ptr(`${p}/${bound}`, k), `resource ${show(k)} in ${bound} is invalid for a ${show(type)} limit: ${problem}`, 'use cpu, memory, ephemeral-storage (storage for PersistentVolumeClaim) or a domain-qualified name');
      values[bound].set(k, (map as Obj)[k]);
    }
  }
  if (type === 'PersistentVolumeClaim' && !values.min.has('storage') && !values.max.has('storage')) {
    out.add(`${p}`, 'a LimitRange item of type PersistentVolumeClaim needs min.storage or max.storage', 'add e.g. max: { storage: "50Gi" }');
  }
  const names = new Set<string>(BOUNDS.flatMap((b) => [...values[b].keys()]));
  for (const k of names) compareBounds(k, values, p, out);
}

/** The quantity of `bound` for resource `k`, when it is set and parses. */
function q(values: Record<Bound, Map<string, unknown>>, bound: Bound, k: string): Quantity | undefined {
  const v = values[bound].get(k);
  return isQuantity(v) ? v : undefined;
}

function compareBounds(k: string, values: Record<Bound, Map<string, unknown>>, p: string, out: Sink): void {
  const min = q(values, 'min', k);
  const max = q(values, 'max', k);
  const def = q(values, 'default', k);
  const req = q(values, 'defaultRequest', k);
  const ratio = q(values, 'maxLimitRequestRatio', k);
  const at = (bound: Bound) => ptr(`${p}/${bound}`, k);
  const over = (a: Quantity | undefined, b: Quantity | undefined) => a !== undefined && b !== undefined && compareResourceQuantities(a, b) > 0;
  if (over(min, max)) out.add(at('min'), `min ${k} ${show(min)} is greater than max ${show(max)}`, 'lower min or raise max');
  if (over(min, req)) out.add(at('defaultRequest'), `defaultRequest ${k} ${show(req)} is below min ${show(min)}`, 'raise defaultRequest to at least min');
  if (over(req, max)) out.add(at('defaultRequest'), `defaultRequest ${k} ${show(req)} is greater than max ${show(max)}`, 'lower defaultRequest to at most max');
  if (over(req, def)) out.add(at('defaultRequest'), `defaultRequest ${k} ${show(req)} is greater than default (the default limit) ${show(def)}`, 'lower defaultRequest or raise default');
  if (over(min, def)) out.add(at('default'), `default ${k} ${show(def)} is below min ${show(min)}`, 'raise default to at least min');
  if (over(def, max)) out.add(at('default'), `default ${k} ${show(def)} is greater than max ${show(max)}`, 'lower default to at most max');
  if (ratio !== undefined) {
    // LimitRange items are ResourceLists (rounded up to milli units); the max/min test is the server's float64 one.
    const r = resourceQuantity(ratio)!;
    if (r.cmp(ExactQuantity.of(1n)) < 0) out.add(at('maxLimitRequestRatio'), `maxLimitRequestRatio ${k} ${show(ratio)} is less than 1; a limit is never below its request`, 'use a ratio of 1 or more, e.g. 2');
    else if (min !== undefined && max !== undefined) {
      const { exceeds, limit } = limitRequestRatioCheck(r, resourceQuantity(min)!, resourceQuantity(max)!);
      if (exceeds) out.add(at('maxLimitRequestRatio'), `maxLimitRequestRatio ${k} ${show(ratio)} is greater than max/min = ${show(max)}/${show(min)} = ${limit}`, 'lower the ratio to at most max/min, or widen min and max');
    }
  }
  if (!overcommitAllowed(k) && def !== undefined && req !== undefined && compareResourceQuantities(def, req) !== 0) {
    out.add(at('defaultRequest'), `${k} cannot be overcommitted, so its default ${show(def)} and defaultRequest ${show(req)} must be equal`, 'set default and defaultRequest to the same value');
  }
}
