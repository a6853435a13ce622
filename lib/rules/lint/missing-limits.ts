/**
 * A container without a memory limit can grow until the node runs out of memory, and the kernel then kills
 * other pods too. Only memory is required: CPU is compressible (an over-user is only slowed down), and a CPU
 * limit throttles the container even when the node is idle, which usually hurts latency more than it protects.
 */
import { Issue } from '../../util/errors';
import { ObjectRule, POD_KINDS } from '../types';
import { existingPointer, podContainers } from './objects';
import { hasLimit } from './resources';

const ID = 'missing-limits';

export const missingLimitsRule: ObjectRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'warning',
  kinds: POD_KINDS,
  description: 'Every container sets a memory limit (CPU limits are not required: they throttle).',
  check(obj, path): Issue[] {
    const issues: Issue[] = [];
    for (const x of podContainers(obj)) {
      const { c, name } = x;
      if (hasLimit(c, 'memory')) continue;
      issues.push({
        ruleId: ID, severity: 'warning', constructPath: path,
        jsonPointer: existingPointer(c, x.pointer, ['resources', 'limits']),
        message: `container "${name}" has no memory limit; expected: resources.limits.memory`,
        fix: 'set resources.limits.memory to what the container may use at peak, e.g. "512Mi"',
      });
    }
    return issues;
  },
};
