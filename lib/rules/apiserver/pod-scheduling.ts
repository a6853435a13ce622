/**
 * Pod scheduling fields (validateAffinity / validateTolerations / validateTopologySpreadConstraints) in any
 * manifest: node requirement operators and their values, weights 1-100, required topologyKeys, toleration
 * operator/effect rules, and topology spread skew, minDomains, duplicate pairs and matchLabelKeys.
 * The constructs check the same at construction; this catches hand-written YAML and patched objects.
 */
import { Issue } from '../../util/errors';
import { checkLabelKey, checkLabelValue } from '../../util/names';
import { ObjectRule } from '../types';
import { POD_SPEC_KINDS, podSpecIn } from './pod-support';
import { Obj, Sink, isInt, isObj, isStr, list, show, sink } from './support';

const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';
const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';

export const podSchedulingRule: ObjectRule = {
  id: 'pod-scheduling',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: POD_SPEC_KINDS,
  description: 'Affinity, tolerations and topology spread constraints follow the API server\'s operator, value, weight and uniqueness rules.',
  check(obj, path): Issue[] {
    const found = podSpecIn(obj);
    if (!found || !isObj(found.spec)) return [];
    const { spec, pointer } = found;
    const out = sink('pod-scheduling', path);
    if (isObj(spec.affinity)) checkAffinity(spec.affinity, `${pointer}/affinity`, out);
    list(spec.tolerations).forEach((t, i) => isObj(t) && checkToleration(t, `${pointer}/tolerations/${i}`, out));
    const seen = new Set<string>();
    list(spec.topologySpreadConstraints).forEach((c, i) => isObj(c) && checkSpread(c, `${pointer}/topologySpreadConstraints/${i}`, seen, out));
    return out.issues;
  },
};

function keyProblem(k: unknown): string | undefined {
  return isStr(k) && k !== '' ? checkLabelKey(k) : 'a non-empty label key is required';
}

function checkWeight(w: unknown, p: string, out: Sink): void {
  if (!isInt(w) || w < 1 || w > 100) out.add(`${p}/weight`, `weight ${show(w)} must be an integer from 1 to 100`, 'use a weight from 1 to 100');
}

function checkNodeRequirement(r: unknown, p: string, field: boolean, out: Sink): void {
  if (!isObj(r)) return;
  const op = r.operator;
  const values = list(r.values);
  if (!NODE_OPERATORS.includes(op) || (field && op !== 'In' && op !== 'NotIn')) {
    return out.add(`${p}/operator`, `operator ${show(op)} is not supported; allowed: ${field ? 'In, NotIn (matchFields)' : NODE_OPERATORS.join(', ')}`, 'use one of the allowed operators');
  }
  if (field) {
    if (r.key !== 'metadata.name') out.add(`${p}/key`, `matchFields key ${show(r.key)} is not supported; allowed: metadata.name`, 'use matchExpressions for node labels');
    if (values.length !== 1) out.add(`${p}/values`, `matchFields needs exactly one value (got ${values.length})`, 'list one node name per requirement');
    return;
  }
  const bad = keyProblem(r.key);
  if (bad) out.add(`${p}/key`, `node selector key ${show(r.key)} is invalid: ${bad}`, 'use a node label key such as "kubernetes.io/arch"');
  if ((op === 'In' || op === 'NotIn') && values.length === 0) out.add(`${p}/values`, `operator ${op} needs at least one value`, 'add values, or use Exists');
  if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) out.add(`${p}/values`, `operator ${op} takes no values (got ${show(values)})`, 'remove values');
  if ((op === 'Gt' || op === 'Lt') && (values.length !== 1 || !isStr(values[0]) || !/^[+-]?\d+$/.test(values[0]))) {
    out.add(`${p}/values`, `operator ${op} needs exactly one integer value (got ${show(values)})`, 'give one whole number as a string, e.g. ["4"]');
  }
}

function checkNodeTerm(t: unknown, p: string, out: Sink): void {
  if (!isObj(t)) return;
  list(t.matchExpressions).forEach((r, i) => checkNodeRequirement(r, `${p}/matchExpressions/${i}`, false, out));
  list(t.matchFields).forEach((r, i) => checkNodeRequirement(r, `${p}/matchFields/${i}`, true, out));
}

function checkPodTerm(t: unknown, p: string, out: Sink): void {
  if (!isObj(t)) return;
  const bad = keyProblem(t.topologyKey);
  if (bad) out.add(`${p}/topologyKey`, `topologyKey ${show(t.topologyKey)} is invalid: ${bad}`, 'set topologyKey, e.g. "kubernetes.io/hostname"');
}

function checkAffinity(a: Obj, p: string, out: Sink): void {
  if (isObj(a.nodeAffinity)) {
    const na = a.nodeAffinity;
    if (isObj(na[REQUIRED])) {
      const terms = list(na[REQUIRED].nodeSelectorTerms);
      if (terms.length === 0) out.add(`${p}/nodeAffinity/${REQUIRED}/nodeSelectorTerms`, 'required node affinity has no nodeSelectorTerms', 'add at least one term, or remove the required node affinity');
      terms.forEach((t, i) => checkNodeTerm(t, `${p}/nodeAffinity/${REQUIRED}/nodeSelectorTerms/${i}`, out));
    }
    list(na[PREFERRED]).forEach((t, i) => {
      const tp = `${p}/nodeAffinity/${PREFERRED}/${i}`;
      if (!isObj(t)) return;
      checkWeight(t.weight, tp, out);
      checkNodeTerm(t.preference, `${tp}/preference`, out);
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = a[kind];
    if (!isObj(pa)) continue;
    list(pa[REQUIRED]).forEach((t, i) => checkPodTerm(t, `${p}/${kind}/${REQUIRED}/${i}`, out));
    list(pa[PREFERRED]).forEach((t, i) => {
      const tp = `${p}/${kind}/${PREFERRED}/${i}`;
      if (!isObj(t)) return;
      checkWeight(t.weight, tp, out);
      checkPodTerm(t.podAffinityTerm, `${tp}/podAffinityTerm`, out);
    });
  }
}

function checkToleration(t: Obj, p: string, out: Sink): void {
  const op = t.operator ?? '';
  const key = t.key ?? '';
  if (op !== '' && op !== 'Equal' && op !== 'Exists') return out.add(`${p}/operator`, `toleration operator ${show(op)} is not supported; allowed: Equal, Exists`, 'use Equal or Exists');
  if (key !== '') {
    const bad = keyProblem(key);
    if (bad) out.add(`${p}/key`, `toleration key ${show(key)} is invalid: ${bad}`, 'use the taint key as written on the node');
  } else if (op !== 'Exists') out.add(`${p}/operator`, 'a toleration without a key must use operator Exists (it then tolerates every taint)', 'set a key, or operator: Exists');
  const value = t.value ?? '';
  if (op === 'Exists' && value !== '') out.add(`${p}/value`, `a toleration with operator Exists takes no value (got ${show(value)})`, 'remove value, or use operator Equal');
  if (op !== 'Exists' && (!isStr(value) || checkLabelValue(value))) out.add(`${p}/value`, `toleration value ${show(value)} is not a valid label value`, 'use the taint value as written on the node');
  const effect = t.effect ?? '';
  if (effect !== '' && !EFFECTS.includes(effect)) out.add(`${p}/effect`, `toleration effect ${show(effect)} is not supported; allowed: ${EFFECTS.join(', ')}`, 'use one of them, or omit effect to match all');
  if (t.tolerationSeconds != null && effect !== 'NoExecute') out.add(`${p}/tolerationSeconds`, 'tolerationSeconds needs effect NoExecute', 'set effect: NoExecute, or remove tolerationSeconds');
}

function checkSpread(c: Obj, p: string, seen: Set<string>, out: Sink): void {
  if (!isInt(c.maxSkew) || c.maxSkew < 1) out.add(`${p}/maxSkew`, `maxSkew ${show(c.maxSkew)} must be an integer of at least 1`, 'use maxSkew: 1');
  const bad = keyProblem(c.topologyKey);
  if (bad) out.add(`${p}/topologyKey`, `topologyKey ${show(c.topologyKey)} is invalid: ${bad}`, 'use e.g. "topology.kubernetes.io/zone"');
  const when = c.whenUnsatisfiable;
  if (when !== 'DoNotSchedule' && when !== 'ScheduleAnyway') out.add(`${p}/whenUnsatisfiable`, `whenUnsatisfiable ${show(when)} is not supported; allowed: DoNotSchedule, ScheduleAnyway`, 'use one of them');
  const pair = `${show(c.topologyKey)}/${show(when)}`;
  if (seen.has(pair)) out.add(p, `a second constraint has topologyKey ${show(c.topologyKey)} and whenUnsatisfiable ${show(when)}; each pair may appear once`, 'merge the constraints');
  seen.add(pair);
  if (c.minDomains != null) {
    if (!isInt(c.minDomains) || c.minDomains < 1) out.add(`${p}/minDomains`, `minDomains ${show(c.minDomains)} must be an integer of at least 1`, 'use minDomains of 1 or more');
    if (when !== 'DoNotSchedule') out.add(`${p}/minDomains`, 'minDomains needs whenUnsatisfiable DoNotSchedule', 'remove minDomains, or set whenUnsatisfiable: DoNotSchedule');
  }
  for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
    if (c[f] != null && c[f] !== 'Honor' && c[f] !== 'Ignore') out.add(`${p}/${f}`, `${f} ${show(c[f])} is not supported; allowed: Honor, Ignore`, 'use Honor or Ignore');
  }
  const mlk = list(c.matchLabelKeys);
  if (mlk.length && !isObj(c.labelSelector)) out.add(`${p}/matchLabelKeys`, 'matchLabelKeys needs a labelSelector', 'add the labelSelector, or remove matchLabelKeys');
  const used = isObj(c.labelSelector) ? [...Object.keys(isObj(c.labelSelector.matchLabels) ? c.labelSelector.matchLabels : {}), ...list(c.labelSelector.matchExpressions).map((e) => (isObj(e) ? e.key : undefined))] : [];
  mlk.forEach((k, i) => {
    if (used.includes(k)) out.add(`${p}/matchLabelKeys/${i}`, `matchLabelKeys entry ${show(k)} is also in the labelSelector`, 'remove it from one of them');
  });
}
