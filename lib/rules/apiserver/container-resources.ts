/**
 * Container resource requests and limits as the API server checks them (validateResourceRequirements):
 * names it knows, quantities that parse and are not negative, requests no higher than limits, and for
 * resources that cannot be overcommitted (hugepages, extended resources such as nvidia.com/gpu) a limit equal
 * to the request.
 */
import { Issue } from '../../util/errors';
import { checkLabelKey } from '../../util/names';
import { ExactQuantity, QUANTITY_ALLOWED, isServerInteger, quantityFix } from '../../util/quantity';
import { quantityOf, resourceQuantityOf } from '../quantity-cache';
import { ObjectRule } from '../types';
import { POD_SPEC_KINDS, podSpecIn } from './pod-support';
import { Obj, Sink, isObj, list, ptr, show, sink } from './support';

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage']);

const K8S_PREFIX = 'kubernetes.io/';

const isHugePages = (name: string) => name.startsWith('hugepages-');
/** Unprefixed and kubernetes.io names are native; anything else with a domain is an extended resource. */
const isNative = (name: string) => !name.includes('/') || name.startsWith(K8S_PREFIX);
const overcommitAllowed = (name: string) => isNative(name) && !isHugePages(name);

export const containerResourcesRule: ObjectRule = {
  id: 'container-resources',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: POD_SPEC_KINDS,
  description: 'Container requests and limits name known resources, use valid non-negative quantities, and no request exceeds its limit.',
  check(obj, path): Issue[] {
    const found = podSpecIn(obj);
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
  const values: Record<'requests' | 'limits', Map<string, ExactQuantity>> = { requests: new Map(), limits: new Map() };
  for (const kind of ['limits', 'requests'] as const) {
    const quantities = res[kind];
    if (quantities === undefined || quantities === null) continue;
    if (!isObj(quantities)) {
      out.add(`${p}/${kind}`, `resources.${kind} of container ${show(c.name)} must be a map of resource names to quantities (got ${show(quantities)})`, `write ${kind}: { cpu: "500m", memory: "256Mi" }`);
      continue;
    }
    for (const name of Object.keys(quantities)) {
      const v = checkOne(c, kind, name, quantities[name], p, out);
      if (v !== undefined) values[kind].set(name, v);
    }
  }
  for (const [name, req] of values.requests) {
    const lim = values.limits.get(name);
    if (!overcommitAllowed(name)) {
      if (!isObj(res.limits) || !(name in res.limits)) {
        out.add(ptr(`${p}/limits`, name), `container ${show(c.name)} requests ${name} but sets no limit for it; ${name} cannot be overcommitted, so the API server requires a limit equal to the request`, `set limits["${name}"] to ${show(res.requests[name])}`);
      } else if (lim !== undefined && !lim.equals(req)) {
        out.add(ptr(`${p}/requests`, name), `container ${show(c.name)} requests ${show(res.requests[name])} of ${name} but limits it to ${show(res.limits[name])}; ${name} cannot be overcommitted, so request and limit must be equal`, 'make the request equal to the limit (or set only the limit)');
      }
    } else if (lim !== undefined && req.cmp(lim) > 0) {
      out.add(ptr(`${p}/requests`, name), `container ${show(c.name)} requests ${show(res.requests[name])} of ${name}, more than its limit ${show(res.limits[name])}; a request must be less than or equal to the limit`, 'lower the request or raise the limit');
    }
  }
  if (usesHugePagesAlone(values)) {
    out.add(p, `container ${show(c.name)} uses hugepages without a cpu or memory request or limit; the API server requires one of them with hugepages`, 'add a memory request and limit');
  }
}

/** A hugepages quantity must be a whole multiple of the page size the name carries ("hugepages-2Mi"). */
function hugePageProblem(name: string, v: ExactQuantity): string | undefined {
  const size = quantityOf(name.slice('hugepages-'.length));
  if (size === undefined || size.sign <= 0 || !size.isInteger()) return `"${name.slice('hugepages-'.length)}" is not a valid page size, so no quantity is a whole number of pages`;
  // The server compares Value()s: the quantity rounded up to a whole number.
  return v.serverValue() % size.serverValue() === 0n ? undefined : `it is not a whole multiple of the page size ${name.slice('hugepages-'.length)}`;
}

/** Whether the usable requests and limits name hugepages but neither cpu nor memory. */
function usesHugePagesAlone(values: Record<'requests' | 'limits', Map<string, ExactQuantity>>): boolean {
  let hugePages = false;
  for (const m of [values.requests, values.limits]) {
    for (const n of m.keys()) {
      if (n === 'cpu' || n === 'memory') return false;
      if (isHugePages(n)) hugePages = true;
    }
  }
  return hugePages;
}

/**
 * One resource entry: its name and quantity (`p` points at the container's resources). Returns the exact
 * value when the quantity is usable.
 */
function checkOne(c: Obj, kind: string, name: string, q: unknown, p: string, out: Sink): ExactQuantity | undefined {
  const at = () => ptr(`${p}/${kind}`, name);
  if (isNative(name)) {
    const bare = name.startsWith(K8S_PREFIX) ? name.slice(K8S_PREFIX.length) : name;
    if (!STANDARD.has(bare) && !isHugePages(bare)) {
      out.add(at(), `${kind}["${name}"] of container ${show(c.name)} is not a resource the API server knows for containers; allowed: cpu, memory, ephemeral-storage, hugepages-<size>, or an extended resource with a domain (e.g. nvidia.com/gpu)`, name === 'storage' ? 'request storage through a PersistentVolumeClaim, or use ephemeral-storage' : 'fix the resource name');
      return undefined;
    }
  } else {
    const problem = checkLabelKey(name);
    if (problem || name.startsWith('requests.')) {
      out.add(at(), `${kind}["${name}"] of container ${show(c.name)} is not a valid extended resource name: ${problem ?? 'it must not start with "requests."'}`, 'use a name such as "example.com/device"');
      return undefined;
    }
  }
  // Values as the server validates them: rounded up to milli units by its defaulting (1000002u is 1001m).
  const v = resourceQuantityOf(q);
  if (v === undefined) {
    out.add(at(), `${kind}["${name}"] of container ${show(c.name)} is ${show(q)}, not a valid quantity; allowed: ${QUANTITY_ALLOWED}`, quantityFix(String(q)));
    return undefined;
  }
  if (v.sign < 0) {
    out.add(at(), `${kind}["${name}"] of container ${show(c.name)} is ${show(q)}; a quantity must be greater than or equal to 0`, 'remove the minus sign');
    return undefined;
  }
  if (isHugePages(name)) {
    const bad = hugePageProblem(name, v);
    if (bad) {
      out.add(at(), `${kind}["${name}"] of container ${show(c.name)} is ${show(q)}; ${bad}`, 'use a whole number of pages, e.g. "2Mi" or "4Mi" for hugepages-2Mi');
      return undefined;
    }
  }
  // The server's integer test for extended resources is MilliValue() % 1000 == 0 (int64, so it wraps on huge values).
  if (!isNative(name) && !isServerInteger(v)) {
    out.add(at(), `${kind}["${name}"] of container ${show(c.name)} is ${show(q)}; extended resources must be whole numbers`, 'use an integer, e.g. 1');
    return undefined;
  }
  return v;
}
