/**
 * PodDisruptionBudget specs as the API server checks them (ValidatePodDisruptionBudgetSpec): at most one of
 * minAvailable and maxUnavailable, each a non-negative integer or a percentage of at most 100%, a valid label
 * selector and a known unhealthyPodEvictionPolicy.
 */
import { Issue } from '../../util/errors';
import { ObjectRule } from '../types';
import { checkLabelSelector } from './label-syntax';
import { Sink, isInt, isObj, isStr, show, sink } from './support';

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

export const pdbSpecRule: ObjectRule = {
  id: 'pdb-spec',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['PodDisruptionBudget'],
  description: 'A PodDisruptionBudget sets at most one of minAvailable and maxUnavailable, as a count or a percentage up to 100%, with a valid selector and eviction policy.',
  check(obj, path): Issue[] {
    if (obj?.kind !== 'PodDisruptionBudget' || !isObj(obj.spec)) return [];
    const out = sink('pdb-spec', path);
    const spec = obj.spec;
    const set = (f: string) => spec[f] !== undefined && spec[f] !== null;
    if (set('minAvailable') && set('maxUnavailable')) {
      out.add('/spec', `minAvailable (${show(spec.minAvailable)}) and maxUnavailable (${show(spec.maxUnavailable)}) are both set; the API server allows only one`, 'keep one of them: minAvailable (pods that must stay up) or maxUnavailable (pods that may be down)');
    }
    for (const f of ['minAvailable', 'maxUnavailable']) if (set(f)) checkIntOrPercent(spec[f], f, out);
    checkLabelSelector(spec.selector, '/spec/selector', out);
    const policy = spec.unhealthyPodEvictionPolicy;
    if (policy !== undefined && policy !== null && !EVICTION_POLICIES.includes(policy)) {
      out.add('/spec/unhealthyPodEvictionPolicy', `unhealthyPodEvictionPolicy ${show(policy)} is not supported; allowed: ${EVICTION_POLICIES.join(', ')}`, 'use IfHealthyBudget (the default behaviour) or AlwaysAllow');
    }
    return out.issues;
  },
};

function checkIntOrPercent(v: unknown, f: string, out: Sink): void {
  const p = `/spec/${f}`;
  if (typeof v === 'number') {
    if (!isInt(v) || v < 0) out.add(p, `${f} ${show(v)} is invalid; a count must be an integer of at least 0`, `use a count such as 1, or a percentage such as "50%"`);
    return;
  }
  if (!isStr(v)) return; // other types are the schema's finding
  if (!/^[0-9]+%$/.test(v)) {
    out.add(p, `${f} ${show(v)} is invalid; allowed: an integer, or a percentage written as digits followed by "%"`, /^[0-9]+$/.test(v) ? `write the count without quotes: ${f}: ${v}` : 'use e.g. 1 or "50%"');
  } else if (Number(v.slice(0, -1)) > 100) {
    out.add(p, `${f} ${show(v)} is more than 100%`, 'use a percentage from "0%" to "100%"');
  }
}
