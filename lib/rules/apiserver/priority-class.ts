/**
 * PriorityClasses as the API server checks them (ValidatePriorityClass): names starting with "system-" are
 * reserved for the two built-in classes (with their exact values, and not global defaults), user classes may
 * not go above 1000000000, and preemptionPolicy is PreemptLowerPriority or Never.
 */
import { Issue } from '../../util/errors';
import { ObjectRule } from '../types';
import { isInt, isObj, isStr, show, sink } from './support';

const HIGHEST_USER_PRIORITY = 1_000_000_000;
const SYSTEM_CLASSES: Readonly<Record<string, number>> = { 'system-cluster-critical': 2_000_000_000, 'system-node-critical': 2_000_001_000 };
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

export const priorityClassRule: ObjectRule = {
  id: 'priority-class',
  category: 'apiserver',
  defaultSeverity: 'error',
  kinds: ['PriorityClass'],
  description: 'A PriorityClass keeps to user values (at most 1000000000), leaves system- names to the built-in classes, and uses a known preemptionPolicy.',
  check(obj, path): Issue[] {
    if (obj?.kind !== 'PriorityClass') return [];
    const out = sink('priority-class', path);
    const name = isObj(obj.metadata) ? obj.metadata.name : undefined;
    const value = obj.value;
    if (isStr(name) && name.startsWith('system-')) {
      const expected = SYSTEM_CLASSES[name];
      if (expected === undefined) {
        out.add('/metadata/name', `name ${show(name)} starts with "system-", which is reserved for the built-in priority classes (system-cluster-critical, system-node-critical)`, 'choose a name without the "system-" prefix');
      } else if (value !== expected) {
        out.add('/value', `the built-in ${name} PriorityClass must have value ${expected} (got ${show(value)})`, `set value: ${expected}, or use a name of your own`);
      } else if (obj.globalDefault === true) {
        out.add('/globalDefault', `the built-in ${name} PriorityClass may not be the global default`, 'remove globalDefault');
      }
    } else if (isInt(value) && value > HIGHEST_USER_PRIORITY) {
      out.add('/value', `value ${value} is above ${HIGHEST_USER_PRIORITY}, the highest a user-defined priority may have (higher values are reserved for system classes)`, `use a value of at most ${HIGHEST_USER_PRIORITY}, or the built-in system-cluster-critical class`);
    }
    const policy = obj.preemptionPolicy;
    if (policy !== undefined && policy !== null && !PREEMPTION_POLICIES.includes(policy)) {
      out.add('/preemptionPolicy', `preemptionPolicy ${show(policy)} is not supported; allowed: ${PREEMPTION_POLICIES.join(', ')}`, 'use PreemptLowerPriority (the default) or Never');
    }
    return out.issues;
  },
};
