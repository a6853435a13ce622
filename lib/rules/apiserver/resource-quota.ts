/**
 * ResourceQuota specs as the API server checks them (ValidateResourceQuotaSpec): resource names quota tracks,
 * non-negative amounts (whole numbers for object counts and extended resources), and scopes (in spec.scopes
 * or spec.scopeSelector) that exist, apply to every listed resource and do not contradict each other.
 */
import { Issue } from '../../util/errors';
import { isQuantity, isServerInteger, resourceQuantity } from '../../util/quantity';
import { ObjectRule } from '../types';
import { isIntegerResource, isStandardQuotaResource, quotaResourceNameProblem } from './resource-names';
import { Obj, Sink, isObj, isStr, keys, list, ptr, show, sink } from './support';

const POD_COUNT = ['pods'];
const POD_COMPUTE = ['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory'];
const PVC_RESOURCES = ['persistentvolumeclaims', 'requests.storage'];

/** Each scope and the standard resources it can limit (undefined: any). */
const SCOPES: Record<string, readonly string[]> = {
  Terminating: [...POD_COUNT, ...POD_COMPUTE],
  NotTerminating: [...POD_COUNT, ...POD_COMPUTE],
  NotBestEffort: [...POD_COUNT, ...POD_COMPUTE],
  PriorityClass: [...POD_COUNT, ...POD_COMPUTE],
  CrossNamespacePodAffinity: [...POD_COUNT, ...POD_COMPUTE],
  BestEffort: POD_COUNT,
  VolumeAttributesClass: PVC_RESOURCES,
};
const EXISTS_ONLY = new Set(['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'CrossNamespacePodAffinity']);
const CONFLICTS: Array<[string, string]> = [['BestEffort', 'NotBestEffort'], ['Terminating', 'NotTerminating']];

export const resourceQuotaRule: ObjectRule = {
  id: 'resource-quota',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['ResourceQuota'],
  description: 'ResourceQuota limits name resources quota tracks with non-negative (whole, for counts) amounts, and its scopes exist, fit every listed resource and do not conflict.',
  check(obj, path): Issue[] {
    if (obj?.kind !== 'ResourceQuota' || !isObj(obj.spec)) return [];
    const out = sink('resource-quota', path);
    const hard = keys(obj.spec.hard);
    for (const k of hard) checkHard(k, obj.spec.hard[k], out);
    checkScopes(obj.spec, hard, out);
    checkScopeSelector(obj.spec, hard, out);
    return out.issues;
  },
};

function checkHard(k: string, v: unknown, out: Sink): void {
  const p = ptr('/spec/hard', k);
  const problem = quotaResourceNameProblem(k);
  if (problem) out.add(p, `quota resource ${show(k)} is invalid: ${problem}`, 'use e.g. requests.cpu, limits.memory, pods, count/deployments.apps or requests.nvidia.com/gpu');
  if (!isQuantity(v)) return;
  // spec.hard is a ResourceList: the server rounds its values up to milli units, then checks them exactly.
  const n = resourceQuantity(v)!;
  if (n.sign < 0) out.add(p, `quota ${k} is ${show(v)}; it must not be negative`, 'use 0 or more');
  else if (isIntegerResource(k) && !isServerInteger(n)) {
    out.add(p, `quota ${k} is ${show(v)}; ${k} is counted in whole units, so it must be an integer`, `use a whole number, e.g. ${n.serverValue()}`);
  }
}

/** Standard resources of `hard` that `scope` cannot limit. */
function misfits(scope: string, hard: readonly string[]): string[] {
  const allowed = SCOPES[scope];
  return allowed ? hard.filter((k) => isStandardQuotaResource(k) && !allowed.includes(k)) : [];
}

const SCOPE_FIX = 'scopes on pods (Terminating, NotTerminating, NotBestEffort, PriorityClass, CrossNamespacePodAffinity) limit pods, cpu and memory; BestEffort only pods; VolumeAttributesClass only persistentvolumeclaims and requests.storage: split the quota by scope';

function checkConflicts(scopes: Set<string>, p: string, out: Sink): void {
  for (const [a, b] of CONFLICTS) {
    if (scopes.has(a) && scopes.has(b)) out.add(p, `scopes ${a} and ${b} contradict each other; no pod is both`, `keep one of ${a} and ${b}, or use two ResourceQuotas`);
  }
}

function checkScopes(spec: Obj, hard: readonly string[], out: Sink): void {
  const scopes = list(spec.scopes);
  if (scopes.length === 0) return;
  const seen = new Set<string>();
  scopes.forEach((s, i) => {
    if (!isStr(s)) return;
    if (!(s in SCOPES)) out.add(`/spec/scopes/${i}`, `scope ${show(s)} is not supported; allowed: ${Object.keys(SCOPES).join(', ')}`, 'use one of the listed scopes (case matters)');
    const bad = misfits(s, hard);
    if (bad.length > 0) out.add(`/spec/scopes/${i}`, `scope ${s} cannot limit ${bad.join(', ')}`, SCOPE_FIX);
    seen.add(s);
  });
  checkConflicts(seen, '/spec/scopes', out);
}

function checkScopeSelector(spec: Obj, hard: readonly string[], out: Sink): void {
  if (!isObj(spec.scopeSelector)) return;
  const seen = new Set<string>();
  list(spec.scopeSelector.matchExpressions).forEach((e, i) => {
    if (!isObj(e)) return;
    const p = `/spec/scopeSelector/matchExpressions/${i}`;
    const scope = e.scopeName;
    if (isStr(scope)) {
      if (!(scope in SCOPES)) out.add(`${p}/scopeName`, `scopeName ${show(scope)} is not supported; allowed: ${Object.keys(SCOPES).join(', ')}`, 'use one of the listed scopes (case matters)');
      const bad = misfits(scope, hard);
      if (bad.length > 0) out.add(`${p}/scopeName`, `scope ${scope} cannot limit ${bad.join(', ')}`, SCOPE_FIX);
      if (EXISTS_ONLY.has(scope) && e.operator !== 'Exists') {
        out.add(`${p}/operator`, `scope ${scope} takes only operator Exists (got ${show(e.operator)})`, 'use operator: Exists with no values');
      }
      seen.add(scope);
    }
    const values = list(e.values);
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (values.length === 0) out.add(`${p}/values`, `operator ${e.operator} needs at least one value`, 'list the values, e.g. priority class names');
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (values.length > 0) out.add(`${p}/values`, `operator ${e.operator} takes no values (got ${show(e.values)})`, 'remove values');
    } else {
      out.add(`${p}/operator`, `operator ${show(e.operator)} is not a valid scope selector operator; allowed: In, NotIn, Exists, DoesNotExist`, 'use In, NotIn, Exists or DoesNotExist');
    }
  });
  checkConflicts(seen, '/spec/scopeSelector/matchExpressions', out);
}
