/**
 * Without cpu and memory requests the scheduler places a pod as if it used nothing: nodes get overcommitted,
 * the pod is first to be evicted (BestEffort), and utilization-based autoscaling cannot work.
 */
import { Issue } from '../../util/errors';
import { ObjectRule, POD_KINDS } from '../types';
import { existingPointer, podContainers } from './objects';
import { hasRequest } from './resources';

const ID = 'missing-requests';

export const missingRequestsRule: ObjectRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'warning',
  kinds: POD_KINDS,
  description: 'Every container requests cpu and memory, so the scheduler can place it and it is not evicted first.',
  check(obj, path): Issue[] {
    const issues: Issue[] = [];
    for (const x of podContainers(obj)) {
      const { c, name } = x;
      if (hasRequest(c, 'cpu') && hasRequest(c, 'memory')) continue;
      const missing = ['cpu', 'memory'].filter((r) => !hasRequest(c, r));
      issues.push({
        ruleId: ID, severity: 'warning', constructPath: path,
        jsonPointer: existingPointer(c, x.pointer, ['resources', 'requests']),
        message: `container "${name}" has no ${missing.join(' and ')} request; expected: resources.requests.cpu and resources.requests.memory`,
        fix: `set resources.requests, e.g. { ${missing.map((r) => (r === 'cpu' ? 'cpu: "100m"' : 'memory: "128Mi"')).join(', ')} } (what the container uses at steady state)`,
      });
    }
    return issues;
  },
};
