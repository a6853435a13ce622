/**
 * RuntimeClasses as the API server checks them (ValidateRuntimeClass): the handler is a DNS-1123 label, the
 * pod overhead names container resources with non-negative quantities, and the scheduling section has valid
 * node selector labels and unique, well-formed tolerations.
 */
import { Issue } from '../../util/errors';
import { checkLabelKey, checkLabelValue, isDns1123Label } from '../../util/names';
import { QUANTITY_ALLOWED, isQuantity, quantityFix, exactQuantity } from '../../util/quantity';
import { ObjectRule } from '../types';
import { checkLabelMap } from './label-syntax';
import { Obj, Sink, isObj, isStr, list, ptr, show, sink } from './support';

const STANDARD_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export const runtimeClassRule: ObjectRule = {
  id: 'runtime-class',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['RuntimeClass'],
  description: 'A RuntimeClass has a DNS-label handler, a valid pod overhead, and valid node selector and tolerations.',
  check(obj, path): Issue[] {
    if (obj?.kind !== 'RuntimeClass') return [];
    const out = sink('runtime-class', path);
    const h = obj.handler;
    if (h === '') out.add('/handler', 'handler is empty; a RuntimeClass must name the CRI handler', 'set handler to the runtime handler configured on the nodes, e.g. "runc" or "kata"');
    else if (isStr(h) && !isDns1123Label(h)) out.add('/handler', `handler ${show(h)} is not a valid DNS-1123 label (lowercase letters, digits and "-", at most 63 characters)`, `use e.g. ${show(h.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'runc')}`);
    if (isObj(obj.overhead) && isObj(obj.overhead.podFixed)) checkOverhead(obj.overhead.podFixed, out);
    if (isObj(obj.scheduling)) {
      checkLabelMap(obj.scheduling.nodeSelector, '/scheduling/nodeSelector', 'node selector label', out);
      checkTolerations(list(obj.scheduling.tolerations), out);
    }
    return out.issues;
  },
};

function checkOverhead(podFixed: Obj, out: Sink): void {
  for (const [name, q] of Object.entries(podFixed)) {
    const p = ptr('/overhead/podFixed', name);
    const keyProblem = checkLabelKey(name);
    if (keyProblem) out.add(p, `overhead resource name ${show(name)} is invalid: ${keyProblem}`, 'use cpu or memory');
    else if (!name.includes('/') && !STANDARD_RESOURCES.includes(name) && !name.startsWith('hugepages-')) {
      out.add(p, `overhead resource ${show(name)} is not a standard container resource; allowed without a domain: ${STANDARD_RESOURCES.join(', ')}, hugepages-<size>`, 'use cpu or memory');
    }
    if (!isQuantity(q)) out.add(p, `overhead ${name}: ${show(q)} is not a valid quantity; allowed: ${QUANTITY_ALLOWED}`, quantityFix(String(q)));
    else if ((exactQuantity(q)?.sign ?? 0) < 0) out.add(p, `overhead ${name}: ${show(q)} is negative`, 'use a quantity of 0 or more, e.g. "100m" or "64Mi"');
  }
}

function checkTolerations(tolerations: unknown[], out: Sink): void {
  const seen = new Set<string>();
  tolerations.forEach((t, i) => {
    if (!isObj(t)) return;
    const p = `/scheduling/tolerations/${i}`;
    const key = isStr(t.key) ? t.key : '';
    const op = isStr(t.operator) ? t.operator : '';
    const value = isStr(t.value) ? t.value : '';
    const effect = isStr(t.effect) ? t.effect : '';
    if (key !== '') {
      const problem = checkLabelKey(key);
      if (problem) out.add(`${p}/key`, `toleration key ${show(key)} is invalid: ${problem}`, 'use the key of the taint, e.g. "sandbox.example.com/runtime"');
    } else if (op !== 'Exists') {
      out.add(`${p}/operator`, 'a toleration without a key must use operator Exists (it then matches every taint)', 'set operator: Exists, or set the key of the taint');
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      out.add(`${p}/effect`, `tolerationSeconds is set but effect is ${show(effect)}; tolerationSeconds needs effect NoExecute`, 'set effect: NoExecute, or remove tolerationSeconds');
    }
    if (op === '' || op === 'Equal') {
      const problem = checkLabelValue(value);
      if (problem) out.add(`${p}/value`, `toleration value ${show(value)} is invalid: ${problem}`, 'use the value of the taint');
    } else if (op === 'Exists') {
      if (value !== '') out.add(`${p}/value`, `toleration value ${show(value)} is set with operator Exists; Exists takes no value`, 'remove value, or use operator Equal');
    } else {
      out.add(`${p}/operator`, `toleration operator ${show(op)} is not supported here; allowed: Equal, Exists`, 'use Equal or Exists');
    }
    if (effect !== '' && !EFFECTS.includes(effect)) {
      out.add(`${p}/effect`, `toleration effect ${show(effect)} is not supported; allowed: ${EFFECTS.join(', ')}`, 'use NoSchedule, PreferNoSchedule or NoExecute, or leave effect out to match every effect');
    }
    const id = JSON.stringify([key, op, value, effect]);
    if (seen.has(id)) out.add(p, 'this toleration repeats an earlier one (same key, operator, value and effect)', 'remove the duplicate');
    seen.add(id);
  });
}
