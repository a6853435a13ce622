/**
 * Container resource requests and limits as the API server checks them (validateResourceRequirements):
 * names it knows, quantities that parse and are not negative, requests no higher than limits, and for
 * resources that cannot be overcommitted (hugepages, extended resources such as nvidia.com/gpu) a limit equal
 * to the request.
 */
import { Issue } from '../../util/errors';
import { checkLabelKey } from '../../util/names';
import { QUANTITY_ALLOWED, isQuantity, quantityFix, quantityValue } from '../../util/quantity';
import { ObjectRule, podSpecOf } from '../types';
import { Obj, Sink, entries, isObj, list, ptr, show, sink } from './support';

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage']);

const isHugePages = (name: string) => name.startsWith('hugepages-');
/** Unprefixed and kubernetes.io names are native; anything else with a domain is an extended resource. */
const isNative = (name: string) => !name.includes('/') || name.startsWith('kubernetes.io/');
const overcommitAllowed = (name: string) => isNative(name) && !isHugePages(name);

export const containerResourcesRule: ObjectRule = {
  id: 'container-resources',
  category: 'apiserver',
  defaultSeverity: 'error',
  description: 'Container requests and limits name known resources, use valid non-negative quantities, and no request exceeds its limit.',
  check(obj, path): Issue[] {
    const found = podSpecOf(obj);
    if (!found || !isObj(found.spec)) return [];
    const out = sink('container-resources', path);
    for (const field of ['initContainers', 'containers'] as const) {
      list(found.spec[field]).forEach((c, i) => {
        if (isObj(c) && c.resources !== undefined) checkResources(c, `${found.pointer}/${field}/${i}/resources`, out);
      });
    }
    return out.issues;
  },
};

function checkResources(c: Obj, p: string, out: Sink): void {
  const res = c.resources;
  if (!isObj(res)) return out.add(p, `resources of container ${show(c.name)} must be an object (got ${show(res)})`, 'write { requests: { cpu: "250m" }, limits: { memory: "512Mi" } }');
  const values: Record<'requests' | 'limits', Map<string, number>> = { requests: new Map(), limits: new Map() };
  for (const kind of ['limits', 'requests'] as const) {
    if (res[kind] === undefined || res[kind] === null) continue;
    if (!isObj(res[kind])) {
      out.add(`${p}/${kind}`, `resources.${kind} of container ${show(c.name)} must be a map of resource names to quantities (got ${show(res[kind])})`, `write ${kind}: { cpu: "500m", memory: "256Mi" }`);
      continue;
    }
    for (const [name, q] of entries(res[kind])) {
      const v = checkOne(c, kind, name, q, ptr(`${p}/${kind}`, name), out);
      if (v !== undefined) values[kind].set(name, v);
    }
  }
  for (const [name, req] of values.requests) {
    const lim = values.limits.get(name);
    const rp = ptr(`${p}/requests`, name);
    if (!overcommitAllowed(name)) {
      if (!isObj(res.limits) || !(name in res.limits)) {
        out.add(ptr(`${p}/limits`, name), `container ${show(c.name)} requests ${name} but sets no limit for it; ${name} cannot be overcommitted, so the API server requires a limit equal to the request`, `set limits["${name}"] to ${show(res.requests[name])}`);
      } else if (lim !== undefined && lim !== req) {
        out.add(rp, `container ${show(c.name)} requests ${show(res.requests[name])} of ${name} but limits it to ${show(res.limits[name])}; ${name} cannot be overcommitted, so request and limit must be equal`, 'make the request equal to the limit (or set only the limit)');
      }
    } else if (lim !== undefined && req > lim) {
      out.add(rp, `container ${show(c.name)} requests ${show(res.requests[name])} of ${name}, more than its limit ${show(res.limits[name])}; a request must be less than or equal to the limit`, 'lower the request or raise the limit');
    }
  }
  const names = [...values.requests.keys(), ...values.limits.keys()];
  if (names.some(isHugePages) && !names.some((n) => n === 'cpu' || n === 'memory')) {
    out.add(p, `container ${show(c.name)} uses hugepages without a cpu or memory request or limit; the API server requires one of them with hugepages`, 'add a memory request and limit');
  }
}

/** One resource entry: its name and quantity. Returns the numeric value when the quantity is usable. */
function checkOne(c: Obj, kind: string, name: string, q: unknown, p: string, out: Sink): number | undefined {
  if (isNative(name)) {
    const bare = name.replace(/^kubernetes\.io\//, '');
    if (!STANDARD.has(bare) && !isHugePages(bare)) {
      out.add(p, `${kind}["${name}"] of container ${show(c.name)} is not a resource the API server knows for containers; allowed: cpu, memory, ephemeral-storage, hugepages-<size>, or an extended resource with a domain (e.g. nvidia.com/gpu)`, name === 'storage' ? 'request storage through a PersistentVolumeClaim, or use ephemeral-storage' : 'fix the resource name');
      return undefined;
    }
  } else {
    const problem = checkLabelKey(name);
    if (problem || name.startsWith('requests.')) {
      out.add(p, `${kind}["${name}"] of container ${show(c.name)} is not a valid extended resource name: ${problem ?? 'it must not start with "requests."'}`, 'use a name such as "example.com/device"');
      return undefined;
    }
  }
  if (!isQuantity(q)) {
    out.add(p, `${kind}["${name}"] of container ${show(c.name)} is ${show(q)}, not a valid quantity; allowed: ${QUANTITY_ALLOWED}`, quantityFix(String(q)));
    return undefined;
  }
  const v = quantityValue(q)!;
  if (v < 0) {
    out.add(p, `${kind}["${name}"] of container ${show(c.name)} is ${show(q)}; a quantity must be greater than or equal to 0`, 'remove the minus sign');
    return undefined;
  }
  if (!isNative(name) && !Number.isInteger(v)) {
    out.add(p, `${kind}["${name}"] of container ${show(c.name)} is ${show(q)}; extended resources must be whole numbers`, 'use an integer, e.g. 1');
    return undefined;
  }
  return v;
}
