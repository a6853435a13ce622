/**
 * Without cpu and memory requests the scheduler places a pod as if it used nothing: nodes get overcommitted,
 * the pod is first to be evicted (BestEffort), and utilization-based autoscaling cannot work.
 */
import { Issue } from '../../util/errors';
import { ObjectRule, podSpecOf } from '../types';
import { containersOf, existingPointer, isRecord } from './objects';
import { hasRequest } from './resources';

const ID = 'missing-requests';

export const missingRequestsRule: ObjectRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'warning',
  description: 'Every container requests cpu and memory, so the scheduler can place it and it is not evicted first.',
  check(obj, path): Issue[] {
    const found = isRecord(obj) ? podSpecOf(obj) : undefined;
    if (!found || !isRecord(found.spec)) return [];
    const issues: Issue[] = [];
    for (const { c, pointer, name } of containersOf(found.spec, found.pointer)) {
      const missing = ['cpu', 'memory'].filter((r) => !hasRequest(c, r));
      if (missing.length === 0) continue;
      issues.push({
        ruleId: ID, severity: 'warning', constructPath: path,
        jsonPointer: existingPointer(obj, pointer, ['resources', 'requests']),
        message: `container "${name}" has no ${missing.join(' and ')} request; expected: resources.requests.cpu and resources.requests.memory`,
        fix: `set resources.requests, e.g. { ${missing.map((r) => (r === 'cpu' ? 'cpu: "100m"' : 'memory: "128Mi"')).join(', ')} } (what the container uses at steady state)`,
      });
    }
    return issues;
  },
};
