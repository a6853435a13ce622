/**
 * A Service whose selector matches no pod template has no endpoints: connections are refused. The pods may come
 * from outside the set, hence a warning.
 */
import { Issue } from '../../util/errors';
import { SetRule } from '../types';
import { showObject, issueAt } from './objects';
import { selectingServices, showSelector, templateIndexOf } from './selection';

const ID = 'service-selects-no-pod';

export const serviceSelectsNoPodRule: SetRule = {
  id: ID,
  category: 'lint',
  defaultSeverity: 'warning',
  description: 'A Service with a selector selects at least one pod template (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob) in its namespace.',
  check(objects): Issue[] {
    const services = selectingServices(objects);
    if (services.length === 0) return [];
    const index = templateIndexOf(objects);
    const issues: Issue[] = [];
    for (const s of services) {
      if (index.select(s).length > 0) continue;
      issues.push(issueAt(s.o, ID, 'warning', '/spec/selector',
        `${showObject(s.o.json)} selects ${showSelector(s.selector)}, but no pod template in namespace "${s.namespace}" has all these labels, so it has no endpoints`,
        'make the selector match the pod labels of the workload it serves (kubeforge derives it: workload.exposeViaService()), or remove the selector if its endpoints are managed by hand'));
    }
    return issues;
  },
};
